/**
 * Where things are: district, township, settlement class and grid cell of any point.
 *
 * Assignment is hierarchical, so the levels always add up: a point is first placed in exactly
 * one district (AreaIndex's border rule), then in a township *of that district*. Townships are
 * drawn independently of their neighbours across a district line, so a point on a sliver
 * between them would otherwise fall in a township of another district, or in none; here it
 * falls in the nearest township of its own district. The settlement class is that of the
 * nearest village or community seat in the township (villages are points: their seat's
 * catchment is the village), or the township's own class when it has none.
 *
 * "Nearest" is by ellipsoidal distance (distanceM). A point exactly as far from two seats goes
 * to the seat with the smaller village code, whatever order the villages came in; in a sliver,
 * to the township of the nearest seat, and between equally near seats to the township with the
 * smaller code.
 */
import { latLngToCell, polygonToCells } from 'h3-js';
import type { MultiPolygon, Polygon } from 'geojson';
import { SETTLEMENTS } from '../schema';
import { METRES_PER_DEGREE_APART, distanceM } from '../geometry/distance';
import { AreaIndex } from './area-index';
import { anchorOf, isAreal, str, type FeatureRecord } from './input';

/** Settlement classes as small numbers: their index in SETTLEMENTS (urban 0, town 1, rural 2). */
export const NO_SETTLEMENT = 255;

export interface AreaInfo {
  code: string;
  name: string;
  /** The Latin name (districts' name_en, townships' name_pinyin), '' if unknown. */
  nameEn: string;
  /** Index of the parent district (townships), -1 for districts. */
  parent: number;
}

export interface Location {
  district: number;
  township: number;
  settlement: number;
}

export class Geography {
  readonly districts: AreaInfo[];
  readonly townships: AreaInfo[];
  readonly h3Resolution: number;
  /** Grid cells: H3 index → dense number, and back. */
  readonly cellIds: string[] = [];
  private readonly cellIndex = new Map<string, number>();
  private readonly districtIndex: AreaIndex;
  private readonly districtGeometry: (Polygon | MultiPolygon)[];
  private readonly townshipIndexByDistrict: { index: AreaIndex; townships: number[] }[];
  private readonly townshipGeometry: (Polygon | MultiPolygon)[];
  private readonly townshipSettlement: Uint8Array;
  /** Per township: its village seats as flat [x, y, settlementCode]. */
  private readonly seats: Float64Array[];

  constructor(
    districts: readonly FeatureRecord[],
    townships: readonly FeatureRecord[],
    villages: readonly FeatureRecord[],
    options: { h3Resolution: number },
  ) {
    const ds = districts.filter((d) => isAreal(d.geometry)).sort((a, b) => str(a, 'code').localeCompare(str(b, 'code')));
    this.districts = ds.map((d) => ({ code: str(d, 'code'), name: str(d, 'name'), nameEn: str(d, 'name_en'), parent: -1 }));
    this.districtGeometry = ds.map((d) => d.geometry as Polygon | MultiPolygon);
    this.districtIndex = new AreaIndex(this.districtGeometry);
    const districtByCode = new Map(this.districts.map((d, i) => [d.code, i]));

    const ts = townships
      .filter((t) => isAreal(t.geometry) && districtByCode.has(str(t, 'district_code')))
      .sort((a, b) => str(a, 'code').localeCompare(str(b, 'code')));
    this.townships = ts.map((t) => ({ code: str(t, 'code'), name: str(t, 'name'), nameEn: str(t, 'name_pinyin'), parent: districtByCode.get(str(t, 'district_code'))! }));
    this.townshipGeometry = ts.map((t) => t.geometry as Polygon | MultiPolygon);
    this.townshipSettlement = Uint8Array.from(ts.map((t) => settlementCode(str(t, 'settlement'))));
    this.townshipIndexByDistrict = this.districts.map((_, d) => {
      const members = this.townships.flatMap((t, i) => (t.parent === d ? [i] : []));
      return { index: new AreaIndex(members.map((i) => this.townshipGeometry[i]!), { gridSize: 128 }), townships: members };
    });

    const townshipByCode = new Map(this.townships.map((t, i) => [t.code, i]));
    const seatLists: number[][] = this.townships.map(() => []);
    // In code order, so that "ties go to the first seat in code order" holds whatever order
    // the villages arrive in (tests/engine/rules.test.ts).
    const byCode = [...villages].sort((a, b) => str(a, 'code').localeCompare(str(b, 'code')));
    for (const v of byCode) {
      const t = townshipByCode.get(str(v, 'township_code'));
      const p = anchorOf(v.geometry);
      if (t === undefined || !p) continue;
      seatLists[t]!.push(p[0]!, p[1]!, settlementCode(str(v, 'settlement')));
    }
    this.seats = seatLists.map((l) => Float64Array.from(l));

    this.h3Resolution = options.h3Resolution;
    // The grid covers the city: every cell whose centre lies in a district, plus (later) any
    // cell that holds a feature, so every counted feature has a cell.
    for (const d of ds) {
      const polygons = d.geometry!.type === 'Polygon' ? [(d.geometry as Polygon).coordinates] : (d.geometry as MultiPolygon).coordinates;
      for (const polygon of polygons) for (const cell of polygonToCells(polygon, this.h3Resolution, true)) this.cellOf(cell);
    }
  }

