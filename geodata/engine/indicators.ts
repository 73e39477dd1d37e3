/**
 * One small function per indicator of the targets file. Each turns the engine's facts into a
 * flat "item set": for every item (building, public place, village) its weight in the
 * indicator (0 if it is not counted: wrong settlement, no households…) and the first day it
 * meets the indicator. Aggregation (aggregate.ts) then only sums weights per area.
 *
 * The thresholds and settlement classes come from the targets file, not from here.
 */
import { SETTLEMENTS } from '../schema';
import type { IndicatorId, TargetSpec } from '../targets';
import { NEVER } from './dates';
import type { FixedService, View } from './fixed-service';
import type { Buildings, Places, Villages } from './items';
import { USE_CODES } from './items';

/** Which kind of item an indicator counts. */
export type ItemKind = 'buildings' | 'places' | 'villages';

export interface ItemSet {
  id: IndicatorId;
  kind: ItemKind;
  /** "households" where the clause speaks of residents, else "buildings", "places", "villages". */
  unit: 'households' | 'buildings' | 'places' | 'villages';
  weight: Int32Array;
  since: Int32Array;
}

export interface Facts {
  buildings: Buildings;
  places: Places;
  villages: Villages;
  fixed: FixedService;
  mobile3g: Int32Array;
  mobile4g: Int32Array;
  wifi: Int32Array;
}

const COMMERCIAL = USE_CODES.indexOf('commercial');

/** Item set for one building indicator: fills weight and since for buildings [from, to). */
type BuildingRule = (facts: Facts, target: TargetSpec, view: View, b: number) => { weight: number; since: number };

const BUILDING_RULES: Partial<Record<IndicatorId, { unit: ItemSet['unit']; rule: BuildingRule }>> = {
  // Every building in the register: has fibre (FTTH/FTTO/FTTB) reached it?
  fiber_transformation: {
    unit: 'buildings',
    rule: (f, _t, view, b) => ({ weight: 1, since: f.fixed.fibreSince[view][b]! }),
  },
  commercial_fttb: {
    unit: 'buildings',
    rule: (f, _t, view, b) => ({ weight: f.buildings.use[b] === COMMERCIAL ? 1 : 0, since: f.fixed.fibreSince[view][b]! }),
  },
  commercial_100m: {
    unit: 'buildings',
    rule: (f, t, view, b) => ({ weight: f.buildings.use[b] === COMMERCIAL ? 1 : 0, since: speedSince(f, t, view, b) }),
  },
  // Residents' clauses are weighted by households, in the settlement class the target names.
  urban_20m: { unit: 'households', rule: (f, t, view, b) => residents(f, t, view, b) },
  town_12m: { unit: 'households', rule: (f, t, view, b) => residents(f, t, view, b) },
  rural_4m: { unit: 'households', rule: (f, t, view, b) => residents(f, t, view, b) },
  // "3G、4G全覆盖": a household counts once it is inside both a 3G and a 4G site's reach.
  mobile_3g4g: {
    unit: 'households',
    rule: (f, _t, _view, b) => ({ weight: f.buildings.households[b]!, since: Math.max(f.mobile3g[b]!, f.mobile4g[b]!) }),
  },
};

function speedSince(f: Facts, t: TargetSpec, view: View, b: number): number {
  const since = f.fixed.speedSince[view].get(t.threshold_mbps ?? 0);
  return since ? since[b]! : NEVER;
}

function residents(f: Facts, t: TargetSpec, view: View, b: number): { weight: number; since: number } {
  const wanted = t.settlement ? SETTLEMENTS.indexOf(t.settlement) : -1;
  const inClass = wanted < 0 || f.buildings.settlement[b] === wanted;
  return { weight: inClass ? f.buildings.households[b]! : 0, since: speedSince(f, t, view, b) };
}

export function isBuildingIndicator(id: IndicatorId): boolean {
  return id in BUILDING_RULES;
}

export function buildingItemSet(facts: Facts, target: TargetSpec, view: View): ItemSet {
  const spec = BUILDING_RULES[target.id];
  if (!spec) throw new Error(`${target.id} is not a building indicator`);
  const n = facts.buildings.count;
  const set: ItemSet = { id: target.id, kind: 'buildings', unit: spec.unit, weight: new Int32Array(n), since: new Int32Array(n) };
  for (let b = 0; b < n; b++) updateBuildingItem(set, facts, target, view, b);
  return set;
}

/** Recompute one building's entry (after a write touched it). */
export function updateBuildingItem(set: ItemSet, facts: Facts, target: TargetSpec, view: View, b: number): void {
  const { weight, since } = BUILDING_RULES[target.id]!.rule(facts, target, view, b);
  set.weight[b] = weight;
  set.since[b] = since;
}

/** Main public places in the urban area: within a WiFi hotspot's reach since when? */
export function wifiItemSet(facts: Facts, target: TargetSpec): ItemSet {
  const p = facts.places;
  const wanted = target.settlement ? SETTLEMENTS.indexOf(target.settlement) : -1;
  const weight = new Int32Array(p.count);
  for (let i = 0; i < p.count; i++) weight[i] = p.main[i] && (wanted < 0 || p.settlement[i] === wanted) ? 1 : 0;
  return { id: target.id, kind: 'places', unit: 'places', weight, since: Int32Array.from(facts.wifi) };
}

/** Administrative villages with a station meeting all five criteria. Stations carry no date:
 * a full station counts on every date (since = the earliest day), others never. */
export function stationItemSet(facts: Facts, target: TargetSpec): ItemSet {
  const v = facts.villages;
  const weight = new Int32Array(v.count);
  const since = new Int32Array(v.count);
  for (let i = 0; i < v.count; i++) {
    weight[i] = v.isVillage[i]!;
    since[i] = v.fullStation[i] ? -NEVER : NEVER;
  }
  return { id: target.id, kind: 'villages', unit: 'villages', weight, since };
}
