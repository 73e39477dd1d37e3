/**
 * The map, shared from AtlasMap with the layer components inside it. AtlasMap renders its
 * children only once the style has loaded, so inside them `map` is never null.
 */
import { createContext } from 'svelte';
import type { Map as MapLibreMap } from 'maplibre-gl';

export interface MapContext {
  readonly map: MapLibreMap | null;
}

export const [getMapContext, setMapContext] = createContext<MapContext>();

/** The map from context, for a component rendered inside AtlasMap. */
export function useMap(): MapLibreMap {
  const map = getMapContext().map;
  if (!map) throw new Error('a map layer component must be rendered inside <AtlasMap>, after the map has loaded');
  return map;
}
