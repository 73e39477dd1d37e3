/**
 * Backup and restore (容灾备份): a backup taken by another process while a writer commits batch
 * after batch is consistent, and restoring it brings back every batch it covers with its audit
 * record. A damaged store is refused at start with a clear message.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../server/store/sqlite';

const dir = mkdtempSync(join(tmpdir(), 'atlas-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function atlas(dataDir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['server/bin/atlas.mjs', ...args], { env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A writer in its own process: `batches` commits of 200 buildings each, as fast as it can. */
function startWriter(dataDir: string, batches: number) {
  const script = join(dir, 'writer.ts');
  writeFileSync(
    script,
    `import { SqliteStore } from ${JSON.stringify(join(process.cwd(), 'server/store/sqlite.ts'))};
     const store = new SqliteStore(${JSON.stringify(join(dataDir, 'atlas.db'))});
     for (let v = 1; v <= ${batches}; v++) {
       const features = Array.from({ length: 200 }, (_, i) => ({ layer: 'buildings', owner: 'city', id: 'B' + v + '-' + i,
         geometry: { type: 'Point', coordinates: [118 + i / 1000, 32 + v / 1000] }, properties: { id: 'B' + v + '-' + i, use: 'residential', households: v } }));
       store.commit({ actor: 'writer', layer: 'buildings', owner: 'city', mode: 'append', note: 'batch ' + v }, features);
     }
     store.close();`,
  );
  const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'inherit', 'inherit'] });
  return new Promise<number | null>((resolve) => child.once('exit', resolve));
}

describe('atlas backup / restore', () => {
  it('takes consistent backups during a stream of commits, and restores them whole', async () => {
    const live = join(dir, 'live');
    mkdirSync(live, { recursive: true });
    const writer = startWriter(live, 150);
    const backups: { file: string; version: number }[] = [];
    // Back up several times while the writer runs.
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 150));
      const file = join(dir, `backup-${i}.db`);
      const r = atlas(live, 'backup', '--out', file);
      expect(r.code, r.err).toBe(0);
      backups.push({ file, version: JSON.parse(r.out).version });
    }
    expect(await writer).toBe(0);
    expect(backups.some((b) => b.version > 0)).toBe(true);

    for (const b of backups) {
      const target = join(dir, `restored-${b.version}`);
      const r = atlas(target, 'restore', b.file);
      expect(r.code, r.err).toBe(0);
      const store = new SqliteStore(join(target, 'atlas.db'));
      try {
        const versions = store.batches().map((x) => x.version);
        // Every batch committed before the backup began is there, in order, with no holes.
        expect(versions.length).toBeGreaterThanOrEqual(b.version);
        expect(versions).toEqual(Array.from({ length: versions.length }, (_, i) => i + 1));
        const audit = store.audit().filter((a) => a.action === 'commit');
        expect(audit.map((a) => a.version)).toEqual(versions);
        // Each batch appended 200 buildings: the store holds exactly that many.
        expect(store.count('buildings')).toBe(200 * versions.length);
        expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        store.close();
      }
    }
  });

  it('refuses to restore a file that is not a good backup, and changes nothing', () => {
    const target = join(dir, 'restored-bad');
    const bad = join(dir, 'not-a-backup.db');
    writeFileSync(bad, 'hello, I am not SQLite');
    const r = atlas(target, 'restore', bad);
    expect(r.code).toBe(1);
    expect(r.err).toContain('not a readable database');
    expect(r.err).toContain('nothing was changed');
  });
});

describe('a damaged store at start', () => {
  it('is refused with a clear message and exit 3, not a crash loop', () => {
    const dataDir = join(dir, 'damaged');
    expect(atlas(dataDir, 'seed', '--scale', 'small').code).toBe(0);
    // Fold the WAL in, then cut the database file in half.
    const s = new SqliteStore(join(dataDir, 'atlas.db'));
    s.db.pragma('wal_checkpoint(TRUNCATE)');
    s.close();
    const file = join(dataDir, 'atlas.db');
    truncateSync(file, Math.floor(statSync(file).size / 2));
    const r = atlas(dataDir, 'serve');
    expect(r.code).toBe(3);
    expect(r.err).toContain('is damaged');
    expect(r.err).toContain('atlas restore');
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('is refused when garbage overwrites its pages', () => {
    const dataDir = join(dir, 'garbled');
    expect(atlas(dataDir, 'seed', '--scale', 'small').code).toBe(0);
    const s = new SqliteStore(join(dataDir, 'atlas.db'));
    s.db.pragma('wal_checkpoint(TRUNCATE)');
    s.close();
    const fd = openSync(join(dataDir, 'atlas.db'), 'r+');
    writeSync(fd, Buffer.alloc(64 * 1024, 0x5a), 0, 64 * 1024, 8192);
    closeSync(fd);
    const r = atlas(dataDir, 'serve');
    expect(r.code).toBe(3);
    expect(r.err).toContain('is damaged');
  });
});
