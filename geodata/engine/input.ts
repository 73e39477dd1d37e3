/**
 * What the engine reads: every layer's current features, as the store (or the demo generator)
 * holds them. Properties are read through the typed accessors here, in one place.
 */
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';
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

/** A point that stands for a feature: the point itself, or for an area the middle of its
 * largest ring's bbox nudged inside (buildings and places may be polygons). */
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
    case 'MultiPolygon':
      return polygonAnchor(geometry);
    default:
      return null;
  }
}

/** Vertex average of the outer ring: inside for the convex-ish footprints of buildings and places. */
function polygonAnchor(g: Polygon | MultiPolygon): Position | null {
  const ring = g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0]?.[0];
  if (!ring || ring.length < 2) return null;
  let x = 0;
  let y = 0;
  const n = ring.length - 1;
  for (let i = 0; i < n; i++) {
    x += ring[i]![0]!;
    y += ring[i]![1]!;
  }
  return [x / n, y / n];
}

export function isAreal(g: Geometry | null): g is Polygon | MultiPolygon {
  return !!g && (g.type === 'Polygon' || g.type === 'MultiPolygon');
}
