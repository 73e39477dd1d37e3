/**
 * Query-parameter parsing at the edge: every parameter is checked here, and a bad one is a 400
 * that names the parameter and what is allowed. Never `Number(query)` unchecked in a route.
 */
import type { BBox } from '../geodata/geometry/bbox';
import { isIsoDate } from '../geodata/schema';
import { ApiError, badParameter } from './errors';

export function parseIntParam(name: string, raw: string | undefined, options: { min: number; max: number; fallback: number }): number {
  if (raw === undefined || raw === '') return options.fallback;
  if (!/^-?\d+$/.test(raw)) throw badParameter(name, `应为整数，收到 ${JSON.stringify(raw)}`, `expected an integer, got ${JSON.stringify(raw)}`);
  const value = Number(raw);
  if (value < options.min || value > options.max) {
    throw badParameter(name, `应在 ${options.min} 到 ${options.max} 之间`, `must be from ${options.min} to ${options.max}`, { min: options.min, max: options.max });
  }
  return value;
}

/**
 * `bbox=west,south,east,north` in WGS 84. A box whose west is greater than its east crosses the
 * antimeridian (OGC API – Features allows it); it comes back as two boxes.
 */
export function parseBbox(raw: string | undefined): BBox[] | null {
  if (raw === undefined || raw === '') return null;
  const parts = raw.split(',');
  if (parts.length !== 4) throw badParameter('bbox', `应为 4 个数字（西,南,东,北），收到 ${parts.length} 个`, `expected 4 numbers (west,south,east,north), got ${parts.length}`);
  const nums = parts.map((p) => (/^\s*-?\d+(\.\d+)?([eE][-+]?\d+)?\s*$/.test(p) ? Number(p) : NaN));
  if (nums.some((n) => !Number.isFinite(n))) throw badParameter('bbox', '包含非数字', 'contains something that is not a number');
  const [w, s, e, n] = nums as [number, number, number, number];
  if (w < -180 || w > 180 || e < -180 || e > 180) throw badParameter('bbox', '经度应在 -180 到 180 之间', 'longitudes must be from -180 to 180');
  if (s < -90 || n > 90 || s > n) throw badParameter('bbox', '纬度应在 -90 到 90 之间且南 ≤ 北', 'latitudes must be from -90 to 90 with south ≤ north');
  if (w > e) return [[w, s, 180, n], [-180, s, e, n]];
  return [[w, s, e, n]];
}

/**
 * The earliest date a parameter may name: the atlas's records start in the 2000s, and a year
 * before 1900 (before 1000, which four digits cannot even step back from) is a mistake, not a
 * question. Later than 9999-12-31 cannot be written as YYYY-MM-DD.
 */
export const MIN_DATE = '1900-01-01';

/** A date parameter: YYYY-MM-DD, a real day, from MIN_DATE on; a 400 naming it otherwise. */
export function parseDateParam(name: string, raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return null;
  if (!isIsoDate(raw)) throw badParameter(name, `应为 YYYY-MM-DD 格式的日期，收到 ${JSON.stringify(raw)}`, `expected a date YYYY-MM-DD, got ${JSON.stringify(raw)}`);
  if (raw < MIN_DATE) throw badParameter(name, `日期过早（最早 ${MIN_DATE}）`, `date is too early (the earliest is ${MIN_DATE})`, { min: MIN_DATE });
  return raw;
}

/**
 * The most points a series (`/api/areas/{code}`: from, asOf, step) may have: quarterly over 20
 * years. Each new date costs one pass over every building (about 50 ms at the city scale), so
 * this is what bounds the request — and a quarterly chart from 2012 fits with years to spare.
 */
export const MAX_SERIES_POINTS = 80;

