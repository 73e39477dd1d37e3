/**
 * Typed fetch helpers for the atlas API (server/routes/*.ts) and its tiles (server/routes/tiles.ts).
 * The types here are the wire contract as the web app reads it; the server is the authority.
 */
import type { FeatureCollection, Geometry, Polygon } from 'geojson';
import type { AreaResult, GapItem, IndicatorResult, Level, Status } from '../../../geodata/engine/engine';
import { authHeaders, type Me } from './session';

export type { AreaResult, IndicatorResult, Level, Status };

export interface Bilingual {
  zh: string;
  en: string;
}

/** [west, south, east, north] in degrees. */
export type BBox = [number, number, number, number];

/** Which service records count: those in service, or also the planned ones. */
export type ServiceView = 'in_service' | 'planned';

/** An online basemap: an XYZ raster template in WGS 84 / Web Mercator, and its credit line. */
export interface BasemapConfig {
  tiles: string[];
  /** A second raster drawn over the first (Tianditu's annotation layer), if any. */
  labels?: string[];
  attribution: string;
  maxzoom?: number;
}

export interface Health {
  status: string;
  version: number;
  city: { code: string; name: Bilingual };
  /** Set when the store holds the synthetic demo city rather than real data. */
  demo: { scale: string; seed: number } | null;
  /** An online basemap the operator configured (not sent by every server version). */
  basemap?: BasemapConfig | null;
}

export interface LayerInfo {
  id: string;
  label: Bilingual;
  geometry: string[];
  count: number;
  bbox: BBox | null;
  owners: string[];
  properties: Record<string, { type: string; label: Bilingual; unit?: string; values?: string[] }>;
}

export interface LayersResponse {
  version: number;
  layers: LayerInfo[];
}

export interface FeaturePage<P = Record<string, unknown>> extends FeatureCollection<Geometry, P> {
  numberMatched: number;
  numberReturned: number;
}

// ------------------------------------------------------------------ compliance

export interface IndicatorSpec {
  id: string;
  label: Bilingual;
  clause: { section: string; text: string };
  measured: Bilingual;
  target: number | null;
  unit: 'share' | 'Gbit/s' | 'informational';
  deadline: string;
  threshold_mbps?: number;
  settlement?: string;
  target_note?: Bilingual;
  deadline_note?: Bilingual;
}

export interface ComplianceResponse {
  version: number;
  asOf: string;
  view: ServiceView;
  level: Level;
  areas: AreaResult[];
  indicators: IndicatorSpec[];
}

export interface AreaFigures {
  version: number;
  asOf: string;
  view: ServiceView;
  area: { level: Level; code: string; name: string; parent: string | null };
  indicators: IndicatorResult[];
  series: { asOf: string; indicators: IndicatorResult[] }[];
  catalogue: IndicatorSpec[];
}

export type { GapItem };

export interface GapsResponse {
  indicator: string;
  asOf: string;
  total: number;
  items: GapItem[];
}

export interface Offer {
  record: string;
  carrier: string;
  technology: string;
  down_mbps: number;
  up_mbps: number;
  in_service: string;
  status: string;
  /** True when the offer comes from a service-area polygon rather than a record at the building. */
  area: boolean;
}

export interface BuildingFigures {
  asOf: string;
  id: string;
  position: [number, number];
  district: string | null;
  township: string | null;
  settlement: string | null;
  households: number;
  offers: Offer[];
  best_down_mbps: number;
  mobile: { '3g': boolean; '4g': boolean };
  nearest_duct_m: number | null;
}

export interface WhatIfRequest {
  geometry: Polygon;
  technology: string;
  down_mbps: number;
  from?: string;
  /** Who promises it. The server computes the figures from the offer alone (any carrier counts). */
  carrier?: string;
}

export interface WhatIfFigure {
  numerator: number;
  value: number | null;
  status: Status;
}

export interface WhatIfResponse {
  asOf: string;
  buildings: number;
  households: number;
  promise: { technology: string; down_mbps: number; from: string };
  areas: {
    level: Level;
    code: string;
    name: string;
    indicators: { id: string; denominator: number; before: WhatIfFigure; after: WhatIfFigure }[];
  }[];
}

/** TileJSON 3.0 as the atlas serves it (GET /tiles/{source}.json). */
export interface TileJson {
  tilejson: string;
  name: string;
  tiles: string[];
  minzoom: number;
  maxzoom: number;
  bounds?: BBox;
  attribution?: string;
  vector_layers: { id: string; fields: Record<string, string> }[];
}