  /** Dense number of an H3 cell, registering it on first sight. */
  cellOf(h3: string): number {
    let i = this.cellIndex.get(h3);
    if (i === undefined) {
      i = this.cellIds.length;
      this.cellIds.push(h3);
      this.cellIndex.set(h3, i);
    }
    return i;
  }

  /** Dense number of a known H3 cell, or undefined (never registers). */
  cellIndexOf(h3: string): number | undefined {
    return this.cellIndex.get(h3);
  }

  cellAt(x: number, y: number): number {
    return this.cellOf(latLngToCell(y, x, this.h3Resolution));
  }

  locate(x: number, y: number): Location {
    const district = this.districtIndex.find(x, y);
    if (district < 0) return { district: -1, township: -1, settlement: NO_SETTLEMENT };
    const { index, townships } = this.townshipIndexByDistrict[district]!;
    let local = index.find(x, y);
    if (local < 0) local = this.nearestTownship(townships, x, y);
    const township = local < 0 ? -1 : townships[local]!;
    return { district, township, settlement: township < 0 ? NO_SETTLEMENT : this.settlementIn(township, x, y) };
  }

  /** For a point in no township of its district (a sliver): the township with the nearest seat. */
  private nearestTownship(townships: number[], x: number, y: number): number {
    let best = -1;
    let bestD = Infinity;
    townships.forEach((t, local) => {
      const seats = this.seats[t]!;
      for (let i = 0; i < seats.length; i += 3) {
        if (Math.abs(seats[i + 1]! - y) * METRES_PER_DEGREE_APART > bestD) continue; // farther for sure
        const d = distanceM(x, y, seats[i]!, seats[i + 1]!);
        if (d < bestD) {
          bestD = d;
          best = local;
        }
      }
      if (seats.length === 0 && best < 0) best = local;
    });
    return best;
  }

  settlementIn(township: number, x: number, y: number): number {
    const seats = this.seats[township]!;
    if (seats.length === 0) return this.townshipSettlement[township]!;
    let best = 0;
    let bestD = Infinity;
    for (let i = 0; i < seats.length; i += 3) {
      // A seat farther in latitude alone than the best so far cannot be nearer (nor tie).
      if (Math.abs(seats[i + 1]! - y) * METRES_PER_DEGREE_APART > bestD) continue;
      const d = distanceM(x, y, seats[i]!, seats[i + 1]!);
      // Ties go to the first seat in code order: deterministic.
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    return seats[best + 2]!;
  }
}

export function settlementCode(value: string): number {
  const i = (SETTLEMENTS as readonly string[]).indexOf(value);
  return i < 0 ? NO_SETTLEMENT : i;
}
