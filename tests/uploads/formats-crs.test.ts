/**
 * Valid files in every format and coordinate system land where they should: each point record
 * of a known building within 5 m of the building as the register has it. The projected and
 * Shapefile fixtures were written by GDAL (make-fixtures.ts), so this checks our conversion
 * against an independent one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { createAuth } from '../../server/auth';
import { hashToken } from '../../server/auth/tokens';
import { geodesicM as metres } from '../support/geodesic';
import type { LayerId } from '../../geodata/schema';
import { openTestAtlas, type TestAtlas } from '../support/atlas';

const dir = join(__dirname, '../fixtures/uploads/good');
let t: TestAtlas;
let app: ReturnType<typeof createApp>;
beforeAll(() => {
  t = openTestAtlas();
  const auth = createAuth(t.atlas, { tokens: [{ name: 'ops@telecom', role: 'carrier:telecom', sha256: hashToken('telecom-token') }] });
  app = createApp(t.atlas, { auth });
});
afterAll(() => t?.dispose());

async function upload(file: string, query: Record<string, string>) {
  const q = new URLSearchParams({ mode: 'append', filename: file, ...query });
  const res = await app.request(`/api/uploads?${q}`, { method: 'POST', body: readFileSync(join(dir, file)), headers: { authorization: 'Bearer telecom-token' } });
  return { status: res.status, body: (await res.json()) as any };
}

const register = () => new Map([...t.atlas.store.features('buildings')].map((b) => [b.id, (b.geometry as { coordinates: number[] }).coordinates]));
const stored = (layer: LayerId, id: string) => [...t.atlas.store.features(layer, { owner: 'telecom' })].find((f) => f.id === id)!;

/** Every T-1…T-5 record sits within `tolerance` metres of its building. */
function expectAtBuildings(tolerance: number) {
  const reg = register();
  for (let i = 1; i <= 5; i++) {
    const f = stored('fixed_service', `T-${i}`);
    const b = reg.get(f.properties.building_id as string)!;
    const d = metres((f.geometry as { coordinates: number[] }).coordinates, b);
    expect(d, `T-${i} is ${d.toFixed(3)} m from ${f.properties.building_id}`).toBeLessThan(tolerance);
  }
}

