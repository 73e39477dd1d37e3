/**
 * Progress of running uploads, polled with GET /api/uploads/progress/{id}. The client may name
 * the upload (X-Upload-Id header or `uploadId` parameter) before sending it, so it can poll
 * while the body is still going up. Entries live for ten minutes after the upload ends.
 */
import { randomBytes } from 'node:crypto';
import type { UploadProgress as Progress } from '../../geodata/contract';

// A running upload's progress as GET /api/uploads/progress/{id} sends it: the wire contract's.
export type { Progress };

const KEEP_MS = 10 * 60_000;
export const UPLOAD_ID = /^[A-Za-z0-9_-]{8,64}$/;

export class ProgressBoard {
  private entries = new Map<string, { progress: Progress; expires: number }>();

  start(actor: string, id: string | null, totalBytes: number | null): Progress {
    this.sweep();
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
    this.entries.set(progress.id, { progress, expires: Infinity });
    return progress;
  }

  /** Whether an id is in use by a running upload (a client may not reuse one). */
  running(id: string): boolean {
    const e = this.entries.get(id);
    return !!e && e.expires === Infinity;
  }

  finish(progress: Progress, phase: 'done' | 'failed', detail: { version?: number | null; error?: string | null } = {}): void {
    progress.phase = phase;
    if (detail.version !== undefined) progress.version = detail.version;
    if (detail.error !== undefined) progress.error = detail.error;
    const e = this.entries.get(progress.id);
    if (e) e.expires = Date.now() + KEEP_MS;
  }

  get(id: string): Progress | null {
    this.sweep();
    return this.entries.get(id)?.progress ?? null;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, e] of this.entries) if (e.expires < now) this.entries.delete(id);
  }
}
