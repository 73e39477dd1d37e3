import type { MultiPolygon, Polygon, Position } from 'geojson';

/**
 * Even-odd ray casting over every ring of a polygon (holes included), so a point in a hole is
 * outside. Points exactly on an edge may go either way: callers that need "exactly one area"
 * for border points resolve ties with an explicit rule (see geodata/engine/assign.ts).
 */
export function pointInRings(x: number, y: number, rings: readonly Position[][]): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const xi = ring[i]![0]!;
      const yi = ring[i]![1]!;
      const xj = ring[j]![0]!;
      const yj = ring[j]![1]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

export function pointInPolygonGeometry(x: number, y: number, geometry: Polygon | MultiPolygon): boolean {
  if (geometry.type === 'Polygon') return pointInRings(x, y, geometry.coordinates);
  for (const polygon of geometry.coordinates) if (pointInRings(x, y, polygon)) return true;
  return false;
}
