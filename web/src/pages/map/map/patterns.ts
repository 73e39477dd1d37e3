/**
 * Fill patterns drawn in the page (no sprite sheet to fetch): the "no data" hatch, diagonal
 * lines on a light grey, so an area with nothing to count stands apart from every colour of
 * the share scale.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { NO_DATA } from './classes';

export const HATCH_IMAGE = 'atlas-hatch';

const SIZE = 8;

function rgba(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** An 8×8 tile of 45° lines; pixel-exact, so it repeats without seams. */
function hatch(): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(SIZE * SIZE * 4);
  const [br, bg, bb] = rgba(NO_DATA.color);
  const [lr, lg, lb] = rgba(NO_DATA.hatch);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const onLine = (x + y) % SIZE === 0 || (x + y) % SIZE === SIZE - 1;
      const i = (y * SIZE + x) * 4;
      data[i] = onLine ? lr : br;
      data[i + 1] = onLine ? lg : bg;
      data[i + 2] = onLine ? lb : bb;
      data[i + 3] = 255;
    }
  }
  return { width: SIZE, height: SIZE, data };
}

/** Add the patterns to a map (once; the style keeps them). */
export function addPatterns(map: MapLibreMap): void {
  if (!map.hasImage(HATCH_IMAGE)) map.addImage(HATCH_IMAGE, hatch(), { pixelRatio: 1 });
}

/** The same hatch as a CSS background, for legend swatches. */
export const HATCH_CSS = `repeating-linear-gradient(135deg, ${NO_DATA.hatch} 0 1.4px, ${NO_DATA.color} 1.4px 5.6px)`;
