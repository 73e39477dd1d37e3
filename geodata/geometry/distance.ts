/**
 * Ground distances between longitude/latitude positions on the WGS 84 ellipsoid, for every
 * distance the atlas uses: mobile and WiFi reach, the nearest village seat, duct lengths and
 * the nearest duct, the upload checks.
 *
 * The local ellipsoidal ("mid-latitude") approximation: a pair's differences in longitude and
 * latitude are scaled by the radii of curvature N·cos φ and M at the pair's own mean latitude
 * (ellipsoid.ts). Against GeographicLib's geodesic (tests/geodata/distance.test.ts: pairs at
 * 0–20 km in every direction from 31.5° to 33.5° N) the largest relative error is 3 × 10⁻⁷
 * (0.00003 %), at 20 km; it falls with the square of the distance (5 × 10⁻⁹ at 2.5 km). The old
 * equirectangular metric with one constant (111,320 m per degree) and one reference latitude
 * was off by up to 0.6 %.
 *
 * Every rule compares these numbers as computed here (a building at a distance ≤ radius_m is
 * inside a reach; the nearest seat is the one with the least distance), so each question has
 * one answer wherever it is asked. Longitudes are not wrapped at ±180° (no city spans it).
 */
import { MIN_METRES_PER_DEGREE_LATITUDE, RADIANS_PER_DEGREE, WGS84_A, WGS84_E2, metresPerDegreeLatitude, metresPerDegreeLongitude } from './ellipsoid';

const HALF_RADIAN = RADIANS_PER_DEGREE / 2;
const A_RAD = WGS84_A * RADIANS_PER_DEGREE;
const A_RAD_1_E2 = WGS84_A * (1 - WGS84_E2) * RADIANS_PER_DEGREE;

/** Metres between (lon1, lat1) and (lon2, lat2). One cosine and two square roots; no allocation. */
export function distanceM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const c = Math.cos((lat1 + lat2) * HALF_RADIAN);
  // 1 − e² sin²φ, with sin² = 1 − cos²: N = a / √w, M = a(1 − e²) / w^3/2 = N(1 − e²) / w.
  const w = 1 - WGS84_E2 * (1 - c * c);
  const r = 1 / Math.sqrt(w);
  const dx = (lon2 - lon1) * A_RAD * r * c;
  const dy = ((lat2 - lat1) * A_RAD_1_E2 * r) / w;
  return Math.sqrt(dx * dx + dy * dy);
}

/**
 * Metres from a point to a segment (a straight line in longitude/latitude, as GeoJSON draws
 * it). The nearest point of the segment is found on the plane tangent at the point's latitude
 * (scales `kx`, `ky`: metres per degree of longitude and latitude there — pass them when asking
 * about many segments from one point), then measured with `distanceM`. The distance is
 * stationary at the nearest point, so the small error in finding it vanishes to second order.
 */
export function pointSegmentM(
  px: number,
  py: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
  kx: number = metresPerDegreeLongitude(py),
  ky: number = metresPerDegreeLatitude(py),
): number {
  const ux = (bx - ax) * kx;
  const uy = (by - ay) * ky;
  const len2 = ux * ux + uy * uy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * kx * ux + (py - ay) * ky * uy) / len2));
  return distanceM(px, py, ax + (bx - ax) * t, ay + (by - ay) * t);
}

/** Relative headroom on the degree boxes below: far above rounding, far below any cost. */
const BOX_PAD = 1 + 1e-9;

/**
 * Half-sizes in degrees of a box around (lon, lat) that holds every position within `metres`
 * of it by `distanceM`, at whatever latitude the other position lies: conservative, never
 * short. North–south it uses the fewest metres a degree of latitude spans anywhere (the
 * equator's M); east–west the fewest a degree of longitude spans over the latitudes the pair's
 * mean can reach (N·cos φ shrinks towards the pole, so at |lat| + half the box's height).
 */
export function radiusBox(lat: number, metres: number): { dLon: number; dLat: number } {
  const dLat = (metres / MIN_METRES_PER_DEGREE_LATITUDE) * BOX_PAD;
  const farthest = Math.abs(lat) + dLat / 2;
  const perLon = farthest >= 90 ? 0 : metresPerDegreeLongitude(farthest);
  const dLon = perLon > 0 ? Math.min(360, (metres / perLon) * BOX_PAD) : 360;
  return { dLon, dLat };
}

/**
 * Metres that each degree of latitude between two positions adds to distanceM at the least:
 * |Δlat| times this never exceeds their distance, anywhere — a cheap bound to skip candidates in
 * a nearest-point search without changing which one is nearest.
 */
export const METRES_PER_DEGREE_APART = MIN_METRES_PER_DEGREE_LATITUDE / BOX_PAD;

/**
 * A lower bound, in metres, of the distance from (lon, lat) to any position at least `deg`
 * degrees away in longitude or in latitude (outside a square of half-size `deg` around it).
 */
export function metresOutsideSquare(lat: number, deg: number): number {
  const farthest = Math.abs(lat) + deg / 2;
  const perLon = farthest >= 90 ? 0 : metresPerDegreeLongitude(farthest);
  return (deg * Math.min(MIN_METRES_PER_DEGREE_LATITUDE, perLon)) / BOX_PAD;
}
