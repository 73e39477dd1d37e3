/**
 * MapLibre GL JS, ready to make maps: its stylesheet loaded, and its worker pointed at the file
 * Vite emits (Vite does not bundle MapLibre's worker into the app). Every map of the web app
 * imports MapLibre from here, so this is done once.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

maplibregl.setWorkerUrl(workerUrl);

export { maplibregl };
