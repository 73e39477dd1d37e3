import type { Map as MapLibreMap } from 'maplibre-gl';

declare global {
  interface Window {
    /** Test hook: the upload page's preview map, while it is shown (tests/browser/upload.test.ts). */
    __uploadMap?: MapLibreMap;
  }
}

export {};