// ------------------------------------------------------------------ errors and requests

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

/** The server's JSON error shape `{ error: { code, message: {zh, en}, details } }`, read off a failed response. */
export async function errorFromResponse(url: string, response: Response): Promise<ApiRequestError> {
  let error: { code?: string; message?: Bilingual; details?: unknown } | undefined;
  try {
    error = ((await response.json()) as { error?: typeof error }).error;
  } catch {
    // Not our JSON error shape (a proxy's HTML page, say): the status says enough.
  }
  return new ApiRequestError(url, response.status, `${url} answered ${response.status}`, error?.message ?? null, error?.code ?? null, error?.details ?? null);
}

/** fetch, with no answer and an error answer both thrown as ApiRequestError. */
export async function fetchOk(url: string, init: RequestInit = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (e) {
    if (init.signal?.aborted) throw e;
    throw new ApiRequestError(url, null, `cannot reach ${url}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!response.ok) throw await errorFromResponse(url, response);
  return response;
}

async function request<T>(url: string, init: RequestInit = {}): Promise<T> {
  const response = await fetchOk(url, { ...init, headers: { Accept: 'application/json, application/geo+json', ...authHeaders(), ...init.headers } });
  return (await response.json()) as T;
}

const getJson = <T>(url: string, signal?: AbortSignal) => request<T>(url, { signal });

function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  return q.toString();
}

/** `view` is left out when it is the server's default, so URLs stay short and cache alike. */
const viewParam = (view: ServiceView) => (view === 'in_service' ? undefined : view);

export const fetchHealth = (signal?: AbortSignal) => getJson<Health>('/api/health', signal);

export const fetchLayers = (signal?: AbortSignal) => getJson<LayersResponse>('/api/layers', signal);

/** Who a token belongs to (GET /api/me), asked with that token. */
export const fetchMe = (token: string, signal?: AbortSignal) => request<Me>('/api/me', { signal, headers: { Authorization: `Bearer ${token}` } });

/** Every feature of a small layer in one page (the server caps a page at 10 000). */
export function fetchFeatures<P>(layer: string, signal?: AbortSignal): Promise<FeaturePage<P>> {
  return getJson<FeaturePage<P>>(`/api/layers/${encodeURIComponent(layer)}/features?${query({ limit: 10000 })}`, signal);
}

/** The features of a layer within a small box (a point feature found by its position). */
export function fetchFeaturesIn<P>(layer: string, bbox: BBox, signal?: AbortSignal): Promise<FeaturePage<P>> {
  return getJson<FeaturePage<P>>(`/api/layers/${encodeURIComponent(layer)}/features?${query({ bbox: bbox.join(','), limit: 50 })}`, signal);
}

export function fetchCompliance(level: Level, asOf: string, view: ServiceView, signal?: AbortSignal): Promise<ComplianceResponse> {
  return getJson<ComplianceResponse>(`/api/compliance?${query({ level, asOf, view: viewParam(view) })}`, signal);
}

export function fetchArea(code: string, asOf: string, view: ServiceView, signal?: AbortSignal): Promise<AreaFigures> {
  return getJson<AreaFigures>(`/api/areas/${encodeURIComponent(code)}?${query({ asOf, view: viewParam(view), step: 'year' })}`, signal);
}

export function fetchGaps(indicator: string, asOf: string, view: ServiceView, limit: number, signal?: AbortSignal): Promise<GapsResponse> {
  return getJson<GapsResponse>(`/api/gaps?${query({ indicator, asOf, view: viewParam(view), sort: 'duct', limit })}`, signal);
}

export function fetchBuilding(id: string, asOf: string, view: ServiceView, signal?: AbortSignal): Promise<BuildingFigures> {
  return getJson<BuildingFigures>(`/api/buildings/${encodeURIComponent(id)}?${query({ asOf, view: viewParam(view) })}`, signal);
}

export function postWhatIf(body: WhatIfRequest, asOf: string, view: ServiceView, signal?: AbortSignal): Promise<WhatIfResponse> {
  return request<WhatIfResponse>(`/api/whatif?${query({ asOf, view: viewParam(view) })}`, {
    method: 'POST',
    signal,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/**
 * A tile source's TileJSON. Asked with a date, so that the URL it hands back shows whether the
 * source is dated (the server adds `asOf` to dated sources' tile URLs only).
 */
export function fetchTileJson(source: string, asOf: string, signal?: AbortSignal): Promise<TileJson> {
  return getJson<TileJson>(`/tiles/${encodeURIComponent(source)}.json?${query({ asOf })}`, signal);
}
