/**
 * Geometry checks for one feature of a layer: the type is one the layer allows, positions are
 * finite numbers (and longitude/latitude in range when they are degrees), lines have two
 * positions, rings are closed with at least four, rings do not cross themselves (the bow-tie),
 * and the vertex count is sane. Every problem is located by JSON path inside the feature,
 * in Chinese and English, down to the ring and vertex. Pure: no I/O.
 */
import { GEOMETRY_DEPTH } from './geometry/positions';
import { selfIntersection } from './ring-crossing';
import { LAYERS, type LayerId } from './schema';
import type { Problem } from './validate-properties';

export { selfIntersection, type Crossing } from './ring-crossing';

export interface GeometryCheckOptions {
  /** Positions are longitude/latitude (default). False for projected input (metres), whose
   * range is checked after conversion instead. */
  geographic?: boolean;
  /** More vertices than this in one feature is an error ("absurd"). */
  maxVertices?: number;
}

export interface GeometryCheck {
  problems: Problem[];
  /** Positions counted (to enforce a limit over the whole file). */
  vertices: number;
}

const defaultOptions: Required<GeometryCheckOptions> = {
  geographic: true,
  // A building footprint has tens of vertices, a district boundary a few thousand.
  maxVertices: 200_000,
};

/** Enough to locate the fault: a broken file would otherwise flood the report. */
const MAX_PROBLEMS_PER_GEOMETRY = 5;

export function checkGeometry(layer: LayerId, geometry: unknown, options: GeometryCheckOptions = {}): GeometryCheck {
  const opts: Required<GeometryCheckOptions> = { geographic: options.geographic ?? defaultOptions.geographic, maxVertices: options.maxVertices ?? defaultOptions.maxVertices };
  const allowed = LAYERS[layer].geometry;
  if (allowed.length === 0) {
    return geometry === null || geometry === undefined
      ? { problems: [], vertices: 0 }
      : { problems: [{ code: 'geometry_type', path: 'geometry', zh: '该图层是无几何的记录，geometry 应为 null', en: 'this layer holds records without geometry: geometry must be null' }], vertices: 0 };
  }
  const g = geometry as { type?: unknown; coordinates?: unknown; geometries?: unknown } | null | undefined;
  if (!g || typeof g !== 'object') return one({ code: 'geometry_missing', path: 'geometry', zh: '缺少几何', en: 'geometry is missing' });
  if (g.type === 'GeometryCollection') {
    return one({
      code: 'geometry_collection',
      path: 'geometry.type',
      zh: `不接受 GeometryCollection：请把每个几何拆成单独的要素，或合并为 ${allowed.filter((t) => t.startsWith('Multi')).join(' / ') || allowed.join(' / ')}`,
      en: `GeometryCollection is not accepted: split it into one feature per geometry, or merge into ${allowed.filter((t) => t.startsWith('Multi')).join(' / ') || allowed.join(' / ')}`,
    });
  }
  if (typeof g.type !== 'string' || !(allowed as readonly string[]).includes(g.type)) {
    return one({
      code: 'geometry_type',
      path: 'geometry.type',
      zh: `几何类型 ${JSON.stringify(g.type)} 不适用于该图层，应为 ${allowed.join(' / ')}`,
      en: `geometry type ${JSON.stringify(g.type)} is not allowed in this layer; expected ${allowed.join(' / ')}`,
    });
  }
  const walker = new Walker(g.type, opts);
  walker.walk(g.coordinates, GEOMETRY_DEPTH[g.type]!, 'geometry.coordinates');
  if (walker.vertices > opts.maxVertices) {
    walker.problems.unshift({
      code: 'vertices',
      path: 'geometry.coordinates',
      zh: `几何有 ${walker.vertices} 个顶点，超过上限 ${opts.maxVertices}（请简化或拆分）`,
      en: `the geometry has ${walker.vertices} vertices, more than the limit of ${opts.maxVertices} (simplify or split it)`,
    });
  } else if (walker.problems.length === 0 && (g.type === 'Polygon' || g.type === 'MultiPolygon')) {
    // Crossing tests only on otherwise sound rings: a ring with NaN has no meaningful crossings.
    const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as number[][][][];
    polygons.forEach((rings, p) =>
      rings.forEach((ring, r) => {
        const hit = selfIntersection(ring);
        if (hit && walker.problems.length < MAX_PROBLEMS_PER_GEOMETRY) {
          const path = g.type === 'Polygon' ? `geometry.coordinates[${r}]` : `geometry.coordinates[${p}][${r}]`;
          const at = `[${round(hit.point[0])}, ${round(hit.point[1])}]`;
          walker.problems.push({
            code: 'self_intersection',
            path,
            zh: `环自相交（“蝴蝶结”）：第 ${hit.a}–${hit.a + 1} 条边与第 ${hit.b}–${hit.b + 1} 条边在 ${at} 附近交叉`,
            en: `the ring crosses itself (a bow-tie): edges ${hit.a}–${hit.a + 1} and ${hit.b}–${hit.b + 1} cross near ${at}`,
          });
        }
      }),
    );
  }
  return { problems: walker.problems, vertices: walker.vertices };
}

