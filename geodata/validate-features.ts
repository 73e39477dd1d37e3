/**
 * Validate features for one layer: structure, geometry and properties, every problem located
 * by feature index, id and JSON path, in Chinese and English. Pure: no I/O.
 *
 * `checkFeature` looks at one feature (the upload pipeline streams them through it);
 * `validateDocument` checks a whole parsed document (the tests and small callers).
 */
import type { Geometry } from 'geojson';
import gjv from 'geojson-validation';
import { LAYERS, type LayerId } from './schema';
import { checkGeometry, type GeometryCheckOptions } from './validate-geometry';
import { validateProperties, type Problem } from './validate-properties';

export { validateGeometry } from './validate-geometry';

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

export interface CheckOptions extends GeometryCheckOptions {
  /**
   * The carrier writing a carrier layer: a `carrier` property must name it, a duct's `owner`
   * (the owning unit) must be it — a carrier reports its own ducts — and no id may carry another
   * carrier's prefix (see `otherCarriers`).
   */
  carrier?: string | null;
  /** Carrier ids other than the writer's: an id starting `<other>-` (or `_ . :`) is refused. */
  otherCarriers?: readonly string[];
}

/** The other carrier whose prefix an id carries (`mobile-W00012` from telecom), or null. */
export function foreignPrefix(id: string, others: readonly string[]): string | null {
  const lower = id.toLowerCase();
  for (const other of others) if (lower.length > other.length && lower.startsWith(other) && '-_.:'.includes(lower[other.length]!)) return other;
  return null;
}

export interface CheckedFeature {
  /** The id as written (properties[idField], else a top-level `id`), or null. */
  id: string | null;
  /** Geometry with only `type` and `coordinates`, so re-uploading the same data is "unchanged". */
  geometry: Geometry | null;
  /** Properties of the schema only (unknown ones are listed in `unknown`). */
  properties: Record<string, unknown>;
  unknown: string[];
  vertices: number;
  problems: Problem[];
}

const GEOMETRY_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);

/** Check one feature; paths are relative to the feature (`properties.x`, `geometry.coordinates[0]`). */
const empty = (p: Problem): CheckedFeature => ({ id: null, geometry: null, properties: {}, unknown: [], vertices: 0, problems: [p] });

export function checkFeature(layer: LayerId, raw: unknown, options: CheckOptions = {}): CheckedFeature {
  const spec = LAYERS[layer];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return empty({ code: 'structure', path: '', zh: '不是 GeoJSON Feature 对象', en: 'not a GeoJSON Feature object' });
  }
  const f = raw as { type?: unknown; geometry?: unknown; properties?: unknown; id?: unknown; bbox?: unknown };
  if (f.type !== 'Feature') {
    if (typeof f.type === 'string' && GEOMETRY_TYPES.has(f.type)) {
      return empty({ code: 'bare_geometry', path: 'type', zh: `这是一个裸几何（${f.type}），没有属性；请包装成带 properties 的 Feature`, en: `this is a bare ${f.type} geometry with no properties; wrap it in a Feature with properties` });
    }
    if (f.type === 'FeatureCollection') {
      return empty({ code: 'structure', path: 'type', zh: 'FeatureCollection 不能嵌套在要素列表中', en: 'a FeatureCollection cannot be nested inside the features list' });
    }
    return empty({ code: 'structure', path: 'type', zh: `type 应为 "Feature"，实际为 ${JSON.stringify(f.type)}`, en: `type must be "Feature", not ${JSON.stringify(f.type)}` });
  }
  const problems: Problem[] = [];
  const props = f.properties !== null && typeof f.properties === 'object' && !Array.isArray(f.properties) ? (f.properties as Record<string, unknown>) : null;

  // The id: properties[idField]; many exports (GDAL, our own) put it in the top-level `id`
  // member instead, which RFC 7946 allows: take it from there when the property is absent.
  let properties = props;
  if (props && (props[spec.idField] === undefined || props[spec.idField] === null) && (typeof f.id === 'string' || Number.isInteger(f.id))) {
    properties = { ...props, [spec.idField]: String(f.id) };
  }
  const rawId = properties?.[spec.idField];
  const id = typeof rawId === 'string' ? rawId : typeof rawId === 'number' && Number.isInteger(rawId) ? String(rawId) : null;
  if (f.id !== undefined && typeof f.id !== 'string' && typeof f.id !== 'number') {
    problems.push({ code: 'structure', path: 'id', zh: 'Feature 的 id 成员应为字符串或数字', en: 'the Feature id member must be a string or a number' });
  }

  for (const p of validateProperties(layer, properties ?? f.properties)) problems.push(p);
  const geometryCheck = checkGeometry(layer, f.geometry, options);
  for (const p of geometryCheck.problems) problems.push(p);
  if (layer === 'fixed_service' && properties && (f.geometry as Geometry | null)?.type === 'Point' && !properties.building_id) {
    problems.push({ code: 'required', path: 'properties.building_id', zh: '点状记录必须填写 building_id（所在楼宇）', en: 'a point record needs building_id (the building it serves)' });
  }
  if (options.carrier && properties && 'carrier' in spec.properties && typeof properties.carrier === 'string' && properties.carrier !== options.carrier) {
    problems.push({ code: 'carrier', path: 'properties.carrier', zh: `carrier 为 ${properties.carrier}，与导入的运营商 ${options.carrier} 不符`, en: `carrier is ${properties.carrier}, not the importing carrier ${options.carrier}` });
  }
  if (options.carrier && properties && layer === 'ducts' && typeof properties.owner === 'string' && properties.owner !== options.carrier) {
    problems.push({ code: 'owner', path: 'properties.owner', zh: `owner（权属单位）为 ${properties.owner}：运营商 ${options.carrier} 只能报送自己的管道，owner 应为 ${options.carrier}`, en: `owner is ${properties.owner}: carrier ${options.carrier} reports its own ducts only, so owner must be ${options.carrier}` });
  }
  const prefix = options.carrier && id !== null ? foreignPrefix(id, options.otherCarriers ?? []) : null;
  if (prefix) {
    problems.push({ code: 'id_prefix', path: `properties.${spec.idField}`, zh: `标识 ${id} 以另一运营商 ${prefix} 的前缀开头：运营商 ${options.carrier} 的标识不能冒用其他运营商的前缀`, en: `id ${id} starts with the prefix of another carrier, ${prefix}: ids of carrier ${options.carrier} may not carry another carrier's prefix` });
  }
  // The card's structure validator, on the envelope only: geometry is ours above, with better
  // positions, and so are type and properties. What it adds is the bbox and the members'
  // presence, so it runs when those are in question (it would otherwise cost a copy per feature).
  if (f.bbox !== undefined || !('geometry' in f) || !('properties' in f)) {
    const envelope: Record<string, unknown> = { ...f };
    if ('geometry' in f) envelope.geometry = null;
    for (const message of gjv.isFeature(envelope, true) as string[]) {
      if (/"(geometry|properties|type)"/.test(message)) continue; // said above, in both languages
      problems.push({ code: 'structure', path: message.toLowerCase().includes('bbox') ? 'bbox' : '', zh: `GeoJSON 结构不符合规范：${message}`, en: `invalid GeoJSON structure: ${message}` });
    }
  }

  let clean: Record<string, unknown> = properties ?? {};
  const unknown: string[] = [];
  if (properties) {
    for (const key in properties) if (!(key in spec.properties)) unknown.push(key);
    if (unknown.length) {
      clean = {};
      for (const key in properties) if (key in spec.properties) clean[key] = properties[key];
    }
  }
  return { id, geometry: cleanGeometry(f.geometry), properties: clean, unknown, vertices: geometryCheck.vertices, problems };
}

