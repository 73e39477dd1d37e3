/**
 * Features of a layer as GeoJSON (RFC 7946: lon/lat, right-hand rings, no `crs`), shared by
 * `GET /api/layers/{layer}/features` and the OGC API – Features items (server/ogc/).
 *
 * A page is planned first (count, how many it returns, the data version it reads), so every
 * parameter error and the counts are settled before the first byte goes out. Then the page is
 * streamed: the collection is written chunk by chunk as the client reads it, so a large export
 * (10,000 features a page, any number of pages) never becomes one huge string.
 */
import type { Feature, Geometry, Position } from 'geojson';
import type { BBox } from '../geodata/geometry/bbox';
import { mapPositions, roundCoordinate } from '../geodata/geometry/positions';
import { signedRingArea } from '../geodata/geometry/ring-area';
import { LAYERS, type LayerId } from '../geodata/schema';
import type { AtlasStore, ReadOptions, StoredFeature } from './store/types';


/** Features read from the store per chunk of a streamed page: one short, bounded SQLite read. */
const CHUNK_FEATURES = 500;

/** What to read: every filter of a page. Checked by server/params.ts before it gets here. */
export interface FeatureQuery {
  /** Boxes [west, south, east, north]; two when the request crosses the antimeridian. */
  bbox: BBox[] | null;
  limit: number;
  offset: number;
  /** Only this owner's features (a carrier id, or `city`). */
  owner?: string | null;
  /** Only features whose date (the layer's `dateField`) lies in this range; ignored on undated layers. */
  dates?: { from?: string | null; to?: string | null } | null;
}

/** A page ready to stream: its counts, and the store read pinned to one data version. */
export interface PagePlan {
  layer: LayerId;
  /** The data version the page reads, so its chunks agree even if a batch lands meanwhile. */
  version: number;
  read: ReadOptions;
  limit: number;
  offset: number;
  numberMatched: number;
  numberReturned: number;
}

export function planPage(store: AtlasStore, layer: LayerId, query: FeatureQuery): PagePlan {
  const version = store.version();
  const dateField = LAYERS[layer].dateField;
  const read: ReadOptions = {
    atVersion: version,
    bbox: query.bbox,
    ...(query.owner ? { owner: query.owner } : {}),
    ...(dateField && query.dates && (query.dates.from || query.dates.to) ? { dateRange: { field: dateField, ...query.dates } } : {}),
  };
  const numberMatched = countOnce(store, layer, version, read);
  const numberReturned = Math.max(0, Math.min(query.limit, numberMatched - query.offset));
  return { layer, version, read, limit: query.limit, offset: query.offset, numberMatched, numberReturned };
}

/**
 * Counts kept per store (bounded, oldest out), keyed by the query and by the version of the
 * layer's last batch, not the data version: a count of buildings in a box holds while carriers
 * upload service records, and a client paging through a layer asks for it on every page.
 */
const COUNT_CACHE_SIZE = 256;
const counts = new WeakMap<AtlasStore, Map<string, number>>();

function countOnce(store: AtlasStore, layer: LayerId, version: number, read: ReadOptions): number {
  let byQuery = counts.get(store);
  if (!byQuery) counts.set(store, (byQuery = new Map()));
  // The layer's last batch as of the pinned version (not "now": another process may have
  // committed since the page was planned, and this count must not be filed under its batch).
  const layerVersion = store.layerVersionAt(layer, version);
  const key = JSON.stringify([layer, layerVersion, read.owner ?? null, read.bbox ?? null, read.dateRange ?? null]);
  let n = byQuery.get(key);
  if (n === undefined) {
    n = store.count(layer, read);
    if (byQuery.size >= COUNT_CACHE_SIZE) byQuery.delete(byQuery.keys().next().value!);
  } else {
    byQuery.delete(key); // refresh its place
  }
  byQuery.set(key, n);
  return n;
}

/**
 * Read a planned page chunk by chunk. Each chunk is one complete SQLite read (better-sqlite3
 * keeps its connection busy while an iterator is open, so an iterator must never stay open
 * across an `await`); the next chunk starts after the last (owner, id) seen, not at a deeper
 * OFFSET, so a long export costs the same per chunk from start to end.
 */
