/**
 * The preview map's data, from the server's report (docs/UPLOADS.md, "The report"): the
 * upload's features in WGS 84 after the server's own conversion — so CSV and Shapefile uploads,
 * and files in GCJ-02, BD-09 or Gauss–Krüger, are drawn where the atlas would store them — and
 * each problem's position. The browser no longer parses the file: it could only read GeoJSON, and
 * only place WGS 84. Pure.
 */
import type { FeatureCollection, Geometry } from 'geojson';
import type { UploadProblem, UploadReport } from '../../../../geodata/contract';
import type { FeatureStatus } from './preview-style';

export interface PreviewProperties {
  /** The feature's index in the file: the same index its problems name. */
  __index: number;
  __id: string;
  __status: FeatureStatus;
  /** Drawn as its position (its geometry did not fit in the preview). */
  __reduced: boolean;
}

export interface Preview {
  collection: FeatureCollection<Geometry, PreviewProperties>;
  /** [west, south, east, north] of every drawable feature of the upload, or null. */
  bbox: [number, number, number, number] | null;
  drawable: number;
  included: number;
  reduced: number;
  truncated: boolean;
}

/** The report's preview for the map, or null when the report has none or nothing is drawable. */
export function previewOf(report: Pick<UploadReport, 'preview'>): Preview | null {
  const p = report.preview;
  if (!p || p.drawable === 0) return null;
  return {
    collection: {
      type: 'FeatureCollection',
      features: p.features.map((f) => ({
        type: 'Feature',
        geometry: f.geometry,
        properties: { __index: f.properties.index, __id: f.properties.id ?? '', __status: f.properties.status, __reduced: f.properties.reduced === true },
      })),
    },
    bbox: p.bbox ? [p.bbox[0], p.bbox[1], p.bbox[2], p.bbox[3]] : null,
    drawable: p.drawable,
    included: p.included,
    reduced: p.reduced,
    truncated: p.truncated,
  };
}

/** Each feature's position (WGS 84), from its problems. */
export function positionsOf(problems: readonly UploadProblem[]): Map<number, [number, number]> {
  const out = new Map<number, [number, number]>();
  for (const p of problems) if (p.index !== null && p.position && !out.has(p.index)) out.set(p.index, p.position);
  return out;
}
