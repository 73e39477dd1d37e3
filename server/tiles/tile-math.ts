/** Web Mercator tile arithmetic: lon/lat ↔ tile pixels, tile bounds. */

export const EXTENT = 4096;

/** The lon/lat box of tile z/x/y, [west, south, east, north]. */
export function tileBounds(z: number, x: number, y: number): [number, number, number, number] {
  const n = 2 ** z;
  const lon = (tx: number) => (tx / n) * 360 - 180;
  const lat = (ty: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * ty) / n))) * 180) / Math.PI;
  return [lon(x), lat(y + 1), lon(x + 1), lat(y)];
}

/** A lon/lat position in the tile's pixel space (0..EXTENT inside the tile). */
export function toTilePixel(lon: number, lat: number, z: number, x: number, y: number): [number, number] {
  const n = 2 ** z;
  const px = ((lon + 180) / 360) * n;
  const s = Math.sin((lat * Math.PI) / 180);
  const py = (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * n;
  return [(px - x) * EXTENT, (py - y) * EXTENT];
}
