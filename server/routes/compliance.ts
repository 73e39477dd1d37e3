import { Hono } from 'hono';
import type { AreaFigures, BuildingFigures, ComplianceResponse, GapsResponse, WhatIfResponse } from '../../geodata/contract';
import { LEVELS, UnknownAreaError, type Level } from '../../geodata/engine/engine';
import { VIEWS, type View } from '../../geodata/engine/fixed-service';
import { seriesDates, today } from '../../geodata/engine/dates';
import { INDICATOR_IDS, type IndicatorId } from '../../geodata/targets';
import type { Atlas } from '../atlas';
import { badParameter, notFound } from '../errors';
import { parseDateParam, parseEnumParam, parseIntParam } from '../params';
import { complianceCsv, indicatorCatalogue, withClauses } from '../compliance-view';
import { validateGeometry } from '../../geodata/validate-features';
import { TECHNOLOGIES, isIsoDate } from '../../geodata/schema';
import type { WhatIfPromise } from '../../geodata/engine/engine';
import { ApiError } from '../errors';

/** A JSON request body, refused past `maxBytes` (413) or when malformed (400). */
async function readJsonBody(req: Request, maxBytes: number): Promise<unknown> {
  const declared = Number(req.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw new ApiError(413, 'too_large', `请求体过大（上限 ${maxBytes} 字节）`, `request body too large (at most ${maxBytes} bytes)`);
  const text = await req.text();
  if (text.length > maxBytes) throw new ApiError(413, 'too_large', `请求体过大（上限 ${maxBytes} 字节）`, `request body too large (at most ${maxBytes} bytes)`);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ApiError(400, 'bad_json', `请求体不是有效的 JSON：${(e as Error).message}`, `the request body is not valid JSON: ${(e as Error).message}`);
  }
}

/** The what-if promise: a polygon, a technology and an integer speed; located errors. */
function parseWhatIf(body: unknown): WhatIfPromise {
  const b = (body ?? {}) as Record<string, unknown>;
  const problems = validateGeometry('districts', b.geometry).map((p) => ({ ...p, path: p.path }));
  if (!(TECHNOLOGIES as readonly string[]).includes(String(b.technology))) {
    problems.push({ code: 'enum', path: 'technology', zh: `technology 应为 ${TECHNOLOGIES.join(' / ')} 之一`, en: `technology must be one of ${TECHNOLOGIES.join(', ')}` });
  }
  if (typeof b.down_mbps !== 'number' || !Number.isInteger(b.down_mbps) || b.down_mbps < 1 || b.down_mbps > 100_000) {
    problems.push({ code: 'integer', path: 'down_mbps', zh: 'down_mbps 应为 1–100000 的整数（Mbit/s）', en: 'down_mbps must be a whole number from 1 to 100000 (Mbit/s)' });
  }
  if (b.from !== undefined && !isIsoDate(b.from)) problems.push({ code: 'date', path: 'from', zh: 'from 应为 YYYY-MM-DD', en: 'from must be a date YYYY-MM-DD' });
  if (problems.length) throw new ApiError(422, 'invalid_promise', '假设方案有误', 'the what-if promise is invalid', { problems });
  return { geometry: b.geometry as WhatIfPromise['geometry'], technology: String(b.technology), down_mbps: b.down_mbps as number, ...(b.from ? { from: String(b.from) } : {}) };
}

const FIRST_DATE = '2012-01-01';

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
    if (asOf < '1900-01-01') throw badParameter('asOf', '日期过早', 'date is too early');
    const view = parseEnumParam<View>('view', q('view'), VIEWS, 'in_service');
    return { asOf, view };
  };

  return new Hono()
    .get('/compliance', (c) => {
      const q = (n: string) => c.req.query(n);
      const level = parseEnumParam<Level>('level', q('level'), LEVELS, 'district');
      const format = parseEnumParam('format', q('format'), ['json', 'csv'] as const, 'json');
      const { asOf, view } = common(q);
      const { engine, version, targetsHash } = atlas.engine.current();
      const etag = `"${version}-${targetsHash}-${level}-${asOf}-${view}-${format}"`;
      c.header('ETag', etag);
      if (c.req.header('If-None-Match') === etag) return c.body(null, 304);
      const result = engine.compliance(level, asOf, view);
      if (format === 'csv') {
        c.header('Content-Type', 'text/csv; charset=utf-8');
        c.header('Content-Disposition', `attachment; filename="compliance-${level}-${asOf}.csv"`);
        return c.body(complianceCsv(result, { bom: true }));
      }
      return c.json({ version, ...withClauses(result, atlas.targets()) } satisfies ComplianceResponse);
    })
    .get('/areas/:code', (c) => {
      const q = (n: string) => c.req.query(n);
      const { asOf, view } = common(q);
      const step = parseEnumParam('step', q('step'), ['year', 'quarter'] as const, 'year');
      const from = parseDateParam('from', q('from')) ?? FIRST_DATE;
      if (from > asOf) throw badParameter('from', 'from 不能晚于 asOf', 'from must not be after asOf');
      const { engine, version } = atlas.engine.current();
      const code = c.req.param('code');
      const area = engine.area(code, asOf, seriesDates(from, asOf, step), view);
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
      const byDuct = (a: (typeof items)[number], b: (typeof items)[number]) => (a.nearest_duct_m ?? Infinity) - (b.nearest_duct_m ?? Infinity) || a.id.localeCompare(b.id);
      const byShortfall = (a: (typeof items)[number], b: (typeof items)[number]) => (b.shortfall_mbps ?? 0) - (a.shortfall_mbps ?? 0) || byDuct(a, b);
      items.sort(sort === 'duct' ? byDuct : byShortfall);
      return c.json({ version, indicator: indicator as IndicatorId, asOf, view, area: q('area') ?? null, sort, total: items.length, items: items.slice(offset, offset + limit) } satisfies GapsResponse);
    })
    .post('/whatif', async (c) => {
      const { asOf, view } = common((n) => c.req.query(n));
      const body = await readJsonBody(c.req.raw, 1_000_000);
      const promise = parseWhatIf(body);
      const { engine, version } = atlas.engine.current();
      return c.json({ version, promise: { technology: promise.technology, down_mbps: promise.down_mbps, from: promise.from ?? asOf }, ...engine.whatIf(promise, asOf, view) } satisfies WhatIfResponse);
    })
    .get('/buildings/:id', (c) => {
      const { asOf, view } = common((n) => c.req.query(n));
      const { engine, version } = atlas.engine.current();
      const figures = engine.building(c.req.param('id'), asOf, view);
      if (!figures) throw notFound(`building ${c.req.param('id')}`, `楼宇 ${c.req.param('id')}`);
      return c.json({ version, asOf, view, ...figures } satisfies BuildingFigures);
    });
}
