import { Hono } from 'hono';
import type { AreaFigures, Banded, BuildingFigures, ComplianceResponse, GapsResponse, WhatIfResponse } from '../../geodata/contract';
import { DuctBands } from '../../geodata/duct-band';
import { principalOf } from '../auth';
import { LEVELS, UnknownAreaError, type Level } from '../../geodata/engine/engine';
import { VIEWS, type View } from '../../geodata/engine/fixed-service';
import { seriesDates, today } from '../../geodata/engine/dates';
import { INDICATOR_IDS, type IndicatorId } from '../../geodata/targets';
import type { Atlas } from '../atlas';
import { badParameter, notFound } from '../errors';
import { boundedSeries, MIN_DATE, parseDateParam, parseEnumParam, parseIntParam } from '../params';
import { areasPage, MAX_AREAS_PAGE } from '../areas';
import { complianceCsv, indicatorCatalogue, withClauses } from '../compliance-view';
import { validateGeometry } from '../../geodata/validate-features';
import { TECHNOLOGIES, isIsoDate } from '../../geodata/schema';
import type { ComplianceEngine, WhatIfPromise } from '../../geodata/engine/engine';
import { geometryBBox } from '../../geodata/geometry/bbox';
import { ApiError } from '../errors';
import { readJsonBody } from '../body';

/** The what-if promise: a polygon, a technology and an integer speed; located errors. */
function parseWhatIf(body: unknown): WhatIfPromise {
  const b = (body ?? {}) as Record<string, unknown>;
  const problems = validateGeometry('districts', b.geometry, { maxVertices: WHATIF_MAX_VERTICES }).map((p) => ({ ...p, path: p.path }));
  if (!(TECHNOLOGIES as readonly string[]).includes(String(b.technology))) {
    problems.push({ code: 'enum', path: 'technology', zh: `technology 应为 ${TECHNOLOGIES.join(' / ')} 之一`, en: `technology must be one of ${TECHNOLOGIES.join(', ')}` });
  }
  if (typeof b.down_mbps !== 'number' || !Number.isInteger(b.down_mbps) || b.down_mbps < 1 || b.down_mbps > 100_000) {
    problems.push({ code: 'integer', path: 'down_mbps', zh: 'down_mbps 应为 1–100000 的整数（Mbit/s）', en: 'down_mbps must be a whole number from 1 to 100000 (Mbit/s)' });
  }
  if (b.from !== undefined && (!isIsoDate(b.from) || b.from < MIN_DATE)) problems.push({ code: 'date', path: 'from', zh: `from 应为 ${MIN_DATE} 起的日期 YYYY-MM-DD`, en: `from must be a date YYYY-MM-DD from ${MIN_DATE} on` });
  if (problems.length) throw new ApiError(422, 'invalid_promise', '假设方案有误', 'the what-if promise is invalid', { problems });
  return { geometry: b.geometry as WhatIfPromise['geometry'], technology: String(b.technology), down_mbps: b.down_mbps as number, ...(b.from ? { from: String(b.from) } : {}) };
}

const FIRST_DATE = '2012-01-01';

/** Nearest-duct bounds from the public grid (geodata/duct-band.ts), for one date and view. */
function publicBands(engine: ComplianceEngine, asOf: string, view: View): DuctBands {
  const grid = engine.figuresOf('grid', asOf, view);
  const hasDuct = (cell: string) => (grid(cell)?.find((r) => r.id === 'gis_pipe_grid')?.numerator ?? 0) > 0;
  return new DuctBands(engine.geography.h3Resolution, hasDuct);
}

/** An item or building as anonymous callers see it: the band instead of the exact distance. */
function banded<T extends { position: [number, number]; nearest_duct_m: number | null }>(item: T, bands: DuctBands): Banded<T> {
  const { nearest_duct_m: _exact, ...rest } = item;
  return { ...rest, nearest_duct_band: bands.band(item.position[0], item.position[1]) };
}
/** The what-if's body: a drawn polygon and three fields; a district boundary fits many times over. */
const WHATIF_MAX_BYTES = 1_000_000;
/** Vertices of the promised area: a drawn polygon has tens, a district's boundary a few thousand. */
const WHATIF_MAX_VERTICES = 10_000;
/**
 * Point-in-polygon tests the what-if may cost: the buildings in the polygon's box times its
 * vertices. 50 million is about a quarter of a second here (a 500-vertex area over the whole
 * 100,000-building city, or a district boundary over its own buildings).
 */
