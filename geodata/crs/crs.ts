/**
 * The coordinate systems an upload may be in, and their conversion to WGS 84 longitude/latitude
 * (what the atlas stores, RFC 7946).
 *
 * - `wgs84` (EPSG:4326, CRS84) and `cgcs2000` (EPSG:4490): stored as they are. CGCS2000 and
 *   WGS 84 differ by centimetres, far below what a building-level map can show.
 * - `gcj02` (AMap, Tencent…) and `bd09` (Baidu): the obfuscated web-map systems, 300–700 m off
 *   in Anhui; converted by china-offsets.ts.
 * - CGCS2000 Gauss–Krüger zones by EPSG code (gauss-kruger.ts), and Web Mercator (EPSG:3857),
 *   through proj4.
 * Beijing 1954 and Xi'an 1980 are refused by name: converting them needs the seven datum
 * parameters of a local survey, which no file carries; guessing would misplace by up to 100 m.
 */
import type { Geometry } from 'geojson';
import proj4 from 'proj4';
import type { Label } from '../schema';
import { bd09ToWgs84, gcj02ToWgs84 } from './china-offsets';
import { gaussKrugerZone, tmercDefinition, type GaussKrugerZone } from './gauss-kruger';
import { eachPosition } from '../geometry/positions';

export type Convert = (x: number, y: number) => [number, number];

export interface Crs {
  /** Canonical id: wgs84, cgcs2000, gcj02, bd09, EPSG:4527, or a .prj's name. */
  id: string;
  name: Label;
  kind: 'geographic' | 'offset' | 'projected';
  /** To WGS 84 lon/lat; null when positions are stored as they are. */
  convert: Convert | null;
  /** For a Gauss–Krüger zone: which one (to check eastings against it). */
  zone?: GaussKrugerZone;
}

export type CrsResult = { crs: Crs } | { error: Label };

export const WGS84: Crs = { id: 'wgs84', name: { zh: 'WGS 84 经纬度', en: 'WGS 84 longitude/latitude' }, kind: 'geographic', convert: null };
export const CGCS2000: Crs = { id: 'cgcs2000', name: { zh: 'CGCS2000 经纬度（EPSG:4490）', en: 'CGCS2000 longitude/latitude (EPSG:4490)' }, kind: 'geographic', convert: null };
export const GCJ02: Crs = { id: 'gcj02', name: { zh: 'GCJ-02（高德、腾讯等网络地图）', en: 'GCJ-02 (AMap, Tencent and other web maps)' }, kind: 'offset', convert: gcj02ToWgs84 };
export const BD09: Crs = { id: 'bd09', name: { zh: 'BD-09（百度地图）', en: 'BD-09 (Baidu maps)' }, kind: 'offset', convert: bd09ToWgs84 };

const ALIASES: Record<string, Crs> = {
  wgs84: WGS84, 'wgs-84': WGS84, 'wgs 84': WGS84, 'epsg:4326': WGS84, '4326': WGS84, crs84: WGS84, 'ogc:crs84': WGS84, 'urn:ogc:def:crs:ogc:1.3:crs84': WGS84, 'urn:ogc:def:crs:epsg::4326': WGS84,
  cgcs2000: CGCS2000, 'cgcs-2000': CGCS2000, 'epsg:4490': CGCS2000, '4490': CGCS2000, 'urn:ogc:def:crs:epsg::4490': CGCS2000,
  gcj02: GCJ02, 'gcj-02': GCJ02, gcj: GCJ02, amap: GCJ02, gaode: GCJ02, 高德: GCJ02, 火星坐标: GCJ02,
  bd09: BD09, 'bd-09': BD09, 'bd09ll': BD09, baidu: BD09, 百度: BD09,
};

const GRS80_LONLAT = '+proj=longlat +ellps=GRS80 +no_defs';

export const SUPPORTED_CRS_HINT: Label = {
  zh: 'wgs84、cgcs2000、gcj02、bd09、EPSG:3857，或 CGCS2000 高斯-克吕格投影 EPSG:4491–4554',
  en: 'wgs84, cgcs2000, gcj02, bd09, EPSG:3857, or a CGCS2000 Gauss–Krüger EPSG code 4491–4554',
};

/** The CRS an option names (`crs=gcj02`, `crs=EPSG:4527`, an OGC URN…). */
export function parseCrs(text: string): CrsResult {
  const key = text.trim().toLowerCase();
  const known = ALIASES[key];
  if (known) return { crs: known };
  const m = /^(?:epsg:|urn:ogc:def:crs:epsg:[\d.]*:)?(\d{4,5})$/.exec(key);
  if (!m) return { error: { zh: `无法识别的坐标系 ${JSON.stringify(text)}；可用：${SUPPORTED_CRS_HINT.zh}`, en: `unknown coordinate system ${JSON.stringify(text)}; use ${SUPPORTED_CRS_HINT.en}` } };
  return crsFromEpsg(Number(m[1]));
}

