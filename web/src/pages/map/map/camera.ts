/** Moving the camera to a place: animated, unless the reader asked for reduced motion. */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { BBox } from '../../../../../geodata/contract';

const reduced = () => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

export function flyToBounds(map: MapLibreMap, bbox: BBox, maxZoom = 14.5): void {
  map.fitBounds(
    [
      [bbox[0], bbox[1]],
      [bbox[2], bbox[3]],
    ],
    { padding: 48, maxZoom, duration: reduced() ? 0 : 900, essential: true },
  );
}

export function flyToPoint(map: MapLibreMap, position: [number, number], zoom: number): void {
  map.flyTo({ center: position, zoom: Math.max(zoom, Math.min(map.getZoom(), 17)), duration: reduced() ? 0 : 1000, essential: true });
}