/** The series' dates (seriesDates), or a 400 naming from, asOf and step when there are too many. */
export function boundedSeries(from: string, asOf: string, step: 'year' | 'quarter', dates: (from: string, to: string, step: 'year' | 'quarter') => string[]): string[] {
  const years = Number(asOf.slice(0, 4)) - Number(from.slice(0, 4)) + 1;
  const most = years * (step === 'year' ? 1 : 4) + 1;
  const list = most <= 4 * MAX_SERIES_POINTS ? dates(from, asOf, step) : null;
  if (!list || list.length > MAX_SERIES_POINTS) {
    throw new ApiError(400, 'series_too_long', `序列从 ${from} 到 ${asOf}（按${step === 'year' ? '年' : '季度'}）超过 ${MAX_SERIES_POINTS} 个点：请缩短 from–asOf 区间或改用 step=year`, `the series from ${from} to ${asOf} by ${step} has more than ${MAX_SERIES_POINTS} points: narrow from–asOf or use step=year`, { parameters: ['from', 'asOf', 'step'], max: MAX_SERIES_POINTS });
  }
  return list;
}

export function parseEnumParam<T extends string>(name: string, raw: string | undefined, allowed: readonly T[], fallback: T): T {
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw badParameter(name, `应为 ${allowed.join(' / ')} 之一`, `must be one of ${allowed.join(', ')}`, allowed);
  }
  return raw as T;
}

/**
 * An id-like parameter (`carrier=telecom`): must match `pattern`, described by `hint` in the
 * error. Returns null when absent.
 */
export function parsePatternParam(name: string, raw: string | undefined, pattern: RegExp, hint: { zh: string; en: string }): string | null {
  if (raw === undefined || raw === '') return null;
  if (!pattern.test(raw)) throw badParameter(name, `应为${hint.zh}，收到 ${JSON.stringify(raw)}`, `expected ${hint.en}, got ${JSON.stringify(raw)}`);
  return raw;
}

/** A closed, half-open or open range of calendar dates, both ends inclusive; null ends are open. */
export interface DateRange {
  from: string | null;
  to: string | null;
}

// RFC 3339 date-time: the time and the offset are checked, then only the date is kept.
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/**
 * OGC API – Features `datetime`: an instant (`2015-06-01`, `2015-06-01T08:00:00Z`) or an
 * interval `a/b`, `../b`, `a/..` (an empty end counts as open, as ISO 8601-2 allows). The atlas
 * dates features by calendar day, so a date-time stands for its date as written: an instant
 * selects that day, an interval every day from its start to its end, both included.
 */
export function parseDatetimeParam(name: string, raw: string | undefined): DateRange | null {
  if (raw === undefined || raw === '') return null;
  const bad = () =>
    badParameter(
      name,
      `应为 RFC 3339 日期或日期时间（如 2015-06-01、2015-06-01T08:00:00Z），或区间 a/b、../b、a/..，收到 ${JSON.stringify(raw)}`,
      `expected an RFC 3339 date or date-time (2015-06-01, 2015-06-01T08:00:00Z) or an interval a/b, ../b, a/.., got ${JSON.stringify(raw)}`,
    );
  const instant = (text: string): string => {
    // GDAL's OAPIF driver (3.6) turns a date filter (-where "in_service >= '2013-01-01'") into
    // `datetime=2013-01-01T/..`: a date with a bare `T`. Accepted as the date it means.
    const gdalDate = /^\d{4}-\d{2}-\d{2}T$/.test(text) ? text.slice(0, 10) : null;
    const date = isIsoDate(text) ? text : (gdalDate ?? DATE_TIME.exec(text)?.[1]);
    if (date === undefined || !isIsoDate(date)) throw bad();
    return date;
  };
  const parts = raw.split('/');
  if (parts.length === 1) {
    const day = instant(raw);
    return { from: day, to: day };
  }
  if (parts.length !== 2) throw bad();
  const end = (text: string) => (text === '..' || text === '' ? null : instant(text));
  const range = { from: end(parts[0]!), to: end(parts[1]!) };
  if (range.from && range.to && range.from > range.to) {
    throw badParameter(name, `区间起点 ${range.from} 晚于终点 ${range.to}`, `the interval starts (${range.from}) after it ends (${range.to})`);
  }
  return range;
}
