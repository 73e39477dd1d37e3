/**
 * Every refused upload that was meant to commit leaves an `upload_rejected` row in the audit
 * table, whatever refused it and at which stage: a limit while the body arrived, a malformed
 * form, a layer the token may not write, the atlas too busy, a hostile zip (an entry climbing
 * out, too many entries, no .shp), invalid features, or an unexpected failure (a 500) while
 * committing. Dry runs change nothing and are not audited; requests refused before sign-in are
 * in the access log only, so an anonymous flood cannot grow the audit table.
 */
import type { AtlasStore } from '../store/types';
import { ApiError } from '../errors';

export type UploadStage = 'admit' | 'authorise' | 'receive' | 'parameters' | 'read' | 'convert' | 'plan' | 'commit';

export interface RefusedUpload {
  actor: string;
  stage: UploadStage;
  layer?: string | null;
  owner?: string | null;
  mode?: string | null;
  file?: { sha256: string; name: string | null; bytes: number } | null;
  format?: string | null;
}

const audited = new WeakSet<object>();

/** Record the refusal once (an error passing up through several layers is one refusal). */
export function auditRefusal(store: AtlasStore, upload: RefusedUpload, error: unknown, log?: (line: string) => void): void {
  if (typeof error === 'object' && error !== null) {
    if (audited.has(error)) return;
    audited.add(error);
  }
  const api = error instanceof ApiError ? error : null;
  const report = api?.code === 'invalid_upload' ? (api.details as { features?: { read: number }; summary?: { errors: number; warnings: number } } | undefined) : undefined;
  const detail: Record<string, unknown> = {
    layer: upload.layer ?? null,
    owner: upload.owner ?? null,
    mode: upload.mode ?? null,
    stage: upload.stage,
    status: api?.status ?? 500,
    code: api?.code ?? 'internal',
    fileHash: upload.file?.sha256 ?? null,
    file: upload.file?.name ?? null,
    bytes: upload.file?.bytes ?? null,
    format: upload.format ?? null,
    ...(report ? { read: report.features?.read ?? null, errors: report.summary?.errors ?? null, warnings: report.summary?.warnings ?? null } : {}),
  };
  try {
    store.recordAudit({ actor: upload.actor, action: 'upload_rejected', version: null, detail });
  } catch (e) {
    // The store itself failing (a full disk): the refusal still goes to the client and the log.
    log?.(`audit of a refused upload by ${upload.actor} failed: ${(e as Error).message}`);
  }
}
