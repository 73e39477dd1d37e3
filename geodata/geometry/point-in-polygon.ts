import type { MultiPolygon, Polygon, Position } from 'geojson';
import { orient2d } from 'robust-predicates';

/**
 * Is (x, y) in the polygon whose rings these are? Even-odd over every ring (holes included), so
 * a point in a hole is outside. **Boundary included**: a point exactly on an edge or a vertex
 * is inside — as a reach includes its radius, a drawn area includes its outline, and what lies
 * on it is decided the same way on every side (west and east, south and north, corners).
 *
 * Exact: which side of an edge the point lies on is Shewchuk's adaptive orientation test
 * (robust-predicates), so "on the edge" means on it in the coordinates as written, with no
 * tolerance, and a point a rounding error inside is inside. Used for service areas and the
 * what-if's drawn area, where a point in two areas is in both. Districts and townships, where a
 * point on a shared border must land in exactly one, use AreaIndex's half-open rule instead
 * (geodata/engine/area-index.ts).
 */
export function pointInRings(x: number, y: number, rings: readonly (readonly Position[])[]): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const xi = ring[i]![0]!;
      const yi = ring[i]![1]!;
      const xj = ring[j]![0]!;
      const yj = ring[j]![1]!;
      if (yi > y !== yj > y) {
        // The edge spans the point's height (half-open). Orientation against the edge directed
        // upwards: negative (robust-predicates' counter-clockwise) puts the point on its left,
        // so the edge crosses the ray to the right of the point; zero puts it on the edge.
        const o = yj > yi ? orient2d(xi, yi, xj, yj, x, y) : orient2d(xj, yj, xi, yi, x, y);
        if (o === 0) return true;
        if (o < 0) inside = !inside;
      } else if (yi === y && (xi === x || (yj === y && (xi < x) !== (xj < x)))) {
        // A vertex at the point, or a horizontal edge through it.
        return true;
      }
    }
  }
  return inside;
}

export function pointInPolygonGeometry(x: number, y: number, geometry: Polygon | MultiPolygon): boolean {
  if (geometry.type === 'Polygon') return pointInRings(x, y, geometry.coordinates);
  for (const polygon of geometry.coordinates) if (pointInRings(x, y, polygon)) return true;
  return false;
}
