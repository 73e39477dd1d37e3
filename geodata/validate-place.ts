/**
 * Is each feature where it can be? Checks made after conversion to WGS 84, against the city:
 *
 * - far outside the city's extent: an error (with the likely cause when there is one:
 *   longitude and latitude swapped);
 * - a `building_id` that is not in the building register: an error;
 * - a whole file consistently a few hundred metres off the register: a warning that names the
 *   coordinate system the points are probably in (GCJ-02 or BD-09 — what Chinese web maps use)
 *   with the `crs` to upload them with. One feature off proves nothing; a file's median does.
 * Pure: the register and the extent are handed in.
 */
import type { Geometry } from 'geojson';
import { geometryBBox, type BBox } from './geometry/bbox';
import { distanceM } from './geometry/distance';
import { bd09ToWgs84, gcj02ToWgs84 } from './crs/china-offsets';
import type { Problem } from './validate-properties';

export interface CityExtent {
  /** [west, south, east, north] of the city's districts, WGS 84. */
  bbox: BBox;
  /** Distance outside the extent that is still accepted, in degrees (default ≈ 10 km). */
  marginDeg?: number;
}

/** 0.1° ≈ 10 km: generous for a boundary drawn from a coarse source, far below any CRS slip. */
const DEFAULT_MARGIN = 0.1;

export function checkPlace(geometry: Geometry | null, city: CityExtent): Problem | null {
  if (!geometry) return null;
  const m = city.marginDeg ?? DEFAULT_MARGIN;
  const [w, s, e, n] = city.bbox;
  if (geometry.type === 'Point') {
    // The common case, without allocating a box.
    const [x, y] = geometry.coordinates as [number, number];
    if (x >= w - m && x <= e + m && y >= s - m && y <= n + m) return null;
  }
  const box = geometryBBox(geometry);
  if (!box) return null;
  const within = (b: BBox) => b[0] >= w - m && b[2] <= e + m && b[1] >= s - m && b[3] <= n + m;
  if (within(box)) return null;
  const km = Math.round(distanceOutsideKm(box, city.bbox));
  const swapped: BBox = [box[1], box[0], box[3], box[2]];
  const at = box[0] === box[2] && box[1] === box[3] ? `[${box[0]}, ${box[1]}]` : `[${box.join(', ')}]`;
  if (within(swapped)) {
    return {
      code: 'swapped',
      path: 'geometry.coordinates',
      zh: `位置 ${at} 在城市范围外约 ${km} 公里；经度和纬度似乎写反了（GeoJSON 的顺序是 [经度, 纬度]）`,
      en: `${at} lies about ${km} km outside the city; longitude and latitude seem swapped (GeoJSON order is [longitude, latitude])`,
    };
  }
  return {
    code: 'outside_city',
    path: 'geometry.coordinates',
    zh: `位置 ${at} 在城市范围外约 ${km} 公里（坐标系声明错误？）`,
    en: `${at} lies about ${km} km outside the city (wrong coordinate system declared?)`,
  };
}

/** Kilometres between the nearest points of two boxes (0 when they overlap). */
function distanceOutsideKm(box: BBox, city: BBox): number {
  // Per axis, the facing edges (or one common coordinate where the boxes overlap on it).
  const facing = (lo: number, hi: number, cityLo: number, cityHi: number): [number, number] =>
    hi < cityLo ? [hi, cityLo] : lo > cityHi ? [lo, cityHi] : [Math.max(lo, cityLo), Math.max(lo, cityLo)];
  const [x1, x2] = facing(box[0], box[2], city[0], city[2]);
  const [y1, y2] = facing(box[1], box[3], city[1], city[3]);
  return distanceM(x1, y1, x2, y2) / 1000;
}

export interface OffsetPair {
  /** The position as written in the file (before any conversion). */
  raw: [number, number];
  /** Where the register puts the same building. */
  register: [number, number];
}

export interface OffsetFinding {
  /** The system the points most likely are in. */
  crs: 'wgs84' | 'gcj02' | 'bd09';
  /** Median distance to the register as declared, and as `crs`, in metres. */
  declaredMedianM: number;
  suggestedMedianM: number;
  pairs: number;
}

const CANDIDATES: { crs: OffsetFinding['crs']; convert: ((x: number, y: number) => [number, number]) | null }[] = [
  { crs: 'wgs84', convert: null },
  { crs: 'gcj02', convert: gcj02ToWgs84 },
  { crs: 'bd09', convert: bd09ToWgs84 },
];

/** Fewer pairs than this say nothing about a whole file. */
const MIN_PAIRS = 5;

/**
 * Compare the file's positions with the register under each candidate system. A finding when
 * the declared system leaves the median a few hundred metres off (> 100 m) while another puts
 * most points (≥ 60 %) within 30 m and the median under 30 m.
 */
export function detectOffset(pairs: readonly OffsetPair[], declared: string): OffsetFinding | null {
  if (pairs.length < MIN_PAIRS) return null;
  const declaredCrs = declared === 'cgcs2000' ? 'wgs84' : declared;
  if (!CANDIDATES.some((c) => c.crs === declaredCrs)) return null;
  const stats = CANDIDATES.map((c) => {
    const d = pairs
      .map((p) => {
        const [x, y] = c.convert ? c.convert(p.raw[0], p.raw[1]) : p.raw;
        return distanceM(x, y, p.register[0], p.register[1]);
      })
      .sort((a, b) => a - b);
    return { crs: c.crs, median: d[Math.floor(d.length / 2)]!, near: d.filter((x) => x <= 30).length / d.length };
  });
  const asDeclared = stats.find((s) => s.crs === declaredCrs)!;
  const best = stats.reduce((a, b) => (b.median < a.median ? b : a));
  if (best.crs === declaredCrs || asDeclared.median <= 100 || best.median >= 30 || best.near < 0.6) return null;
  return { crs: best.crs, declaredMedianM: Math.round(asDeclared.median), suggestedMedianM: Math.round(best.median), pairs: pairs.length };
}

export function offsetProblem(f: OffsetFinding, declared: string): Problem & { suggestedCrs: string } {
  const names = { wgs84: 'WGS 84', gcj02: 'GCJ-02（高德/腾讯）', bd09: 'BD-09（百度）' };
  const namesEn = { wgs84: 'WGS 84', gcj02: 'GCJ-02 (AMap/Tencent)', bd09: 'BD-09 (Baidu)' };
  return {
    code: `probably_${f.crs}`,
    path: '',
    severity: 'warning',
    suggestedCrs: f.crs,
    zh: `按声明的坐标系 ${declared}，这些点与楼宇登记位置的中位距离为 ${f.declaredMedianM} 米；若按 ${names[f.crs]} 转换则只有 ${f.suggestedMedianM} 米（${f.pairs} 个点）。文件很可能是 ${names[f.crs]} 坐标：请用 crs=${f.crs} 重新上传`,
    en: `as declared (${declared}) the points lie a median ${f.declaredMedianM} m from their buildings in the register; read as ${namesEn[f.crs]} only ${f.suggestedMedianM} m (${f.pairs} points). The file is probably in ${namesEn[f.crs]}: upload it again with crs=${f.crs}`,
  };
}
