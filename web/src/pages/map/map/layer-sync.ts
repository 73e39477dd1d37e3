/**
 * Applying changed layer definitions to live layers, property by property (a language switch
 * changes a label's field; a new indicator changes a fill's colour and a filter), so layers are
 * never removed and re-added for a change of look. Each setter compares first: MapLibre
 * re-evaluates a layer on every set, even of the same value.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { LayerDef } from '../../../shared/map/types';

type LayoutName = Parameters<MapLibreMap['setLayoutProperty']>[1];
type PaintName = Parameters<MapLibreMap['setPaintProperty']>[1];
type Filter = Parameters<MapLibreMap['setFilter']>[1];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Whether a layer is drawn: the component's switch and the definition's own visibility. */
export function layerVisibility(def: LayerDef, visible: boolean): 'visible' | 'none' {
  return visible && def.layout?.visibility !== 'none' ? 'visible' : 'none';
}

export function syncVisibility(map: MapLibreMap, def: LayerDef, visible: boolean): void {
  if (!map.getLayer(def.id)) return;
  const next = layerVisibility(def, visible);
  if ((map.getLayoutProperty(def.id, 'visibility') ?? 'visible') !== next) map.setLayoutProperty(def.id, 'visibility', next);
}

/** Layout (but visibility), paint and filter. */
export function syncStyle(map: MapLibreMap, def: LayerDef): void {
  if (!map.getLayer(def.id)) return;
  for (const [key, value] of Object.entries(def.layout ?? {})) {
    if (key === 'visibility') continue;
    const name = key as LayoutName;
    if (!same(map.getLayoutProperty(def.id, name), value)) map.setLayoutProperty(def.id, name, value);
  }
  for (const [key, value] of Object.entries(def.paint ?? {})) {
    const name = key as PaintName;
    if (!same(map.getPaintProperty(def.id, name), value)) map.setPaintProperty(def.id, name, value);
  }
  const filter = 'filter' in def ? (def.filter as Filter) : undefined;
  if (!same(map.getFilter(def.id) ?? undefined, filter)) map.setFilter(def.id, filter ?? null);
}
