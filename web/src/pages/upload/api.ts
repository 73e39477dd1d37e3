/**
 * The uploads API as this page uses it (server/routes/uploads.ts, server/ingest/*): the upload
 * itself through XMLHttpRequest (for its upload progress), the server's progress while it
 * processes, the history, and revert.
 */
import { ApiError, getJson, type Status } from '../shared/api';
import type { Bilingual } from '../shared/i18n';
import type { UploadProblem } from '../../../../server/ingest/problems';
import type { UploadPreview } from '../../../../server/ingest/preview';

export type { Bilingual };

export type Mode = 'replace' | 'append';
export type OnError = 'strict' | 'skip';

// The problem and preview shapes are the server's own (one definition, imported as types only).
export type { UploadPreview, UploadProblem };

export interface Counts {
  added: number;
  changed: number;
  unchanged: number;
  removed: number;
}

export interface Batch extends Counts {
  version: number;
  at: string;
  actor: string;
  layer: string;
  owner: string;
  mode: Mode | 'revert';
  fileHash: string | null;
  note: string | null;
  revertOf: number | null;
}

export interface Figure {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: Status;
}

export interface Effect {
  asOf: string;
  view: string;
  method: string;
  ms: number;
  indicators: {
    id: string;
    label: Bilingual;
    areas: { level: 'city' | 'district'; code: string; name: string; before: Figure; after: Figure; changed: boolean }[];
  }[];
}

export interface UploadReport {
  uploadId: string | null;
  dryRun: boolean;
  committed: boolean;
  /** No errors: a strict commit would go through. */
  ok: boolean;
  layer: string;
  owner: string;
  mode: Mode;
  onError: OnError;
  crs: { id: string; name: Bilingual; source: 'parameter' | 'prj' | 'file' | 'default' };
  file: { name: string | null; format: string; bytes: number; sha256: string; encoding: string };
  features: { read: number; valid: number; rejected: number; kept: number };
  counts: Counts | null;
  problems: UploadProblem[];
  summary: { errors: number; warnings: number; byCode: Record<string, number>; listed: number; truncated: boolean };
  effect: Effect | null;
  batch: Batch | null;
  /** The upload's features in WGS 84, bounded; null when asked without (preview=false). */
  preview: UploadPreview | null;
}

export type Phase = 'receiving' | 'parsing' | 'converting' | 'planning' | 'effect' | 'committing' | 'done' | 'failed';

export interface ServerProgress {
  id: string;
  phase: Phase;
  bytes: number;
  totalBytes: number | null;
  features: number;
  version: number | null;
  error: string | null;
}

export interface UploadParams {
  layer: string;
  mode: Mode;
  /** Omitted: the file's own CRS (a .prj, a `crs` member), else WGS 84. */
  crs: string | null;
  onError: OnError;
  dryRun: boolean;
}

/** A fresh id for an upload, so its progress can be asked for while the body is still going up. */
export function newUploadId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface RunningUpload {
  id: string;
  done: Promise<UploadReport>;
  abort(): void;
}

/**
 * POST /api/uploads as multipart form data. `onSent` reports the bytes sent (the browser's upload
 * progress). Resolves with the report; a refused commit (422 invalid_upload) rejects with an
 * ApiError whose `details` is the report.
 */
export function sendUpload(file: File, params: UploadParams, token: string, onSent: (sent: number, total: number) => void): RunningUpload {
  const id = newUploadId();
  const query = new URLSearchParams({ layer: params.layer, mode: params.mode, onError: params.onError, dryRun: String(params.dryRun), uploadId: id });
  if (params.crs) query.set('crs', params.crs);
  const url = `/api/uploads?${query}`;
  const xhr = new XMLHttpRequest();
  const done = new Promise<UploadReport>((resolve, reject) => {
    xhr.open('POST', url);
    xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('X-Upload-Id', id);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => onSent(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.upload.onload = () => onSent(file.size, file.size);
    xhr.onload = () => {
      const body = xhr.response as (UploadReport & { error?: { code?: string; message?: Bilingual; details?: unknown } }) | null;
      if (xhr.status >= 200 && xhr.status < 300 && body) resolve(body);
      else reject(new ApiError(url, xhr.status, `${url} answered ${xhr.status}`, body?.error?.message ?? null, body?.error?.code ?? null, body?.error?.details ?? null));
    };
    xhr.onerror = () => reject(new ApiError(url, null, `cannot reach ${url}`));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { id, done, abort: () => xhr.abort() };
}

export const fetchProgress = (id: string, token: string, signal?: AbortSignal) => getJson<ServerProgress>(`/api/uploads/progress/${encodeURIComponent(id)}`, { token, signal });

export interface History {
  version: number;
  numberMatched: number;
  batches: Batch[];
}

export const fetchHistory = (token: string, signal?: AbortSignal) => getJson<History>('/api/uploads?limit=200', { token, signal });

export interface RevertResult {
  dryRun: boolean;
  reverted: Batch;
  counts: Counts;
  batch: Batch | null;
}

export const revertBatch = (version: number, token: string, dryRun: boolean) =>
  getJson<RevertResult>(`/api/uploads/${version}/revert?dryRun=${dryRun}`, { token, method: 'POST' });

export interface LayerInfo {
  id: string;
  label: Bilingual;
  geometry: string[];
  writer: string;
}

export const fetchLayerList = (signal?: AbortSignal) => getJson<{ version: number; layers: LayerInfo[] }>('/api/layers', { signal });
