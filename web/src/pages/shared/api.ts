/**
 * Fetch helpers for the compliance and upload pages, on the map page's (lib/api.ts): the same wire
 * types and errors, plus requests with an explicit token (the upload page's sign-in) that hand back
 * the Response (CSV downloads) and what only these pages read of `/api/compliance`.
 */
import { fetchOk, type AreaFigures, type AreaResult, type ComplianceResponse as MapComplianceResponse, type Health, type IndicatorResult, type Level, type ServiceView } from '../../lib/api';

export { ApiRequestError as ApiError, describeError } from '../../lib/api';
export type { AreaResult, Health, IndicatorResult, IndicatorSpec, Level, ServiceView, Status } from '../../lib/api';

export type Unit = IndicatorResult['unit'];

/** A result as `/api/compliance` sends it: with the clause section it answers. */
export interface ClausedResult extends IndicatorResult {
  clause?: string | null;
}

/** `/api/compliance` with what only these pages read: clause sections, and what lies outside every district. */
export interface ComplianceResponse extends MapComplianceResponse {
  areas: (Omit<AreaResult, 'indicators'> & { indicators: ClausedResult[] })[];
  outside: { buildings: number; households: number };
  orphanRecords: number;
}

export type AreaSeries = AreaFigures;

export interface RequestOptions {
  signal?: AbortSignal;
  /** A bearer token (upload page). */
  token?: string | null;
  method?: string;
  body?: BodyInit;
  headers?: Record<string, string>;
}

export function request(url: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  return fetchOk(url, { method: options.method ?? 'GET', signal: options.signal, headers, body: options.body });
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
