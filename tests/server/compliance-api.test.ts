import { describe, expect, it } from 'vitest';
import { EngineService } from '../../server/engine-service';
import type { StoredFeature } from '../../server/store/types';
import { seededApp } from '../support/atlas';

const ctx = seededApp();

const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await ctx.app.request(path, { headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null };
};

describe('GET /api/compliance', () => {
  it('returns every district × every indicator with target, status, deadline and clause', async () => {
    const { status, body } = await get('/api/compliance?level=district&asOf=2015-12-31');
    expect(status).toBe(200);
    expect(body.areas).toHaveLength(8);
    expect(body.indicators.map((i: any) => i.id)).toEqual([
      'fiber_transformation', 'commercial_fttb', 'commercial_100m', 'urban_20m', 'town_12m', 'rural_4m', 'egress_500g', 'mobile_3g4g', 'wifi_public_places', 'village_info_stations', 'gis_pipe_grid',
    ]);
    expect(body.indicators[0].clause.text).toContain('光网');
    for (const area of body.areas) {
      expect(area.indicators).toHaveLength(11);
      for (const r of area.indicators) {
        expect(r).toHaveProperty('numerator');
        expect(r).toHaveProperty('denominator');
        expect(['met', 'not_met', 'no_data', 'informational', 'not_applicable']).toContain(r.status);
        expect(r.deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(r.clause).toMatch(/^\(/);
      }
    }
  });

  it('sums districts to the city', async () => {
    const city = (await get('/api/compliance?level=city&asOf=2015-12-31')).body.areas[0];
    const districts = (await get('/api/compliance?level=district&asOf=2015-12-31')).body.areas;
    for (const [i, r] of city.indicators.entries()) {
      if (r.id === 'egress_500g') continue; // a city-wide indicator: districts are not_applicable
      expect(districts.every((d: any) => d.indicators[i].status !== 'not_applicable')).toBe(true);
      const num = districts.reduce((s: number, d: any) => s + d.indicators[i].numerator, 0);
      const den = districts.reduce((s: number, d: any) => s + d.indicators[i].denominator, 0);
      expect([r.id, num, den]).toEqual([r.id, r.numerator, r.denominator]);
    }
  });

  it('moves with the date: more fibre in 2016 than in 2013', async () => {
    const at = async (d: string) => (await get(`/api/compliance?level=city&asOf=${d}`)).body.areas[0].indicators[0].numerator;
    expect(await at('2013-06-30')).toBeLessThan(await at('2016-12-31'));
  });

  it('serves CSV with a BOM and an ETag; If-None-Match gives 304', async () => {
    const csv = await get('/api/compliance?level=district&asOf=2015-12-31&format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await (await ctx.app.request('/api/compliance?level=district&asOf=2015-12-31&format=csv')).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs for UTF-8
    expect(csv.text.startsWith('level,code,name')).toBe(true);
    expect(csv.text.split('\r\n').filter(Boolean)).toHaveLength(1 + 8 * 11);
    const etag = csv.headers.get('etag')!;
    expect((await get('/api/compliance?level=district&asOf=2015-12-31&format=csv', { 'If-None-Match': etag })).status).toBe(304);
  });

  it.each([
    ['level=county', 'level'],
    ['asOf=2015-02-30', 'asOf'],
    ['asOf=yesterday', 'asOf'],
    ['view=maybe', 'view'],
    ['format=xml', 'format'],
  ])('rejects %s with a 400 naming the parameter', async (query, parameter) => {
    const { status, body } = await get(`/api/compliance?${query}`);
    expect(status).toBe(400);
    expect(body.error.details.parameter).toBe(parameter);
  });
});

describe('GET /api/areas/:code', () => {
  it("gives one area's figures and a yearly series up to the date", async () => {
    const { status, body } = await get('/api/areas/341102?asOf=2015-12-31');
    expect(status).toBe(200);
    expect(body.area).toMatchObject({ level: 'district', code: '341102', name: '琅琊区' });
    expect(body.series.map((s: any) => s.asOf)).toEqual(['2012-12-31', '2013-12-31', '2014-12-31', '2015-12-31']);
    const district = (await get('/api/compliance?level=district&asOf=2015-12-31')).body.areas.find((a: any) => a.code === '341102');
    expect(body.indicators.map((r: any) => r.numerator)).toEqual(district.indicators.map((r: any) => r.numerator));
  });

  it('does quarters, and 404s an unknown code', async () => {
    const q = await get('/api/areas/3411?asOf=2013-12-31&from=2013-01-01&step=quarter');
    expect(q.body.series.map((s: any) => s.asOf)).toEqual(['2013-03-31', '2013-06-30', '2013-09-30', '2013-12-31']);
    expect((await get('/api/areas/999999')).status).toBe(404);
  });
});

describe('GET /api/gaps', () => {
  it('lists the buildings below target, nearest duct first, with their shortfall', async () => {
    const { status, body } = await get('/api/gaps?indicator=urban_20m&asOf=2015-12-31&limit=1000');
    expect(status).toBe(200);
    const city = (await get('/api/compliance?level=city&asOf=2015-12-31')).body.areas[0].indicators.find((r: any) => r.id === 'urban_20m');
    // The gap list is exactly what the figure leaves out: its households add up to the difference.
    expect(body.items.reduce((s: number, g: any) => s + g.weight, 0)).toBe(city.denominator - city.numerator);
    const d = body.items.map((g: any) => g.nearest_duct_m);
    expect(d).toEqual([...d].sort((a: number, b: number) => a - b));
    for (const g of body.items) expect(g.shortfall_mbps).toBe(20 - g.best_down_mbps);
  });

  it('filters by area and rejects unknown indicators and areas', async () => {
    const all = (await get('/api/gaps?indicator=fiber_transformation&asOf=2015-12-31')).body.total;
    const one = (await get('/api/gaps?indicator=fiber_transformation&asOf=2015-12-31&area=341122')).body;
    expect(one.total).toBeGreaterThan(0);
    expect(one.total).toBeLessThan(all);
    expect(one.items.every((g: any) => g.district === '341122')).toBe(true);
    expect((await get('/api/gaps?indicator=nope')).status).toBe(400);
    expect((await get('/api/gaps?indicator=urban_20m&area=000')).body.error.details.parameter).toBe('area');
  });
});

describe('incremental updates', () => {
  it('after a carrier write, the incrementally updated figures equal a full rebuild', async () => {
    const before = (await get('/api/compliance?level=township&asOf=2015-12-31')).body;
    // Telecom brings 100M fibre to forty buildings in a lagging district, and withdraws one record.
    const store = ctx.t.atlas.store;
    const telecom = [...store.features('fixed_service', { owner: 'telecom' })];
    const targets = [...store.features('buildings')].filter((b) => b.id.endsWith('7')).slice(0, 40);
    const upgraded: StoredFeature[] = targets.map((b) => ({
      layer: 'fixed_service',
      owner: 'telecom',
      id: `telecom-upgrade-${b.id}`,
      geometry: b.geometry,
      properties: { id: `telecom-upgrade-${b.id}`, carrier: 'telecom', building_id: b.id, technology: 'ftth', down_mbps: 100, up_mbps: 50, in_service: '2015-06-01', status: 'in_service' },
    }));
    store.commit({ actor: 'test', layer: 'fixed_service', owner: 'telecom', mode: 'replace' }, [...telecom.slice(1), ...upgraded]);
    const after = (await get('/api/compliance?level=township&asOf=2015-12-31')).body;
    expect(ctx.t.atlas.engine.lastUpdate?.kind).toBe('incremental');
    expect(after.version).toBe(before.version + 1);
    expect(after.areas).not.toEqual(before.areas);
    const fresh = new EngineService(ctx.t.atlas).current().engine.compliance('township', '2015-12-31');
    expect(after.areas.map((a: any) => a.indicators.map((r: any) => [r.numerator, r.denominator]))).toEqual(
      fresh.areas.map((a) => a.indicators.map((r) => [r.numerator, r.denominator])),
    );
  });
});

describe('POST /api/whatif', () => {
  const square = (w: number, s: number, e: number, n: number) => ({ type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] });
  const post = (body: unknown, query = 'asOf=2015-12-31') =>
    ctx.app.request(`/api/whatif?${query}`, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });

  it('shows fibre at 100M in an area raising the figures it touches, and writes nothing', async () => {
    const version = ctx.t.atlas.store.version();
    // A box over a lagging district's townships (来安县 341122).
    const district = (await get('/api/layers/districts/features')).body.features.find((f: any) => f.properties.code === '341122');
    const ring = district.geometry.type === 'Polygon' ? district.geometry.coordinates[0] : district.geometry.coordinates[0][0];
    const xs = ring.map((p: number[]) => p[0]);
    const ys = ring.map((p: number[]) => p[1]);
    const res = await post({ geometry: square(Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)), technology: 'ftth', down_mbps: 100 });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.buildings).toBeGreaterThan(0);
    const lai = body.areas.find((a: any) => a.code === '341122');
    const fibre = lai.indicators.find((i: any) => i.id === 'fiber_transformation');
    expect(fibre.after.numerator).toBeGreaterThan(fibre.before.numerator);
    expect(fibre.after.numerator).toBeLessThanOrEqual(fibre.denominator);
    const now = (await get('/api/compliance?level=district&asOf=2015-12-31')).body.areas.find((a: any) => a.code === '341122');
    expect(fibre.before.numerator).toBe(now.indicators.find((r: any) => r.id === 'fiber_transformation').numerator);
    expect(ctx.t.atlas.store.version()).toBe(version);
  });

  it('refuses a bad promise with located reasons', async () => {
    const res = await post({ geometry: { type: 'Point', coordinates: [118, 32] }, technology: 'pigeon', down_mbps: '100M' });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.details.problems.map((p: any) => p.path).sort()).toEqual(['down_mbps', 'geometry.type', 'technology']);
    expect((await ctx.app.request('/api/whatif', { method: 'POST', body: '{nope' })).status).toBe(400);
  });
});

