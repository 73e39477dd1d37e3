/**
 * Features of a layer as a GeoJSON page: RFC 7946 (lon/lat, no `crs`), with the OGC API –
 * Features counts so a client knows whether there is more.
 */
import type { Feature, FeatureCollection } from 'geojson';
import type { BBox } from '../geodata/geometry/bbox';
import type { LayerId } from '../geodata/schema';
import type { AtlasStore, StoredFeature } from './store/types';

export interface FeaturePage extends FeatureCollection {
  numberMatched: number;
  numberReturned: number;
}

export function queryFeatures(
  store: AtlasStore,
  layer: LayerId,
  options: { bbox: BBox[] | null; limit: number; offset: number; owner?: string },
): FeaturePage {
  const read = { bbox: options.bbox, ...(options.owner ? { owner: options.owner } : {}) };
  const features: Feature[] = [];
  for (const f of store.features(layer, { ...read, limit: options.limit, offset: options.offset })) features.push(toGeoJSON(f));
  return { type: 'FeatureCollection', numberMatched: store.count(layer, read), numberReturned: features.length, features };
}

export function toGeoJSON(f: StoredFeature): Feature {
  return { type: 'Feature', id: f.id, geometry: f.geometry as Feature['geometry'], properties: { ...f.properties, owner: f.owner } };
}
