/**
 * Properties of the engine's figures on the generated small demo city (5,000 buildings, the
 * real 8 districts and 124 townships of Chuzhou): bounds, additivity across levels, the
 * no-data rule, monotony over time and between views, and the demo's district profiles.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBaseGeography } from '../../seeds/base-geography';
import { generateDemoCity, type DemoCity } from '../../seeds/generate';
import { ComplianceEngine, type ComplianceResult, type Level } from '../../geodata/engine/engine';
import { today } from '../../geodata/engine/dates';
import type { View } from '../../geodata/engine/fixed-service';
import { SHARE_INDICATORS, loadTargets, pick, sumOver } from './support';

const DATES = ['2014-06-30', '2015-12-31', today()] as const;
const VIEWS: readonly View[] = ['in_service', 'planned'];
const LEVELS: readonly Level[] = ['city', 'district', 'township', 'grid'];

let demo: DemoCity;
let engine: ComplianceEngine;
/** results[view][date][level] */
const results = new Map<string, ComplianceResult>();
const res = (view: View, asOf: string, level: Level) => results.get(`${view}|${asOf}|${level}`)!;

beforeAll(() => {
  demo = generateDemoCity(loadBaseGeography(), 'small');
  engine = new ComplianceEngine(demo.layers, loadTargets(), { city: { code: '341100', name: '滁州市' } });
  for (const view of VIEWS) for (const asOf of DATES) for (const level of LEVELS) results.set(`${view}|${asOf}|${level}`, engine.compliance(level, asOf, view));
});

describe('engine properties on the small demo city', () => {
  it('has the demo it expects: 8 districts, 124 townships, every building in the city', () => {
    expect(res('in_service', '2015-12-31', 'district').areas).toHaveLength(8);
    expect(res('in_service', '2015-12-31', 'township').areas).toHaveLength(124);
    const city = res('in_service', '2015-12-31', 'city');
    const fibre = pick(city.areas[0]!.indicators.find((i) => i.id === 'fiber_transformation'));
    expect(fibre.denominator + city.outside.buildings).toBe(demo.layers.buildings.length);
  });

  it('0 ≤ numerator ≤ denominator, whole numbers, for every share indicator, area, level, date and view', () => {
    const bad: string[] = [];
    for (const [key, r] of results) {
      for (const a of r.areas) {
        for (const i of a.indicators) {
          if (!SHARE_INDICATORS.includes(i.id)) continue;
          const n = i.numerator;
          const d = i.denominator;
          if (n === null || d === null || !Number.isInteger(n) || !Number.isInteger(d) || n < 0 || n > d) bad.push(`${key} ${a.code} ${i.id}: ${n}/${d}`);
        }
      }
    }
    expect(bad.slice(0, 10)).toEqual([]);
  });

  it.each(['district', 'township', 'grid'] as const)('the %s sums equal the city, for every share indicator, date and view', (level) => {
    for (const view of VIEWS) {
      for (const asOf of DATES) {
        const city = res(view, asOf, 'city').areas[0]!;
        for (const id of SHARE_INDICATORS) {
          expect(sumOver(res(view, asOf, level).areas, id), `${view} ${asOf} ${id}`).toEqual(pick(city.indicators.find((i) => i.id === id)));
        }
      }
    }
  });

  it('the duct grid adds up too: cells and cells with a duct per level equal the city', () => {
    for (const asOf of DATES) {
      const city = pick(res('in_service', asOf, 'city').areas[0]!.indicators.find((i) => i.id === 'gis_pipe_grid'));
      for (const level of ['district', 'township', 'grid'] as const) {
        expect(sumOver(res('in_service', asOf, level).areas, 'gis_pipe_grid'), `${asOf} ${level}`).toEqual(city);
      }
      expect(city.numerator).toBeLessThanOrEqual(city.denominator);
    }
  });

  it('status is no_data exactly when the denominator is 0; otherwise met iff the share reaches the target', () => {
    const targets = new Map(loadTargets().indicators.map((t) => [t.id, t.target]));
    const bad: string[] = [];
    for (const [key, r] of results) {
      for (const a of r.areas) {
        for (const i of a.indicators) {
          if (!SHARE_INDICATORS.includes(i.id)) continue;
          const expected = i.denominator === 0 ? 'no_data' : i.numerator! / i.denominator! >= targets.get(i.id)! ? 'met' : 'not_met';
          if (i.status !== expected || (i.denominator === 0) !== (i.value === null)) bad.push(`${key} ${a.code} ${i.id}: ${i.numerator}/${i.denominator} ${i.status}`);
        }
      }
    }
    expect(bad.slice(0, 10)).toEqual([]);
  });

  it('never decreases over time (2014-06-30 ≤ 2015-12-31 ≤ today); denominators stay put', () => {
    const bad: string[] = [];
    for (const view of VIEWS) {
      for (const level of LEVELS) {
        const [a, b, c] = DATES.map((d) => res(view, d, level).areas);
        a!.forEach((area, k) => {
          area.indicators.forEach((i, j) => {
            if (!SHARE_INDICATORS.includes(i.id)) return;
            const series = [i, b![k]!.indicators[j]!, c![k]!.indicators[j]!];
            const nums = series.map((s) => s.numerator!);
            if (!(nums[0]! <= nums[1]! && nums[1]! <= nums[2]!) || new Set(series.map((s) => s.denominator)).size !== 1) {
              bad.push(`${view} ${level} ${area.code} ${i.id}: ${series.map((s) => `${s.numerator}/${s.denominator}`).join(' → ')}`);
            }
          });
        });
      }
    }
    expect(bad.slice(0, 10)).toEqual([]);
  });

  it('the planned view is never below the in-service view (same denominators)', () => {
    const bad: string[] = [];
    for (const asOf of DATES) {
      for (const level of LEVELS) {
        const planned = res('planned', asOf, level).areas;
        res('in_service', asOf, level).areas.forEach((area, k) => {
          area.indicators.forEach((i, j) => {
            if (!SHARE_INDICATORS.includes(i.id)) return;
            const p = planned[k]!.indicators[j]!;
            if (planned[k]!.code !== area.code || p.numerator! < i.numerator! || p.denominator !== i.denominator) {
              bad.push(`${asOf} ${level} ${area.code} ${i.id}: in service ${i.numerator}/${i.denominator}, planned ${p.numerator}/${p.denominator}`);
            }
          });
        });
      }
    }
    expect(bad.slice(0, 10)).toEqual([]);
  });

  it('the demo has planned records that make a difference somewhere (so the view test above is not vacuous)', () => {
    const fibre = (view: View) => res(view, today(), 'city').areas[0]!.indicators.find((i) => i.id === 'fiber_transformation')!.numerator!;
    expect(fibre('planned')).toBeGreaterThan(fibre('in_service'));
  });

  it('leading districts meet fiber_transformation at 2015-12-31; lagging ones do not', () => {
    const districts = res('in_service', '2015-12-31', 'district').areas;
    const byProfile = (p: string) => districts.filter((d) => demo.profiles[d.code] === p);
    expect(byProfile('leading').length).toBeGreaterThan(0);
    expect(byProfile('lagging').length).toBeGreaterThan(0);
    for (const d of byProfile('leading')) expect(d.indicators.find((i) => i.id === 'fiber_transformation')!.status, d.code).toBe('met');
    for (const d of byProfile('lagging')) expect(d.indicators.find((i) => i.id === 'fiber_transformation')!.status, d.code).toBe('not_met');
  });
});