const WHATIF_MAX_TESTS = 50_000_000;

/** A promise whose area would cost more than the budget to test: a 422 saying how to shrink it. */
function checkWhatIfCost(engine: ComplianceEngine, geometry: WhatIfPromise['geometry']): void {
  const box = geometryBBox(geometry);
  if (!box) return;
  const vertices = geometry.type === 'Polygon' ? geometry.coordinates.reduce((n, r) => n + r.length, 0) : geometry.coordinates.reduce((n, p) => n + p.reduce((m, r) => m + r.length, 0), 0);
  const buildings = engine.buildingsInBox(box[0], box[1], box[2], box[3]).length;
  if (buildings * vertices <= WHATIF_MAX_TESTS) return;
  throw new ApiError(422, 'invalid_promise', '假设方案的区域过于复杂', 'the what-if area is too complex', {
    problems: [
      {
        code: 'too_complex',
        path: 'geometry',
        zh: `区域有 ${vertices} 个顶点，其外框内有 ${buildings} 栋楼宇：需 ${buildings * vertices} 次判断，超过上限 ${WHATIF_MAX_TESTS}；请简化边界或画小一些`,
        en: `the area has ${vertices} vertices and its box holds ${buildings} buildings: ${buildings * vertices} tests, more than the limit of ${WHATIF_MAX_TESTS}; simplify the boundary or draw a smaller area`,
      },
    ],
    maxTests: WHATIF_MAX_TESTS,
  });
}

/**
 * GET /api/compliance   every area of a level × every indicator, as of a date
 * GET /api/areas/:code  one area's figures and its series over time
 * GET /api/gaps         items below an indicator's target, nearest duct first
 * GET /api/buildings/:id  one building's offers and coverage
 * POST /api/whatif      the figures now → with a promised offer in a drawn area (writes nothing)
 */
