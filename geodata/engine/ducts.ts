/**
 * The duct network (clause (三)1: a GIS-based pipe network on a grid): per grid cell and per
 * area, the length of duct route, duct-kilometres and spare duct-kilometres in service by a
 * date; and, for the gap list, the distance from any point to the nearest duct.
 *
 * Lines are cut into pieces of at most PIECE_M metres and each piece is counted in the cell and
 * area of its midpoint: exact to within one piece at cell borders, which is far finer than a
 * 0.7 km² cell. A piece whose midpoint lies outside every district counts nowhere (no cell, no
 * area), as a building outside every district does. Lengths are ellipsoidal (distanceM).
 */
import type { Position } from 'geojson';
import { distanceM, metresOutsideSquare, pointSegmentM } from '../geometry/distance';
import { MIN_METRES_PER_DEGREE_LATITUDE, metresPerDegreeLatitude, metresPerDegreeLongitude } from '../geometry/ellipsoid';
import { NEVER, dayNumber } from './dates';
import { num, str, type FeatureRecord } from './input';
import type { Geography } from './geography';

export const PIECE_M = 50;

export interface DuctPieces {
  count: number;
  lengthM: Float64Array;
  ducts: Int32Array;
  spare: Int32Array;
  day: Int32Array;
  cell: Int32Array;
  district: Int32Array;
  township: Int32Array;
}

export function cutDucts(features: readonly FeatureRecord[], geo: Geography): DuctPieces {
  const lengthM: number[] = [];
  const ducts: number[] = [];
  const spare: number[] = [];
  const day: number[] = [];
  const cell: number[] = [];
  const district: number[] = [];
  const township: number[] = [];
  for (const f of features) {
    const lines = linesOf(f);
    const d = dayNumber(str(f, 'in_service'));
    for (const line of lines) {
      for (let i = 0; i + 1 < line.length; i++) {
        const [ax, ay] = line[i] as [number, number];
        const [bx, by] = line[i + 1] as [number, number];
        const len = distanceM(ax, ay, bx, by);
        const parts = Math.max(1, Math.ceil(len / PIECE_M));
        for (let k = 0; k < parts; k++) {
          const t = (k + 0.5) / parts;
          const x = ax + (bx - ax) * t;
          const y = ay + (by - ay) * t;
          const loc = geo.locate(x, y);
          lengthM.push(len / parts);
          ducts.push(num(f, 'ducts'));
          spare.push(num(f, 'spare_ducts'));
          day.push(d);
          cell.push(geo.cellAt(x, y));
          district.push(loc.district);
          township.push(loc.township);
        }
      }
    }
  }
  return {
    count: lengthM.length,
    lengthM: Float64Array.from(lengthM),
    ducts: Int32Array.from(ducts),
    spare: Int32Array.from(spare),
    day: Int32Array.from(day),
    cell: Int32Array.from(cell),
    district: Int32Array.from(district),
    township: Int32Array.from(township),
  };
}

function linesOf(f: FeatureRecord): Position[][] {
  const g = f.geometry;
  if (!g) return [];
  if (g.type === 'LineString') return [g.coordinates];
  if (g.type === 'MultiLineString') return g.coordinates;
  return [];
}

/**
 * Nearest-duct distances: segments bucketed on a grid of ~1 km; a query searches rings of
 * buckets outwards until no closer segment can exist.
 */
export class DuctDistance {
  private readonly buckets = new Map<number, number[]>();
  private readonly seg: number[] = [];
  private readonly segDay: number[] = [];
  /** Buckets about a kilometre a side (at most; less east–west away from the equator). */
  private readonly size = 1000 / MIN_METRES_PER_DEGREE_LATITUDE;
  private readonly cols = 100_000;

  constructor(features: readonly FeatureRecord[]) {
    for (const f of features) {
      const d = dayNumber(str(f, 'in_service'));
      for (const line of linesOf(f)) {
        for (let i = 0; i + 1 < line.length; i++) {
          const s = this.segDay.length;
          const [ax, ay] = line[i] as [number, number];
          const [bx, by] = line[i + 1] as [number, number];
          this.seg.push(ax, ay, bx, by);
          this.segDay.push(d);
          for (let cx = this.key(Math.min(ax, bx)); cx <= this.key(Math.max(ax, bx)); cx++) {
            for (let cy = this.key(Math.min(ay, by)); cy <= this.key(Math.max(ay, by)); cy++) {
              const k = cx * this.cols + cy;
              const list = this.buckets.get(k);
              if (list) list.push(s);
              else this.buckets.set(k, [s]);
            }
          }
        }
      }
    }
  }

  private key(v: number): number {
    return Math.floor(v / this.size) + this.cols / 2;
  }

  /** Metres to the nearest duct in service by `day`; Infinity when there is none within 100 km. */
  nearest(x: number, y: number, day: number = NEVER - 1): number {
    const kx = this.key(x);
    const ky = this.key(y);
    // The plane tangent at the query point, to find each segment's nearest point.
    const mx = metresPerDegreeLongitude(y);
    const my = metresPerDegreeLatitude(y);
    let best = Infinity;
    for (let r = 0; r <= 100; r++) {
      // What rings 0 … r − 1 did not hold lies at least r − 1 buckets away in longitude or latitude.
      if (r >= 2 && metresOutsideSquare(y, (r - 1) * this.size) > best) break;
      for (let cx = kx - r; cx <= kx + r; cx++) {
        for (let cy = ky - r; cy <= ky + r; cy++) {
          if (Math.max(Math.abs(cx - kx), Math.abs(cy - ky)) !== r) continue;
          const list = this.buckets.get(cx * this.cols + cy);
          if (!list) continue;
          for (const s of list) {
            if (this.segDay[s]! > day) continue;
            const o = s * 4;
            const d = pointSegmentM(x, y, this.seg[o]!, this.seg[o + 1]!, this.seg[o + 2]!, this.seg[o + 3]!, mx, my);
            if (d < best) best = d;
          }
        }
      }
    }
    return best;
  }
}
