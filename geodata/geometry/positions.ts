/**
 * The positions of a GeoJSON geometry: walking them, mapping them, checking them, rounding
 * them, and one representative position per geometry. Shared by the upload pipeline (CRS
 * conversion, the report's positions and preview), the geometry checks and the feature output.
 */
import type { Geometry, Position } from 'geojson';
import { geometryBBox } from './bbox';

/** Positions per coordinate nesting depth of each (non-collection) geometry type. */
export const GEOMETRY_DEPTH: Readonly<Record<string, number>> = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 };

/**
 * Coordinates are rounded to 6 decimals: about 0.1 m, finer than any source of the atlas
 * (RFC 7946 §11.2 recommends not sending spurious precision).
 */
export const COORDINATE_DECIMALS = 6;
const SCALE = 10 ** COORDINATE_DECIMALS;

export function roundCoordinate(value: number): number {
  // `+ 0` turns -0 into 0, so a rounded -0.0000001 is written "0", not "-0".
  return Math.round(value * SCALE) / SCALE + 0;
}

/** Visit every position of a geometry (collections are not walked). */
export function eachPosition(g: Geometry, visit: (p: Position) => void): void {
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

/** A new geometry of the same type with every position mapped (collections returned as they are). */
export function mapPositions(g: Geometry, map: (p: Position) => Position): Geometry {
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: map(g.coordinates) };
    case 'MultiPoint':
      return { type: 'MultiPoint', coordinates: g.coordinates.map(map) };
    case 'LineString':
      return { type: 'LineString', coordinates: g.coordinates.map(map) };
    case 'MultiLineString':
      return { type: 'MultiLineString', coordinates: g.coordinates.map((l) => l.map(map)) };
    case 'Polygon':
      return { type: 'Polygon', coordinates: g.coordinates.map((l) => l.map(map)) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((l) => l.map(map))) };
    default:
      return g;
  }
}

export function countPositions(g: Geometry): number {
  let n = 0;
  eachPosition(g, () => n++);
  return n;
}

/**
 * Is the geometry one of the six drawable types with every position two (or more) finite
 * numbers at the right depth, and at least one position? For geometry of unknown quality (a
 * rejected upload's), before anything walks it as typed.
 */
export function wellFormed(g: Geometry | null): boolean {
  if (!g || typeof g !== 'object') return false;
  const depth = GEOMETRY_DEPTH[g.type];
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

const inRange = (x: number, y: number) => x >= -180 && x <= 180 && y >= -90 && y <= 90; // false for NaN

/** Every position finite and inside longitude/latitude range. */
export function inLonLatRange(g: Geometry): boolean {
  let ok = true;
  eachPosition(g, (p) => {
    if (ok && !inRange(p[0]!, p[1]!)) ok = false;
  });
  return ok;
}

/** A geometry's position: a Point itself, else the centre of its bounding box; 6 decimals; null out of range. */
export function representativePoint(g: Geometry): [number, number] | null {
  let x: number;
  let y: number;
  if (g.type === 'Point') {
    [x, y] = g.coordinates as [number, number];
  } else {
    const b = geometryBBox(g);
    if (!b) return null;
    x = (b[0] + b[2]) / 2;
    y = (b[1] + b[3]) / 2;
  }
  return inRange(x, y) ? [roundCoordinate(x), roundCoordinate(y)] : null;
}
