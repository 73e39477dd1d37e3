/**
 * Golden fixtures small enough to check by hand (tests/fixtures/engine/<case>/): the engine run
 * on in.json must give exactly the hand-derived out.json (each case's README says why each
 * number is what it is). `UPDATE_GOLDEN=1 npx vitest run tests/engine/golden.test.ts` rewrites
 * out.json from the engine instead — for a deliberate change of rule only, and the new numbers
 * must then be re-derived by hand and the README updated: never commit a regenerated file
 * unread.
 *
 * Besides the golden comparison, every case is held to invariants that need no hand numbers:
 * the areas add up at every level, grid cells hold the buildings h3-js puts in them, and the
 * duct grid is the set of cells whose centre lies in a district.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { latLngToCell, polygonToCells } from 'h3-js';
import { booleanPointInPolygon, point as turfPoint, polygon as turfPolygon } from '@turf/turf';
import type { LineString, MultiPolygon, Point, Polygon } from 'geojson';
import { LAYER_IDS } from '../../geodata/schema';
import { validateDocument } from '../../geodata/validate-features';
import { distanceM } from '../../geodata/geometry/distance';
import { geodesicM } from '../support/geodesic';
import type { ComplianceEngine, Level } from '../../geodata/engine/engine';
import type { LayerData } from '../../geodata/engine/input';
import {
  FIXTURE_CITY,
  FIXTURE_H3,
  FIXTURES,
  SHARE_INDICATORS,
  fixtureEngine,
  formatGolden,
  loadLayers,
  pick,
  summarize,
  sumOver,
  type Golden,
} from './support';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const CASES = readdirSync(FIXTURES).filter((d) => existsSync(join(FIXTURES, d, 'in.json'))).sort();

const DEFAULT_GOLDEN: Golden = {
  runs: [{ asOf: '2015-12-31', view: 'in_service', due: [], outside: { buildings: 0, households: 0 }, orphanRecords: 0, levels: { city: {}, district: {}, township: {} } }],
};

function loadCase(name: string): { layers: LayerData; engine: ComplianceEngine; golden: Golden; goldenPath: string } {
  const layers = loadLayers(join(FIXTURES, name, 'in.json'));
  const goldenPath = join(FIXTURES, name, 'out.json');
  const golden = existsSync(goldenPath) ? (JSON.parse(readFileSync(goldenPath, 'utf8')) as Golden) : DEFAULT_GOLDEN;
  return { layers, engine: fixtureEngine(layers), golden, goldenPath };
}

const pointOf = (g: unknown) => (g as Point).coordinates as [number, number];

it('finds the golden cases', () => {
  expect(CASES).toEqual(expect.arrayContaining(['borders', 'edges-and-ducts', 'fixed-service', 'reach-and-seats', 'settlements-wireless']));
});

describe.each(CASES)('golden fixture %s', (name) => {
  const { layers, engine, golden, goldenPath } = loadCase(name);

  it('has every layer, and every feature passes its layer schema', () => {
    for (const layer of LAYER_IDS) {
      const doc = { type: 'FeatureCollection', features: layers[layer].map((f) => ({ type: 'Feature', geometry: f.geometry, properties: f.properties })) };
      const result = validateDocument(layer, doc);
      expect(result.problems, layer).toEqual([]);
      expect(result.valid, layer).toHaveLength(layers[layer].length);
    }
  });

  it(UPDATE ? 'writes out.json from the engine (UPDATE_GOLDEN=1)' : 'gives exactly the hand-derived out.json', () => {
    const actual: Golden = { runs: golden.runs.map((run) => summarize(engine, run)) };
    if (UPDATE) {
      writeFileSync(goldenPath, `${formatGolden(actual)}\n`);
      return;
    }
    expect(existsSync(goldenPath), `${goldenPath} is missing`).toBe(true);
    for (const [i, run] of golden.runs.entries()) {
      expect(actual.runs[i], `run ${i}: ${run.asOf} ${run.view}`).toEqual(run);
    }
  });

  it('adds up: districts, townships and grid cells each sum to the city; outside items are apart', () => {
    for (const run of golden.runs) {
      const at = (level: Level) => engine.compliance(level, run.asOf, run.view);
      const city = at('city');
      const levels = { district: at('district').areas, township: at('township').areas, grid: at('grid').areas };
      for (const id of SHARE_INDICATORS) {
        const total = pick(city.areas[0]!.indicators.find((i) => i.id === id));
        for (const [level, areas] of Object.entries(levels)) {
          expect(sumOver(areas, id), `${run.asOf} ${run.view} ${id}: ${level}s vs city`).toEqual(total);
        }
      }
      // Every building is counted once: in the city or outside every district.
      const fibre = pick(city.areas[0]!.indicators.find((i) => i.id === 'fiber_transformation'));
      expect(fibre.denominator + city.outside.buildings).toBe(layers.buildings.length);
    }
  });

  it('puts each building in the grid cell h3-js gives its point', () => {
    const expected = new Map<string, number>();
    for (const b of layers.buildings) {
      if (engine.building(b.id, '2015-12-31')?.district == null) continue; // outside: no cell counts it
      const [x, y] = pointOf(b.geometry);
      const cell = latLngToCell(y, x, FIXTURE_H3);
      expected.set(cell, (expected.get(cell) ?? 0) + 1);
    }
    const actual = new Map<string, number>();
    for (const a of engine.compliance('grid', '2015-12-31').areas) {
      const den = a.indicators.find((i) => i.id === 'fiber_transformation')!.denominator ?? 0;
      if (den > 0) actual.set(a.code, den);
    }
    expect(actual).toEqual(expected);
  });

  it('counts as duct-grid cells exactly the H3 cells whose centre lies in a district (h3-js polygonToCells)', () => {
    const cells = new Set<string>();
    for (const d of layers.districts) {
      const g = d.geometry as Polygon | MultiPolygon;
      for (const polygon of g.type === 'Polygon' ? [g.coordinates] : g.coordinates) for (const c of polygonToCells(polygon, FIXTURE_H3, true)) cells.add(c);
    }
    const city = engine.compliance('city', '2015-12-31').areas[0]!.indicators.find((i) => i.id === 'gis_pipe_grid')!;
    expect(city.denominator).toBe(cells.size);
    const grid = engine.compliance('grid', '2015-12-31').areas;
    const counted = grid.filter((a) => a.indicators.find((i) => i.id === 'gis_pipe_grid')!.denominator === 1).map((a) => a.code);
    expect(new Set(counted)).toEqual(cells);
    for (const level of ['district', 'township'] as const) {
      expect(sumOver(engine.compliance(level, '2015-12-31').areas, 'gis_pipe_grid').denominator, level).toBe(cells.size);
    }
  });
});

// ------------------------------------------------------------------ what each case is for, spelt out

describe('borders: shared edges, holes, multipolygons, empty areas', () => {
  const { engine } = loadCase('borders');
  const district = (code: string, asOf = '2015-12-31') => engine.compliance('district', asOf).areas.find((a) => a.code === code)!;
  const fibre = (code: string) => pick(district(code).indicators.find((i) => i.id === 'fiber_transformation'));

  it('a building on the vertical West|East border counts in East (the area to its right), once', () => {
    expect(engine.building('B2', '2015-12-31')!.district).toBe('341102');
    expect(fibre('341101')).toEqual({ numerator: 0, denominator: 1 }); // B1 only
    expect(fibre('341102')).toEqual({ numerator: 1, denominator: 1 }); // B2
  });

  it('a building on the horizontal West|North border counts in North (the area above it); a shared corner too', () => {
    expect(engine.building('B3', '2015-12-31')!.district).toBe('341103');
    expect(engine.building('B8', '2015-12-31')!.district).toBe('341103');
  });

  it('a building in a hole with no other district around it is outside, not in the city', () => {
    const city = engine.compliance('city', '2015-12-31');
    expect(engine.building('B4', '2015-12-31')!.district).toBeNull();
    expect(city.outside).toEqual({ buildings: 1, households: 40 });
    expect(pick(city.areas[0]!.indicators.find((i) => i.id === 'fiber_transformation'))).toEqual({ numerator: 4, denominator: 7 });
  });

  it('both parts of a multipolygon district count', () => {
    expect(engine.building('B5', '2015-12-31')!.district).toBe('341104');
    expect(engine.building('B6', '2015-12-31')!.district).toBe('341104');
    expect(fibre('341104')).toEqual({ numerator: 1, denominator: 2 });
  });

  it('an area with no buildings is no_data with 0 of 0, not 0 % or 100 %', () => {
    for (const r of district('341105').indicators.filter((i) => (SHARE_INDICATORS as readonly string[]).includes(i.id))) {
      expect([r.numerator, r.denominator, r.value, r.status], r.id).toEqual([0, 0, null, 'no_data']);
    }
  });
});

describe('fixed-service: carriers, service areas, dates, views, weighting', () => {
  const { engine } = loadCase('fixed-service');
  const township = (code: string, asOf: string, view: 'in_service' | 'planned' = 'in_service') =>
    engine.compliance('township', asOf, view).areas.find((a) => a.code === code)!;
  const result = (code: string, id: string, asOf: string, view: 'in_service' | 'planned' = 'in_service') =>
    township(code, asOf, view).indicators.find((i) => i.id === id)!;

  it('a fwa service area over two townships gives its offer to the buildings inside it in both', () => {
    for (const id of ['F1', 'F2']) {
      const b = engine.building(id, '2015-12-31')!;
      expect(b.offers.map((o) => [o.record, o.area, o.down_mbps])).toEqual([['M-FWA1', true, 20]]);
    }
    expect(engine.building('F1', '2015-12-31')!.township).toBe('341101001');
    expect(engine.building('F2', '2015-12-31')!.township).toBe('341101002');
  });

  it('two carriers at 8 and 50 Mbit/s: the best counts, offers listed best first', () => {
    const c1 = engine.building('C1', '2015-12-31')!;
    expect(c1.best_down_mbps).toBe(50);
    expect(c1.offers.map((o) => `${o.carrier}:${o.down_mbps}`)).toEqual(['unicom:50', 'telecom:8']);
  });

  it('a record in service from 2016-01-10 counts as of 2016-06-30, not as of 2015-12-31; due follows the deadline', () => {
    expect(pick(result('341101002', 'fiber_transformation', '2015-12-31'))).toEqual({ numerator: 1, denominator: 5 });
    expect(pick(result('341101002', 'fiber_transformation', '2016-06-30'))).toEqual({ numerator: 2, denominator: 5 });
    expect(result('341101002', 'fiber_transformation', '2015-06-30').due).toBe(false);
    expect(result('341101002', 'fiber_transformation', '2016-06-30').due).toBe(true);
  });

  it('a planned record counts in the planned view only', () => {
    expect(pick(result('341101002', 'urban_20m', '2015-12-31'))).toEqual({ numerator: 8, denominator: 63 });
    expect(pick(result('341101002', 'urban_20m', '2015-12-31', 'planned'))).toEqual({ numerator: 38, denominator: 63 });
  });

  it('a commercial building with 0 households weighs nothing in urban_20m but counts for commercial_100m', () => {
    const gaps = engine.gaps('urban_20m', '2015-12-31')!;
    expect(gaps.map((g) => g.id)).not.toContain('K2');
    expect(pick(result('341101002', 'commercial_100m', '2015-12-31'))).toEqual({ numerator: 0, denominator: 1 });
    expect(pick(result('341101001', 'commercial_100m', '2015-12-31'))).toEqual({ numerator: 1, denominator: 1 });
  });

  it('a record for a building not in the register is reported, not counted', () => {
    expect(engine.compliance('city', '2015-12-31').orphanRecords).toBe(1);
  });

  it('series gives, date by date, what compliance gives', () => {
    const dates = ['2015-06-30', '2015-12-31', '2016-06-30'];
    const series = engine.series('341101002', dates);
    expect(series.map((s) => s.asOf)).toEqual(dates);
    for (const s of series) expect(s.indicators).toEqual(township('341101002', s.asOf).indicators);
  });
});

describe('settlements-wireless: settlement classes, 3G/4G, WiFi, stations, egress, ducts', () => {
  const { layers, engine } = loadCase('settlements-wireless');

  it('fixture geometry: R1 lies exactly on the 4G radius (as the engine measures it), R2 inside 3G only', () => {
    const site = pointOf(layers.mobile_sites[0]!.geometry);
    const radius = (id: string) => Number(layers.mobile_sites.find((s) => s.id === id)!.properties.radius_m);
    const at = (id: string) => pointOf(layers.buildings.find((b) => b.id === id)!.geometry);
    const dist = (id: string) => distanceM(site[0], site[1], ...at(id));
    expect(dist('R1')).toBe(radius('S4G'));
    // GeographicLib agrees to within a micrometre: R1 is on the radius, not a rounding away.
    expect(Math.abs(geodesicM(site, at('R1')) - radius('S4G'))).toBeLessThan(1e-6);
    expect(geodesicM(site, at('R2'))).toBeGreaterThan(radius('S4G'));
    expect(geodesicM(site, at('R2'))).toBeLessThan(radius('S3G'));
  });

  it('buildings take the class of the nearest seat in their township, or the township class without seats', () => {
    const cls = (id: string) => engine.building(id, '2015-12-31')!.settlement;
    expect(['R1', 'R2', 'U1', 'U2', 'W1', 'W2'].map(cls)).toEqual(['rural', 'rural', 'urban', 'urban', 'town', 'town']);
  });

  it('mobile_3g4g: inside 3G and 4G (at exactly the radius) counts; inside 3G only does not', () => {
    expect(engine.building('R1', '2015-12-31')!.mobile).toEqual({ '3g': true, '4g': true });
    expect(engine.building('R2', '2015-12-31')!.mobile).toEqual({ '3g': true, '4g': false });
    const city = engine.compliance('city', '2015-12-31').areas[0]!;
    expect(pick(city.indicators.find((i) => i.id === 'mobile_3g4g'))).toEqual({ numerator: 10, denominator: 115 });
  });

  it('egress: the latest record per carrier on or before the date, summed; not applicable below the city', () => {
    const egress = (asOf: string) => engine.compliance('city', asOf).areas[0]!.indicators.find((i) => i.id === 'egress_500g')!;
    expect([egress('2015-12-31').value, egress('2015-12-31').status]).toEqual([450, 'not_met']);
    expect([egress('2016-06-30').value, egress('2016-06-30').status]).toEqual([550, 'met']);
    for (const level of ['district', 'township', 'grid'] as const) {
      for (const a of engine.compliance(level, '2016-06-30').areas) {
        expect(a.indicators.find((i) => i.id === 'egress_500g')!.status).toBe('not_applicable');
      }
    }
  });

  it('gis_pipe_grid: the H3 cell of the duct midpoint (h3-js) holds its whole length; no other cell has duct', () => {
    const duct = layers.ducts[0]!;
    const [[ax, ay], [bx, by]] = (duct.geometry as LineString).coordinates as [[number, number], [number, number]];
    expect(ax).toBe(bx); // north-south, under one 50 m piece
    const lengthM = distanceM(ax, ay, bx, by);
    // The engine's length is the geodesic's (GeographicLib) to within a micrometre: 33.266 m.
    expect(Math.abs(lengthM - geodesicM([ax, ay], [bx, by]))).toBeLessThan(1e-6);
    expect(lengthM).toBeLessThan(50);
    const cell = latLngToCell((ay + by) / 2, (ax + bx) / 2, FIXTURE_H3);
    const grid = engine.compliance('grid', '2015-12-31').areas;
    const withDuct = grid.filter((a) => (a.indicators.find((i) => i.id === 'gis_pipe_grid')!.numerator ?? 0) > 0);
    expect(withDuct.map((a) => a.code)).toEqual([cell]);
    const r = withDuct[0]!.indicators.find((i) => i.id === 'gis_pipe_grid')!;
    expect([r.numerator, r.denominator]).toEqual([1, 1]);
    expect(r.figures).toEqual({
      length_km: Math.round(lengthM) / 1000,
      duct_km: Math.round(lengthM * 4) / 1000,
      spare_duct_km: Math.round(lengthM * 1) / 1000,
      cells_without_duct: 0,
    });
    // Before the duct's in-service date there is none.
    const before = engine.compliance('grid', '2013-12-31').areas.find((a) => a.code === cell)!;
    expect(before.indicators.find((i) => i.id === 'gis_pipe_grid')!.numerator).toBe(0);
  });

  it('uses the city options it was given', () => {
    expect(engine.compliance('city', '2015-12-31').areas[0]!.code).toBe(FIXTURE_CITY.code);
  });
});

describe('reach-and-seats: reach at 0.999 / 1.001 of a radius and exactly at it, near-tied and tied seats', () => {
  const { layers, engine } = loadCase('reach-and-seats');
  const at = (layer: 'buildings' | 'public_places' | 'mobile_sites' | 'wifi_hotspots' | 'villages', id: string) =>
    pointOf((layers[layer] as readonly { id: string; geometry: unknown }[]).find((f) => f.id === id)!.geometry);
  const radius = (layer: 'mobile_sites' | 'wifi_hotspots', id: string) => Number(layers[layer].find((f) => f.id === id)!.properties.radius_m);

  it('fixture geometry: each position is where the README says, by GeographicLib', () => {
    const s4 = at('mobile_sites', 'S4G');
    for (const dir of ['N', 'S', 'E', 'W']) {
      expect(geodesicM(s4, at('buildings', `M-${dir}-IN`)) / 2522).toBeCloseTo(0.999, 9);
      expect(geodesicM(s4, at('buildings', `M-${dir}-OUT`)) / 2522).toBeCloseTo(1.001, 9);
      expect(geodesicM(at('wifi_hotspots', 'H1'), at('public_places', `P-${dir}-IN`)) / 100).toBeCloseTo(0.999, 9);
      expect(geodesicM(at('wifi_hotspots', 'H1'), at('public_places', `P-${dir}-OUT`)) / 100).toBeCloseTo(1.001, 9);
    }
    expect(geodesicM(s4, at('buildings', 'M-ISSUE'))).toBeCloseTo(2516.5, 6);
    const t1 = at('buildings', 'T1');
    expect(geodesicM(t1, at('villages', '341101001002'))).toBeCloseTo(298.75, 6);
    expect(geodesicM(t1, at('villages', '341101001003'))).toBeCloseTo(299.97, 6);
  });

  it('a building at 0.999 of the 4G radius is covered in every direction; at 1.001 it is not', () => {
    for (const dir of ['N', 'S', 'E', 'W']) {
      expect(engine.building(`M-${dir}-IN`, '2015-12-31')!.mobile, dir).toEqual({ '3g': true, '4g': true });
      expect(engine.building(`M-${dir}-OUT`, '2015-12-31')!.mobile, dir).toEqual({ '3g': true, '4g': false });
    }
    expect(engine.building('M-ISSUE', '2015-12-31')!.mobile['4g']).toBe(true);
  });

  it('exactly at the radius (as the engine measures it) is inside; a centimetre beyond is not', () => {
    const s4x = at('mobile_sites', 'S4X');
    expect(distanceM(...s4x, ...at('buildings', 'M-EXACT'))).toBe(radius('mobile_sites', 'S4X'));
    expect(distanceM(...s4x, ...at('buildings', 'M-PAST'))).toBeGreaterThan(radius('mobile_sites', 'S4X'));
    expect(engine.building('M-EXACT', '2015-12-31')!.mobile['4g']).toBe(true);
    expect(engine.building('M-PAST', '2015-12-31')!.mobile['4g']).toBe(false);
    const hx = at('wifi_hotspots', 'HX');
    expect(distanceM(...hx, ...at('public_places', 'P-EXACT'))).toBe(radius('wifi_hotspots', 'HX'));
    const uncovered = engine.gaps('wifi_public_places', '2015-12-31')!.map((g) => g.id).sort();
    expect(uncovered).toEqual(['P-E-OUT', 'P-N-OUT', 'P-S-OUT', 'P-W-OUT']);
  });

  it('the nearest seat decides the class (298.75 m urban beats 299.97 m rural); an exact tie goes to the smaller code', () => {
    const cls = (e: ComplianceEngine, id: string) => e.building(id, '2015-12-31')!.settlement;
    expect(['T1', 'T2', 'T-TIE'].map((id) => cls(engine, id))).toEqual(['urban', 'rural', 'urban']);
    const tie = at('buildings', 'T-TIE');
    expect(distanceM(...tie, ...at('villages', '341101001004'))).toBe(distanceM(...tie, ...at('villages', '341101001005')));
    // Whatever order the seats (or anything else) come in.
    const reversed = Object.fromEntries(Object.entries(layers).map(([k, v]) => [k, [...v].reverse()])) as unknown as LayerData;
    const other = fixtureEngine(reversed);
    expect(['T1', 'T2', 'T-TIE'].map((id) => cls(other, id))).toEqual(['urban', 'rural', 'urban']);
    for (const level of ['city', 'district', 'township'] as const) expect(other.compliance(level, '2015-12-31')).toEqual(engine.compliance(level, '2015-12-31'));
  });
});

describe('edges-and-ducts: service-area outlines, a slanted edge, duct lengths and pieces outside the city', () => {
  const { layers, engine } = loadCase('edges-and-ducts');
  const areaOffer = (id: string) => engine.building(id, '2015-12-31')!.offers.filter((o) => o.area).map((o) => o.record);

  it('a building on any edge or corner of a service area has its offer (boundary included); a centimetre outside has none', () => {
    for (const id of ['A-IN', 'A-W', 'A-E', 'A-S', 'A-N', 'A-SW', 'A-SE', 'A-NE', 'A-NW']) expect(areaOffer(id), id).toEqual(['SA-RECT']);
    for (const id of ['A-W-OUT', 'A-E-OUT', 'A-S-OUT', 'A-N-OUT']) expect(areaOffer(id), id).toEqual([]);
    expect(areaOffer('T-DIAG')).toEqual(['SA-TRI']);
    expect(areaOffer('T-DIAG-IN')).toEqual(['SA-TRI']);
    expect(areaOffer('T-DIAG-OUT')).toEqual([]);
  });

  it('the what-if counts a building on the drawn outline as inside, as a service area does', () => {
    const rect = layers.fixed_service.find((f) => f.id === 'SA-RECT')!.geometry as Polygon;
    expect(engine.whatIf({ geometry: rect, technology: 'ftth', down_mbps: 100 }, '2015-12-31').buildings).toBe(9);
  });

  it('duct lengths, duct-km and cells with a duct: GeographicLib lengths, h3-js cells, pieces outside the city left out', () => {
    const district = turfPolygon((layers.districts[0]!.geometry as Polygon).coordinates);
    let lengthM = 0;
    let ductM = 0;
    let spareM = 0;
    const cells = new Set<string>();
    for (const d of layers.ducts) {
      const line = (d.geometry as LineString).coordinates as [number, number][];
      for (let i = 0; i + 1 < line.length; i++) {
        const [a, b] = [line[i]!, line[i + 1]!];
        const len = geodesicM(a, b);
        const parts = Math.ceil(len / 50);
        for (let k = 0; k < parts; k++) {
          const t = (k + 0.5) / parts;
          const mid: [number, number] = [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
          if (!booleanPointInPolygon(turfPoint(mid), district)) continue;
          lengthM += len / parts;
          ductM += (len / parts) * Number(d.properties.ducts);
          spareM += (len / parts) * Number(d.properties.spare_ducts);
          cells.add(latLngToCell(mid[1], mid[0], FIXTURE_H3));
        }
      }
    }
    const city = engine.compliance('city', '2015-12-31').areas[0]!.indicators.find((i) => i.id === 'gis_pipe_grid')!;
    expect(city.figures).toMatchObject({ length_km: Math.round(lengthM) / 1000, duct_km: Math.round(ductM) / 1000, spare_duct_km: Math.round(spareM) / 1000 });
    expect(city.numerator).toBe(cells.size);
    const withDuct = engine.compliance('grid', '2015-12-31').areas.filter((a) => (a.indicators.find((i) => i.id === 'gis_pipe_grid')!.numerator ?? 0) > 0);
    expect(new Set(withDuct.map((a) => a.code))).toEqual(cells);
    // D2 really leaves the city half-way: its length counted is half its geodesic length.
    const d2 = (layers.ducts.find((d) => d.id === 'D2')!.geometry as LineString).coordinates;
    const d3 = (layers.ducts.find((d) => d.id === 'D3')!.geometry as LineString).coordinates;
    expect(lengthM).toBeCloseTo(1000 + geodesicM(d2[0]!, d2[1]!) / 2 + geodesicM(d3[0]!, d3[1]!) + geodesicM(d3[1]!, d3[2]!), 6);
  });

  it('the nearest duct is 300.0 m away for a building 300 m east of a duct', () => {
    expect(engine.building('NEAR', '2015-12-31')!.nearest_duct_m).toBe(300);
  });
});
