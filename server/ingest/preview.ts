/**
 * Where an upload's features are, for the report: each problem's position and a bounded preview
 * of the features, both in WGS 84 after the upload's own CRS conversion (so a GCJ-02, BD-09 or
 * Gauss–Krüger file, a CSV or a Shapefile is drawn where the atlas would store it).
 *
 * - A feature's position is a Point itself, else the centre of its geometry's bounding box,
 *   rounded to 6 decimals (about 0.1 m).
 * - The preview is a GeoJSON FeatureCollection of at most `previewFeatures` features and about
 *   `previewVertices` positions (limits.ts): the features with errors first, then those with
 *   warnings, then the others, each group in file order. A feature whose geometry no longer
 *   fits the position budget is drawn as its position (`reduced`). What was left out is counted.
 *
 * Pure: the pipeline hands in its entries once they are converted.
 */
import type { Geometry } from 'geojson';
import type { FeatureStatus, PreviewFeature, UploadPreview } from '../../geodata/contract';
import { geometryBBox, type BBox } from '../../geodata/geometry/bbox';
import { countPositions, mapPositions, representativePoint, roundCoordinate } from '../../geodata/geometry/positions';

// The preview's shape is the wire contract's.
export type { FeatureStatus, PreviewFeature, UploadPreview };

/** What the pipeline knows of one feature once converted. */
export interface PlacedEntry {
  index: number;
  id: string | null;
  geometry: Geometry | null;
  /** `geometry` is in WGS 84, every position finite and in range. */
  wgs84: boolean;
}

/** The position of each listed problem's feature, set on the problem (`position`). */
export function attachPositions(problems: readonly { index: number | null; position?: [number, number] }[], entries: readonly PlacedEntry[]): void {
  const wanted = new Set<number>();
  for (const p of problems) if (p.index !== null) wanted.add(p.index);
  if (wanted.size === 0) return;
  const at = new Map<number, [number, number]>();
  for (const e of entries) {
    if (!wanted.has(e.index) || !e.wgs84 || !e.geometry) continue;
    const pos = representativePoint(e.geometry);
    if (pos) at.set(e.index, pos);
  }
  for (const p of problems) {
    const pos = p.index === null ? undefined : at.get(p.index);
    if (pos) p.position = pos;
  }
}

const RANK: Record<FeatureStatus, number> = { error: 0, warning: 1, ok: 2 };

export function buildPreview(entries: readonly PlacedEntry[], statusOf: (index: number) => FeatureStatus, limits: { previewFeatures: number; previewVertices: number }): UploadPreview {
  let drawable = 0;
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  const groups: PlacedEntry[][] = [[], [], []];
  for (const e of entries) {
    if (!e.wgs84 || !e.geometry) continue;
    const b = geometryBBox(e.geometry);
    if (!b) continue;
    drawable++;
    if (b[0] < box[0]) box[0] = b[0];
    if (b[1] < box[1]) box[1] = b[1];
    if (b[2] > box[2]) box[2] = b[2];
    if (b[3] > box[3]) box[3] = b[3];
    // Only as many of each group as could be included: a million-feature file keeps no list of a million.
    const group = groups[RANK[statusOf(e.index)]]!;
    if (group.length < limits.previewFeatures) group.push(e);
  }
  const features: PreviewFeature[] = [];
  let budget = limits.previewVertices;
  let reduced = 0;
  outer: for (const group of groups) {
    for (const e of group) {
      if (features.length >= limits.previewFeatures || budget < 1) break outer;
      const g = e.geometry!;
      const status = statusOf(e.index);
      const n = g.type === 'Point' ? 1 : countPositions(g);
      if (n <= budget) {
        budget -= n;
        features.push({ type: 'Feature', geometry: mapPositions(g, (p) => [roundCoordinate(p[0]!), roundCoordinate(p[1]!)]), properties: { index: e.index, id: e.id, status } });
        continue;
      }
      const pos = representativePoint(g);
      if (!pos) continue;
      budget -= 1;
      reduced++;
      features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: pos }, properties: { index: e.index, id: e.id, status, reduced: true } });
    }
  }
  features.sort((a, b) => a.properties.index - b.properties.index);
  return {
    type: 'FeatureCollection',
    ...(drawable > 0 ? { bbox: box.map(roundCoordinate) as BBox } : {}),
    features,
    drawable,
    included: features.length,
    reduced,
    truncated: features.length < drawable || reduced > 0,
    limits: { features: limits.previewFeatures, vertices: limits.previewVertices },
  };
}
