/**
 * Progress of running uploads, polled with GET /api/uploads/progress/{id}. The client may name
 * the upload (X-Upload-Id header or `uploadId` parameter) before sending it, so it can poll
 * while the body is still going up. Entries live for ten minutes after the upload ends.
 *
 * An id belongs to the token that started it: ids live in one namespace per token, so another
 * token — another carrier — can neither read an upload's progress (404, as if it did not exist)
 * nor take its id over. At most MAX_PER_TOKEN entries are kept per token (oldest finished out).
 */
import { randomBytes } from 'node:crypto';
import type { UploadProgress as Progress } from '../../geodata/contract';

// A running upload's progress as GET /api/uploads/progress/{id} sends it: the wire contract's.
export type { Progress };

const KEEP_MS = 10 * 60_000;
const MAX_PER_TOKEN = 100;
export const UPLOAD_ID = /^[A-Za-z0-9_-]{8,64}$/;

export class ProgressBoard {
  /** By token, then by upload id. */
  private entries = new Map<string, Map<string, { progress: Progress; expires: number }>>();

  private of(token: string): Map<string, { progress: Progress; expires: number }> {
    let mine = this.entries.get(token);
    if (!mine) this.entries.set(token, (mine = new Map()));
    return mine;
  }

  start(token: string, actor: string, id: string | null, totalBytes: number | null): Progress {
    this.sweep();
    const mine = this.of(token);
    const progress: Progress = {
      id: id ?? randomBytes(12).toString('base64url'),
      actor,
      phase: 'receiving',
      startedAt: new Date().toISOString(),
      bytes: 0,
      totalBytes,
      features: 0,
      version: null,
      error: null,
    };
    mine.delete(progress.id);
    mine.set(progress.id, { progress, expires: Infinity });
    for (const [old, e] of mine) {
      if (mine.size <= MAX_PER_TOKEN) break;
      if (e.expires !== Infinity) mine.delete(old);
    }
    return progress;
  }

  /** Whether this token has a running upload with this id (it may not reuse it meanwhile). */
  running(token: string, id: string): boolean {
    const e = this.entries.get(token)?.get(id);
    return !!e && e.expires === Infinity;
  }

  finish(token: string, progress: Progress, phase: 'done' | 'failed', detail: { version?: number | null; error?: string | null } = {}): void {
    progress.phase = phase;
    if (detail.version !== undefined) progress.version = detail.version;
    if (detail.error !== undefined) progress.error = detail.error;
    const e = this.entries.get(token)?.get(progress.id);
    if (e) e.expires = Date.now() + KEEP_MS;
  }

  /** This token's upload of that id, or null (another token's is null too). */
  get(token: string, id: string): Progress | null {
    this.sweep();
    return this.entries.get(token)?.get(id)?.progress ?? null;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [token, mine] of this.entries) {
      for (const [id, e] of mine) if (e.expires < now) mine.delete(id);
      if (mine.size === 0) this.entries.delete(token);
    }
  }
}
