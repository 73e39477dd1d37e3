/**
 * Fetch helpers and wire types for the compliance and upload pages. The server is the authority
 * on these shapes (server/routes/compliance.ts, server/compliance-view.ts, server/routes/health.ts);
 * the types here are what these pages read of them.
 */
import type { Bilingual } from './i18n';

export type Level = 'city' | 'district' | 'township' | 'grid';
export type ServiceView = 'in_service' | 'planned';
export type Status = 'met' | 'not_met' | 'no_data' | 'informational' | 'not_applicable';
export type Unit = 'share' | 'Gbit/s' | 'informational';

export interface Health {
  status: string;
  version: number;
  city: { code: string; name: Bilingual };
  demo: { scale: string; seed: number } | null;
}

/** One indicator of the targets file, as `/api/compliance` lists them. */
export interface IndicatorSpec {
  id: string;
  label: Bilingual;
  /** The clause in the policy's own words, and the section it stands in. */
  clause: { section: string; text: string };
  measured: Bilingual;
  target: number | null;
  unit: Unit;
  deadline: string;
  threshold_mbps?: number;
  settlement?: string;
  target_note?: Bilingual;
  deadline_note?: Bilingual;
}

export interface IndicatorResult {
  id: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  target: number | null;
  unit: Unit;
  counts: 'households' | 'buildings' | 'places' | 'villages' | 'grid_cells' | 'gbit/s';
  status: Status;
  deadline: string;
  /** True from the deadline day on: a target not met is then late, not pending. */
  due: boolean;
  figures?: Record<string, number>;
  /** The clause section the result answers (in `/api/compliance` only). */
  clause?: string | null;
}

export interface AreaResult {
  level: Level;
  code: string;
  name: string;
  parent: string | null;
  indicators: IndicatorResult[];
}

export interface ComplianceResponse {
  version: number;
  asOf: string;
  view: ServiceView;
  level: Level;
  areas: AreaResult[];
  indicators: IndicatorSpec[];
  outside: { buildings: number; households: number };
  orphanRecords: number;
}

export interface AreaSeries {
  version: number;
  asOf: string;
  view: ServiceView;
  area: { level: Level; code: string; name: string; parent: string | null };
  indicators: IndicatorResult[];
  series: { asOf: string; indicators: IndicatorResult[] }[];
  catalogue: IndicatorSpec[];
}

/** Why a request failed: no answer at all, or the server's own error (with its bilingual message). */
export class ApiError extends Error {
  constructor(
    readonly url: string,
    /** HTTP status, or null when the server could not be reached. */
    readonly status: number | null,
    message: string,
    readonly serverMessage: Bilingual | null = null,
    readonly code: string | null = null,
    readonly details: unknown = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** No answer from the atlas itself (network error, gateway error, a 5xx without our JSON). */
  get unreachable(): boolean {
    if (this.status === null) return true;
    if (this.status >= 502 && this.status <= 504) return true;
    return this.status >= 500 && this.serverMessage === null;
  }
}

/** The server's JSON error shape `{ error: { code, message: {zh, en}, details } }`, read off a failed response. */
export async function errorFromResponse(url: string, response: Response): Promise<ApiError> {
  let message: Bilingual | null = null;
  let code: string | null = null;
  let details: unknown = null;
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: Bilingual; details?: unknown } };
    message = body.error?.message ?? null;
    code = body.error?.code ?? null;
    details = body.error?.details ?? null;
  } catch {
    // Not our JSON (a proxy's HTML page): the status says enough.
  }
  return new ApiError(url, response.status, `${url} answered ${response.status}`, message, code, details);
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** A bearer token (upload page). */
  token?: string | null;
  method?: string;
  body?: BodyInit;
  headers?: Record<string, string>;
}

export async function request(url: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let response: Response;
  try {
    response = await fetch(url, { method: options.method ?? 'GET', signal: options.signal, headers, body: options.body });
  } catch (e) {
    if (options.signal?.aborted) throw e;
    throw new ApiError(url, null, `cannot reach ${url}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!response.ok) throw await errorFromResponse(url, response);
  return response;
}

export async function getJson<T>(url: string, options: RequestOptions = {}): Promise<T> {
  const response = await request(url, { ...options, headers: { Accept: 'application/json', ...options.headers } });
  return (await response.json()) as T;
}

export const fetchHealth = (signal?: AbortSignal) => getJson<Health>('/api/health', { signal });

export function complianceUrl(level: Level, asOf: string, view: ServiceView, format: 'json' | 'csv' = 'json'): string {
  const params = new URLSearchParams({ level, asOf, view });
  if (format !== 'json') params.set('format', format);
  return `/api/compliance?${params}`;
}

export const fetchCompliance = (level: Level, asOf: string, view: ServiceView, signal?: AbortSignal) =>
  getJson<ComplianceResponse>(complianceUrl(level, asOf, view), { signal });

export function fetchAreaSeries(code: string, asOf: string, view: ServiceView, step: 'year' | 'quarter', signal?: AbortSignal): Promise<AreaSeries> {
  const params = new URLSearchParams({ asOf, view, step });
  return getJson<AreaSeries>(`/api/areas/${encodeURIComponent(code)}?${params}`, { signal });
}

/** A layer's features with only what these pages read of them (names). */
export interface NamedFeatures {
  features: { properties: Record<string, unknown> }[];
}

export const fetchLayerFeatures = (layer: string, signal?: AbortSignal) =>
  getJson<NamedFeatures>(`/api/layers/${encodeURIComponent(layer)}/features?limit=10000`, { signal });

/** The message to show for a failure, in the reader's language. */
export function describeError(error: unknown, lang: 'zh' | 'en'): string {
  if (error instanceof ApiError) return error.serverMessage ? error.serverMessage[lang] : error.message;
  return error instanceof Error ? error.message : String(error);
}