export function crsFromEpsg(epsg: number): CrsResult {
  if (epsg === 4326) return { crs: WGS84 };
  if (epsg === 4490) return { crs: CGCS2000 };
  if (epsg === 3857 || epsg === 900913) {
    return { crs: projected('EPSG:3857', { zh: 'Web 墨卡托（EPSG:3857）', en: 'Web Mercator (EPSG:3857)' }, 'EPSG:3857', 'WGS84') };
  }
  const zone = gaussKrugerZone(epsg);
  if (zone) {
    const crs = projected(`EPSG:${epsg}`, { zh: `${zone.name}（EPSG:${epsg}）`, en: `${zone.name} (EPSG:${epsg})` }, tmercDefinition(zone.lon0, zone.falseEasting));
    return { crs: { ...crs, zone } };
  }
  if (epsg === 4214 || (epsg >= 2401 && epsg <= 2442) || (epsg >= 21413 && epsg <= 21483) || epsg === 4610 || (epsg >= 2327 && epsg <= 2400)) {
    return { error: OLD_DATUM };
  }
  return { error: { zh: `不支持的坐标系 EPSG:${epsg}；可用：${SUPPORTED_CRS_HINT.zh}`, en: `EPSG:${epsg} is not supported; use ${SUPPORTED_CRS_HINT.en}` } };
}

export const OLD_DATUM: Label = {
  zh: '北京 54 / 西安 80 坐标系需要当地的七参数才能准确转换，文件中没有这些参数；请先在 GIS 软件中转换为 CGCS2000 或 WGS 84 再上传',
  en: 'Beijing 1954 / Xian 1980 need a local survey’s seven datum parameters to convert accurately, which the file does not carry; convert to CGCS2000 or WGS 84 in your GIS first',
};

/** A projected CRS from a proj4 definition, converted to GRS 80 lon/lat (= CGCS2000 ≈ WGS 84). */
export function projected(id: string, name: Label, definition: string, to = GRS80_LONLAT): Crs {
  const converter = proj4(definition, to);
  return {
    id,
    name,
    kind: 'projected',
    convert: (x, y) => {
      const out = converter.forward([x, y]);
      return [out[0]!, out[1]!];
    },
  };
}

/** Convert every position of a geometry in place (it was just parsed: nobody else holds it). */
export function convertGeometry(geometry: Geometry | null, convert: Convert): void {
  if (!geometry) return;
  eachPosition(geometry, (p) => {
    const [x, y] = convert(p[0]!, p[1]!);
    p[0] = x;
    p[1] = y;
  });
}

/**
 * Does a raw projected position fit the declared zone? Catches the usual slips before they
 * become points in the sea: eastings without the zone prefix under a zoned code (and the
 * reverse), the zone of another code, northing and easting swapped, and degrees sent as metres.
 */
export function checkProjectedPosition(crs: Crs, x: number, y: number): Label | null {
  if (crs.kind !== 'projected') return null;
  if (Math.abs(x) <= 180 && Math.abs(y) <= 90) {
    return { zh: `坐标 [${x}, ${y}] 看起来是经纬度（度），但声明的坐标系 ${crs.id} 以米为单位`, en: `position [${x}, ${y}] looks like degrees, but the declared ${crs.id} is in metres` };
  }
  const zone = crs.zone;
  if (!zone) return null;
  // A northing in China is 2–6 million metres; eastings are ≤ 1 million (or zone prefix + that).
  if (zone.zone !== null) {
    const z = Math.floor(x / 1e6);
    if (z !== zone.zone) {
      if (Math.floor(y / 1e6) === zone.zone) return { zh: `坐标 [${x}, ${y}] 的东坐标与北坐标似乎颠倒了（应为 [东, 北]）`, en: `position [${x}, ${y}] seems to have northing and easting swapped (expected [easting, northing])` };
      if (x < 1e6) return { zh: `东坐标 ${x} 没有带号，但 ${crs.id} 的东坐标以带号 ${zone.zone} 开头；不带带号的坐标系是 EPSG:${zone.width === 3 ? 4534 + (zone.lon0 - 75) / 3 : 4502 + (zone.lon0 - 75) / 6}`, en: `easting ${x} has no zone number, but eastings of ${crs.id} start with zone ${zone.zone}; the system without the zone prefix is EPSG:${zone.width === 3 ? 4534 + (zone.lon0 - 75) / 3 : 4502 + (zone.lon0 - 75) / 6}` };
      return { zh: `东坐标 ${x} 以带号 ${z} 开头，与 ${crs.id}（第 ${zone.zone} 带）不符`, en: `easting ${x} starts with zone ${z}, not zone ${zone.zone} of ${crs.id}` };
    }
  } else if (x >= 1e6) {
    if (y < 1e6 && y > 0) return { zh: `坐标 [${x}, ${y}] 的东坐标与北坐标似乎颠倒了（应为 [东, 北]）`, en: `position [${x}, ${y}] seems to have northing and easting swapped (expected [easting, northing])` };
    const z = Math.floor(x / 1e6);
    return { zh: `东坐标 ${x} 带有带号 ${z}，但 ${crs.id} 不带带号；请改用带号的坐标系代码`, en: `easting ${x} carries zone number ${z}, but ${crs.id} has none; use the zoned EPSG code instead` };
  }
  return null;
}
