/**
 * The chosen file's features for the preview map, read in the browser: GeoJSON (a
 * FeatureCollection, an array of Features, or one Feature) and newline-delimited GeoJSON. Each
 * feature keeps its index in the file — the same index the server's problems name — as the
 * `__index` property. Other formats (CSV, zipped shapefiles) are not drawn; their problems are
 * still listed. Pure apart from File.text().
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';

/** Files above this are not parsed for the preview (the browser would hold them twice). */
export const PREVIEW_MAX_BYTES = 60 * 1024 * 1024;

export type PreviewFormat = 'geojson' | 'ndjson';

export interface Preview {
  collection: FeatureCollection<Geometry, { __index: number; __id: string }>;
  /** [west, south, east, north] of the positions inside longitude/latitude range, or null. */
  bbox: [number, number, number, number] | null;
}

export function previewFormat(name: string): PreviewFormat | null {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (ext === 'geojson' || ext === 'json') return 'geojson';
  if (ext === 'ndjson' || ext === 'geojsonl' || ext === 'geojsons' || ext === 'jsonl' || ext === 'geojsonseq') return 'ndjson';
  return null;
}

function isFeature(v: unknown): v is Feature {
  return typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'Feature';
}

/** Features of a parsed document with their file index; null for a text that is not GeoJSON. */
export function featuresOf(text: string, format: PreviewFormat): (Feature | null)[] | null {
  const clean = text.replace(/^\uFEFF/, '');
  if (format === 'ndjson') {
    const out: (Feature | null)[] = [];
    for (const raw of clean.split('\n')) {
      const line = raw.replace(/^\u001e/, '');
      if (line.trim() === '') continue;
      try {
        const v: unknown = JSON.parse(line);
        out.push(isFeature(v) ? v : null);
      } catch {
        out.push(null);
      }
    }
    return out;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(clean);
  } catch {
    return null;
  }
  if (isFeature(doc)) return [doc];
  const list = Array.isArray(doc) ? doc : (doc as { features?: unknown } | null)?.features;
  if (!Array.isArray(list)) return null;
  return list.map((f) => (isFeature(f) ? f : null));
}

const VALID_GEOMETRY = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon']);

/** Visit every position of a geometry; false when a position is not two finite numbers. */
function eachPosition(g: Geometry, visit: (x: number, y: number) => void): boolean {
  let ok = true;
  const walk = (c: unknown, depth: number): void => {
    if (!Array.isArray(c)) {
      ok = false;
      return;
    }
    if (depth === 0) {
      const [x, y] = c as unknown[];
      if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) ok = false;
      else visit(x, y);
      return;
    }
    for (const inner of c) walk(inner, depth - 1);
  };
  const depth = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 }[g.type as 'Point'];
  if (depth === undefined) return false;
  walk((g as { coordinates?: unknown }).coordinates, depth);
  return ok;
}

/**
 * The drawable features: those whose geometry is well formed with every position inside
 * longitude/latitude range (a feature with bad coordinates is listed, not drawn).
 */
export function buildPreview(features: readonly (Feature | null)[]): Preview {
  const out: Preview['collection']['features'] = [];
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  features.forEach((f, index) => {
    const g = f?.geometry;
    if (!g || !VALID_GEOMETRY.has(g.type)) return;
    let inRange = true;
    let fw = Infinity;
    let fs = Infinity;
    let fe = -Infinity;
    let fn = -Infinity;
    const ok = eachPosition(g, (x, y) => {
      if (x < -180 || x > 180 || y < -90 || y > 90) inRange = false;
      fw = Math.min(fw, x);
      fs = Math.min(fs, y);
      fe = Math.max(fe, x);
      fn = Math.max(fn, y);
    });
    if (!ok || !inRange) return;
    w = Math.min(w, fw);
    s = Math.min(s, fs);
    e = Math.max(e, fe);
    n = Math.max(n, fn);
    const id = (f!.properties as Record<string, unknown> | null)?.id ?? f!.id ?? '';
    out.push({ type: 'Feature', geometry: g, properties: { __index: index, __id: String(id) } });
  });
  return { collection: { type: 'FeatureCollection', features: out }, bbox: Number.isFinite(w) ? [w, s, e, n] : null };
}

/** Read a chosen file into a preview, or null when its format or size is not previewed. */
export async function readPreview(file: File): Promise<Preview | null> {
  const format = previewFormat(file.name);
  if (!format || file.size > PREVIEW_MAX_BYTES) return null;
  const features = featuresOf(await file.text(), format);
  return features ? buildPreview(features) : null;
}
