/**
 * Backup and restore of a data directory (clause 保障措施 / (十): 容灾备份).
 * - `backupTo`: SQLite online backup of the live store, plus the targets file beside it.
 * - `restoreFrom`: checks a backup (integrity, schema) before it replaces the store, so a bad
 *   file never overwrites good data; the old store is kept as atlas.db.before-restore.
 * - `scheduleBackups`: every N hours into DATA_DIR/backups, keeping the newest K.
 */
import { copyFileSync, existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { AtlasStore } from './store/types';
import { privateDir, tighten } from './files';

export async function backupTo(store: AtlasStore, dataDir: string, out: string): Promise<{ file: string; bytes: number; version: number }> {
  privateDir(dirname(out));
  const version = store.version();
  const partial = `${out}.partial`;
  await store.backup(partial);
  // Renamed only when complete: a crash mid-backup never leaves a file that looks finished.
  renameSync(partial, out);
  const targets = join(dataDir, 'targets.json');
  if (existsSync(targets)) {
    copyFileSync(targets, `${out}.targets.json`);
    tighten(`${out}.targets.json`);
  }
  return { file: out, bytes: statSync(out).size, version };
}

export class BackupError extends Error {}

/** Check a backup file: a readable SQLite database of ours that passes integrity_check. */
export function checkBackup(file: string): { version: number; batches: number } {
  if (!existsSync(file)) throw new BackupError(`no such file: ${file}`);
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new BackupError(`${file} fails its integrity check: ${String(integrity)}`);
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    for (const t of ['meta', 'batches', 'features', 'audit']) if (!tables.has(t)) throw new BackupError(`${file} is not a Broadband Atlas store (no table ${t})`);
    const row = db.prepare('SELECT max(version) AS v, count(*) AS n FROM batches').get() as { v: number | null; n: number };
    return { version: row.v ?? 0, batches: row.n };
  } catch (e) {
    if (e instanceof BackupError) throw e;
    throw new BackupError(`${file} is not a readable database: ${(e as Error).message}`);
  } finally {
    db?.close();
  }
}

/** Replace the data directory's store by a checked backup. The server must be stopped. */
export function restoreFrom(file: string, dataDir: string): { version: number; batches: number } {
  const info = checkBackup(file);
  privateDir(dataDir);
  const target = join(dataDir, 'atlas.db');
  const staged = join(dataDir, 'atlas.db.restoring');
  copyFileSync(file, staged);
  tighten(staged);
  if (existsSync(target)) {
    // Fold the old WAL into the old file first, so the kept copy is whole.
    const old = new Database(target);
    old.pragma('wal_checkpoint(TRUNCATE)');
    old.close();
    renameSync(target, join(dataDir, 'atlas.db.before-restore'));
  }
  for (const ext of ['-wal', '-shm']) rmSync(`${target}${ext}`, { force: true });
  renameSync(staged, target);
  if (existsSync(`${file}.targets.json`)) {
    copyFileSync(`${file}.targets.json`, join(dataDir, 'targets.json'));
    tighten(join(dataDir, 'targets.json'));
  }
  return info;
}

/** Periodic backups with retention; returns a function that stops them. */
export function scheduleBackups(store: AtlasStore, dataDir: string, options: { everyHours: number; keep: number; log: (line: string) => void }): () => void {
  const dir = join(dataDir, 'backups');
  const run = async () => {
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
    try {
      const done = await backupTo(store, dataDir, join(dir, `atlas-${stamp}.db`));
      options.log(`backup: ${basename(done.file)} (${done.bytes} bytes, data version ${done.version})`);
      const files = readdirSync(dir).filter((f) => /^atlas-.*\.db$/.test(f)).sort();
      for (const f of files.slice(0, Math.max(0, files.length - options.keep))) {
        rmSync(join(dir, f), { force: true });
        rmSync(join(dir, `${f}.targets.json`), { force: true });
      }
    } catch (e) {
      options.log(`backup failed: ${(e as Error).message}`);
    }
  };
  const timer = setInterval(() => void run(), options.everyHours * 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}
