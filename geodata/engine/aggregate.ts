/**
 * Sum an indicator's item set per area as of a day: for each item with weight w, add w to its
 * areas' denominators, and to their numerators if it meets the indicator by that day. One tight
 * pass over typed arrays fills every level at once. Integer weights, so sums are exact and a
 * delta (subtract the old contribution, add the new) gives the same result as a full pass.
 */
import type { ItemSet } from './indicators';

export interface Placement {
  district: Int32Array;
  township: Int32Array;
  cell: Int32Array;
}

export interface LevelSums {
  num: Float64Array;
  den: Float64Array;
}

export interface Sums {
  city: LevelSums;
  district: LevelSums;
  township: LevelSums;
  grid: LevelSums;
  /** Items outside every district: counted and reported, never silently dropped. */
  outside: { num: number; den: number; items: number };
}

export interface LevelSizes {
  district: number;
  township: number;
  grid: number;
}

const sums = (n: number): LevelSums => ({ num: new Float64Array(n), den: new Float64Array(n) });

export function aggregate(set: ItemSet, where: Placement, day: number, sizes: LevelSizes): Sums {
  const out: Sums = { city: sums(1), district: sums(sizes.district), township: sums(sizes.township), grid: sums(sizes.grid), outside: { num: 0, den: 0, items: 0 } };
  const { weight, since } = set;
  const { district, township, cell } = where;
  const dn = out.district.num;
  const dd = out.district.den;
  const tn = out.township.num;
  const td = out.township.den;
  const gn = out.grid.num;
  const gd = out.grid.den;
  let cityNum = 0;
  let cityDen = 0;
  for (let i = 0; i < weight.length; i++) {
    const w = weight[i]!;
    if (w === 0) continue;
    const met = since[i]! <= day;
    const d = district[i]!;
    if (d < 0) {
      out.outside.den += w;
      out.outside.items++;
      if (met) out.outside.num += w;
      continue;
    }
    cityDen += w;
    dd[d] = dd[d]! + w;
    const t = township[i]!;
    if (t >= 0) td[t] = td[t]! + w;
    const c = cell[i]!;
    gd[c] = gd[c]! + w;
    if (met) {
      cityNum += w;
      dn[d] = dn[d]! + w;
      if (t >= 0) tn[t] = tn[t]! + w;
      gn[c] = gn[c]! + w;
    }
  }
  out.city.num[0] = cityNum;
  out.city.den[0] = cityDen;
  return out;
}

/** Add (sign +1) or remove (sign -1) one item's contribution. */
export function applyItem(s: Sums, where: Placement, i: number, weight: number, since: number, day: number, sign: 1 | -1): void {
  if (weight === 0) return;
  const w = sign * weight;
  const met = since <= day;
  const d = where.district[i]!;
  if (d < 0) {
    s.outside.den += w;
    s.outside.items += sign;
    if (met) s.outside.num += w;
    return;
  }
  const t = where.township[i]!;
  const c = where.cell[i]!;
  add(s.city, 0, w, met);
  add(s.district, d, w, met);
  if (t >= 0) add(s.township, t, w, met);
  add(s.grid, c, w, met);
}

function add(level: LevelSums, i: number, w: number, met: boolean): void {
  level.den[i] = level.den[i]! + w;
  if (met) level.num[i] = level.num[i]! + w;
}
