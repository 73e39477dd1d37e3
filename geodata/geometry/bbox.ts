import type { Geometry, Position } from 'geojson';

export type BBox = [west: number, south: number, east: number, north: number];

/** The bounding box of a geometry, or null for an empty one. No allocation per vertex. */
export function geometryBBox(geometry: Geometry): BBox | null {
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  extendBBox(box, geometry);
  return box[0] <= box[2] ? box : null;
}

/** Grow `box` in place to cover `geometry`. */
export function extendBBox(box: BBox, geometry: Geometry): void {
  switch (geometry.type) {
    case 'Point':
      addPosition(box, geometry.coordinates);
      return;
    case 'MultiPoint':
    case 'LineString':
      for (const p of geometry.coordinates) addPosition(box, p);
      return;
    case 'MultiLineString':
    case 'Polygon':
      for (const line of geometry.coordinates) for (const p of line) addPosition(box, p);
      return;
    case 'MultiPolygon':
      for (const polygon of geometry.coordinates)
        for (const ring of polygon) for (const p of ring) addPosition(box, p);
      return;
    case 'GeometryCollection':
      for (const g of geometry.geometries) extendBBox(box, g);
      return;
  }
}

function addPosition(box: BBox, p: Position): void {
  const x = p[0]!;
  const y = p[1]!;
  if (x < box[0]) box[0] = x;
  if (y < box[1]) box[1] = y;
  if (x > box[2]) box[2] = x;
  if (y > box[3]) box[3] = y;
}

/** Union of two boxes (either may be null). */
export function unionBBox(a: BBox | null, b: BBox | null): BBox | null {
  if (!a) return b;
  if (!b) return a;
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}
