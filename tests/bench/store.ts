/**
 * The demo store a benchmark serves: seeded once into data/bench-<scale> (ignored by git) and
 * reused by later runs, so a run measures serving, not seeding.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, startAtlasServer, type AtlasServer } from '../browser/harness';
import { openAtlas } from '../../server/atlas';
import { seedDemo } from '../../server/seed';
import type { Scale } from '../../seeds/generate';
import type { Bench } from './harness';

export function benchStoreDir(scale: Scale): string {
  return join(REPO_ROOT, 'data', `bench-${scale}`);
}

export function isBenchStoreSeeded(scale: Scale): boolean {
  return existsSync(join(benchStoreDir(scale), 'seeded'));
}

export async function ensureBenchStore(bench: Bench, scale: Scale): Promise<string> {
  const dataDir = benchStoreDir(scale);
  if (isBenchStoreSeeded(scale)) return dataDir;
  mkdirSync(dataDir, { recursive: true });
  const seeded = await bench.time(() => {
    const atlas = openAtlas(dataDir);
    try {
      return seedDemo(atlas.store, atlas.base, scale);
    } finally {
      atlas.close();
    }
  });
  writeFileSync(join(dataDir, 'seeded'), JSON.stringify(seeded.value.counts));
  bench.record({ name: `seed the ${scale} demo into SQLite (once; reused later)`, value: seeded.ms / 1000, unit: 's' });
  return dataDir;
}

/** `atlas serve` over the store a benchmark seeded, if there is one; otherwise over a fresh demo of that scale. */
export function startBenchServer(scale: Scale, env: Record<string, string>): Promise<AtlasServer> {
  return startAtlasServer({
    ...(isBenchStoreSeeded(scale) ? { dataDir: benchStoreDir(scale), seedScale: 'none' as const } : { seedScale: scale }),
    timeoutMs: 600_000,
    env,
  });
}
