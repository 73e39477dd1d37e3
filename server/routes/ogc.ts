import { Hono, type Context } from 'hono';
import { LAYERS } from '../../geodata/schema';
import type { Atlas } from '../atlas';
import { notFound } from '../errors';
import { pageChunks, planPage, streamFeatureCollection } from '../features';
import { collectionDoc, collectionLayer, collectionsDoc } from '../ogc/collections';
import { negotiateFormat, respond, sendHtml } from '../ogc/format';
import { collectionHtml, collectionsHtml, conformanceHtml, featureHtml, itemsHtml, landingHtml } from '../ogc/html';
import { featureDoc, itemHref, itemsMembers, itemsQuery, ogcFeature, parseFeatureId } from '../ogc/items';
import { conformance, landingPage } from '../ogc/landing';
import { MEDIA } from '../ogc/links';
import { openApiDocument } from '../ogc/openapi';
import { featureSchema } from '../ogc/schema';

/**
 * OGC API – Features – Part 1: Core, with GeoJSON and HTML, mounted at `basePath` (/ogc):
 *
 *   GET /                                   landing page
 *   GET /conformance                        conformance classes
 *   GET /api                                OpenAPI 3.0 definition
 *   GET /collections                        one collection per layer with geometry
 *   GET /collections/{id}                   one collection
 *   GET /collections/{id}/feature-schema    JSON Schema of its GeoJSON features (rel describedby)
 *   GET /collections/{id}/items             features: bbox, datetime, limit, offset; streamed
 *   GET /collections/{id}/items/{featureId} one feature (`id`, or `owner:id` on carrier layers)
 *
 * Reads are public, as in the rest of the API. The work is in server/ogc/; these handlers only
 * parse, call and send.
 */
export function ogcRoutes(atlas: Atlas, options: { basePath?: string; log?: (line: string) => void } = {}) {
  const basePath = options.basePath ?? '/ogc';
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const store = atlas.store;
  const city = atlas.base.city.name;
  // Absolute links from the request's own origin (see server/ogc/links.ts for why absolute).
  const root = (c: Context) => new URL(c.req.url).origin + basePath;
  const format = (c: Context) => negotiateFormat(c.req.query('f'), c.req.header('Accept'));
  const url = (c: Context) => new URL(c.req.url);

  return new Hono()
    .get('/', (c) => {
      const f = format(c);
      const doc = landingPage(root(c), url(c), f, city);
      return respond(c, f, { json: () => doc, html: () => landingHtml(root(c), doc) });
    })
    .get('/conformance', (c) => {
      const f = format(c);
      const doc = conformance(url(c), f);
      return respond(c, f, { json: () => doc, html: () => conformanceHtml(root(c), doc, doc.links) });
    })
    .get('/api', (c) => {
      c.header('Content-Type', MEDIA.openapi);
      return c.body(JSON.stringify(openApiDocument(root(c), `Broadband Atlas 宽带地图 — ${city.zh} ${city.en}`)));
    })
    .get('/collections', (c) => {
      const f = format(c);
      const doc = collectionsDoc(store, root(c), url(c), f);
      return respond(c, f, { json: () => doc, html: () => collectionsHtml(root(c), doc) });
    })
    .get('/collections/:id', (c) => {
      const layer = collectionLayer(c.req.param('id'));
      const f = format(c);
      const doc = collectionDoc(store, root(c), layer, f);
      return respond(c, f, { json: () => doc, html: () => collectionHtml(root(c), doc) });
    })
    .get('/collections/:id/feature-schema', (c) => {
      const layer = collectionLayer(c.req.param('id'));
      c.header('Content-Type', MEDIA.jsonSchema);
      return c.body(JSON.stringify(featureSchema(layer, `${root(c)}/collections/${layer}/feature-schema`)));
    })
    .get('/collections/:id/items', (c) => {
      const layer = collectionLayer(c.req.param('id'));
      const f = format(c);
      const plan = planPage(store, layer, itemsQuery(url(c)));
      const members = itemsMembers(plan, url(c), root(c), f);
      c.header('Vary', 'Accept');
      if (f === 'html') {
        const features = [...pageChunks(store, plan)].flat().map(ogcFeature);
        const columns = [...new Set([...Object.keys(LAYERS[layer].properties), 'owner'])];
        const title = `${LAYERS[layer].label.zh} ${LAYERS[layer].label.en}`;
        return sendHtml(c, itemsHtml(root(c), title, plan.offset, columns, { ...members, features }, (id) => itemHref(root(c), layer, id, 'html')));
      }
      c.header('Content-Type', MEDIA.geojson);
      return c.body(
        streamFeatureCollection(store, plan, {
          members,
          feature: ogcFeature,
          onError: (e) => log(`error streaming ${c.req.path}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
        }),
      );
    })
    .get('/collections/:id/items/:featureId', (c) => {
      const layer = collectionLayer(c.req.param('id'));
      const f = format(c);
      const raw = c.req.param('featureId');
      const key = parseFeatureId(layer, raw);
      const stored = key ? store.feature(layer, key.owner, key.id) : null;
      if (!stored) throw notFound(`feature ${raw} in collection ${layer}`, `数据集 ${layer} 中的要素 ${raw}`);
      const doc = featureDoc(stored, root(c), f);
      return respond(c, f, { type: MEDIA.geojson, json: () => doc, html: () => featureHtml(root(c), `${LAYERS[layer].label.zh} ${String(doc.id)}`, doc) });
    })
    .all('*', (c) => {
      // `/ogc/` is the landing page too: clients are given the API's URL with and without the slash.
      if (c.req.path === `${basePath}/`) return c.redirect(`${basePath}${new URL(c.req.url).search}`, 308);
      // Without this, an unknown /ogc/… path would fall through to the web app's index.html.
      throw notFound(c.req.path, c.req.path);
    });
}
