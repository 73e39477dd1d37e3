/**
 * Ground distances on the Web Mercator map. MapLibre draws a 512-pixel world at zoom 0, so a
 * pixel at zoom z spans 360° / (512·2^z) of longitude and, at latitude φ, cos φ times that of
 * latitude (in radians of the conformal sphere Web Mercator uses). On the ground (the WGS 84
 * ellipsoid, geodata/geometry/ellipsoid.ts) that is N·cos φ per radian east–west and M·cos φ
 * north–south: the two differ by 0.5 % at 32° N, so a reach drawn as a screen circle is a
 * compromise between them.
 */
import { RADIANS_PER_DEGREE, metresPerDegreeLatitude, metresPerDegreeLongitude } from '../../../../../geodata/geometry/ellipsoid';

const WORLD_PX = 512;

/** Ground metres per screen pixel east–west (along the parallel, as a scale bar reads) at a zoom and latitude. */
export function metresPerPixel(zoom: number, latitude: number): number {
  return (metresPerDegreeLongitude(latitude) * 360) / (WORLD_PX * 2 ** zoom);
}

/** Ground metres per screen pixel north–south (along the meridian) at a zoom and latitude. */
export function metresPerPixelNorthSouth(zoom: number, latitude: number): number {
  return (metresPerDegreeLatitude(latitude) * Math.cos(latitude * RADIANS_PER_DEGREE) * 360) / (WORLD_PX * 2 ** zoom);
}

/**
 * A MapLibre expression for the screen radius of a circle whose ground radius (metres) is the
 * feature property `property`, at `latitude`. A circle of r metres is r·k·2^z pixels: an
 * exponential (base 2) interpolation over zoom, which MapLibre evaluates exactly between any two
 * stops. k is the geometric mean of the east–west and north–south scales, so the circle has the
 * area of the true reach (an ellipse on the map, 0.5 % taller than wide) and is off by ±0.25 %
 * along the axes. `latitude` is one latitude for the map (the city's middle): across Chuzhou
 * (31.9°–33.2° N) the scale varies by ±0.7 %, under a pixel for most reaches drawn. The figures
 * never come from the drawing: the engine decides what is covered.
 */
export function metresToPixelsExpression(property: string, latitude: number): unknown[] {
  const k = 1 / Math.sqrt(metresPerPixel(0, latitude) * metresPerPixelNorthSouth(0, latitude));
  return ['interpolate', ['exponential', 2], ['zoom'], 0, ['*', ['get', property], k], 24, ['*', ['get', property], k * 2 ** 24]];
}
