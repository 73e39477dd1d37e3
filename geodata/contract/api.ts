/**
 * The wire contract, part 1: what every page and client reads first — the error shape, health,
 * who is signed in, the layers and their features, and the tiles' TileJSON.
 *
 * Types only: the server annotates what its routes send with these (`satisfies`), the web app
 * reads its answers as these, so the two cannot drift. Shapes the engine or the schema already
 * define are re-exported, never written again.
 */
import type { FeatureCollection, Geometry } from 'geojson';
import type { View } from '../engine/fixed-service';
import type { BBox } from '../geometry/bbox';
import type { GeometryType, Label, LayerId, Writer } from '../schema';

export type { BBox, LayerId };

/** Bilingual text as the API sends it (`{ zh, en }`): the schema's Label. */
export type Bilingual = Label;

/** Which service records count: those in service (the default), or also the planned ones. */
export type ServiceView = View;

/**
 * Every error answer, whatever the status: a stable code, a message in both languages and, for
 * some codes, details (the located problems of a refused upload or what-if, a parameter's
 * allowed values).
 */
export interface ApiErrorBody {
  error: { code: string; message: Bilingual; details?: unknown };
}

/** A link as OGC API – Features writes it (feature pages' next/prev). Every href is absolute. */
export interface Link {
  href: string;
  rel: string;
  type?: string;
  title?: string;
}

// ------------------------------------------------------------------ GET /api/health

/** The demo marker: set when the store holds the synthetic demo city rather than real data. */
export interface DemoInfo {
  scale: string;
  seed: number;
}

/** An online basemap: an XYZ raster template in WGS 84 / Web Mercator, and its credit line. */
export interface BasemapConfig {
  tiles: string[];
  /** A second raster drawn over the first (Tianditu's annotation layer), if any. */
  labels?: string[];
  attribution: string;
  maxzoom?: number;
}

export interface Health {
  status: 'ok';
  /** The store's data version. */
  version: number;
  city: { code: string; name: Bilingual };
  demo: DemoInfo | null;
  /**
   * An online basemap the operator configured. Reserved: this server does not send one yet (the
   * web app's build-time VITE_ATLAS_BASEMAP is the way today), and the web app reads it if set.
   */
  basemap?: BasemapConfig | null;
}

// ------------------------------------------------------------------ GET /api/me

/** Who a token belongs to, and what it may do. */
export interface Me {
  authenticated: boolean;
  /** Who, as the audit trail names them (demo-carrier-telecom, ops@telecom…). */
  name: string | null;
  role: string | null;
  carrier: string | null;
  /** The layers this caller may write, and the owner the features are written as. */
  writes: { layer: LayerId; owner: string }[];
  revert: 'none' | 'own' | 'any';
  history: 'none' | 'own' | 'all';
  /** Whether reads need no token on this atlas (ATLAS_PUBLIC_READ). */
  publicRead: boolean;
}

// ------------------------------------------------------------------ GET /api/layers, /api/layers/{layer}/features

/** One property of a layer, from the schema (docs/DATA-CONTRACT.md). */
export interface LayerProperty {
  type: string;
  required: boolean;
  label: Bilingual;
  values?: readonly string[];
  unit?: string;
}

export interface LayerInfo {
  id: LayerId;
  label: Bilingual;
  /** Allowed geometry types; empty for a layer without geometry (egress). */
  geometry: readonly GeometryType[];
  writer: Writer;
  count: number;
  /** [west, south, east, north], or null for a layer with no geometry or no features. */
  bbox: BBox | null;
  owners: string[];
  properties: Record<string, LayerProperty>;
}

export interface LayersResponse {
  version: number;
  layers: LayerInfo[];
}

/** The query of GET /api/layers/{layer}/features (every member optional). */
export interface FeaturesQuery {
  /** `west,south,east,north`. */
  bbox?: string;
  /** 1–10,000 (default 1,000). */
  limit?: number;
  offset?: number;
  /** Dated layers: features dated on or before it. */
  asOf?: string;
  /** Carrier layers only: one carrier's features. */
  carrier?: string;
}

/** A page of a layer's features: RFC 7946 GeoJSON with the page's counts and links. */
export interface FeaturePage<P = Record<string, unknown>, G extends Geometry | null = Geometry> extends FeatureCollection<G, P> {
  numberMatched: number;
  numberReturned: number;
  links: Link[];
}

// ------------------------------------------------------------------ GET /tiles/{source}.json

export interface TileJsonQuery {
  /** Dated sources: the date their tile URLs carry. */
  asOf?: string;
  view?: ServiceView;
}

/** TileJSON 3.0 as the atlas serves it. A dated source's tile URLs carry `asOf`. */
export interface TileJson {
  tilejson: '3.0.0';
  name: string;
  version: string;
  scheme: 'xyz';
  tiles: string[];
  minzoom: number;
  maxzoom: number;
  bounds: BBox;
  center: [lon: number, lat: number, zoom: number];
  vector_layers: { id: string; description: string; minzoom: number; maxzoom: number; fields: Record<string, string> }[];
  attribution: string;
}
