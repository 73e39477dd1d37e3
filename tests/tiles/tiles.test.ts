/**
 * The tile contract and the tiles' content, decoded with @mapbox/vector-tile (an independent
 * decoder): features land where they should and carry the engine's figures.
 */
import { gunzipSync } from 'node:zlib';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { createAuth } from '../../server/auth';
import { hashToken } from '../../server/auth/tokens';
import { tileBounds } from '../../server/tiles/tile-math';
import { seededApp } from '../support/atlas';

const ctx = seededApp();

/** Tile x/y containing a lon/lat at zoom z. */
function tileAt(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const r = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return [x, y];
}

async function tile(path: string, headers: Record<string, string> = {}) {
  const res = await ctx.app.request(path, { headers });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { res, bytes, vt: res.status === 200 ? new VectorTile(new PbfReader(res.headers.get('content-encoding') === 'gzip' ? gunzipSync(bytes) : bytes)) : null };
}

// 滁州 city centre, in 琅琊区.
const CENTRE: [number, number] = [118.31, 32.3];

describe('tile contract', () => {
  it('serves a district tile with the MVT content type, an ETag and Cache-Control', async () => {
    const [x, y] = tileAt(...CENTRE, 8);
    const { res, vt } = await tile(`/tiles/districts/8/${x}/${y}.mvt?asOf=2015-12-31`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
    expect(res.headers.get('etag')).toMatch(/^"\d+-[0-9a-f]+-2015-12-31-in_service"$/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(Object.keys(vt!.layers).sort()).toEqual(['districts', 'districts_labels']);
  });

  it('answers If-None-Match with 304, and gzips when asked', async () => {
    const [x, y] = tileAt(...CENTRE, 8);
    const path = `/tiles/districts/8/${x}/${y}.mvt?asOf=2015-12-31`;
    const first = await tile(path);
    expect((await tile(path, { 'If-None-Match': first.res.headers.get('etag')! })).res.status).toBe(304);
    const zipped = await tile(path, { 'Accept-Encoding': 'gzip, deflate' });
    expect(zipped.res.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(zipped.bytes)).toEqual(Buffer.from(first.bytes));
  });

  it('lets versioned URLs be cached, as TileJSON hands them out', async () => {
    const tj = await (await ctx.app.request('/tiles/townships.json?asOf=2015-12-31')).json();
    expect(tj.tilejson).toBe('3.0.0');
    expect(tj.minzoom).toBe(5);
    expect(tj.maxzoom).toBe(14);
    expect(tj.vector_layers.map((l: any) => l.id)).toEqual(['townships', 'townships_labels']);
    expect(tj.vector_layers[0].fields.urban_20m).toBe('Number');
    expect(tj.bounds[0]).toBeGreaterThan(117);
    const [x, y] = tileAt(...CENTRE, 10);
    const url = new URL(tj.tiles[0].replace('{z}', '10').replace('{x}', String(x)).replace('{y}', String(y)));
    expect(url.searchParams.get('asOf')).toBe('2015-12-31');
    const res = await ctx.app.request(url.pathname + url.search);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=86400, immutable');
  });

  it.each([
    ['/tiles/districts/99/0/0.mvt', 404],
    ['/tiles/buildings/4/0/0.mvt', 404],
    ['/tiles/buildings/17/0/0.mvt', 404],
    ['/tiles/districts/3/8/0.mvt', 400],
    ['/tiles/districts/3/0/8.mvt', 400],
    ['/tiles/districts/a/0/0.mvt', 400],
    ['/tiles/districts/3/0/0.png', 400],
    ['/tiles/districts/3/-1/0.mvt', 400],
    ['/tiles/nope/3/0/0.mvt', 404],
    ['/tiles/nope.json', 404],
    ['/tiles/districts/8/0/0.mvt?asOf=2015-13-01', 400],
  ])('%s → %i with the JSON error shape', async (path, status) => {
    const res = await ctx.app.request(path);
    expect(res.status).toBe(status);
    const body = await res.json();
    expect(body.error.message.zh).toBeTruthy();
    expect(body.error.message.en).toBeTruthy();
  });

  it('answers an empty tile with 204', async () => {
    const res = await ctx.app.request('/tiles/districts/8/0/0.mvt');
    expect(res.status).toBe(204);
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });
});

describe('tile content', () => {
  it('puts each district where it is, with the figures of /api/compliance', async () => {
    const z = 7;
    const [x, y] = tileAt(...CENTRE, z);
    const { vt } = await tile(`/tiles/districts/${z}/${x}/${y}.mvt?asOf=2015-12-31`);
    const layer = vt!.layers.districts!;
    const api = await (await ctx.app.request('/api/compliance?level=district&asOf=2015-12-31')).json();
    const [w, s, e, n] = tileBounds(z, x, y);
    let checked = 0;
    for (let i = 0; i < layer.length; i++) {
      const f = layer.feature(i);
      const code = String(f.properties.code);
      const area = api.areas.find((a: any) => a.code === code);
      const fibre = area.indicators.find((r: any) => r.id === 'fiber_transformation');
      expect(f.properties.fiber_transformation).toBeCloseTo(fibre.value, 12);
      expect(f.properties.fiber_transformation_status).toBe(fibre.status);
      // The polygon's vertices, back in lon/lat, lie within the tile (plus its buffer).
      const gj = f.toGeoJSON(x, y, z);
      const ring = gj.geometry.type === 'Polygon' ? gj.geometry.coordinates[0]! : (gj.geometry as any).coordinates[0][0];
      for (const [lon, lat] of ring) {
        expect(lon).toBeGreaterThan(w - (e - w) * 0.05);
        expect(lon).toBeLessThan(e + (e - w) * 0.05);
        expect(lat).toBeGreaterThan(s - (n - s) * 0.05);
        expect(lat).toBeLessThan(n + (n - s) * 0.05);
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
    const labels = vt!.layers.districts_labels!;
    const names = Array.from({ length: labels.length }, (_, i) => labels.feature(i).properties.name);
    expect(names).toContain('琅琊区');
  });

  it('draws buildings at z14 where the building register has them, with their tier', async () => {
    const z = 14;
    const [x, y] = tileAt(...CENTRE, z);
    const { vt, res } = await tile(`/tiles/buildings/${z}/${x}/${y}.mvt?asOf=2015-12-31`);
    expect(res.status).toBe(200);
    const layer = vt!.layers.buildings!;
    expect(layer.length).toBeGreaterThan(0);
    const f = layer.feature(0);
    const [lon, lat] = (f.toGeoJSON(x, y, z).geometry as any).coordinates;
    const api = await (await ctx.app.request(`/api/buildings/${f.properties.id}?asOf=2015-12-31`)).json();
    // Back from tile pixels to lon/lat: within a pixel at z14 (~10 m).
    expect(Math.abs(lon - api.position[0])).toBeLessThan(1e-4);
    expect(Math.abs(lat - api.position[1])).toBeLessThan(1e-4);
    const tiers = [100, 20, 12, 4, 1];
    const expected = tiers.find((t) => api.best_down_mbps >= t) ?? 0;
    expect(f.properties.tier).toBe(expected);
  });

  it('bins buildings at low zoom: a z8 tile counts every building it holds, in few features', async () => {
    const z = 8;
    const [x, y] = tileAt(...CENTRE, z);
    const { vt } = await tile(`/tiles/buildings/${z}/${x}/${y}.mvt`);
    const layer = vt!.layers.buildings_binned!;
    let count = 0;
    for (let i = 0; i < layer.length; i++) {
      const p = layer.feature(i).properties;
      count += Number(p.count);
      expect(Number(p.t100) + Number(p.t20) + Number(p.t12) + Number(p.t4) + Number(p.t1) + Number(p.t0)).toBe(p.count);
    }
    const [w, s, e, n] = tileBounds(z, x, y);
    const inBox = (await (await ctx.app.request(`/api/layers/buildings/features?limit=1&bbox=${w},${s},${e},${n}`)).json()).numberMatched;
    expect(count).toBe(inBox);
    expect(layer.length).toBeLessThan(count);
  });

  it('moves with the date: sites built later are absent from an earlier tile', async () => {
    const z = 9;
    const [x, y] = tileAt(...CENTRE, z);
    const count = async (asOf: string) => (await tile(`/tiles/mobile_sites/${z}/${x}/${y}.mvt?asOf=${asOf}`)).vt?.layers.mobile_sites?.length ?? 0;
    const early = await count('2012-06-30');
    const late = await count('2016-12-31');
    expect(late).toBeGreaterThan(early);
  });

  it('serves every source at a zoom in its range without error', async () => {
    const sources = (await import('../../server/tiles/catalogue')).TILE_SOURCES;
    const signedIn = createApp(ctx.t.atlas, { auth: createAuth(ctx.t.atlas, { tokens: [{ name: 'p', role: 'planner', sha256: hashToken('planner-token') }] }) });
    for (const s of sources) {
      const z = Math.max(s.minzoom, 12);
      const [x, y] = tileAt(...CENTRE, z);
      const path = `/tiles/${s.id}/${z}/${x}/${y}.mvt?asOf=2016-12-31`;
      const res = await signedIn.request(path, { headers: { authorization: 'Bearer planner-token' } });
      expect([200, 204], s.id).toContain(res.status);
      // Duct routes are for signed-in callers only; everything else is public.
      expect((await ctx.app.request(path)).status, s.id).toBe(s.id === 'ducts' ? 401 : res.status);
    }
  });
});
