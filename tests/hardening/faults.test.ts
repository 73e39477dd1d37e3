/**
 * Faults (issue: hardening): kill -9 during start-up seeding and during a backup, and a full
 * disk (a file-size limit with prlimit, which makes the kernel refuse writes as a full disk
 * does). Each must leave the store consistent and say what happened. (kill -9 during a commit
 * is tests/uploads/crash.test.ts; a damaged file at start is tests/hardening/backup.test.ts.)
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../server/store/sqlite';
import { startAtlasServer } from '../browser/harness';

const dir = mkdtempSync(join(tmpdir(), 'atlas-faults-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function atlas(dataDir: string, args: string[], prefix: string[] = []) {
  const cmd = prefix.length ? prefix[0]! : process.execPath;
  const argv = prefix.length ? [...prefix.slice(1), process.execPath, 'server/bin/atlas.mjs', ...args] : ['server/bin/atlas.mjs', ...args];
  const r = spawnSync(cmd, argv, { env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 2 ** 20 });
  if (r.error) throw r.error;
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function inspect(file: string) {
  const store = new SqliteStore(file);
  try {
    return {
      integrity: store.db.pragma('integrity_check', { simple: true }),
      version: store.version(),
      demo: store.getMeta('demo'),
      buildings: store.count('buildings'),
    };
  } finally {
    store.close();
  }
}

/** Start a process, kill -9 it `afterMs` after `marker` shows in its stderr. */
function killDuring(args: string[], env: Record<string, string>, marker: RegExp, afterMs: number): Promise<{ killed: boolean; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let armed = false;
    const onData = (d: Buffer) => {
      stderr += d.toString();
      if (!armed && marker.test(stderr)) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), afterMs);
      }
    };
    child.stderr.on('data', onData);
    child.stdout.on('data', onData);
    child.once('exit', (_code, signal) => resolve({ killed: signal === 'SIGKILL', stderr }));
  });
}

describe('kill -9 during start-up (seeding the demo)', () => {
  it('leaves either an empty store or the whole demo, and the next start serves a whole city', async () => {
    for (const afterMs of [1500, 4000]) {
      const dataDir = join(dir, `startup-${afterMs}`);
      const { killed } = await killDuring(['--import', 'tsx', 'server/cli.ts', 'serve'], { DATA_DIR: dataDir, ATLAS_SEED_SCALE: 'city', PORT: '0', HOST: '127.0.0.1' }, /seeding the demo city/, afterMs);
      expect(killed).toBe(true);
      const after = inspect(join(dataDir, 'atlas.db'));
      expect(after.integrity).toBe('ok');
      // All or nothing: never half a city.
      if (after.demo === null) expect([after.version, after.buildings]).toEqual([0, 0]);
      else expect(after.buildings).toBe(100_000);
      // The next start seeds (if it must) and serves.
      const server = await startAtlasServer({ dataDir, seedScale: 'small', timeoutMs: 120_000 });
      try {
        const layers = (await (await fetch(`${server.url}/api/layers`)).json()) as { layers: { id: string; count: number }[] };
        const count = layers.layers.find((l) => l.id === 'buildings')!.count;
        expect([5_000, 100_000]).toContain(count);
      } finally {
        await server.stop();
      }
    }
  });
});

describe('kill -9 during a backup', () => {
  it('leaves no file that looks like a finished backup, and the live store intact', async () => {
    const dataDir = join(dir, 'backup-kill');
    expect(atlas(dataDir, ['seed', '--scale', 'city']).code).toBe(0);
    const before = inspect(join(dataDir, 'atlas.db'));
    const out = join(dir, 'killed-backup.db');
    // The CLI prints nothing before it finishes: kill it shortly after it starts.
    const child = spawn(process.execPath, ['server/bin/atlas.mjs', 'backup', '--out', out], { env: { ...process.env, DATA_DIR: dataDir }, stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 1200));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    // Either it finished (then the file is a good backup) or there is no backup file at all.
    if (existsSync(out)) {
      const restored = join(dir, 'restored-after-kill');
      expect(atlas(restored, ['restore', out]).code).toBe(0);
      expect(inspect(join(restored, 'atlas.db')).version).toBe(before.version);
    }
    const after = inspect(join(dataDir, 'atlas.db'));
    expect(after).toEqual(before);
    // And a backup run to the end works after the interrupted one.
    expect(atlas(dataDir, ['backup', '--out', join(dir, 'good-backup.db')]).code).toBe(0);
  });
});

describe('a full disk', () => {
  it('refuses the write with a clear message; committed data is untouched', () => {
    if (!existsSync('/usr/bin/prlimit')) throw new Error('prlimit (util-linux) is needed for the full-disk test');
    const dataDir = join(dir, 'full');
    expect(atlas(dataDir, ['seed', '--scale', 'small']).code).toBe(0);
    const before = inspect(join(dataDir, 'atlas.db'));
    const file = join(dir, 'many-buildings.geojson');
    const features = Array.from({ length: 20_000 }, (_, i) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [118.3 + i / 1e5, 32.3] },
      properties: { id: `NB${i}`, use: 'residential', households: 3 },
    }));
    writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features }));
    // No file may grow past 1 MB: the write-ahead log fills "the disk" long before 20,000 rows land.
    const r = atlas(dataDir, ['import', '--layer', 'buildings', '--file', file, '--mode', 'append', '--actor', 'test'], ['/usr/bin/prlimit', '--fsize=1000000']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('存储空间不足');
    expect(r.err).toContain('out of storage');
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(inspect(join(dataDir, 'atlas.db'))).toEqual(before);
  });
});
