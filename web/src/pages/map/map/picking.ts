/** What the map's hover and click report, and what a pick selects. */
import type { Selection } from '../state.svelte';
import { AREA_SOURCE, LAYER_IDS, type AreaLevel } from './layer-styles';

export interface FeatureRef {
  source: string;
  sourceLayer?: string;
  id: string | number;
}

export interface PickedFeature extends FeatureRef {
  /** The style layer it was picked from. */
  layer: string;
  properties: Record<string, unknown>;
  lngLat: [number, number];
}

/** What a click on a feature of a given style layer selects. */
export function selectionOf(f: PickedFeature): Selection | null {
  const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));
  for (const level of ['district', 'township', 'grid'] as const) {
    if (f.layer === LAYER_IDS[level].fill) return { kind: 'area', level, code: str(f.properties.code) };
  }
  const feature = (layer: Extract<Selection, { kind: 'feature' }>['layer'], id: unknown): Selection => ({
    kind: 'feature',
    layer,
    id: str(id),
    properties: f.properties,
    position: f.lngLat,
  });
  switch (f.layer) {
    case LAYER_IDS.buildings:
      return { kind: 'building', id: str(f.properties.id), position: f.lngLat };
    case LAYER_IDS.buildingsBinned:
      return feature('buildings_binned', `${f.lngLat[0].toFixed(5)},${f.lngLat[1].toFixed(5)}`);
    case LAYER_IDS.villages:
      return feature('villages', f.properties.code);
    case LAYER_IDS.places:
      return feature('public_places', f.properties.id);
    case LAYER_IDS.wifi:
      return feature('wifi_hotspots', f.properties.id);
    case LAYER_IDS.mobile:
      return feature('mobile_sites', f.properties.id);
    case LAYER_IDS.ducts:
      return feature('ducts', f.properties.id);
    case LAYER_IDS.serviceFill:
      return feature('fixed_service', f.properties.id);
    default:
      return null;
  }
}

/** The feature-state target that draws a selection on the map, if it has one. */
export function refOf(selection: Selection | null): FeatureRef | null {
  if (!selection) return null;
  if (selection.kind === 'area') {
    if (selection.level === 'city') return null;
    const source = AREA_SOURCE[selection.level as AreaLevel];
    return { source, sourceLayer: source, id: selection.code };
  }
  if (selection.kind === 'building') return { source: 'buildings', sourceLayer: 'buildings', id: selection.id };
  if (selection.layer === 'buildings_binned') return null;
  return { source: selection.layer, sourceLayer: selection.layer, id: selection.id };
}

/** Pickable style layers, highest priority first: points, then lines, then the areas coloured. */
export function pickableLayers(level: AreaLevel | 'none'): string[] {
  const area = level === 'none' ? LAYER_IDS.district.fill : LAYER_IDS[level].fill;
  return [
    LAYER_IDS.buildings,
    LAYER_IDS.places,
    LAYER_IDS.villages,
    LAYER_IDS.wifi,
    LAYER_IDS.mobile,
    LAYER_IDS.buildingsBinned,
    LAYER_IDS.ducts,
    LAYER_IDS.serviceFill,
    area,
  ];
}
