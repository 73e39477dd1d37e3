/**
 * One area's figures at many dates, from that area's items alone.
 *
 * `aggregate` sums every item into every area of every level for one day: right for a level's
 * table or a map tile, wasteful for one grid cell's series (a cell's 20 dates meant 20 passes
 * over a million buildings and 24,000 cells' results each, 7–10 s). Here each area's items are
 * listed once (members, CSR), and a series reads only them: an item's weight counts in the
 * denominator on every date and in the numerator from the first asked date on or after its
 * "since" day. The city and the districts, which hold most items, keep their weight by since
 * day instead (SinceTotals), patched by writes like the per-day sums. Integer weights, so the
 * sums equal aggregate's exactly; duct lengths are summed piece by piece in the same order as the
 * per-day pass, so they are the same to the last bit.
 */
import type { ItemSet } from './indicators';
import type { Placement } from './aggregate';
import type { DuctPieces } from './ducts';

/** Items of each area, compressed rows: area a holds items[start[a] … start[a + 1]). */
export interface Members {
  start: Int32Array;
  items: Int32Array;
}

/**
 * Members of `areas` areas, from each item's area (`areaOf`, −1 for none); items outside every
 * district (`district` < 0) are in no area, as aggregate counts them apart. Ascending item order
 * within an area (a counting sort is stable).
 */
export function membersOf(district: Int32Array, areaOf: Int32Array | null, areas: number): Members {
  const n = district.length;
  const start = new Int32Array(areas + 1);
  const area = (i: number) => (areaOf ? areaOf[i]! : 0);
  for (let i = 0; i < n; i++) if (district[i]! >= 0 && area(i) >= 0) start[area(i) + 1]!++;
  for (let a = 0; a < areas; a++) start[a + 1] = start[a + 1]! + start[a]!;
  const fill = start.slice(0, areas);
  const items = new Int32Array(start[areas]!);
  for (let i = 0; i < n; i++) {
    if (district[i]! < 0) continue;
    const a = area(i);
    if (a >= 0) items[fill[a]!++] = i;
  }
  return { start, items };
}

/** Members of each level of a placement: the city (one area, every item in a district), districts, townships, cells. */
export interface LevelMembers {
  city: Members;
  district: Members;
  township: Members;
  grid: Members;
}

export function levelMembers(where: Placement, sizes: { district: number; township: number; grid: number }): LevelMembers {
  return {
    city: membersOf(where.district, null, 1),
    district: membersOf(where.district, where.district, sizes.district),
    township: membersOf(where.district, where.township, sizes.township),
    grid: membersOf(where.district, where.cell, sizes.grid),
  };
}

/**
 * For the ascending `days` of a series: the index of the first of them on or after a given day
 * (days.length if none) — the first date at which an item with that "since" day counts. A table
 * over the days' span answers in one read (a city's series asks it a million times per
 * indicator); a span too long for a table falls back to a binary search.
 */
export class DaySlots {
  private readonly first: number;
  private readonly last: number;
  private readonly table: Uint16Array | null;

  constructor(readonly days: Int32Array) {
    this.first = days[0] ?? 0;
    this.last = days[days.length - 1] ?? -1;
    const span = this.last - this.first + 1;
    this.table = days.length > 0 && days.length < 65_536 && span <= MAX_TABLE ? new Uint16Array(span) : null;
    if (this.table) for (let d = 0, k = 0; d < span; d++) this.table[d] = days[k]! < this.first + d ? ++k : k;
  }

