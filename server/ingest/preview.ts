/**
 * Where an upload's features are, for the report: each problem's position and a bounded preview
 * of the features, both in WGS 84 after the upload's own CRS conversion (so a GCJ-02, BD-09 or
 * Gauss–Krüger file, a CSV or a Shapefile is drawn where the atlas would store it).
 *
 * - A feature's position is a Point itself, else the centre of its geometry's bounding box,
 *   rounded to 6 decimals (about 0.1 m).
 * - The preview is a GeoJSON FeatureCollection of at most `previewFeatures` features and about
 *   `previewVertices` positions (limits.ts): the features with errors first, then those with
 *   warnings, then the others, each group in file order. A feature whose geometry no longer
 *   fits the position budget is drawn as its position (`reduced`). What was left out is counted.
 *
 * Pure: the pipeline hands in its entries once they are converted.
 */
import type { Geometry, Position } from 'geojson';
import type { BBox } from '../../geodata/geometry/bbox';

export type FeatureStatus = 'error' | 'warning' | 'ok';

export interface PreviewFeature {
  type: 'Feature';
  geometry: Geometry;
  properties: {
    /** The feature's 0-based index in the file: the `index` of its problems. */
    index: number;
    id: string | null;
    /** The worst of its problems. */
    status: FeatureStatus;
    /** Drawn as its position: its geometry did not fit in the preview's position budget. */
    reduced?: true;
  };
}

/** The report's `preview`: a GeoJSON FeatureCollection with a few foreign members (RFC 7946 §6.1). */
export interface UploadPreview {
  type: 'FeatureCollection';
  /** [west, south, east, north] of every drawable feature of the upload (not only those included); absent when none is. */
  bbox?: BBox;
  features: PreviewFeature[];
  /** Features of the upload with a geometry usable in WGS 84. */
  drawable: number;
  /** Features in `features`. */
  included: number;
  /** Of those, drawn as their position (the position budget ran out). */
  reduced: number;
  /** Not the whole upload: a drawable feature is left out or reduced to its position. */
  truncated: boolean;
  limits: { features: number; vertices: number };
}

/** What the pipeline knows of one feature once converted. */
export interface PlacedEntry {
  index: number;
  id: string | null;
  geometry: Geometry | null;
  /** `geometry` is in WGS 84, every position finite and in range. */
  wgs84: boolean;
}

/** Positions per coordinate nesting depth of each type. */
const DEPTH: Record<string, number> = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 };

/**
 * Is the geometry one of the six drawable types with every position two (or more) finite
 * numbers at the right depth, and at least one position? A rejected feature's geometry may be
 * anything: it is only converted when this holds.
 */
export function wellFormed(g: Geometry | null): boolean {
  if (!g || typeof g !== 'object') return false;
  const depth = DEPTH[g.type];
  if (depth === undefined) return false;
  let positions = 0;
  const walk = (c: unknown, d: number): boolean => {
    if (!Array.isArray(c)) return false;
    if (d === 0) {
      positions++;
      return c.length >= 2 && typeof c[0] === 'number' && typeof c[1] === 'number' && Number.isFinite(c[0]) && Number.isFinite(c[1]);
    }
    for (const inner of c) if (!walk(inner, d - 1)) return false;
    return true;
  };
  return walk((g as { coordinates?: unknown }).coordinates, depth) && positions > 0;
}

/** Visit every position (of a well-formed geometry). */
function eachPosition(g: Geometry, visit: (p: Position) => void): void {
  switch (g.type) {
    case 'Point':
      visit(g.coordinates);
      return;
    case 'MultiPoint':
    case 'LineString':
      g.coordinates.forEach(visit);
      return;
    case 'MultiLineString':
    case 'Polygon':
      for (const line of g.coordinates) line.forEach(visit);
      return;
    case 'MultiPolygon':
      for (const polygon of g.coordinates) for (const ring of polygon) ring.forEach(visit);
      return;
    default:
      return;
  }
}

const inRange = (x: number, y: number) => x >= -180 && x <= 180 && y >= -90 && y <= 90; // false for NaN

/** Every position finite and inside longitude/latitude range. */
export function inLonLatRange(g: Geometry): boolean {
  let ok = true;
  eachPosition(g, (p) => {
    if (ok && !inRange(p[0]!, p[1]!)) ok = false;
  });
  return ok;
}

export const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

