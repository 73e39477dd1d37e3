import { describe, expect, it } from 'vitest';
import { seededApp } from '../support/atlas';

const ctx = seededApp();

const json = async (path: string) => {
  const res = await ctx.app.request(path);
  return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as any };
};

describe('GET /api/health', () => {
  it('reports status, data version, city and the demo marker', async () => {
    const { status, body } = await json('/api/health');
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.version).toBe(ctx.t.atlas.store.version());
    expect(body.version).toBeGreaterThan(0);
    expect(body.city).toEqual({ code: '3411', name: { zh: '滁州市', en: 'Chuzhou' } });
    expect(body.demo).toEqual({ scale: 'small', seed: 20151231 });
  });
});

describe('GET /api/layers', () => {
  it('lists every layer with counts and bounds over Chuzhou', async () => {
    const { status, body } = await json('/api/layers');
    expect(status).toBe(200);
    const byId = Object.fromEntries(body.layers.map((l: any) => [l.id, l]));
    expect(Object.keys(byId)).toEqual(['districts', 'townships', 'villages', 'buildings', 'fixed_service', 'wifi_hotspots', 'public_places', 'mobile_sites', 'ducts', 'egress']);
    expect(byId.districts.count).toBe(8);
    expect(byId.townships.count).toBe(124);
    expect(byId.villages.count).toBe(1267);
    expect(byId.buildings.count).toBe(5000);
    expect(byId.egress.bbox).toBeNull();
    const [w, s, e, n] = byId.districts.bbox;
    // Chuzhou spans about 117.2–119.2°E, 31.9–33.2°N.
    expect(w).toBeGreaterThan(117);
    expect(e).toBeLessThan(119.5);
    expect(s).toBeGreaterThan(31.8);
    expect(n).toBeLessThan(33.4);
    expect(byId.fixed_service.owners).toEqual(['mobile', 'telecom', 'unicom']);
    expect(byId.fixed_service.properties.down_mbps).toMatchObject({ type: 'integer', unit: 'Mbit/s' });
  });
});

describe('GET /api/layers/:layer/features', () => {
  it('returns GeoJSON with counts', async () => {
    const { status, type, body } = await json('/api/layers/districts/features');
    expect(status).toBe(200);
    expect(type).toContain('application/geo+json');
    expect(body.type).toBe('FeatureCollection');
    expect(body.numberMatched).toBe(8);
    expect(body.features.map((f: any) => f.properties.code).sort()).toEqual(['341102', '341103', '341122', '341124', '341125', '341126', '341181', '341182']);
    expect(body.crs).toBeUndefined();
  });

  it('pages with limit and offset', async () => {
    const a = await json('/api/layers/townships/features?limit=100');
    const b = await json('/api/layers/townships/features?limit=100&offset=100');
    expect(a.body.numberReturned).toBe(100);
    expect(b.body.numberReturned).toBe(24);
    expect(a.body.numberMatched).toBe(124);
  });

  it('filters by bbox', async () => {
    const all = await json('/api/layers/buildings/features?limit=10000');
    const some = await json('/api/layers/buildings/features?limit=10000&bbox=118.2,32.2,118.4,32.4');
    expect(some.body.numberMatched).toBeGreaterThan(0);
    expect(some.body.numberMatched).toBeLessThan(all.body.numberMatched);
    for (const f of some.body.features) {
      const [x, y] = f.geometry.coordinates;
      expect(x >= 118.2 && x <= 118.4 && y >= 32.2 && y <= 32.4).toBe(true);
    }
  });

  it.each([
    ['limit=-1', 'limit'],
    ['limit=abc', 'limit'],
    ['limit=100000', 'limit'],
    ['bbox=1,2,3', 'bbox'],
    ['bbox=1,2,3,x', 'bbox'],
    ['bbox=0,50,1,40', 'bbox'],
    ['offset=-5', 'offset'],
  ])('rejects %s with a 400 naming the parameter', async (query, parameter) => {
    const { status, body } = await json(`/api/layers/buildings/features?${query}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe('bad_parameter');
    expect(body.error.details.parameter).toBe(parameter);
    expect(body.error.message.zh).toContain(parameter);
    expect(body.error.message.en).toContain(parameter);
  });

  it('accepts a bbox across the antimeridian (and finds nothing in Chuzhou there)', async () => {
    const { status, body } = await json('/api/layers/buildings/features?bbox=170,-10,-170,10');
    expect(status).toBe(200);
    expect(body.numberMatched).toBe(0);
  });

  it('answers an unknown layer with the JSON error shape', async () => {
    const { status, body } = await json('/api/layers/nope/features');
    expect(status).toBe(404);
    expect(body.error.code).toBe('not_found');
  });
});

describe('unknown routes', () => {
  it('404 with the JSON error shape', async () => {
    const { status, body } = await json('/api/nothing-here');
    expect(status).toBe(404);
    expect(body.error.message.en).toContain('/api/nothing-here');
  });
});
