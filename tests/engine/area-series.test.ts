/**
 * One area's figures and series (`area`, `series`: read from the area's own items, not every
 * area's) equal what `compliance(level, date)` gives for that area — at every level, on dates in
 * any order and repeated, in both views, before and after carrier writes; and the incrementally
 * updated engine equals a fresh build after those writes (service records, mobile sites, WiFi
 * hotspots, and a duct that reaches cells the engine had never seen, outside the city).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { LineString } from 'geojson';
import { ComplianceEngine, LEVELS, type Level } from '../../geodata/engine/engine';
import { VIEWS } from '../../geodata/engine/fixed-service';
import type { FeatureRecord, LayerData } from '../../geodata/engine/input';
import { loadBaseGeography } from '../../seeds/base-geography';
import { generateDemoCity } from '../../seeds/generate';
import { loadTargets } from './support';

const CITY = { code: '341100', name: '滁州市' };
// Unsorted, with a repeat and a date before any service.
const DATES = ['2020-12-31', '2013-06-30', '2015-12-31', '2011-01-01', '2013-06-30'];

let layers: LayerData;
let engine: ComplianceEngine;

beforeAll(() => {
  layers = generateDemoCity(loadBaseGeography(), 'small').layers;
  engine = new ComplianceEngine(layers, loadTargets(), { city: CITY });
});

/** The codes of a level worth comparing: all; for the grid, 400 cells that hold buildings or ducts and 100 empty ones. */
function codesOf(e: ComplianceEngine, level: Level): string[] {
  const key = `${level}`;
  const known = codes.get(e)?.get(key);
  if (known) return known;
  const list = pickCodes(e, level);
  codes.set(e, (codes.get(e) ?? new Map()).set(key, list));
  return list;
}
const codes = new Map<ComplianceEngine, Map<string, string[]>>();

function pickCodes(e: ComplianceEngine, level: Level): string[] {
  const areas = e.compliance(level, '2020-12-31').areas;
  if (level !== 'grid') return areas.map((a) => a.code);
  const holds = (a: (typeof areas)[number]) => a.indicators.some((i) => (i.id === 'gis_pipe_grid' ? (i.numerator ?? 0) : (i.denominator ?? 0)) > 0);
  const full = areas.filter(holds);
  const empty = areas.filter((a) => !holds(a));
  const every = <T,>(list: T[], n: number) => list.filter((_, i) => i % Math.max(1, Math.floor(list.length / n)) === 0);
  return [...every(full, 400), ...every(empty, 100)].map((a) => a.code);
}

function expectSeriesEqualsCompliance(e: ComplianceEngine, label: string): number {
  let compared = 0;
  for (const view of VIEWS) {
    for (const level of LEVELS) {
      const byDate = new Map(DATES.map((d) => [d, new Map(e.compliance(level, d, view).areas.map((a) => [a.code, a]))]));
      for (const code of codesOf(e, level)) {
        const series = e.series(code, DATES, view);
        expect(series.map((s) => s.asOf)).toEqual(DATES);
        for (const s of series) expect(s.indicators, `${label} ${view} ${level} ${code} ${s.asOf}`).toEqual(byDate.get(s.asOf)!.get(code)!.indicators);
        const area = e.area(code, '2015-12-31', DATES, view)!;
        const now = byDate.get('2015-12-31')!.get(code)!;
        expect(area.indicators).toEqual(now.indicators);
        expect({ level: area.level, code: area.code, name: area.name, name_en: area.name_en, parent: area.parent }).toEqual({ level, code, name: now.name, name_en: now.name_en, parent: now.parent });
        expect(area.series).toEqual(series);
        compared++;
      }
    }
  }
  return compared;
}

describe('one area’s figures and series', () => {
  it('equal compliance() for that area at every level, date and view (small demo)', () => {
    expect(expectSeriesEqualsCompliance(engine, 'built')).toBeGreaterThan(1000);
  });

  it('answer null (area) or throw (series) for an unknown code', () => {
    expect(engine.area('nowhere', '2015-12-31', DATES)).toBeNull();
    expect(() => engine.series('nowhere', DATES)).toThrow(/no area/);
  });

  it('still equal compliance() after carrier writes, and the engine equals a fresh build', () => {
    const targets = loadTargets();
    const e = new ComplianceEngine(layers, targets, { city: CITY });
    // Series asked before the writes: the city's and districts' totals by day exist, and must be patched.
    for (const view of VIEWS) for (const code of [CITY.code, ...codesOf(e, 'district')]) e.series(code, DATES, view);
    const next: LayerData = { ...layers };
    // Fibre upgrades for 300 telecom records.
    const telecom = layers.fixed_service.filter((f) => f.owner === 'telecom').slice(0, 300);
    const upgraded = telecom.map((f) => ({ ...f, properties: { ...f.properties, technology: 'ftth', down_mbps: 500, in_service: '2014-02-01', status: 'in_service' } }));
    next.fixed_service = [...layers.fixed_service.filter((f) => !telecom.includes(f)), ...upgraded];
    e.applyChanges('fixed_service', telecom, upgraded);
    // A tenth of the mobile sites gone.
    const gone = layers.mobile_sites.filter((_, i) => i % 10 === 0);
    next.mobile_sites = layers.mobile_sites.filter((_, i) => i % 10 !== 0);
    e.applyChanges('mobile_sites', gone, []);
    // A fifth of the WiFi hotspots gone.
    const hotspots = layers.wifi_hotspots.filter((_, i) => i % 5 === 0);
    next.wifi_hotspots = layers.wifi_hotspots.filter((_, i) => i % 5 !== 0);
    e.applyChanges('wifi_hotspots', hotspots, []);
    // A duct from inside the city to 30 km east of it: pieces in cells the engine never saw.
    const [x, y] = (layers.ducts[0]!.geometry as LineString).coordinates[0] as [number, number];
    const east = 119.6;
    const duct: FeatureRecord = {
      owner: 'telecom',
      id: 'D-EAST',
      geometry: { type: 'LineString', coordinates: [[x, y], [east, y]] },
      properties: { id: 'D-EAST', owner: 'telecom', ducts: 6, spare_ducts: 2, in_service: '2014-06-01' },
    };
    next.ducts = [...layers.ducts, duct];
    const before = e.compliance('city', '2015-12-31').areas[0]!.indicators.find((i) => i.id === 'gis_pipe_grid')!;
    e.applyChanges('ducts', [], [duct]);
    const fresh = new ComplianceEngine(next, targets, { city: CITY });
    for (const view of VIEWS) {
      for (const level of LEVELS) {
        // Every date above the grid; the grid's 24,000 cells at one.
        for (const d of level === 'grid' ? ['2015-12-31'] : DATES) expect(e.compliance(level, d, view), `${view} ${level} ${d}`).toEqual(fresh.compliance(level, d, view));
      }
    }
    // The duct reached new cells, but a cell outside every district is no cell of the city.
    const after = e.compliance('city', '2015-12-31').areas[0]!.indicators.find((i) => i.id === 'gis_pipe_grid')!;
    expect(after.denominator).toBe(before.denominator);
    expect(after.figures!.length_km).toBeGreaterThan(before.figures!.length_km!);
    expect(expectSeriesEqualsCompliance(e, 'after writes')).toBeGreaterThan(1000);
  });
});
