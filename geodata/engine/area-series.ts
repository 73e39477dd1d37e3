/**
 * One area's figures at many dates, from that area's items alone.
 *
 * `aggregate` sums every item into every area of every level for one day: right for a level's
 * table or a map tile, wasteful for one grid cell's series (a cell's 20 dates meant 20 passes
 * over a million buildings and 24,000 cells' results each, 7–10 s). Here each area's items are
 * listed once (members, CSR), and a series reads only them: an item's weight counts in the
 * denominator on every date and in the numerator from the first asked date on or after its
 * "since" day. Integer weights, so the sums equal aggregate's exactly; duct lengths are summed
 * piece by piece in the same order as the per-day pass, so they are the same to the last bit.
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

/** Index of the first of the ascending `days` on or after `since` (days.length if none). */
function firstOnOrAfter(days: Int32Array, since: number): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid]! < since) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** An item set's numerator at each of the ascending `days`, and its denominator, over one area's members. */
export function setSeries(set: ItemSet, members: Members, area: number, days: Int32Array): { num: Float64Array; den: number } {
  const { weight, since } = set;
  const gained = new Float64Array(days.length + 1);
  let den = 0;
  const items = members.items;
  for (let k = members.start[area]!, end = members.start[area + 1]!; k < end; k++) {
    const i = items[k]!;
    const w = weight[i]!;
    if (w === 0) continue;
    den += w;
    const d = firstOnOrAfter(days, since[i]!);
    gained[d] = gained[d]! + w;
  }
  const num = new Float64Array(days.length);
  let running = 0;
  for (let d = 0; d < days.length; d++) num[d] = running += gained[d]!;
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