/** The old entry point: problems only. */
export function validateGeometry(layer: LayerId, geometry: unknown, options?: GeometryCheckOptions): Problem[] {
  return checkGeometry(layer, geometry, options).problems;
}

function one(problem: Problem): GeometryCheck {
  return { problems: [problem], vertices: 0 };
}

function indexed(path: string, i: number): string {
  return i < 0 ? path : `${path}[${i}]`;
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;

class Walker {
  problems: Problem[] = [];
  vertices = 0;
  constructor(
    private readonly type: string,
    private readonly opts: Required<GeometryCheckOptions>,
  ) {}

  walk(value: unknown, depth: number, path: string): void {
    if (this.problems.length >= MAX_PROBLEMS_PER_GEOMETRY) return;
    if (depth === 0) {
      this.vertices++;
      this.position(value, path);
      return;
    }
    if (!Array.isArray(value)) {
      this.problems.push({ code: 'coordinates', path, zh: '坐标应为数组', en: 'coordinates must be an array' });
      return;
    }
    const type = this.type;
    if (depth === 1 && (type === 'LineString' || type === 'MultiLineString') && value.length < 2) {
      this.problems.push({ code: 'line', path, zh: `线至少需要 2 个点，只有 ${value.length} 个`, en: `a line needs at least 2 positions, it has ${value.length}` });
    }
    if (depth === 2 && (type === 'Polygon' || type === 'MultiPolygon') && value.length === 0) {
      this.problems.push({ code: 'ring', path, zh: '多边形没有任何环', en: 'the polygon has no rings' });
    }
    const isRing = depth === 1 && (type === 'Polygon' || type === 'MultiPolygon');
    if (depth === 1) {
      // Innermost list of positions: a flat loop, no recursion per vertex.
      for (let i = 0; i < value.length && this.problems.length < MAX_PROBLEMS_PER_GEOMETRY; i++) this.position(value[i], path, i);
      this.vertices += value.length;
      if (isRing) this.ring(value, path);
      return;
    }
    for (let i = 0; i < value.length; i++) this.walk(value[i], depth - 1, `${path}[${i}]`);
  }

  private ring(ring: unknown[], path: string): void {
    if (ring.length < 4) {
      this.problems.push({ code: 'ring', path, zh: `环至少需要 4 个点（首尾相同），只有 ${ring.length} 个`, en: `a ring needs at least 4 positions (first = last), it has ${ring.length}` });
      return;
    }
    const a = ring[0] as number[];
    const b = ring[ring.length - 1] as number[];
    if (Array.isArray(a) && Array.isArray(b) && (a[0] !== b[0] || a[1] !== b[1])) {
      this.problems.push({
        code: 'ring_open',
        path,
        zh: `环未闭合：首点 [${a[0]}, ${a[1]}] 与末点 [${b[0]}, ${b[1]}] 不同（请在末尾重复首点）`,
        en: `the ring is not closed: its first position [${a[0]}, ${a[1]}] differs from its last [${b[0]}, ${b[1]}] (repeat the first position at the end)`,
      });
    }
  }

  /** `path` (and `i`, the index in it) only become a string when there is a problem. */
  private position(value: unknown, at: string, i = -1): void {
    if (!Array.isArray(value) || value.length < 2 || value.length > 3) {
      this.problems.push({ code: 'position', path: indexed(at, i), zh: '坐标点应为 [经度, 纬度]', en: 'a position must be [longitude, latitude]' });
      return;
    }
    const x = value[0] as unknown;
    const y = value[1] as unknown;
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
      const text = typeof x === 'string' || typeof y === 'string';
      this.problems.push({
        code: 'position',
        path: indexed(at, i),
        zh: text ? '坐标必须是数字，不能是带引号的文本' : '坐标必须是有限数字',
        en: text ? 'coordinates must be numbers, not quoted text' : 'coordinates must be finite numbers',
      });
      return;
    }
    if (value.length === 3 && (typeof value[2] !== 'number' || !Number.isFinite(value[2]))) {
      this.problems.push({ code: 'position', path: indexed(at, i), zh: '高程必须是有限数字', en: 'the elevation must be a finite number' });
      return;
    }
    if (this.opts.geographic && (x < -180 || x > 180 || y < -90 || y > 90)) {
      const metres = Math.abs(x) > 1000 || Math.abs(y) > 1000;
      this.problems.push({
        code: 'range',
        path: indexed(at, i),
        zh: `坐标 [${x}, ${y}] 超出经纬度范围${metres ? '：看起来是投影坐标（米），请用 crs 参数声明，例如 EPSG:4527（CGCS2000 3 度带第 39 带）' : ''}`,
        en: `position [${x}, ${y}] is outside longitude/latitude range${metres ? ': it looks like projected metres; declare it with the crs parameter, e.g. EPSG:4527 (CGCS2000 3-degree zone 39)' : ''}`,
      });
    }
  }
}
