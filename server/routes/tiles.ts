/**
 * The tile contract (after PMTiles' exactness):
 *   GET /tiles/{source}.json              TileJSON 3.0.0
 *   GET /tiles/{source}/{z}/{x}/{y}.mvt   Mapbox Vector Tile; `asOf`, `view` where dated
 * Zoom outside the source's range → 404; malformed path → 400; unknown source → 404; empty
 * tile → 204; ETag from the data version; If-None-Match → 304; gzip when accepted. A URL
 * carrying the current version (`v=`, as TileJSON hands out) may be cached for a day; others
 * must revalidate, since the data behind them changes with each upload.
 */
import { Hono, type Context } from 'hono';
import type { TileJson } from '../../geodata/contract';
import { today } from '../../geodata/engine/dates';
import { VIEWS, type View } from '../../geodata/engine/fixed-service';
import type { Atlas } from '../atlas';
import { ApiError, badParameter } from '../errors';
import { parseDateParam, parseEnumParam } from '../params';
import { TILE_SOURCES, tileSource, type TileSource } from '../tiles/catalogue';
import type { TileService } from '../tiles/service';

const MVT = 'application/vnd.mapbox-vector-tile';

export function tileRoutes(atlas: Atlas, tiles: TileService) {
  const source = (id: string): TileSource => {
    const s = tileSource(id);
    if (!s) throw new ApiError(404, 'not_found', `没有名为 ${id} 的瓦片图层`, `no tile source named ${id}`, { available: TILE_SOURCES.map((t) => t.id) });
    return s;
  };

  return new Hono()
    .get('/:file{[^/]+\\.json}', (c) => {
      const s = source(c.req.param('file').replace(/\.json$/, ''));
      const asOf = parseDateParam('asOf', c.req.query('asOf'));
      const view = parseEnumParam<View>('view', c.req.query('view'), VIEWS, 'in_service');
      const version = tiles.versionKey();
      const origin = new URL(c.req.url).origin;
      const query = new URLSearchParams({ v: version, ...(asOf && s.dated ? { asOf } : {}), ...(view !== 'in_service' ? { view } : {}) });
      const stats = atlas.store.layerStats();
      const bbox = stats.find((l) => l.layer === 'districts')?.bbox ?? [-180, -85, 180, 85];
      c.header('Cache-Control', 'no-cache');
      return c.json({
        tilejson: '3.0.0',
        name: s.id,
        version: '1.0.0',
        scheme: 'xyz',
        tiles: [`${origin}/tiles/${s.id}/{z}/{x}/{y}.mvt?${query}`],
        minzoom: s.minzoom,
        maxzoom: s.maxzoom,
        bounds: bbox,
        center: [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2, Math.max(s.minzoom, 8)],
        vector_layers: s.vectorLayers.map((l) => ({ id: l.id, description: l.description, minzoom: s.minzoom, maxzoom: s.maxzoom, fields: l.fields })),
        attribution: 'Broadband Atlas',
      } satisfies TileJson);
    })
    .get('/:source/:z/:x/:file', (c) => serveTile(c, source(c.req.param('source')), atlas, tiles));
}

function serveTile(c: Context, s: TileSource, atlas: Atlas, tiles: TileService) {
  const { z, x, y } = parseTilePath(c.req.param('z') ?? '', c.req.param('x') ?? '', c.req.param('file') ?? '');
  if (z < s.minzoom || z > s.maxzoom) {
    throw new ApiError(404, 'zoom_out_of_range', `${s.id} 的缩放级别为 ${s.minzoom}–${s.maxzoom}`, `${s.id} has tiles at zoom ${s.minzoom}–${s.maxzoom}`, { minzoom: s.minzoom, maxzoom: s.maxzoom });
  }
  const asOf = parseDateParam('asOf', c.req.query('asOf')) ?? today();
  const view = parseEnumParam<View>('view', c.req.query('view'), VIEWS, 'in_service');
  // One look at the engine per request: the ETag and the tile come from the same data version.
  const state = atlas.engine.current();
  const version = tiles.versionKey(state);
  const etag = `"${version}-${s.dated ? asOf : 'static'}-${view}"`;
  c.header('ETag', etag);
  c.header('Cache-Control', c.req.query('v') === version ? 'public, max-age=86400, immutable' : 'no-cache');
  c.header('Vary', 'Accept-Encoding');
  if (c.req.header('If-None-Match') === etag) return c.body(null, 304);
  const tile = tiles.tile({ source: s, z, x, y, asOf, view }, state);
  if (!tile) return c.body(null, 204);
  c.header('Content-Type', MVT);
  if (/\bgzip\b/.test(c.req.header('Accept-Encoding') ?? '')) {
    c.header('Content-Encoding', 'gzip');
    return c.body(tile.gzip as Uint8Array<ArrayBuffer>);
  }
  return c.body(tile.raw as Uint8Array<ArrayBuffer>);
}

function parseTilePath(zRaw: string, xRaw: string, file: string): { z: number; x: number; y: number } {
  const m = /^(\d{1,7})\.mvt$/.exec(file);
  if (!/^\d{1,2}$/.test(zRaw) || !/^\d{1,7}$/.test(xRaw) || !m) {
    throw badParameter('tile', '瓦片路径应为 /tiles/{图层}/{z}/{x}/{y}.mvt，z、x、y 为非负整数', 'the tile path must be /tiles/{source}/{z}/{x}/{y}.mvt with non-negative integers');
  }
  const z = Number(zRaw);
  const x = Number(xRaw);
  const y = Number(m[1]);
  if (z > 30) throw new ApiError(404, 'zoom_out_of_range', `缩放级别 ${z} 超出范围`, `zoom ${z} is out of range`);
  const n = 2 ** z;
  if (x >= n || y >= n) throw badParameter('tile', `缩放级别 ${z} 下 x、y 应小于 ${n}`, `at zoom ${z}, x and y must be below ${n}`);
  return { z, x, y };
}
