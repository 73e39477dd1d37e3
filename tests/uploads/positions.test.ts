/**
 * The report says where each problem is, in WGS 84 after the atlas's own conversion, and
 * previews the upload's features (bounded) — for every format and coordinate system, so the
 * upload page can draw a CSV or a Shapefile, in GCJ-02 or Gauss–Krüger, where it will land.
 * Real files through POST /api/uploads (tests/fixtures/uploads/located, make-located.ts): each
 * feature sits at a building of the register, named after the colon in its id (`T-5:B0005`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { createAuth } from '../../server/auth';
import { hashToken } from '../../server/auth/tokens';
import { geodesicM as metres } from '../support/geodesic';
import { openTestAtlas, type TestAtlas } from '../support/atlas';

const fixtures = join(__dirname, '../fixtures/uploads');
let t: TestAtlas;
let app: ReturnType<typeof createApp>;
/** The same atlas with a small preview: 3 features, 4 positions. */
let small: ReturnType<typeof createApp>;
let register: Map<string, number[]>;

beforeAll(() => {
  t = openTestAtlas();
  const auth = () => createAuth(t.atlas, { tokens: [{ name: 'ops@telecom', role: 'carrier:telecom', sha256: hashToken('telecom-token') }] });
  app = createApp(t.atlas, { auth: auth() });
  const saved = { ...process.env };
  Object.assign(process.env, { ATLAS_UPLOAD_PREVIEW_FEATURES: '3', ATLAS_UPLOAD_PREVIEW_VERTICES: '4' });
  small = createApp(t.atlas, { auth: auth() });
  process.env = saved;
  register = new Map([...t.atlas.store.features('buildings')].map((b) => [b.id, (b.geometry as { coordinates: number[] }).coordinates]));
});
afterAll(() => t?.dispose());

interface Problem {
  severity: string;
  code: string;
  index: number | null;
  id: string | null;
  position?: [number, number];
}

async function upload(file: string, query: Record<string, string>, on = app) {
  const q = new URLSearchParams({ mode: 'append', filename: file.split('/').pop()!, ...query });
  const res = await on.request(`/api/uploads?${q}`, { method: 'POST', body: readFileSync(join(fixtures, file)), headers: { authorization: 'Bearer telecom-token' } });
  const body = (await res.json()) as any;
  // A refused commit carries the report in the error's details.
  return { status: res.status, report: res.status === 422 ? body.error.details : body };
}

/** Where the feature really is: the register's position of the building its id names. */
const truth = (id: string | null) => register.get(id!.split(':')[1]!)!;

/** Every problem of a feature with a position is within 5 m of its building; returns the indexes with a position. */
function expectPositionsAtBuildings(problems: Problem[]): Set<number> {
  const placed = new Set<number>();
  for (const p of problems) {
    if (p.index === null) {
      expect(p.position, `${p.code} is about the whole file`).toBeUndefined();
      continue;
    }
    if (!p.position) continue;
    placed.add(p.index);
    expect(p.position).toHaveLength(2);
    for (const v of p.position) expect(Math.abs(v * 1e6 - Math.round(v * 1e6))).toBeLessThan(1e-6); // 6 decimals
    const d = metres(p.position, truth(p.id));
    expect(d, `#${p.index} ${p.code} is ${d.toFixed(2)} m from ${p.id}`).toBeLessThan(5);
  }
  return placed;
}

const byIndex = (problems: Problem[], index: number) => problems.filter((p) => p.index === index);