/** Only `type` and `coordinates` (a parsed file's geometry is ours to keep when it has no more). */
function cleanGeometry(g: unknown): Geometry | null {
  if (!g || typeof g !== 'object') return null;
  let keys = 0;
  for (const _ in g) keys++;
  const { type, coordinates } = g as { type: string; coordinates: unknown };
  return keys === 2 && type !== undefined && coordinates !== undefined ? (g as Geometry) : ({ type, coordinates } as Geometry);
}

/** Validate a whole parsed document (FeatureCollection, Feature). */
export function validateDocument(layer: LayerId, doc: unknown, options: CheckOptions = {}): ValidationResult {
  const spec = LAYERS[layer];
  const features = featureList(doc);
  if (!Array.isArray(features)) return { valid: [], problems: [features], total: 0 };
  const problems: FeatureProblem[] = [];
  const valid: ValidFeature[] = [];
  const seen = new Map<string, number>();
  features.forEach((raw, index) => {
    const checked = checkFeature(layer, raw, options);
    const { id } = checked;
    const at = (p: Problem): FeatureProblem => ({ ...p, path: p.path ? `features[${index}].${p.path}` : `features[${index}]`, index, id });
    let errors = 0;
    for (const p of checked.problems) {
      problems.push(at(p));
      if ((p.severity ?? 'error') === 'error') errors++;
    }
    if (id !== null) {
      const first = seen.get(id);
      if (first !== undefined) {
        problems.push(at({ code: 'duplicate_id', path: `properties.${spec.idField}`, zh: `标识 ${id} 与第 ${first} 个要素重复`, en: `id ${id} repeats feature ${first}` }));
        errors++;
      } else seen.set(id, index);
    }
    if (errors === 0 && id !== null) valid.push({ index, id, geometry: checked.geometry, properties: checked.properties });
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
    return {
      ...whole(
        `文件是一个裸几何（${d.type}），没有属性；请包装成带 properties 的 Feature 或 FeatureCollection`,
        `the file is a bare ${d.type} geometry with no properties; wrap it in a Feature or FeatureCollection with properties`,
      ),
      code: 'bare_geometry',
    };
  }
  return whole(`不支持的 GeoJSON 类型 ${JSON.stringify(d.type)}`, `unsupported GeoJSON type ${JSON.stringify(d.type)}`);
}
