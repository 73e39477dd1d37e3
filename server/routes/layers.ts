import { Hono } from 'hono';
import { LAYERS, LAYER_IDS, isLayerId, type LayerId } from '../../geodata/schema';
import type { Atlas } from '../atlas';
import { notFound } from '../errors';
import { parseBbox, parseIntParam } from '../params';
import { queryFeatures } from '../features';

/** The layers: what exists, how many features, where; and each layer's features as GeoJSON. */
export function layerRoutes(atlas: Atlas) {
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
      });
    })
    .get('/:layer/features', (c) => {
      const layer = c.req.param('layer');
      if (!isLayerId(layer)) throw notFound(`layer ${layer}`, `图层 ${layer}`);
      const limit = parseIntParam('limit', c.req.query('limit'), { min: 1, max: 10_000, fallback: 1000 });
      const offset = parseIntParam('offset', c.req.query('offset'), { min: 0, max: Number.MAX_SAFE_INTEGER, fallback: 0 });
      const bbox = parseBbox(c.req.query('bbox'));
      const page = queryFeatures(atlas.store, layer as LayerId, { bbox, limit, offset });
      c.header('Content-Type', 'application/geo+json');
      return c.body(JSON.stringify(page));
    });
}