  slotOf(since: number): number {
    if (since <= this.first) return 0;
    if (since > this.last) return this.days.length;
    if (this.table) return this.table[since - this.first]!;
    let lo = 0;
    let hi = this.days.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.days[mid]! < since) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Days a slot table may span (about 270 years). */
const MAX_TABLE = 100_000;

/** An item set's numerator at each of the series' days, and its denominator, over one area's members. */
export function setSeries(set: ItemSet, members: Members, area: number, slots: DaySlots): { num: Float64Array; den: number } {
  const { weight, since } = set;
  const n = slots.days.length;
  const gained = new Float64Array(n + 1);
  let den = 0;
  const items = members.items;
  for (let k = members.start[area]!, end = members.start[area + 1]!; k < end; k++) {
    const i = items[k]!;
    const w = weight[i]!;
    if (w === 0) continue;
    den += w;
    const d = slots.slotOf(since[i]!);
    gained[d] = gained[d]! + w;
  }
  const num = new Float64Array(n);
  let running = 0;
  for (let d = 0; d < n; d++) num[d] = running += gained[d]!;
  return { num, den };
}

export interface DuctFigures {
  lengthM: number;
  ductM: number;
  spareM: number;
  cells: number;
  withDuct: number;
}

/**
 * The duct figures of one area at each day: its pieces' lengths in service by the day (summed
 * in piece order, as the per-day pass does), its cells, and those of its cells that hold a piece
 * in service by then (`cellFirstDay`: the first day any piece inside a district was in it).
 */
export function ductSeries(pieces: DuctPieces, pieceMembers: Members, cellMembers: Members, cellFirstDay: Int32Array, area: number, days: Int32Array): DuctFigures[] {
  const from = pieceMembers.start[area]!;
  const to = pieceMembers.start[area + 1]!;
  const cellFrom = cellMembers.start[area]!;
  const cellTo = cellMembers.start[area + 1]!;
  const out: DuctFigures[] = [];
  for (const day of days) {
    let lengthM = 0;
    let ductM = 0;
    let spareM = 0;
    for (let k = from; k < to; k++) {
      const i = pieceMembers.items[k]!;
      if (pieces.day[i]! > day) continue;
      const len = pieces.lengthM[i]!;
      lengthM += len;
      ductM += len * pieces.ducts[i]!;
      spareM += len * pieces.spare[i]!;
    }
    let withDuct = 0;
    for (let k = cellFrom; k < cellTo; k++) if (cellFirstDay[cellMembers.items[k]!]! <= day) withDuct++;
    out.push({ lengthM, ductM, spareM, cells: cellTo - cellFrom, withDuct });
  }
  return out;
}

/**
 * For a level of few, large areas (the city, the districts): per area, an item set's weight by
 * "since" day and its total weight, so a series reads a few thousand distinct days instead of a
 * million items. Kept current item by item (`apply`) when a write changes an item's weight or
 * day, as the per-day sums are.
 */
export class SinceTotals {
  private readonly byDay: Map<number, number>[];
  private readonly total: Float64Array;

  /** `areaOf`: each item's area (−1: none); items outside every district are in no area. */
  constructor(
    set: ItemSet,
    private readonly district: Int32Array,
    private readonly areaOf: Int32Array | null,
    areas: number,
  ) {
    this.byDay = Array.from({ length: areas }, () => new Map<number, number>());
    this.total = new Float64Array(areas);
    for (let i = 0; i < set.weight.length; i++) this.apply(i, set.weight[i]!, set.since[i]!, 1);
  }

  /** Add (+1) or remove (−1) item i's contribution of `weight` from day `since`. */
  apply(i: number, weight: number, since: number, sign: 1 | -1): void {
    if (weight === 0 || this.district[i]! < 0) return;
    const area = this.areaOf ? this.areaOf[i]! : 0;
    if (area < 0) return;
    const days = this.byDay[area]!;
    const w = (days.get(since) ?? 0) + sign * weight;
    if (w === 0) days.delete(since);
    else days.set(since, w);
    this.total[area] = this.total[area]! + sign * weight;
  }

  series(area: number, slots: DaySlots): { num: Float64Array; den: number } {
    const n = slots.days.length;
    const gained = new Float64Array(n + 1);
    for (const [since, w] of this.byDay[area] ?? []) {
      const d = slots.slotOf(since);
      gained[d] = gained[d]! + w;
    }
    const num = new Float64Array(n);
    let running = 0;
    for (let d = 0; d < n; d++) num[d] = running += gained[d]!;
    return { num, den: this.total[area] ?? 0 };
  }
}