export function complianceRoutes(atlas: Atlas) {
  const common = (q: (name: string) => string | undefined) => {
    const asOf = parseDateParam('asOf', q('asOf')) ?? today();
    const view = parseEnumParam<View>('view', q('view'), VIEWS, 'in_service');
    return { asOf, view };
  };

  return new Hono()
    .get('/compliance', (c) => {
      const q = (n: string) => c.req.query(n);
      const level = parseEnumParam<Level>('level', q('level'), LEVELS, 'district');
      const format = parseEnumParam('format', q('format'), ['json', 'csv'] as const, 'json');
      const { asOf, view } = common(q);
      const limit = parseIntParam('limit', q('limit'), { min: 1, max: MAX_AREAS_PAGE, fallback: MAX_AREAS_PAGE });
      const offset = parseIntParam('offset', q('offset'), { min: 0, max: 10_000_000, fallback: 0 });
      const state = atlas.engine.current();
      const { version, targetsHash } = state;
      const etag = `"${version}-${targetsHash}-${level}-${asOf}-${view}-${format}-${offset}-${limit}"`;
      c.header('ETag', etag);
      if (c.req.header('If-None-Match') === etag) return c.body(null, 304);
      const { result, total } = areasPage(state, level, asOf, view, offset, limit);
      c.header('X-Total-Count', String(total));
      if (format === 'csv') {
        c.header('Content-Type', 'text/csv; charset=utf-8');
        c.header('Content-Disposition', `attachment; filename="compliance-${level}-${asOf}.csv"`);
        return c.body(complianceCsv(result, { bom: true }));
      }
      return c.json({ version, total, offset, ...withClauses(result, atlas.targets()) } satisfies ComplianceResponse);
    })
    .get('/areas/:code', (c) => {
      const q = (n: string) => c.req.query(n);
      const { asOf, view } = common(q);
      const step = parseEnumParam('step', q('step'), ['year', 'quarter'] as const, 'year');
      const from = parseDateParam('from', q('from')) ?? FIRST_DATE;
      if (from > asOf) throw badParameter('from', 'from 不能晚于 asOf', 'from must not be after asOf');
      const dates = boundedSeries(from, asOf, step, seriesDates);
      const code = c.req.param('code');
      const { engine, version } = atlas.engine.current();
      // One area's figures and series from its own items (engine/area-series.ts): milliseconds
      // for any area, the series capped at MAX_SERIES_POINTS dates (params.ts).
      const area = engine.area(code, asOf, dates, view);
      if (!area) throw notFound(`area ${code}`, `区域 ${code}`);
      const { level, name, parent, indicators, series } = area;
      return c.json({ version, asOf, view, area: { level, code, name, parent }, indicators, series, catalogue: indicatorCatalogue(atlas.targets()) } satisfies AreaFigures);
    })
    .get('/gaps', (c) => {
      const q = (n: string) => c.req.query(n);
      const { asOf, view } = common(q);
      const indicator = q('indicator');
      if (!indicator || !(INDICATOR_IDS as readonly string[]).includes(indicator)) {
        throw badParameter('indicator', `应为 ${INDICATOR_IDS.join(' / ')} 之一`, `must be one of ${INDICATOR_IDS.join(', ')}`, INDICATOR_IDS);
      }
      const sort = parseEnumParam('sort', q('sort'), ['duct', 'shortfall'] as const, 'duct');
      const limit = parseIntParam('limit', q('limit'), { min: 1, max: 10_000, fallback: 100 });
      const offset = parseIntParam('offset', q('offset'), { min: 0, max: 10_000_000, fallback: 0 });
      const { engine, version } = atlas.engine.current();
      let items;
      try {
        items = engine.gaps(indicator as IndicatorId, asOf, { area: q('area'), view });
      } catch (e) {
        if (e instanceof UnknownAreaError) throw badParameter('area', `没有代码为 ${e.code} 的区域`, `no area has code ${e.code}`);
        throw e;
      }
      if (items === null) {
        throw badParameter('indicator', `${indicator} 没有逐项缺口（全市汇总指标）`, `${indicator} has no per-item gaps (a city-wide or informational indicator)`);
      }
      // Signed in: by the exact distance. Anonymous: by what the public grid says (rings of cells
      // to one with a duct) — ordering by the exact distance would trace the routes as surely
      // as printing it.
      const bands = principalOf(c) ? null : publicBands(engine, asOf, view);
      const rings = bands ? new Map(items.map((it) => [it, bands.ringsToDuct(it.position[0], it.position[1])])) : null;
      const duct = (it: (typeof items)[number]) => (rings ? rings.get(it)! : (it.nearest_duct_m ?? Infinity));
      const byDuct = (a: (typeof items)[number], b: (typeof items)[number]) => duct(a) - duct(b) || a.id.localeCompare(b.id);
      const byShortfall = (a: (typeof items)[number], b: (typeof items)[number]) => (b.shortfall_mbps ?? 0) - (a.shortfall_mbps ?? 0) || byDuct(a, b);
      items.sort(sort === 'duct' ? byDuct : byShortfall);
      const page = items.slice(offset, offset + limit);
      return c.json({ version, indicator: indicator as IndicatorId, asOf, view, area: q('area') ?? null, sort, total: items.length, items: bands ? page.map((it) => banded(it, bands)) : page } satisfies GapsResponse);
    })
    .post('/whatif', async (c) => {
      const { asOf, view } = common((n) => c.req.query(n));
      const body = await readJsonBody(c, WHATIF_MAX_BYTES);
      const promise = parseWhatIf(body);
      const { engine, version } = atlas.engine.current();
      checkWhatIfCost(engine, promise.geometry);
      return c.json({ version, promise: { technology: promise.technology, down_mbps: promise.down_mbps, from: promise.from ?? asOf }, ...engine.whatIf(promise, asOf, view) } satisfies WhatIfResponse);
    })
    .get('/buildings/:id', (c) => {
      const { asOf, view } = common((n) => c.req.query(n));
      const { engine, version } = atlas.engine.current();
      const figures = engine.building(c.req.param('id'), asOf, view);
      if (!figures) throw notFound(`building ${c.req.param('id')}`, `楼宇 ${c.req.param('id')}`);
      const shown = principalOf(c) ? figures : banded(figures, publicBands(engine, asOf, view));
      return c.json({ version, asOf, view, ...shown } satisfies BuildingFigures);
    });
}