describe('problem positions', () => {
  it('a GCJ-02 CSV with bad rows: each problem at its building in WGS 84; a row without coordinates has none', async () => {
    const { status, report } = await upload('located/telecom-gcj02-bad-rows.csv', { layer: 'fixed_service', crs: 'gcj02', dryRun: 'true', effect: 'false' });
    expect(status).toBe(200);
    expect(report.file.format).toBe('csv');
    expect(report.crs).toMatchObject({ id: 'gcj02', source: 'parameter' });
    const problems = report.problems as Problem[];
    expect(new Set(problems.filter((p) => p.severity === 'error').map((p) => p.index))).toEqual(new Set([1, 2, 3, 4, 5, 6]));
    // Property errors (rejected before conversion) and a place error (after it) alike.
    expect(byIndex(problems, 1).map((p) => p.code)).toEqual(['type']);
    expect(byIndex(problems, 4).map((p) => p.code)).toEqual(['building_unknown']);
    expect(expectPositionsAtBuildings(problems)).toEqual(new Set([1, 2, 4, 6]));
    // No coordinates at all, and coordinates that cannot be read: no position.
    expect(byIndex(problems, 3).map((p) => [p.code, p.position])).toEqual([['geometry_missing', undefined]]);
    expect(byIndex(problems, 5).map((p) => [p.code, p.position])).toEqual([['position', undefined]]);
    // As written (GCJ-02) the rows are hundreds of metres off: the position is the converted one.
    const raw = readFileSync(join(fixtures, 'located/telecom-gcj02-bad-rows.csv'), 'utf8').split('\n')[2]!.split(',');
    expect(metres([Number(raw[8]), Number(raw[9])], truth(raw[0]!))).toBeGreaterThan(100);
  });

  it('a zipped Shapefile in Gauss–Krüger zone 39 (by GDAL, .prj): a refused commit’s problems at their buildings; a null shape has none', async () => {
    const before = t.atlas.store.version();
    const { status, report } = await upload('located/telecom-gk39-bad-records.zip', { layer: 'fixed_service' });
    expect(status).toBe(422);
    expect(t.atlas.store.version()).toBe(before);
    expect(report.file.format).toBe('shapefile');
    expect(report.crs).toMatchObject({ id: 'EPSG:4527', source: 'prj' });
    const problems = report.problems as Problem[];
    expect(byIndex(problems, 1).map((p) => p.code)).toEqual(['type']);
    expect(byIndex(problems, 2).map((p) => p.code)).toEqual(['carrier']);
    expect(byIndex(problems, 4).map((p) => p.code)).toEqual(['building_unknown']);
    expect(expectPositionsAtBuildings(problems)).toEqual(new Set([1, 2, 4]));
    expect(byIndex(problems, 3).map((p) => [p.code, p.position])).toEqual([['geometry_missing', undefined]]);
  });

  it('a polygon’s position is the centre of its box; unreadable or unconvertible geometry has none', async () => {
    const bowTie = await upload('bad/bow-tie-polygon.geojson', { layer: 'fixed_service', dryRun: 'true', effect: 'false' });
    const crossing = (bowTie.report.problems as Problem[]).find((p) => p.code === 'self_intersection')!;
    // The square is centred on the first building of the demo city.
    expect(metres(crossing.position!, register.get('B0001')!)).toBeLessThan(0.5);

    const outside = await upload('bad/far-outside-the-city-beijing.geojson', { layer: 'fixed_service', dryRun: 'true', effect: 'false' });
    expect((outside.report.problems as Problem[]).find((p) => p.code === 'outside_city')!.position).toEqual([116.397, 39.909]);

    const none: [string, string, Record<string, string>?][] = [
      ['bad/nan-coordinate.geojson', 'json_syntax'], // the record could not be read
      ['bad/coordinates-as-strings.geojson', 'position'],
      ['bad/lon-lat-swapped.geojson', 'swapped'],
      ['bad/projected-metres-without-crs.geojson', 'range'],
      ['bad/projected-without-zone-prefix-declared-zoned.geojson', 'crs_mismatch', { crs: 'EPSG:4527' }],
    ];
    for (const [file, code, query] of none) {
      const { report } = await upload(file, { layer: 'fixed_service', dryRun: 'true', effect: 'false', ...query });
      const p = (report.problems as Problem[]).find((x) => x.code === code);
      expect(p, `${file}: ${code}`).toBeTruthy();
      expect(p!.index, file).not.toBeNull();
      expect(p!.position, `${file}: ${code} has no position`).toBeUndefined();
    }
  });
});

