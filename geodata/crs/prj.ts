/**
 * The coordinate system of a Shapefile's .prj (WKT 1, ESRI or OGC flavour). Geographic WGS 84
 * and CGCS2000 are stored as they are; transverse Mercator (Gauss–Krüger) on CGCS2000 or WGS 84
 * and Web Mercator are converted with the parameters the file states; anything else is refused
 * by name rather than guessed. Pure.
 */
import type { Label } from '../schema';
import { CGCS2000, OLD_DATUM, WGS84, crsFromEpsg, projected, type CrsResult } from './crs';
import { gaussKrugerZone, tmercDefinition } from './gauss-kruger';

interface Node {
  keyword: string;
  args: (string | number | Node)[];
}

/** WKT text → tree; null when it is not WKT. */
export function parseWkt(text: string): Node | null {
  let i = 0;
  const s = text.trim();
  const ws = () => {
    while (i < s.length && /\s/.test(s[i]!)) i++;
  };
  const node = (): Node | null => {
    ws();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i));
    if (!m) return null;
    i += m[0].length;
    ws();
    const open = s[i];
    if (open !== '[' && open !== '(') return { keyword: m[0].toUpperCase(), args: [] };
    const close = open === '[' ? ']' : ')';
    i++;
    const args: Node['args'] = [];
    for (;;) {
      ws();
      if (s[i] === close) {
        i++;
        break;
      }
      if (s[i] === '"') {
        const end = s.indexOf('"', i + 1);
        if (end < 0) return null;
        args.push(s.slice(i + 1, end));
        i = end + 1;
      } else if (/[-+.\d]/.test(s[i] ?? '')) {
        const n = /^[-+]?\d*\.?\d+(?:[eE][-+]?\d+)?/.exec(s.slice(i));
        if (!n) return null;
        args.push(Number(n[0]));
        i += n[0].length;
      } else {
        const child = node();
        if (!child) return null;
        args.push(child);
      }
      ws();
      if (s[i] === ',') i++;
      else if (s[i] !== close) return null;
    }
    return { keyword: m[0].toUpperCase(), args };
  };
  const root = node();
  return root;
}

const child = (n: Node, keyword: string): Node | undefined => n.args.find((a): a is Node => typeof a === 'object' && a.keyword === keyword);
const name = (n: Node | undefined): string => (n && typeof n.args[0] === 'string' ? n.args[0] : '');

/** The CRS a .prj describes. */
export function crsFromPrj(text: string): CrsResult {
  const root = parseWkt(text);
  if (!root || (root.keyword !== 'PROJCS' && root.keyword !== 'GEOGCS' && root.keyword !== 'PROJCRS' && root.keyword !== 'GEOGCRS')) {
    return { error: { zh: '.prj 文件不是可识别的 WKT 坐标系描述', en: 'the .prj is not a WKT coordinate system description we can read' } };
  }
  // An EPSG authority on the whole system settles it.
  const authority = child(root, 'AUTHORITY') ?? child(root, 'ID');
  if (authority && /^epsg$/i.test(name(authority)) && authority.args[1] !== undefined) {
    const code = Number(authority.args[1]);
    if (Number.isInteger(code)) {
      const r = crsFromEpsg(code);
      if ('crs' in r) return r;
    }
  }
  const geog = root.keyword.startsWith('GEOG') ? root : (child(root, 'GEOGCS') ?? child(root, 'BASEGEOGCRS') ?? child(root, 'GEOGCRS'));
  const datumText = `${name(geog)} ${name(geog && (child(geog, 'DATUM') ?? child(geog, 'GEODETICDATUM')))}`.toLowerCase();
  const datum = /2000|cgcs/.test(datumText) ? 'cgcs2000' : /wgs.?(19)?84/.test(datumText) ? 'wgs84' : /beijing|1954|xian|xi.an|1980/.test(datumText) ? 'old' : 'unknown';
  if (datum === 'old') return { error: OLD_DATUM };
  if (datum === 'unknown') {
    return { error: { zh: `.prj 中的大地基准 ${JSON.stringify(name(geog))} 无法识别；请转换为 CGCS2000 或 WGS 84`, en: `the datum ${JSON.stringify(name(geog))} in the .prj is not one we know; convert to CGCS2000 or WGS 84` } };
  }
  if (root.keyword.startsWith('GEOG')) return { crs: datum === 'cgcs2000' ? CGCS2000 : WGS84 };

  const projection = name(child(root, 'PROJECTION') ?? child(child(root, 'CONVERSION') ?? root, 'METHOD')).toLowerCase();
  const params = new Map<string, number>();
  for (const a of [...root.args, ...(child(root, 'CONVERSION')?.args ?? [])]) {
    if (typeof a === 'object' && (a.keyword === 'PARAMETER' || a.keyword === 'PARAMETER') && typeof a.args[1] === 'number') params.set(String(a.args[0]).toLowerCase().replace(/\s+/g, '_'), a.args[1]);
  }
  const unit = child(root, 'UNIT');
  if (unit && typeof unit.args[1] === 'number' && Math.abs(unit.args[1] - 1) > 1e-9) {
    return { error: { zh: `.prj 的长度单位是 ${name(unit)}（不是米），暂不支持`, en: `the .prj unit is ${name(unit)}, not metres: not supported` } };
  }
  const label: Label = { zh: `${name(root)}（.prj）`, en: `${name(root)} (.prj)` };
  if (/transverse_mercator|gauss|transverse mercator/.test(projection)) {
    const lon0 = params.get('central_meridian') ?? params.get('longitude_of_natural_origin');
    if (lon0 === undefined) return { error: { zh: '.prj 缺少中央经线（central_meridian）', en: 'the .prj has no central_meridian' } };
    const fe = params.get('false_easting') ?? 0;
    const k = params.get('scale_factor') ?? params.get('scale_factor_at_natural_origin') ?? 1;
    const fn = params.get('false_northing') ?? 0;
    const lat0 = params.get('latitude_of_origin') ?? params.get('latitude_of_natural_origin') ?? 0;
    // GDAL and ArcGIS write the CGCS2000 zones without an EPSG code: name them by their code.
    if (datum === 'cgcs2000' && k === 1 && fn === 0 && lat0 === 0) {
      for (let epsg = 4491; epsg <= 4554; epsg++) {
        const z = gaussKrugerZone(epsg);
        if (z && z.lon0 === lon0 && z.falseEasting === fe) return crsFromEpsg(epsg);
      }
    }
    const def = tmercDefinition(lon0, fe, { k, falseNorthing: fn, lat0 });
    return { crs: projected(name(root) || 'prj', label, def) };
  }
  if (/mercator_auxiliary_sphere|pseudo.?mercator|popular_visualisation/.test(projection) || /web_mercator|pseudo.mercator/i.test(name(root))) {
    return crsFromEpsg(3857);
  }
  return { error: { zh: `.prj 中的投影 ${JSON.stringify(projection)} 暂不支持；请转换为 CGCS2000 或 WGS 84 经纬度`, en: `the projection ${JSON.stringify(projection)} in the .prj is not supported; convert to CGCS2000 or WGS 84 longitude/latitude` } };
}
