/**
 * The things indicators count — buildings, public places, villages — as flat typed arrays:
 * position, where they are (district, township, cell, settlement) and their own attributes.
 * Hot loops run over these, never over arrays of objects.
 */
import { BUILDING_USES, INFO_STATION_CRITERIA } from '../schema';
import { anchorOf, num, str, type FeatureRecord } from './input';
import type { Geography } from './geography';

export interface Located {
  readonly count: number;
  readonly ids: string[];
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly district: Int32Array;
  readonly township: Int32Array;
  readonly cell: Int32Array;
  readonly settlement: Uint8Array;
  /** id → index */
  readonly byId: Map<string, number>;
}

export function locate(features: readonly FeatureRecord[], idOf: (f: FeatureRecord) => string, geo: Geography): Located {
  const kept = features.filter((f) => anchorOf(f.geometry));
  const n = kept.length;
  const out = {
    count: n,
    ids: new Array<string>(n),
    x: new Float64Array(n),
    y: new Float64Array(n),
    district: new Int32Array(n),
    township: new Int32Array(n),
    cell: new Int32Array(n),
    settlement: new Uint8Array(n),
    byId: new Map<string, number>(),
  };
  kept.forEach((f, i) => {
    const p = anchorOf(f.geometry)!;
    const id = idOf(f);
    out.ids[i] = id;
    out.byId.set(id, i);
    out.x[i] = p[0]!;
    out.y[i] = p[1]!;
    const loc = geo.locate(p[0]!, p[1]!);
    out.district[i] = loc.district;
    out.township[i] = loc.township;
    out.settlement[i] = loc.settlement;
    out.cell[i] = geo.cellAt(p[0]!, p[1]!);
  });
  return out;
}

export interface Buildings extends Located {
  readonly households: Int32Array;
  /** Index into the contract's BUILDING_USES. */
  readonly use: Uint8Array;
}

export function buildBuildings(features: readonly FeatureRecord[], geo: Geography): Buildings {
  const located = locate(features, (f) => str(f, 'id') || f.id, geo);
  const households = new Int32Array(located.count);
  const use = new Uint8Array(located.count);
  for (const f of features) {
    const i = located.byId.get(str(f, 'id') || f.id);
    if (i === undefined) continue;
    households[i] = Math.max(0, Math.trunc(num(f, 'households')));
    use[i] = Math.max(0, (BUILDING_USES as readonly string[]).indexOf(str(f, 'use')));
  }
  return { ...located, households, use };
}

export interface Places extends Located {
  readonly main: Uint8Array;
}

export function buildPlaces(features: readonly FeatureRecord[], geo: Geography): Places {
  const located = locate(features, (f) => str(f, 'id') || f.id, geo);
  const main = new Uint8Array(located.count);
  for (const f of features) {
    const i = located.byId.get(str(f, 'id') || f.id);
    if (i !== undefined) main[i] = f.properties.main === true ? 1 : 0;
  }
  return { ...located, main };
}

export interface Villages extends Located {
  /** 1 for an administrative village (村), 0 for a community. */
  readonly isVillage: Uint8Array;
  /** 1 when its information station meets all five criteria. */
  readonly fullStation: Uint8Array;
  /** How many of the five criteria it meets (for the gap list). */
  readonly criteriaMet: Uint8Array;
}

const CRITERIA = Object.keys(INFO_STATION_CRITERIA);

/** How many of the five criteria a village's `info_station` meets (each must be exactly true). */
export function stationCriteriaMet(station: unknown): number {
  const s = (station ?? {}) as Record<string, unknown>;
  return CRITERIA.filter((c) => s[c] === true).length;
}

/** Every criterion met: a full station. */
export const STATION_CRITERIA_COUNT = CRITERIA.length;

/**
 * Villages are assigned by their township code (authoritative), not by where their point falls,
 * so a seat drawn just across a line still counts in its own township and district.
 */
export function buildVillages(features: readonly FeatureRecord[], geo: Geography): Villages {
  const located = locate(features, (f) => str(f, 'code') || f.id, geo);
  const townshipByCode = new Map(geo.townships.map((t, i) => [t.code, i]));
  const isVillage = new Uint8Array(located.count);
  const fullStation = new Uint8Array(located.count);
  const criteriaMet = new Uint8Array(located.count);
  for (const f of features) {
    const i = located.byId.get(str(f, 'code') || f.id);
    if (i === undefined) continue;
    const t = townshipByCode.get(str(f, 'township_code'));
    if (t !== undefined) {
      located.township[i] = t;
      located.district[i] = geo.townships[t]!.parent;
    }
    isVillage[i] = str(f, 'kind') === 'village' ? 1 : 0;
    const met = stationCriteriaMet(f.properties.info_station);
    criteriaMet[i] = met;
    fullStation[i] = met === STATION_CRITERIA_COUNT ? 1 : 0;
  }
  return { ...located, isVillage, fullStation, criteriaMet };
}
