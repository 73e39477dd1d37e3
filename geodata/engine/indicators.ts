/**
 * One small function per indicator of the targets file. Each turns the engine's facts into a
 * flat "item set": for every item (building, public place, village) its weight in the
 * indicator (0 if it is not counted: wrong settlement, no households…) and the first day it
 * meets the indicator. Aggregation (aggregate.ts) then only sums weights per area.
 *
 * The thresholds and settlement classes come from the targets file, not from here.
 */
import { BUILDING_USES, SETTLEMENTS } from '../schema';
import type { IndicatorId, TargetSpec } from '../targets';
import { NEVER } from './dates';
import type { FixedService, View } from './fixed-service';
import type { Buildings, Places, Villages } from './items';

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

const COMMERCIAL = BUILDING_USES.indexOf('commercial');

/** What each building indicator counts, and in which unit. */
const BUILDING_INDICATORS: Partial<Record<IndicatorId, ItemSet['unit']>> = {
  // Every building in the register: has fibre (FTTH/FTTO/FTTB) reached it?
  fiber_transformation: 'buildings',
  // Commercial buildings: fibre to the building, and an offer of at least the threshold.
  commercial_fttb: 'buildings',
  commercial_100m: 'buildings',
  // Residents' clauses are weighted by households, in the settlement class the target names.
  urban_20m: 'households',
  town_12m: 'households',
  rural_4m: 'households',
  // "3G、4G全覆盖": a household counts once it is inside both a 3G and a 4G site's reach.
  mobile_3g4g: 'households',
};

export function isBuildingIndicator(id: IndicatorId): boolean {
  return id in BUILDING_INDICATORS;
}

export function buildingItemSet(facts: Facts, target: TargetSpec, view: View): ItemSet {
  const unit = BUILDING_INDICATORS[target.id];
  if (!unit) throw new Error(`${target.id} is not a building indicator`);
  const n = facts.buildings.count;
  const set: ItemSet = { id: target.id, kind: 'buildings', unit, weight: new Int32Array(n), since: new Int32Array(n) };
  fillBuildingItems(set, facts, target, view, null);
  return set;
}

/**
 * Fill weight and since for every building (`only` null) or for the given ones (after a write).
 * One loop per indicator, no allocation per building: this runs over a million buildings.
 */
export function fillBuildingItems(set: ItemSet, facts: Facts, target: TargetSpec, view: View, only: Iterable<number> | null): void {
  const B = facts.buildings;
  const { weight, since } = set;
  const all = only === null;
  const n = B.count;
  const each = (fn: (b: number) => void) => {
    if (all) for (let b = 0; b < n; b++) fn(b);
    else for (const b of only) fn(b);
  };
  const speed = facts.fixed.speedSince[view].get(target.threshold_mbps ?? 0) ?? null;
  const fibre = facts.fixed.fibreSince[view];
  const wanted = target.settlement ? SETTLEMENTS.indexOf(target.settlement) : -1;
  switch (target.id) {
    case 'fiber_transformation':
      return each((b) => {
        weight[b] = 1;
        since[b] = fibre[b]!;
      });
    case 'commercial_fttb':
      return each((b) => {
        weight[b] = B.use[b] === COMMERCIAL ? 1 : 0;
        since[b] = fibre[b]!;
      });
    case 'commercial_100m':
      return each((b) => {
        weight[b] = B.use[b] === COMMERCIAL ? 1 : 0;
        since[b] = speed ? speed[b]! : NEVER;
      });
    case 'urban_20m':
    case 'town_12m':
    case 'rural_4m':
      return each((b) => {
        weight[b] = wanted < 0 || B.settlement[b] === wanted ? B.households[b]! : 0;
        since[b] = speed ? speed[b]! : NEVER;
      });
    case 'mobile_3g4g':
      return each((b) => {
        weight[b] = B.households[b]!;
        since[b] = Math.max(facts.mobile3g[b]!, facts.mobile4g[b]!);
      });
    default:
      throw new Error(`${target.id} is not a building indicator`);
  }
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
