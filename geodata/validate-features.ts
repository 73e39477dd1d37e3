/**
 * Validate a parsed GeoJSON document for one layer: structure, geometry and properties, every
 * problem located by feature index, id and JSON path, in Chinese and English. Pure: no I/O.
 */
import type { Geometry, Position } from 'geojson';
import { LAYERS, type LayerId } from './schema';
import { validateProperties, type Problem } from './validate-properties';

export interface FeatureProblem extends Problem {
  /** Index of the feature in the file (0-based), or null for a problem with the whole file. */
  index: number | null;
  /** The feature's id, when it has a readable one. */
  id: string | null;
}

export interface ValidFeature {
  index: number;
  id: string;
  geometry: Geometry | null;
  properties: Record<string, unknown>;
}

export interface ValidationResult {
  valid: ValidFeature[];
  problems: FeatureProblem[];
  /** Number of features read (valid or not). */
  total: number;
}

export function validateDocument(layer: LayerId, doc: unknown): ValidationResult {
  const spec = LAYERS[layer];
  const features = featureList(doc);
  if (!Array.isArray(features)) return { valid: [], problems: [features], total: 0 };
  const problems: FeatureProblem[] = [];
  const valid: ValidFeature[] = [];
  const seen = new Map<string, number>();
  features.forEach((raw, index) => {
    const at = (p: Problem, id: string | null): FeatureProblem => ({ ...p, path: `features[${index}].${p.path}`, index, id });
    if (raw === null || typeof raw !== 'object' || (raw as { type?: unknown }).type !== 'Feature') {
      problems.push(at({ code: 'structure', path: 'type', zh: '不是 GeoJSON Feature', en: 'not a GeoJSON Feature' }, null));
      return;
    }
    const f = raw as { geometry?: unknown; properties?: unknown };
    const props = (f.properties ?? null) as Record<string, unknown> | null;
    const rawId = props && typeof props === 'object' ? props[spec.idField] : undefined;
    const id = typeof rawId === 'string' ? rawId : null;
    const before = problems.length;
    for (const p of validateProperties(layer, f.properties)) problems.push(at(p, id));
    for (const p of validateGeometry(layer, f.geometry)) problems.push(at(p, id));
    if (layer === 'fixed_service' && props && f.geometry && (f.geometry as Geometry).type === 'Point' && !props.building_id) {
      problems.push(at({ code: 'required', path: 'properties.building_id', zh: '点状记录必须填写 building_id（所在楼宇）', en: 'a point record needs building_id (the building it serves)' }, id));
    }
    if (id !== null) {
      const first = seen.get(id);
      if (first !== undefined) {
        problems.push(at({ code: 'duplicate_id', path: `properties.${spec.idField}`, zh: `标识 ${id} 与第 ${first} 个要素重复`, en: `id ${id} repeats feature ${first}` }, id));
      } else seen.set(id, index);
    }
    if (problems.length === before && id !== null) {
      valid.push({ index, id, geometry: (f.geometry ?? null) as Geometry | null, properties: props! });
    }
  });
  return { valid, problems, total: features.length };
}

function featureList(doc: unknown): unknown[] | FeatureProblem {
  const d = doc as { type?: unknown; features?: unknown } | null;
  const whole = (zh: string, en: string): FeatureProblem => ({ code: 'structure', path: '', index: null, id: null, zh, en });
  if (!d || typeof d !== 'object') return whole('文件内容不是 GeoJSON 对象', 'the file is not a GeoJSON object');
  if (d.type === 'FeatureCollection') {
    return Array.isArray(d.features) ? d.features : whole('FeatureCollection 缺少 features 数组', 'FeatureCollection has no features array');
  }
  if (d.type === 'Feature') return [d];
  if (typeof d.type === 'string' && GEOMETRY_TYPES.has(d.type)) {
    return whole(
      `文件是一个裸几何（${d.type}），没有属性；请包装成带 properties 的 Feature 或 FeatureCollection`,
      `the file is a bare ${d.type} geometry with no properties; wrap it in a Feature or FeatureCollection with properties`,
    );
  }
  return whole(`不支持的 GeoJSON 类型 ${JSON.stringify(d.type)}`, `unsupported GeoJSON type ${JSON.stringify(d.type)}`);
}

