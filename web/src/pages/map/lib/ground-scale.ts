/**
 * Ground distances on the Web Mercator map. MapLibre draws a 512-pixel world at zoom 0, so at
 * zoom z and latitude φ a pixel covers C·cos φ / (512·2^z) metres (C: the equator's length).
 * A circle of r metres is therefore r·k·2^z pixels with k = 512 / (C·cos φ): an exponential
 * (base 2) interpolation over zoom, which MapLibre evaluates exactly between any two stops.
 *
 * φ is one latitude for the whole map (the city's centre): across Chuzhou (31.9°–33.2° N) the
 * scale varies by 1.4 %, well under a pixel for any reach drawn.
 */
const EQUATOR_M = 40_075_016.686;
const WORLD_PX = 512;

/** Metres per screen pixel at a zoom and latitude. */
export function metresPerPixel(zoom: number, latitude: number): number {
  return (EQUATOR_M * Math.cos((latitude * Math.PI) / 180)) / (WORLD_PX * 2 ** zoom);
}

/**
 * A MapLibre expression for the screen radius of a circle whose ground radius (metres) is the
 * feature property `property`, at `latitude`.
 */
export function metresToPixelsExpression(property: string, latitude: number): unknown[] {
  const k = 1 / metresPerPixel(0, latitude);
  return ['interpolate', ['exponential', 2], ['zoom'], 0, ['*', ['get', property], k], 24, ['*', ['get', property], k * 2 ** 24]];
}
