import { Hono } from 'hono';
import type { LayersResponse } from '../../geodata/contract';
import { CARRIER_PATTERN, LAYERS, LAYER_IDS, isCarrierLayer, isLayerId, type LayerId } from '../../geodata/schema';
import type { Atlas } from '../atlas';
import { badParameter, notFound } from '../errors';
import { planPage, streamFeatureCollection, toRfc7946Feature, type FeatureQuery } from '../features';
import { pageLinks } from '../ogc/links';
import { parseBbox, parseDateParam, parseIntParam, parsePatternParam } from '../params';

/**
 * The layers: what exists, how many features, where; and each layer's features as streamed
 * GeoJSON pages with next/prev links (server/features.ts).
 */
export function layerRoutes(atlas: Atlas, options: { log?: (line: string) => void } = {}) {
  // Mid-stream failures happen after the status line, so onError cannot answer them: log them.
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  return new Hono()
    .get('/', (c) => {
      const stats = new Map(atlas.store.layerStats().map((s) => [s.layer, s]));
      return c.json({
        version: atlas.store.version(),
        layers: LAYER_IDS.map((id) => {
          const spec = LAYERS[id];
          const s = stats.get(id);
          return {
            id,
            label: spec.label,
            geometry: spec.geometry,
            writer: spec.writer,
            count: s?.count ?? 0,
            bbox: s?.bbox ?? null,
            owners: s?.owners ?? [],
            properties: Object.fromEntries(
              Object.entries(spec.properties).map(([name, f]) => [
                name,
                { type: f.type, required: f.required, label: f.label, ...('values' in f ? { values: f.values } : {}), ...(f.unit ? { unit: f.unit } : {}) },
              ]),
            ),
          };
        }),
      } satisfies LayersResponse);
    })
    .get('/:layer/features', (c) => {
      const layer = c.req.param('layer');
      if (!isLayerId(layer)) throw notFound(`layer ${layer}`, `图层 ${layer}`);
      const query = featureQuery(layer, (name) => c.req.query(name));
      const plan = planPage(atlas.store, layer, query);
      const links = pageLinks(new URL(c.req.url), plan, 'application/geo+json');
      c.header('Content-Type', 'application/geo+json');
      return c.body(
        streamFeatureCollection(atlas.store, plan, {
          members: { numberMatched: plan.numberMatched, numberReturned: plan.numberReturned, links },
          feature: (f) => toRfc7946Feature(f),
          onError: (e) => log(`error streaming ${c.req.path}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
        }),
      );
    });
}

/**
 * The query of `GET /api/layers/{layer}/features`: bbox, limit (1–10,000, default 1,000),
 * offset, asOf (features dated on or before it; undated layers hold at every date, so it leaves
 * them whole) and carrier (one carrier's features; only carrier layers have carriers).
 */
function featureQuery(layer: LayerId, q: (name: string) => string | undefined): FeatureQuery {
  const limit = parseIntParam('limit', q('limit'), { min: 1, max: 10_000, fallback: 1000 });
  const offset = parseIntParam('offset', q('offset'), { min: 0, max: Number.MAX_SAFE_INTEGER, fallback: 0 });
  const bbox = parseBbox(q('bbox'));
  const asOf = parseDateParam('asOf', q('asOf'));
  const carrier = parsePatternParam('carrier', q('carrier'), CARRIER_PATTERN, {
    zh: '小写字母开头的运营商代码（如 telecom）',
    en: 'a lower-case carrier code such as telecom',
  });
  if (carrier && !isCarrierLayer(layer)) {
    throw badParameter('carrier', `图层 ${layer} 是基础图层，不属于任何运营商`, `layer ${layer} is a base layer: no carrier owns its features`);
  }
  return { bbox, limit, offset, owner: carrier, dates: asOf ? { to: asOf } : null };
}
