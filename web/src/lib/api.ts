/**
 * Typed fetch helpers for the atlas API (server/routes/*.ts). The types here are the wire
 * contract as the web app reads it; the server is the authority.
 */
import type { FeatureCollection, Geometry } from 'geojson';

export interface Bilingual {
  zh: string;
  en: string;
}

/** [west, south, east, north] in degrees. */
export type BBox = [number, number, number, number];

export interface Health {
  status: string;
  version: number;
  city: { code: string; name: Bilingual };
  /** Set when the store holds the synthetic demo city rather than real data. */
  demo: { scale: string; seed: number } | null;
}

export interface LayerInfo {
  id: string;
  label: Bilingual;
  geometry: string[];
  count: number;
  bbox: BBox | null;
  owners: string[];
  properties: Record<string, unknown>;
}

export interface LayersResponse {
  version: number;
  layers: LayerInfo[];
}

export interface FeaturePage<P = Record<string, unknown>> extends FeatureCollection<Geometry, P> {
  numberMatched: number;
  numberReturned: number;
}

export interface DistrictProperties {
  code: string;
  name: string;
  name_en: string;
}

export interface TownshipProperties {
  code: string;
  name: string;
  short_name: string;
  name_pinyin: string;
  district_code: string;
  kind: string;
  settlement: string;
}

/** Why a request failed: the server could not be reached, or it answered with an error. */
export class ApiRequestError extends Error {
  constructor(
    readonly url: string,
    /** HTTP status, or null when there was no answer at all (server down, network error). */
    readonly status: number | null,
    message: string,
    /** The server's own bilingual message, when it sent one. */
    readonly serverMessage: Bilingual | null = null,
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

async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: { Accept: 'application/json, application/geo+json' } });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new ApiRequestError(url, null, `cannot reach ${url}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!response.ok) {
    let serverMessage: Bilingual | null = null;
    try {
      const body = (await response.json()) as { error?: { message?: Bilingual } };
      serverMessage = body.error?.message ?? null;
    } catch {
      // Not our JSON error shape (a proxy's HTML page, say): the status says enough.
    }
    throw new ApiRequestError(url, response.status, `${url} answered ${response.status}`, serverMessage);
  }
  return (await response.json()) as T;
}

export const fetchHealth = (signal?: AbortSignal) => getJson<Health>('/api/health', signal);

export const fetchLayers = (signal?: AbortSignal) => getJson<LayersResponse>('/api/layers', signal);

/** Every feature of a small layer in one page (the server caps a page at 10 000). */
export function fetchFeatures<P>(layer: string, signal?: AbortSignal): Promise<FeaturePage<P>> {
  const params = new URLSearchParams({ limit: '10000' });
  return getJson<FeaturePage<P>>(`/api/layers/${encodeURIComponent(layer)}/features?${params}`, signal);
}

/** The extent of one layer as the server reports it, or null when the layer is empty or unknown. */
export function layerBBox(layers: LayersResponse, id: string): BBox | null {
  return layers.layers.find((l) => l.id === id)?.bbox ?? null;
}
