/**
 * The running atlas: its data directory, store, targets and base geography, opened once and
 * handed to the routes and the CLI.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTargets, type TargetsFile } from '../geodata/targets';
import type { BaseGeography } from '../geodata/base/types';
import { DEFAULT_TARGETS_FILE, loadBaseGeography } from '../seeds/base-geography';
import { SqliteStore } from './store/sqlite';
import type { AtlasStore } from './store/types';

export interface Atlas {
  dataDir: string;
  store: AtlasStore;
  base: BaseGeography;
  /** Re-read on each call: an official may edit the file while the atlas runs. */
  targets(): TargetsFile;
  close(): void;
}

export function openAtlas(dataDir: string, options: { cityDir?: string } = {}): Atlas {
  mkdirSync(dataDir, { recursive: true });
  const store = new SqliteStore(join(dataDir, 'atlas.db'));
  const targetsFile = join(dataDir, 'targets.json');
  // The data directory holds the officials' editable copy; the repo's file is only the default.
  if (!existsSync(targetsFile)) copyFileSync(DEFAULT_TARGETS_FILE, targetsFile);
  return {
    dataDir,
    store,
    base: loadBaseGeography(options.cityDir),
    targets: () => parseTargets(JSON.parse(readFileSync(targetsFile, 'utf8'))),
    close: () => store.close(),
  };
}

/** The demo marker written by the seeder, or null for real data. */
export function demoInfo(store: AtlasStore): { scale: string; seed: number } | null {
  const raw = store.getMeta('demo');
  if (!raw) return null;
  const { scale, seed } = JSON.parse(raw) as { scale: string; seed: number };
  return { scale, seed };
}
