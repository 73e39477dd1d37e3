/**
 * The atlas's API client, for all three pages: the transport (fetch with the session's token,
 * every failure thrown as one ApiRequestError) and one function per endpoint the web app calls.
 * Request and response types are the wire contract's (geodata/contract), which the server's
 * routes are checked against too; nothing here re-declares them.
 */
import type {
  ApiErrorBody,
  AreaFigures,
  AreaQuery,
  BBox,
  Bilingual,
  BuildingFigures,
  ComplianceQuery,
  ComplianceResponse,
  FeaturePage,
  FeaturesQuery,
  FiguresQuery,
  GapsQuery,
  GapsResponse,
  Health,
  IndicatorId,
  LayersResponse,
  Level,
  Me,
  RevertResult,
  ServiceView,
  TileJson,
  TileJsonQuery,
  UploadHistory,
  UploadProgress,
  UploadQuery,
  UploadReport,
  WhatIfRequest,
  WhatIfResponse,
} from '../../../geodata/contract';
import { authHeaders, currentToken, setToken } from './session';

// ------------------------------------------------------------------ errors and transport

/** Why a request failed: the server could not be reached, or it answered with an error. */
export class ApiRequestError extends Error {
  constructor(
    readonly url: string,
    /** HTTP status, or null when there was no answer at all (server down, network error). */
    readonly status: number | null,
    message: string,
    /** The server's own bilingual message, when it sent one. */
    readonly serverMessage: Bilingual | null = null,
    /** The server's error code and details (an upload's report on a refused commit). */
    readonly code: string | null = null,
    readonly details: unknown = null,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }

  /**
   * No answer from the atlas itself: a network error, a gateway's 502–504, or a 5xx without the
   * atlas's JSON error body (the Vite dev proxy answers 500 when `atlas serve` is down).
   */
  get unreachable(): boolean {
    if (this.status === null) return true;
    if (this.status >= 502 && this.status <= 504) return true;
    return this.status >= 500 && this.serverMessage === null;
  }
}

/** The message to show for a failure, in the reader's language: the server's own, else the error's. */
export function describeError(error: unknown, lang: 'zh' | 'en'): string {
  if (error instanceof ApiRequestError && error.serverMessage) return error.serverMessage[lang];
  return error instanceof Error ? error.message : String(error);
}

/** An aborted request: superseded by a newer one, not a failure to show. */
export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

/** The error a failed answer stands for, read from the contract's error shape when it has one. */
function errorOf(url: string, status: number, body: unknown): ApiRequestError {
  const error = (body as Partial<ApiErrorBody> | null)?.error;
  return new ApiRequestError(url, status, `${url} answered ${status}`, error?.message ?? null, error?.code ?? null, error?.details ?? null);
}

async function errorFromResponse(url: string, response: Response): Promise<ApiRequestError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not our JSON error shape (a proxy's HTML page, say): the status says enough.
  }
  return errorOf(url, response.status, body);
}

/**
 * fetch to the atlas, with the session's token (unless the caller sets Authorization itself);
 * no answer and an error answer are both thrown as ApiRequestError.
 */
