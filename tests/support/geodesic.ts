/**
 * The tests' independent distance reference: GeographicLib's geodesic on the WGS 84 ellipsoid
 * (Karney 2013, accurate to nanometres), from the `geographiclib-geodesic` package — no code of
 * ours. Positions are [longitude, latitude] as in GeoJSON.
 */
import geodesic from 'geographiclib-geodesic';

const WGS84 = geodesic.Geodesic.WGS84;

/** Geodesic metres between two [lon, lat] positions. */
export function geodesicM(a: readonly number[], b: readonly number[]): number {
  return WGS84.Inverse(a[1]!, a[0]!, b[1]!, b[0]!).s12!;
}

/** The [lon, lat] reached from `from` along the geodesic of initial azimuth `azimuth` (degrees
 * clockwise from north) for `metres`. */
export function geodesicDirect(from: readonly number[], azimuth: number, metres: number): [number, number] {
  const r = WGS84.Direct(from[1]!, from[0]!, azimuth, metres);
  return [r.lon2!, r.lat2!];
}