describe('valid files land where they should', () => {
  const cases: { file: string; query?: Record<string, string>; tolerance: number; crs: string; source: string; warn?: string }[] = [
    { file: 'telecom-points.geojson', tolerance: 1e-6, crs: 'wgs84', source: 'default' },
    { file: 'telecom-points.ndjson', tolerance: 1e-6, crs: 'wgs84', source: 'default' },
    { file: 'telecom-points-utf8-bom.geojson', tolerance: 1e-6, crs: 'wgs84', source: 'default', warn: 'bom' },
    { file: 'telecom-points-top-level-id.geojson', tolerance: 1e-6, crs: 'wgs84', source: 'default' },
    { file: 'telecom-points.csv', tolerance: 1e-6, crs: 'wgs84', source: 'default' },
    { file: 'telecom-points-semicolons-chinese-headers.csv', tolerance: 1e-6, crs: 'wgs84', source: 'default' },
    { file: 'telecom-points.geojson', query: { crs: 'cgcs2000' }, tolerance: 1e-6, crs: 'cgcs2000', source: 'parameter' },
    { file: 'telecom-points-gcj02.geojson', query: { crs: 'gcj02' }, tolerance: 5, crs: 'gcj02', source: 'parameter' },
    { file: 'telecom-points-bd09.geojson', query: { crs: 'bd09' }, tolerance: 5, crs: 'bd09', source: 'parameter' },
    { file: 'telecom-points-bd09.csv', query: { crs: 'BD-09' }, tolerance: 5, crs: 'bd09', source: 'parameter' },
    { file: 'telecom-points-gk-zone39-crs-member.geojson', tolerance: 5, crs: 'EPSG:4527', source: 'file' },
    { file: 'telecom-points-gk-cm117.geojson', query: { crs: 'EPSG:4548' }, tolerance: 5, crs: 'EPSG:4548', source: 'parameter' },
    { file: 'telecom-points-shapefile-gk39.zip', tolerance: 5, crs: 'EPSG:4527', source: 'prj' },
  ];
  for (const c of cases) {
    it(`${c.file}${c.query ? ` (${new URLSearchParams(c.query)})` : ''} → within ${c.tolerance} m`, async () => {
      // Move the records away first, so a pass proves this upload put them back.
      t.atlas.store.commit({ actor: 'test', layer: 'fixed_service', owner: 'telecom', mode: 'append' }, [1, 2, 3, 4, 5].map((i) => ({ layer: 'fixed_service', owner: 'telecom', id: `T-${i}`, geometry: { type: 'Point', coordinates: [118, 32] }, properties: { id: `T-${i}` } })));
      const { status, body } = await upload(c.file, { layer: 'fixed_service', ...c.query });
      expect(status, JSON.stringify(body.error ?? body.problems).slice(0, 800)).toBe(201);
      expect(body.crs).toMatchObject({ id: c.crs, source: c.source });
      expect(body.features).toMatchObject({ read: 5, valid: 5, rejected: 0 });
      if (c.warn) expect(body.problems.map((p: any) => p.code)).toContain(c.warn);
      expectAtBuildings(c.tolerance);
      const f = stored('fixed_service', 'T-1');
      expect(f.properties).toEqual({ id: 'T-1', carrier: 'telecom', building_id: f.properties.building_id, technology: 'ftth', down_mbps: 200, up_mbps: 50, in_service: '2015-06-01', status: 'in_service' });
    });
  }

  it('says a GCJ-02 file sent as WGS 84 is probably GCJ-02, and which crs to use', async () => {
    const { status, body } = await upload('telecom-points-gcj02.geojson', { layer: 'fixed_service', dryRun: '1', effect: '0' });
    expect(status).toBe(200);
    expect(body.ok).toBe(true); // a warning does not block
    const w = body.problems.find((p: any) => p.code === 'probably_gcj02');
    expect(w).toMatchObject({ severity: 'warning', suggestedCrs: 'gcj02', index: null });
    expect(w.zh).toContain('crs=gcj02');
    expect(w.en).toMatch(/median \d+ m/);
  });

  it('says a BD-09 file sent as WGS 84 is probably BD-09', async () => {
    const { body } = await upload('telecom-points-bd09.geojson', { layer: 'fixed_service', dryRun: '1', effect: '0' });
    expect(body.problems.find((p: any) => p.code === 'probably_bd09')).toMatchObject({ suggestedCrs: 'bd09' });
  });

  it('reads a GBK CSV (Chinese spreadsheets) and says so', async () => {
    const { status, body } = await upload('wifi-gbk.csv', { layer: 'wifi_hotspots' });
    expect(status).toBe(201);
    expect(body.file.encoding).toBe('gb18030');
    expect(body.problems.map((p: any) => p.code)).toContain('encoding_gbk');
    expect(stored('wifi_hotspots', 'T-W1').properties.operator).toBe('滁州市图书馆1');
  });

  it('reads a GBK Shapefile by its .cpg', async () => {
    const { status, body } = await upload('wifi-shapefile-gbk.zip', { layer: 'wifi_hotspots' });
    expect(status, JSON.stringify(body).slice(0, 600)).toBe(201);
    expect(body.file).toMatchObject({ format: 'shapefile', encoding: 'gb18030' });
    expect(stored('wifi_hotspots', 'T-W2').properties.operator).toBe('滁州市图书馆2');
  });

  it('reads records without geometry from CSV (egress)', async () => {
    const { status, body } = await upload('egress.csv', { layer: 'egress' });
    expect(status).toBe(201);
    expect(body.counts.added).toBe(2);
    expect(stored('egress', 'T-E-2017')).toMatchObject({ geometry: null, properties: { gbps: 800, as_of: '2017-12-31' } });
  });

  it('keeps a polygon with its hole, from GeoJSON and from a Shapefile (rings turned right)', async () => {
    const geo = JSON.parse(readFileSync(join(dir, 'service-area.geojson'), 'utf8')).features[0].geometry;
    for (const file of ['service-area.geojson', 'service-area-shapefile.zip']) {
      const { status, body } = await upload(file, { layer: 'fixed_service' });
      expect(status, JSON.stringify(body).slice(0, 500)).toBe(201);
      const g = stored('fixed_service', 'T-AREA-1').geometry as { type: string; coordinates: number[][][] };
      expect(g.type).toBe('Polygon');
      expect(g.coordinates).toHaveLength(2);
      const area = (ring: number[][]) => ring.slice(1).reduce((s, p, i) => s + (ring[i]![0]! * p[1]! - p[0]! * ring[i]![1]!), 0) / 2;
      expect(area(g.coordinates[0]!)).toBeGreaterThan(0); // outer counter-clockwise (RFC 7946)
      expect(area(g.coordinates[1]!)).toBeLessThan(0);
      expect(Math.abs(area(g.coordinates[0]!))).toBeCloseTo(Math.abs(area(geo.coordinates[0])), 10);
    }
  });

  it('accepts a single Feature, and a multipart form with the parameters as fields', async () => {
    const one = await upload('one-feature.geojson', { layer: 'fixed_service', dryRun: 'true', effect: '0' });
    expect(one.body.features.read).toBe(1);
    const form = new FormData();
    form.set('layer', 'fixed_service');
    form.set('mode', 'append');
    form.set('file', new Blob([readFileSync(join(dir, 'telecom-points.csv'))]), 'rollout.csv');
    const res = await app.request('/api/uploads', { method: 'POST', body: form, headers: { authorization: 'Bearer telecom-token' } });
    const body = (await res.json()) as any;
    expect(res.status).toBe(201);
    expect(body.file).toMatchObject({ name: 'rollout.csv', format: 'csv' });
    expect(body.batch.note).toContain('rollout.csv');
  });
});
