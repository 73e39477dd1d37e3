/**
 * What the engine reads: every layer's current features, as the store (or the demo generator)
 * holds them. Properties are read through the typed accessors here, in one place.
 */
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { poleOfInaccessibility } from '../geometry/label-points';
import { signedRingArea } from '../geometry/ring-area';
import type { LayerId } from '../schema';

export interface FeatureRecord {
  owner: string;
  id: string;
  geometry: Geometry | null;
  properties: Record<string, unknown>;
}

export type LayerData = Record<LayerId, readonly FeatureRecord[]>;

export const str = (f: FeatureRecord, key: string): string => String(f.properties[key] ?? '');
export const num = (f: FeatureRecord, key: string): number => Number(f.properties[key] ?? 0);

/** A point that stands for a feature: the point itself; for a line its first vertex; for an
 * area (buildings and places may be footprints) the pole of inaccessibility of its largest part,
 * which stays inside L- and U-shaped footprints where a centroid would not. */
export function anchorOf(geometry: Geometry | null): Position | null {
  if (!geometry) return null;
  switch (geometry.type) {
    case 'Point':
      return geometry.coordinates;
    case 'MultiPoint':
    case 'LineString':
      return geometry.coordinates[0] ?? null;
    case 'MultiLineString':
      return geometry.coordinates[0]?.[0] ?? null;
    case 'Polygon':
    case 'MultiPolygon': {
      const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
      const largest = polygons.reduce<Position[][] | null>((best, p) => (!best || Math.abs(signedRingArea(p[0] ?? [])) > Math.abs(signedRingArea(best[0] ?? [])) ? p : best), null);
      return largest && (largest[0]?.length ?? 0) >= 4 ? poleOfInaccessibility(largest) : null;
    }
    default:
      return null;
  }
}

export function isAreal(g: Geometry | null): g is Polygon | MultiPolygon {
  return !!g && (g.type === 'Polygon' || g.type === 'MultiPolygon');
}
