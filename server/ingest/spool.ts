/**
 * The spool: temporary folders for an upload's body and the entries unpacked from its zip.
 * Each is named after the process that made it (`atlas-upload-<pid>-…`, mode 0700, files in it
 * 0600), so a server starting after a crash (a kill, a power cut) removes what a dead process
 * left, and never what a live one — another atlas, a test — is still using.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PREFIX = 'atlas-upload-';
/** Spools of an older atlas had no pid in their name: removed once this old. */
const UNNAMED_MAX_AGE_MS = 24 * 3_600_000;

/** The folder spools go in: ATLAS_UPLOAD_TMP, else the system's temporary folder. */
export function spoolRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.ATLAS_UPLOAD_TMP || tmpdir();
}

/** A new spool folder of this process (the caller removes it when done). */
export function makeSpool(): string {
  return mkdtempSync(join(spoolRoot(), `${PREFIX}${process.pid}-`));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, as another user's process.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Remove the spools no running process owns; returns the folders removed. */
export function sweepSpools(root = spoolRoot(), now = Date.now()): string[] {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(PREFIX)) continue;
    const pid = /^atlas-upload-(\d+)-/.exec(name)?.[1];
    const path = join(root, name);
    try {
      const stale = pid ? Number(pid) !== process.pid && !alive(Number(pid)) : now - statSync(path).mtimeMs > UNNAMED_MAX_AGE_MS;
      if (!stale) continue;
      rmSync(path, { recursive: true, force: true });
      removed.push(path);
    } catch {
      // Gone meanwhile, or not ours to remove: leave it.
    }
  }
  return removed;
}
