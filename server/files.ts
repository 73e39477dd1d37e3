/**
 * The data directory's files are the operator's only: the store (and SQLite's -wal and -shm
 * beside it, which take the store's mode), backups, the targets and token files are created
 * 0600 and their folders 0700, so another account on the machine cannot read committed data,
 * duct routes or the audit trail. A file made before that rule is tightened when it is opened.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';

export const PRIVATE_FILE = 0o600;
export const PRIVATE_DIR = 0o700;

/** Create `path` empty with mode 0600 if it is missing; tighten it to 0600 if it is there. */
export function privateFile(path: string): void {
  if (!existsSync(path)) {
    closeSync(openSync(path, 'a', PRIVATE_FILE));
    chmodSync(path, PRIVATE_FILE); // the umask may have taken bits away, never added: exact now
    return;
  }
  tighten(path);
}

/** Mode 0600 on an existing file, if ours to change (best effort: a read-only mount stays as it is). */
export function tighten(path: string): void {
  try {
    chmodSync(path, PRIVATE_FILE);
  } catch {
    // Not ours, or not there: nothing to tighten.
  }
}

export function privateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: PRIVATE_DIR });
}