describe('an edited targets file', () => {
  it('is re-read: a new threshold changes the figures; a broken edit is a 503 naming the field', async () => {
    const { readFileSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const file = join(ctx.t.dir, 'targets.json');
    const original = readFileSync(file, 'utf8');
    try {
      const before = (await get('/api/compliance?level=city&asOf=2015-12-31')).body.areas[0].indicators.find((r: any) => r.id === 'urban_20m');
      const edited = JSON.parse(original);
      edited.indicators.find((i: any) => i.id === 'urban_20m').threshold_mbps = 1000;
      writeFileSync(file, JSON.stringify(edited));
      const after = (await get('/api/compliance?level=city&asOf=2015-12-31')).body.areas[0].indicators.find((r: any) => r.id === 'urban_20m');
      expect(after.numerator).toBeLessThan(before.numerator);
      edited.indicators.find((i: any) => i.id === 'urban_20m').deadline = '2015-02-30';
      writeFileSync(file, JSON.stringify(edited));
      const broken = await get('/api/compliance?level=city');
      expect(broken.status).toBe(503);
      expect(broken.body.error.details.problems.join(' ')).toContain('urban_20m');
      expect(broken.body.error.details.problems.join(' ')).toContain('deadline');
    } finally {
      writeFileSync(file, original);
    }
  });
});