export function* pageChunks(store: AtlasStore, plan: PagePlan, chunkSize = CHUNK_FEATURES): Generator<StoredFeature[]> {
  let remaining = plan.numberReturned;
  let after: ReadOptions['after'] = null;
  let offset = plan.offset;
  while (remaining > 0) {
    const chunk: StoredFeature[] = [...store.features(plan.layer, { ...plan.read, after, offset, limit: Math.min(chunkSize, remaining) })];
    if (chunk.length === 0) return;
    yield chunk;
    remaining -= chunk.length;
    const last: StoredFeature = chunk[chunk.length - 1]!;
    after = { owner: last.owner, id: last.id };
    offset = 0;
  }
}

export interface StreamOptions {
  /** Members written before `features` (numberMatched, links …), in this order. */
  members: Record<string, unknown>;
  /** One stored feature as GeoJSON. */
  feature: (f: StoredFeature) => Feature;
  /** Called if the store fails mid-stream: the status line is gone, so the operator hears of it here. */
  onError?: (error: unknown) => void;
}

/**
 * The page as a FeatureCollection byte stream, pulled as the client reads (backpressure): one
 * chunk of features per pull, so memory stays at one chunk whatever the page size.
 */
export function streamFeatureCollection(store: AtlasStore, plan: PagePlan, options: StreamOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const chunks = pageChunks(store, plan);
  let first = true;
  let started = false;
  const head = `{"type":"FeatureCollection",${Object.entries(options.members)
    .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`)
    .join(',')}${Object.keys(options.members).length ? ',' : ''}"features":[`;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      try {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(head));
          return;
        }
        const next = chunks.next();
        if (next.done) {
          controller.enqueue(encoder.encode(']}\n'));
          controller.close();
          return;
        }
        let text = '';
        for (const f of next.value) {
          text += (first ? '' : ',') + JSON.stringify(options.feature(f));
          first = false;
        }
        controller.enqueue(encoder.encode(text));
      } catch (error) {
        options.onError?.(error);
        controller.error(error);
      }
    },
    cancel() {
      chunks.return(undefined);
    },
  });
}

/**
 * A stored feature as an RFC 7946 Feature: geometry rounded and rewound, the store's owner
 * added as the `owner` property unless the layer's own schema defines `owner` (ducts: the
 * owning unit, 权属单位), which must not be overwritten.
 */
export function toRfc7946Feature(f: StoredFeature, id: string = f.id): Feature {
  const properties = 'owner' in LAYERS[f.layer].properties ? { owner: f.owner, ...f.properties } : { ...f.properties, owner: f.owner };
  return { type: 'Feature', id, geometry: f.geometry ? rfc7946Geometry(f.geometry) : null, properties } as Feature;
}

/**
 * The stored feature as it was stored: no rounding, no rewinding, so an export re-imports
 * unchanged (`atlas export`, `atlas seed --out`).
 */
export function toGeoJSON(f: StoredFeature): Feature {
  return { type: 'Feature', id: f.id, geometry: f.geometry as Feature['geometry'], properties: { ...f.properties, owner: f.owner } };
}

// --- RFC 7946 geometry ---------------------------------------------------------------------

function roundPosition(p: Position): Position {
  return p.length > 2 ? p.map(roundCoordinate) : [roundCoordinate(p[0]!), roundCoordinate(p[1]!)];
}

/**
 * RFC 7946 §3.1.6: exterior rings counter-clockwise, holes clockwise. A degenerate ring (no
 * area) is left as it is. The ring is rounded first, so the orientation is that of what is sent.
 */
function rewindPolygon(rings: readonly Position[][]): Position[][] {
  return rings.map((ring, i) => {
    const rounded = ring.map(roundPosition);
    const area = signedRingArea(rounded);
    const wantCcw = i === 0;
    return (wantCcw && area < 0) || (!wantCcw && area > 0) ? rounded.reverse() : rounded;
  });
}

/** A new geometry: coordinates rounded to 6 decimals, polygon rings wound by the right-hand rule. */
export function rfc7946Geometry(g: Geometry): Geometry {
  switch (g.type) {
    case 'Polygon':
      return { type: 'Polygon', coordinates: rewindPolygon(g.coordinates) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: g.coordinates.map(rewindPolygon) };
    case 'GeometryCollection':
      return { type: 'GeometryCollection', geometries: g.geometries.map(rfc7946Geometry) };
    default:
      return mapPositions(g, roundPosition);
  }
}
