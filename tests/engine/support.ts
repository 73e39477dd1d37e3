/**
 * Shared helpers of the engine tests: the targets file, golden fixtures (load, run, summarise,
 * print) and sums over areas. Not a test file itself (Vitest runs *.test.ts only).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LAYER_IDS, type LayerId } from '../../geodata/schema';
import { parseTargets, type IndicatorId, type TargetsFile } from '../../geodata/targets';
import { ComplianceEngine, type IndicatorResult, type Level } from '../../geodata/engine/engine';
import type { View } from '../../geodata/engine/fixed-service';
import type { FeatureRecord, LayerData } from '../../geodata/engine/input';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('../fixtures/engine/', import.meta.url));

export function loadTargets(): TargetsFile {
  return parseTargets(JSON.parse(readFileSync(`${ROOT}seeds/targets.json`, 'utf8')));
}

/** Indicators counted as a share of items (the ones whose numerators and denominators add up). */
export const SHARE_INDICATORS: readonly IndicatorId[] = [
  'fiber_transformation',
  'commercial_fttb',
  'commercial_100m',
  'urban_20m',
  'town_12m',
  'rural_4m',
  'mobile_3g4g',
  'wifi_public_places',
  'village_info_stations',
];

/** The city of every fixture (the engine's `city` option). */
export const FIXTURE_CITY = { code: '341100', name: 'Fixture city' };
export const FIXTURE_H3 = 8;

export function loadLayers(path: string): LayerData {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Partial<Record<LayerId, FeatureRecord[]>>;
  const missing = LAYER_IDS.filter((id) => !Array.isArray(raw[id]));
  if (missing.length) throw new Error(`${path}: layers missing: ${missing.join(', ')}`);
  return raw as LayerData;
}

export function fixtureEngine(layers: LayerData, targets: TargetsFile = loadTargets()): ComplianceEngine {
  return new ComplianceEngine(layers, targets, { h3Resolution: FIXTURE_H3, city: FIXTURE_CITY });
}

// ------------------------------------------------------------------ golden summaries

/** [numerator, denominator, status] — plus the figures for egress and the duct summary. */
export type Entry = [number | null, number | null, string] | [number | null, number | null, string, Record<string, number>];

export interface GapSummary {
  id: string;
  township: string | null;
  weight: number;
  best_down_mbps?: number;
  shortfall_mbps?: number;
  criteria_met?: number;
}

export interface BuildingSummary {
  district: string | null;
  township: string | null;
  settlement: string | null;
  households: number;
  best_down_mbps: number;
  mobile: string[];
  /** [carrier, record, technology, down_mbps, status, is a service area], best first. */
  offers: [string, string, string, number, string, boolean][];
}

export interface GoldenRun {
  asOf: string;
  view: View;
  /** Indicators whose `due` is true at asOf. */
  due?: IndicatorId[];
  outside?: { buildings: number; households: number };
  orphanRecords?: number;
  /** level → area code → indicator → entry (city, district and township; the grid is checked against h3-js). */
  levels?: Partial<Record<Level, Record<string, Record<string, Entry>>>>;
  /** "indicator" or "indicator@area" → the gap list, sorted by id. */
  gaps?: Record<string, GapSummary[]>;
  /** building id → its figures (null if not in the register). */
  buildings?: Record<string, BuildingSummary | null>;
}

export interface Golden {
  runs: GoldenRun[];
}

export function entryOf(r: IndicatorResult): Entry {
  if (r.id === 'gis_pipe_grid') {
    // The cell count (denominator) depends on the H3 grid: checked against h3-js in the test.
    const f = r.figures ?? {};
    return [r.numerator, null, r.status, { length_km: f.length_km ?? NaN, duct_km: f.duct_km ?? NaN, spare_duct_km: f.spare_duct_km ?? NaN }];
  }
  if (r.id === 'egress_500g' && r.status !== 'not_applicable') return [r.numerator, r.denominator, r.status, r.figures ?? {}];
  return [r.numerator, r.denominator, r.status];
}

/** What the engine says for each part a golden run asks about (same shape as the run). */
export function summarize(engine: ComplianceEngine, spec: GoldenRun): GoldenRun {
  const { asOf, view } = spec;
  const out: GoldenRun = { asOf, view };
  const city = engine.compliance('city', asOf, view);
  if (spec.due) out.due = city.areas[0]!.indicators.filter((i) => i.due).map((i) => i.id);
  if (spec.outside) out.outside = city.outside;
  if (spec.orphanRecords !== undefined) out.orphanRecords = city.orphanRecords;
  if (spec.levels) {
    out.levels = {};
    for (const level of Object.keys(spec.levels) as Level[]) {
      out.levels[level] = Object.fromEntries(
        engine.compliance(level, asOf, view).areas.map((a) => [a.code, Object.fromEntries(a.indicators.map((i) => [i.id, entryOf(i)]))]),
      );
    }
  }
  if (spec.gaps) {
    out.gaps = {};
    for (const key of Object.keys(spec.gaps)) {
      const [id, area] = key.split('@') as [IndicatorId, string | undefined];
      const list = engine.gaps(id, asOf, { view, ...(area ? { area } : {}) }) ?? [];
      out.gaps[key] = list
        .map((g) => {
          const s: GapSummary = { id: g.id, township: g.township, weight: g.weight };
          if (g.best_down_mbps !== undefined) s.best_down_mbps = g.best_down_mbps;
          if (g.shortfall_mbps !== undefined) s.shortfall_mbps = g.shortfall_mbps;
          if (g.criteria_met !== undefined) s.criteria_met = g.criteria_met;
          return s;
        })
        .sort((a, b) => a.id.localeCompare(b.id));
    }
  }
  if (spec.buildings) {
    out.buildings = {};
    for (const id of Object.keys(spec.buildings)) {
      const b = engine.building(id, asOf, view);
      out.buildings[id] = b && {
        district: b.district,
        township: b.township,
        settlement: b.settlement,
        households: b.households,
        best_down_mbps: b.best_down_mbps,
        mobile: (['3g', '4g'] as const).filter((g) => b.mobile[g]),
        offers: b.offers.map((o) => [o.carrier, o.record, o.technology, o.down_mbps, o.status, o.area]),
      };
    }
  }
  return out;
}

/** JSON with small arrays and objects on one line, so a golden file reads as a table. */
export function formatGolden(value: unknown, indent = ''): string {
  const inline = inlineJson(value);
  if (inline.length + indent.length <= 140 || value === null || typeof value !== 'object') return inline;
  const next = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((v) => next + formatGolden(v, next)).join(',\n')}\n${indent}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{\n${entries.map(([k, v]) => `${next}${JSON.stringify(k)}: ${formatGolden(v, next)}`).join(',\n')}\n${indent}}`;
}

function inlineJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(inlineJson).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return entries.length ? `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${inlineJson(v)}`).join(', ')} }` : '{}';
}

// ------------------------------------------------------------------ sums over areas

export interface NumDen {
  numerator: number;
  denominator: number;
}

/** Sum of numerators and denominators of one indicator over every area of a level. */
export function sumOver(areas: readonly { indicators: IndicatorResult[] }[], id: IndicatorId): NumDen {
  let numerator = 0;
  let denominator = 0;
  for (const a of areas) {
    const r = a.indicators.find((i) => i.id === id)!;
    numerator += r.numerator ?? 0;
    denominator += r.denominator ?? 0;
  }
  return { numerator, denominator };
}

export function pick(r: IndicatorResult | undefined): NumDen {
  return { numerator: r?.numerator ?? NaN, denominator: r?.denominator ?? NaN };
}
