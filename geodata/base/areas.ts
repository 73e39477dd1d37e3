/**
 * Geodesic areas on the WGS 84 ellipsoid (GeographicLib, Karney 2013): what a county's area is,
 * as opposed to turf's spherical approximation (a sphere of radius 6,378,137 m, which reads
 * about 0.2–0.7 % high in China's latitudes). Pure.
 */
import geographiclib from 'geographiclib-geodesic';
import type { MultiPolygon, Polygon, Position } from 'geojson';

// A CommonJS package: its named exports exist only on the default import under Node's ESM loader.
const { Geodesic, PolygonArea } = geographiclib;
const WGS84 = Geodesic.WGS84;

/** Unsigned area of one closed ring (first position repeated last, or not), in m². */
export function ringAreaM2(ring: readonly Position[]): number {
  const poly = new PolygonArea.PolygonArea(WGS84, false);
  const n = ring.length > 1 && ring[0]![0] === ring[ring.length - 1]![0] && ring[0]![1] === ring[ring.length - 1]![1] ? ring.length - 1 : ring.length;
  for (let i = 0; i < n; i++) poly.AddPoint(ring[i]![1]!, ring[i]![0]!);
  return Math.abs(poly.Compute(false, true).area ?? 0);
}

/** Area of a (Multi)Polygon in m²: each shell less its holes. */
export function geodesicAreaM2(g: Polygon | MultiPolygon): number {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let total = 0;
  for (const [shell, ...holes] of polys) {
    if (!shell) continue;
    total += ringAreaM2(shell) - holes.reduce((s, h) => s + ringAreaM2(h), 0);
  }
  return total;
}
