import type { Geometry } from 'geojson';

/** One generated feature, ready for the store: owner is a carrier id or `city`. */
export interface GeneratedFeature {
  owner: string;
  id: string;
  geometry: Geometry | null;
  properties: Record<string, unknown>;
}