describe('the preview', () => {
  it('holds every drawable feature in WGS 84 with its status, and says it is complete', async () => {
    const { report } = await upload('located/telecom-gcj02-bad-rows.csv', { layer: 'fixed_service', crs: 'gcj02', dryRun: 'true', effect: 'false' });
    const preview = report.preview;
    expect(preview).toMatchObject({ type: 'FeatureCollection', drawable: 6, included: 6, reduced: 0, truncated: false, limits: { features: 5000, vertices: 50000 } });
    expect(preview.features.map((f: any) => [f.properties.index, f.properties.status])).toEqual([
      [0, 'ok'],
      [1, 'error'],
      [2, 'error'],
      [4, 'error'],
      [6, 'error'],
      [7, 'ok'],
    ]);
    for (const f of preview.features) {
      expect(f.geometry.type).toBe('Point');
      expect(metres(f.geometry.coordinates, truth(f.properties.id))).toBeLessThan(5);
    }
    const [w, s, e, n] = preview.bbox as number[];
    for (const f of preview.features) {
      const [x, y] = f.geometry.coordinates;
      expect(x >= w! && x <= e! && y >= s! && y <= n!).toBe(true);
    }
  });

  it('is bounded: at most the configured features, those with problems first, and says it is truncated', async () => {
    const { report } = await upload('located/telecom-gcj02-bad-rows.csv', { layer: 'fixed_service', crs: 'gcj02', dryRun: 'true', effect: 'false' }, small);
    expect(report.preview).toMatchObject({ drawable: 6, included: 3, truncated: true, limits: { features: 3, vertices: 4 } });
    expect(report.preview.features.map((f: any) => [f.properties.index, f.properties.status])).toEqual([
      [1, 'error'],
      [2, 'error'],
      [4, 'error'],
    ]);
    // The bbox is still that of every drawable feature, and problems keep their positions.
    const full = (await upload('located/telecom-gcj02-bad-rows.csv', { layer: 'fixed_service', crs: 'gcj02', dryRun: 'true', effect: 'false' })).report;
    expect(report.preview.bbox).toEqual(full.preview.bbox);
    expect((report.problems as Problem[]).find((p) => p.index === 6)!.position).toEqual((full.problems as Problem[]).find((p) => p.index === 6)!.position);
  });

  it('draws a geometry past the position budget as its position, from a Shapefile polygon', async () => {
    const whole = await upload('good/service-area-shapefile.zip', { layer: 'fixed_service', dryRun: 'true', effect: 'false' });
    expect(whole.report.preview).toMatchObject({ drawable: 1, included: 1, reduced: 0, truncated: false });
    const polygon = whole.report.preview.features[0];
    expect(polygon.geometry.type).toBe('Polygon');
    expect(polygon.geometry.coordinates).toHaveLength(2); // with its hole
    const cut = await upload('good/service-area-shapefile.zip', { layer: 'fixed_service', dryRun: 'true', effect: 'false' }, small);
    expect(cut.report.preview).toMatchObject({ drawable: 1, included: 1, reduced: 1, truncated: true });
    const point = cut.report.preview.features[0];
    expect(point).toMatchObject({ geometry: { type: 'Point' }, properties: { index: 0, id: 'T-AREA-1', status: 'ok', reduced: true } });
    expect(metres(point.geometry.coordinates, register.get('B0001')!)).toBeLessThan(0.5);
  });

  it('has nothing to draw for records without geometry, and can be left out (preview=false)', async () => {
    const egress = await upload('good/egress.csv', { layer: 'egress', dryRun: 'true', effect: 'false' });
    expect(egress.report.preview).toMatchObject({ features: [], drawable: 0, included: 0, truncated: false });
    expect(egress.report.preview.bbox).toBeUndefined();
    const off = await upload('good/telecom-points.csv', { layer: 'fixed_service', dryRun: 'true', effect: 'false', preview: 'false' });
    expect(off.status).toBe(200);
    expect(off.report.preview).toBeNull();
  });
});