function bboxOf(g: Geometry): BBox | null {
  const b: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  eachPosition(g, (p) => {
    const x = p[0]!;
    const y = p[1]!;
    if (x < b[0]) b[0] = x;
    if (y < b[1]) b[1] = y;
    if (x > b[2]) b[2] = x;
    if (y > b[3]) b[3] = y;
  });
  return b[0] <= b[2] && b[1] <= b[3] ? b : null;
}

/** A feature's position: a Point itself, else the centre of its bounding box; 6 decimals. */
export function representativePoint(g: Geometry): [number, number] | null {
  let x: number;
  let y: number;
  if (g.type === 'Point') {
    [x, y] = g.coordinates as [number, number];
  } else {
    const b = bboxOf(g);
    if (!b) return null;
    x = (b[0] + b[2]) / 2;
    y = (b[1] + b[3]) / 2;
  }
  return inRange(x, y) ? [round6(x), round6(y)] : null;
}

/** The position of each listed problem's feature, set on the problem (`position`). */
export function attachPositions(problems: readonly { index: number | null; position?: [number, number] }[], entries: readonly PlacedEntry[]): void {
  const wanted = new Set<number>();
  for (const p of problems) if (p.index !== null) wanted.add(p.index);
  if (wanted.size === 0) return;
  const at = new Map<number, [number, number]>();
  for (const e of entries) {
    if (!wanted.has(e.index) || !e.wgs84 || !e.geometry) continue;
    const pos = representativePoint(e.geometry);
    if (pos) at.set(e.index, pos);
  }
  for (const p of problems) {
    const pos = p.index === null ? undefined : at.get(p.index);
    if (pos) p.position = pos;
  }
}

function countPositions(g: Geometry): number {
  let n = 0;
  eachPosition(g, () => n++);
  return n;
}

/** A copy with every position rounded to 6 decimals (the stored geometry is left alone). */
function rounded(g: Geometry): Geometry {
  const r = (p: Position): Position => [round6(p[0]!), round6(p[1]!)];
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: r(g.coordinates) };
    case 'MultiPoint':
      return { type: 'MultiPoint', coordinates: g.coordinates.map(r) };
    case 'LineString':
      return { type: 'LineString', coordinates: g.coordinates.map(r) };
    case 'MultiLineString':
      return { type: 'MultiLineString', coordinates: g.coordinates.map((l) => l.map(r)) };
    case 'Polygon':
      return { type: 'Polygon', coordinates: g.coordinates.map((l) => l.map(r)) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((l) => l.map(r))) };
    default:
      return g;
  }
}

const RANK: Record<FeatureStatus, number> = { error: 0, warning: 1, ok: 2 };

export function buildPreview(entries: readonly PlacedEntry[], statusOf: (index: number) => FeatureStatus, limits: { previewFeatures: number; previewVertices: number }): UploadPreview {
  let drawable = 0;
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  const groups: PlacedEntry[][] = [[], [], []];
  for (const e of entries) {
    if (!e.wgs84 || !e.geometry) continue;
    const b = bboxOf(e.geometry);
    if (!b) continue;
    drawable++;
    if (b[0] < box[0]) box[0] = b[0];
    if (b[1] < box[1]) box[1] = b[1];
    if (b[2] > box[2]) box[2] = b[2];
    if (b[3] > box[3]) box[3] = b[3];
    // Only as many of each group as could be included: a million-feature file keeps no list of a million.
    const group = groups[RANK[statusOf(e.index)]]!;
    if (group.length < limits.previewFeatures) group.push(e);
  }
  const features: PreviewFeature[] = [];
  let budget = limits.previewVertices;
  let reduced = 0;
  outer: for (const group of groups) {
    for (const e of group) {
      if (features.length >= limits.previewFeatures || budget < 1) break outer;
      const g = e.geometry!;
      const status = statusOf(e.index);
      const n = g.type === 'Point' ? 1 : countPositions(g);
      if (n <= budget) {
        budget -= n;
        features.push({ type: 'Feature', geometry: rounded(g), properties: { index: e.index, id: e.id, status } });
        continue;
      }
      const pos = representativePoint(g);
      if (!pos) continue;
      budget -= 1;
      reduced++;
      features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: pos }, properties: { index: e.index, id: e.id, status, reduced: true } });
    }
  }
  features.sort((a, b) => a.properties.index - b.properties.index);
  return {
    type: 'FeatureCollection',
    ...(drawable > 0 ? { bbox: box.map(round6) as BBox } : {}),
    features,
    drawable,
    included: features.length,
    reduced,
    truncated: features.length < drawable || reduced > 0,
    limits: { features: limits.previewFeatures, vertices: limits.previewVertices },
  };
}
