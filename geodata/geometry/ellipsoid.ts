/**
 * The Earth's size and shape: the WGS 84 ellipsoid (EPSG:7030), the datum of RFC 7946 and of
 * every layer (CGCS2000's ellipsoid differs from it by 0.1 mm in the semi-minor axis). This is
 * the one home of those numbers: distances (distance.ts), label points, the map's ground scale
 * (web/src/lib/ground-scale.ts) and the demo generator read them from here.
 *
 * On an ellipsoid a degree is not a fixed length. A degree of latitude is M·π/180 and a degree
 * of longitude N·cos φ·π/180, where M and N are the radii of curvature in the meridian and in
 * the prime vertical at latitude φ. At 32° N a degree of latitude is 110,887 m and a degree of
 * longitude 94,493 m; the equator's 111,320 m is neither.
 */

/** Semi-major axis (equatorial radius), metres, as defined. */
export const WGS84_A = 6_378_137;
/** Flattening, as defined. */
export const WGS84_F = 1 / 298.257_223_563;
/** First eccentricity squared, e² = f(2 − f). */
export const WGS84_E2 = WGS84_F * (2 - WGS84_F);

export const RADIANS_PER_DEGREE = Math.PI / 180;

/** Radius of curvature in the meridian, M(φ) = a(1 − e²) / (1 − e² sin²φ)^3/2, metres. */
export function meridionalRadius(latitude: number): number {
  const s = Math.sin(latitude * RADIANS_PER_DEGREE);
  const w = 1 - WGS84_E2 * s * s;
  return (WGS84_A * (1 - WGS84_E2)) / (w * Math.sqrt(w));
}

/** Radius of curvature in the prime vertical, N(φ) = a / √(1 − e² sin²φ), metres. */
export function primeVerticalRadius(latitude: number): number {
  const s = Math.sin(latitude * RADIANS_PER_DEGREE);
  return WGS84_A / Math.sqrt(1 - WGS84_E2 * s * s);
}

/** Metres per degree of latitude at a latitude (a short step north or south). */
export function metresPerDegreeLatitude(latitude: number): number {
  return meridionalRadius(latitude) * RADIANS_PER_DEGREE;
}

/** Metres per degree of longitude at a latitude (a short step east or west along the parallel). */
export function metresPerDegreeLongitude(latitude: number): number {
  return primeVerticalRadius(latitude) * Math.cos(latitude * RADIANS_PER_DEGREE) * RADIANS_PER_DEGREE;
}

/** The fewest metres a degree of latitude spans anywhere (at the equator, where M is least). */
export const MIN_METRES_PER_DEGREE_LATITUDE = WGS84_A * (1 - WGS84_E2) * RADIANS_PER_DEGREE;
