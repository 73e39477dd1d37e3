import type { Map as MapLibreMap } from 'maplibre-gl';

declare global {
  interface Window {
    /**
     * Test hook: the live MapLibre map, set by AtlasMap once created and cleared when it is
     * removed. The browser tests (tests/browser/) query it directly — `loaded()`,
     * `queryRenderedFeatures()`, `getLayoutProperty()` — instead of reading pixels. Not an API
     * for application code.
     */
    __atlasMap?: MapLibreMap;
  }
}

export {};
