/**
 * Query-parameter parsing at the edge: every parameter is checked here, and a bad one is a 400
 * that names the parameter and what is allowed. Never `Number(query)` unchecked in a route.
 */
import type { BBox } from '../geodata/geometry/bbox';
import { isIsoDate } from '../geodata/schema';
import { badParameter } from './errors';

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

export function parseDateParam(name: string, raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return null;
  if (!isIsoDate(raw)) throw badParameter(name, `应为 YYYY-MM-DD 格式的日期，收到 ${JSON.stringify(raw)}`, `expected a date YYYY-MM-DD, got ${JSON.stringify(raw)}`);
  return raw;
}

export function parseEnumParam<T extends string>(name: string, raw: string | undefined, allowed: readonly T[], fallback: T): T {
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw badParameter(name, `应为 ${allowed.join(' / ')} 之一`, `must be one of ${allowed.join(', ')}`, allowed);
  }
  return raw as T;
}
