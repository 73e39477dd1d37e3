/**
 * Tile URLs for a date and a service view. The server hands out tile URLs in its TileJSON with
 * the data version (`v=`, cacheable for a day) and, for dated sources, the date; moving the time
 * slider rewrites only `asOf` and `view` in those URLs, so the map keeps its sources and layers
 * and MapLibre reloads the tiles in place (`VectorTileSource.setTiles`).
 */
import type { ServiceView, TileJson } from '../../../../../geodata/contract';

/** The atlas's tile sources, in the order their layers are stacked (see shared/map/style.ts). */
export const TILE_SOURCES = ['districts', 'townships', 'grid', 'villages', 'buildings', 'fixed_service', 'wifi_hotspots', 'public_places', 'mobile_sites', 'ducts'] as const;
export type TileSourceId = (typeof TILE_SOURCES)[number];

/** A source whose features or figures change with the date: its TileJSON URL carries `asOf`. */
export function isDated(tilejson: TileJson): boolean {
  const first = tilejson.tiles[0];
  return first !== undefined && /[?&]asOf=/.test(first);
}

/**
 * The tile URL templates for a date and view. `{z}/{x}/{y}` stay as they are (URLSearchParams
 * would escape the braces, so the query is rebuilt by hand).
 */
export function tileUrls(tilejson: TileJson, asOf: string, view: ServiceView): string[] {
  if (!isDated(tilejson)) return tilejson.tiles;
  return tilejson.tiles.map((template) => {
    const q = template.indexOf('?');
    const base = q < 0 ? template : template.slice(0, q);
    const params = (q < 0 ? '' : template.slice(q + 1))
      .split('&')
      .filter((p) => p !== '' && !p.startsWith('asOf=') && !p.startsWith('view='));
    params.push(`asOf=${asOf}`);
    if (view !== 'in_service') params.push(`view=${view}`);
    return `${base}?${params.join('&')}`;
  });
}