async function fetchOk(url: string, init: RequestInit = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { ...authHeaders(), ...init.headers } });
  } catch (e) {
    if (init.signal?.aborted) throw e;
    throw new ApiRequestError(url, null, `cannot reach ${url}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!response.ok) throw await errorFromResponse(url, response);
  return response;
}

async function requestJson<T>(url: string, init: RequestInit = {}): Promise<T> {
  const response = await fetchOk(url, { ...init, headers: { Accept: 'application/json, application/geo+json', ...init.headers } });
  return (await response.json()) as T;
}

const getJson = <T>(url: string, signal?: AbortSignal) => requestJson<T>(url, { signal });

/** A path with its query; empty and missing members are left out. */
function withQuery(path: string, params: object): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** `view` is left out when it is the server's default, so URLs stay short and cache alike. */
const figures = (asOf: string, view: ServiceView): FiguresQuery => ({ asOf, ...(view === 'in_service' ? {} : { view }) });

const segment = encodeURIComponent;

// ------------------------------------------------------------------ health and who is signed in

export const fetchHealth = (signal?: AbortSignal) => getJson<Health>('/api/health', signal);

/** Who a token belongs to (GET /api/me), asked with that token. */
const fetchMe = (token: string, signal?: AbortSignal) => requestJson<Me>('/api/me', { signal, headers: { Authorization: `Bearer ${token}` } });

/** Sign in with a token: kept for this tab only if it names someone. Rejects otherwise. */
export async function signIn(token: string): Promise<Me> {
  const me = await fetchMe(token);
  if (!me.authenticated) throw new ApiRequestError('/api/me', 401, 'not authenticated');
  setToken(token);
  return me;
}

/**
 * The token kept from earlier in this tab: still good? Null when there is none or it no longer
 * names anyone (then it is forgotten); other failures (server down) are thrown, the token kept.
 */
export async function restoreSession(signal?: AbortSignal): Promise<Me | null> {
  const token = currentToken();
  if (!token) return null;
  try {
    const me = await fetchMe(token, signal);
    if (me.authenticated) return me;
  } catch (e) {
    if (!(e instanceof ApiRequestError && e.status === 401)) throw e;
  }
  setToken(null);
  return null;
}

export const signOut = () => setToken(null);

// ------------------------------------------------------------------ layers and features

export const fetchLayers = (signal?: AbortSignal) => getJson<LayersResponse>('/api/layers', signal);

/** Every feature of a small layer in one page (the server caps a page at 10 000). */
export function fetchFeatures<P>(layer: string, signal?: AbortSignal): Promise<FeaturePage<P>> {
  return getJson(withQuery(`/api/layers/${segment(layer)}/features`, { limit: 10_000 } satisfies FeaturesQuery), signal);
}

/** The features of a layer within a small box (a point feature found by its position). */
export function fetchFeaturesIn<P>(layer: string, bbox: BBox, signal?: AbortSignal): Promise<FeaturePage<P>> {
  return getJson(withQuery(`/api/layers/${segment(layer)}/features`, { bbox: bbox.join(','), limit: 50 } satisfies FeaturesQuery), signal);
}

// ------------------------------------------------------------------ figures

function complianceUrl(level: Level, asOf: string, view: ServiceView, format: 'json' | 'csv' = 'json'): string {
  return withQuery('/api/compliance', { level, ...figures(asOf, view), ...(format === 'json' ? {} : { format }) } satisfies ComplianceQuery);
}

export function fetchCompliance(level: Level, asOf: string, view: ServiceView, signal?: AbortSignal): Promise<ComplianceResponse> {
  return getJson(complianceUrl(level, asOf, view), signal);
}

/** The same figures as the server's CSV (UTF-8, BOM dropped by the decoder). */
export async function fetchComplianceCsv(level: Level, asOf: string, view: ServiceView, signal?: AbortSignal): Promise<string> {
  return (await fetchOk(complianceUrl(level, asOf, view, 'csv'), { signal })).text();
}

/** One area's figures now and its series over time, a point per year (or quarter). */
export function fetchArea(code: string, asOf: string, view: ServiceView, step: 'year' | 'quarter', signal?: AbortSignal): Promise<AreaFigures> {
  return getJson(withQuery(`/api/areas/${segment(code)}`, { ...figures(asOf, view), step } satisfies AreaQuery), signal);
}

/** Items below an indicator's target, nearest duct first. */
export function fetchGaps(indicator: IndicatorId, asOf: string, view: ServiceView, limit: number, signal?: AbortSignal): Promise<GapsResponse> {
  return getJson(withQuery('/api/gaps', { indicator, ...figures(asOf, view), sort: 'duct', limit } satisfies GapsQuery), signal);
}

export function fetchBuilding(id: string, asOf: string, view: ServiceView, signal?: AbortSignal): Promise<BuildingFigures> {
  return getJson(withQuery(`/api/buildings/${segment(id)}`, figures(asOf, view)), signal);
}

export function postWhatIf(body: WhatIfRequest, asOf: string, view: ServiceView, signal?: AbortSignal): Promise<WhatIfResponse> {
  return requestJson(withQuery('/api/whatif', figures(asOf, view)), { method: 'POST', signal, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

/**
 * A tile source's TileJSON. Asked with a date, so that the URL it hands back shows whether the
 * source is dated (the server adds `asOf` to dated sources' tile URLs only).
 */
export function fetchTileJson(source: string, asOf: string, signal?: AbortSignal): Promise<TileJson> {
  return getJson(withQuery(`/tiles/${segment(source)}.json`, { asOf } satisfies TileJsonQuery), signal);
}

// ------------------------------------------------------------------ uploads

/** What the upload form chooses; `crs` null: the file's own (a .prj, a `crs` member), else WGS 84. */
export type UploadChoice = Required<Pick<UploadQuery, 'layer' | 'mode' | 'onError' | 'dryRun'>> & { crs: string | null };

/** A fresh id for an upload, so its progress can be asked for while the body is still going up. */
function newUploadId(): string {
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
 * POST /api/uploads as multipart form data, through XMLHttpRequest for its upload progress:
 * `onSent` reports the bytes sent. Resolves with the report; a refused commit (422
 * invalid_upload) rejects with an ApiRequestError whose `details` is the report.
 */
export function sendUpload(file: File, choice: UploadChoice, onSent: (sent: number, total: number) => void): RunningUpload {
  const id = newUploadId();
  const url = withQuery('/api/uploads', { ...choice, crs: choice.crs ?? undefined, uploadId: id } satisfies UploadQuery);
  const xhr = new XMLHttpRequest();
  const done = new Promise<UploadReport>((resolve, reject) => {
    xhr.open('POST', url);
    for (const [name, value] of Object.entries(authHeaders())) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader('X-Upload-Id', id);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => onSent(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.upload.onload = () => onSent(file.size, file.size);
    xhr.onload = () => {
      const body = xhr.response as unknown;
      if (xhr.status >= 200 && xhr.status < 300 && body) resolve(body as UploadReport);
      else reject(errorOf(url, xhr.status, body));
    };
    xhr.onerror = () => reject(new ApiRequestError(url, null, `cannot reach ${url}`));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { id, done, abort: () => xhr.abort() };
}

export const fetchProgress = (id: string, signal?: AbortSignal) => getJson<UploadProgress>(`/api/uploads/progress/${segment(id)}`, signal);

export const fetchHistory = (signal?: AbortSignal) => getJson<UploadHistory>('/api/uploads?limit=200', signal);

export const revertBatch = (version: number, dryRun: boolean) => requestJson<RevertResult>(withQuery(`/api/uploads/${version}/revert`, { dryRun }), { method: 'POST' });
