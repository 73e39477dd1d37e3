/**
 * The running atlas: its data directory, store, targets and base geography, opened once and
 * handed to the routes and the CLI.
 */
import { copyFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseTargets, type TargetsFile } from '../geodata/targets';
import type { BaseGeography } from '../geodata/base/types';
import { DEFAULT_TARGETS_FILE, loadBaseGeography } from '../seeds/base-geography';
import { EngineService } from './engine-service';
import { Registers } from './ingest/register';
import { SqliteStore } from './store/sqlite';
import { privateDir, tighten } from './files';
import type { AtlasStore } from './store/types';

export interface Atlas {
  dataDir: string;
  store: AtlasStore;
  base: BaseGeography;
  /** Re-read on each call: an official may edit the file while the atlas runs. */
  targets(): TargetsFile;
  /** The compliance engine, kept at the store's current version. */
  engine: EngineService;
  /** What uploads are checked against (the building register, the city's extent), kept fresh. */
  registers: Registers;
  close(): void;
}

export function openAtlas(dataDir: string, options: { cityDir?: string; h3Resolution?: number } = {}): Atlas {
  privateDir(dataDir);
  const store = new SqliteStore(join(dataDir, 'atlas.db'));
  const targetsFile = join(dataDir, 'targets.json');
  // The data directory holds the officials' editable copy; the repo's file is only the default.
  if (!existsSync(targetsFile)) {
    copyFileSync(DEFAULT_TARGETS_FILE, targetsFile);
    tighten(targetsFile);
  }
  const atlas: Atlas = {
    dataDir,
    store,
    base: loadBaseGeography(options.cityDir),
    targets: targetsReader(targetsFile),
    engine: null as unknown as EngineService,
    registers: null as unknown as Registers,
    close: () => store.close(),
  };
  atlas.engine = new EngineService(atlas, { h3Resolution: options.h3Resolution });
  atlas.registers = new Registers(atlas);
  return atlas;
}

/**
 * Build what the first requests would otherwise build (the engine, the upload register), so
 * a million-building city pays it at start, not in the middle of a carrier's upload or a map's
 * first tiles. Returns the timings for the start-up log.
 */
export function warmUp(atlas: Atlas): { engineMs: number; registerMs: number } {
  let t = performance.now();
  atlas.engine.current();
  const engineMs = performance.now() - t;
  t = performance.now();
  atlas.registers.buildings();
  atlas.registers.cityExtent();
  return { engineMs, registerMs: performance.now() - t };
}

/**
 * The targets file, re-read only when it changed on disk (size or mtime): hot paths ask for it
 * on every request, and an official's edit must still take effect at once. A broken edit throws
 * TargetsError on each call until it is fixed.
 */
function targetsReader(file: string): () => TargetsFile {
  let seen = '';
  let cached: TargetsFile | null = null;
  return () => {
    const st = statSync(file);
    const stamp = `${st.size}:${st.mtimeMs}`;
    if (cached && stamp === seen) return cached;
    const parsed = parseTargets(JSON.parse(readFileSync(file, 'utf8')));
    cached = parsed;
    seen = stamp;
    return parsed;
  };
}

/** The demo marker written by the seeder, or null for real data. */
export function demoInfo(store: AtlasStore): { scale: string; seed: number } | null {
  const raw = store.getMeta('demo');
  if (!raw) return null;
  const { scale, seed } = JSON.parse(raw) as { scale: string; seed: number };
  return { scale, seed };
}