const GEOMETRY_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);

export function validateGeometry(layer: LayerId, geometry: unknown): Problem[] {
  const allowed = LAYERS[layer].geometry;
  if (allowed.length === 0) {
    return geometry === null || geometry === undefined
      ? []
      : [{ code: 'geometry_type', path: 'geometry', zh: '该图层是无几何的记录，geometry 应为 null', en: 'this layer holds records without geometry: geometry must be null' }];
  }
  const g = geometry as { type?: unknown; coordinates?: unknown } | null | undefined;
  if (!g || typeof g !== 'object') return [{ code: 'geometry_missing', path: 'geometry', zh: '缺少几何', en: 'geometry is missing' }];
  if (typeof g.type !== 'string' || !(allowed as readonly string[]).includes(g.type)) {
    return [
      {
        code: 'geometry_type',
        path: 'geometry.type',
        zh: `几何类型 ${JSON.stringify(g.type)} 不适用于该图层，应为 ${allowed.join(' / ')}`,
        en: `geometry type ${JSON.stringify(g.type)} is not allowed in this layer; expected ${allowed.join(' / ')}`,
      },
    ];
  }
  const depth = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 }[g.type as 'Point'];
  const problems: Problem[] = [];
  checkCoordinates(g.coordinates, depth, 'geometry.coordinates', g.type, problems);
  return problems;
}

function checkCoordinates(value: unknown, depth: number, path: string, type: string, problems: Problem[]): void {
  if (problems.length >= 5) return; // enough to locate the fault; a broken file would flood the report
  if (depth === 0) return checkPosition(value, path, problems);
  if (!Array.isArray(value)) {
    problems.push({ code: 'coordinates', path, zh: '坐标应为数组', en: 'coordinates must be an array' });
    return;
  }
  const isRingList = (type === 'Polygon' && depth === 2) || (type === 'MultiPolygon' && depth === 2);
  const isLine = (type === 'LineString' && depth === 1) || (type === 'MultiLineString' && depth === 1);
  if (isLine && value.length < 2) problems.push({ code: 'line', path, zh: '线至少需要 2 个点', en: 'a line needs at least 2 positions' });
  value.forEach((child, i) => {
    const childPath = `${path}[${i}]`;
    if (isRingList) checkRing(child, childPath, problems);
    checkCoordinates(child, depth - 1, childPath, type, problems);
  });
}

function checkRing(ring: unknown, path: string, problems: Problem[]): void {
  if (!Array.isArray(ring)) return;
  if (ring.length < 4) {
    problems.push({ code: 'ring', path, zh: `环至少需要 4 个点（首尾相同），只有 ${ring.length} 个`, en: `a ring needs at least 4 positions (first = last), it has ${ring.length}` });
    return;
  }
  const a = ring[0] as Position;
  const b = ring[ring.length - 1] as Position;
  if (Array.isArray(a) && Array.isArray(b) && (a[0] !== b[0] || a[1] !== b[1])) {
    problems.push({ code: 'ring_open', path, zh: '环未闭合：首点与末点不同', en: 'the ring is not closed: its first and last positions differ' });
  }
}

function checkPosition(value: unknown, path: string, problems: Problem[]): void {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3) {
    problems.push({ code: 'position', path, zh: '坐标点应为 [经度, 纬度]', en: 'a position must be [longitude, latitude]' });
    return;
  }
  const [x, y] = value as unknown[];
  if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
    problems.push({ code: 'position', path, zh: '坐标必须是有限数字', en: 'coordinates must be finite numbers' });
    return;
  }
  if (x < -180 || x > 180 || y < -90 || y > 90) {
    problems.push({ code: 'range', path, zh: `坐标 [${x}, ${y}] 超出经纬度范围`, en: `position [${x}, ${y}] is outside longitude/latitude range` });
  }
}
