/**
 * OGC API – Features – Part 1 (Core, GeoJSON, HTML, OpenAPI 3.0) at /ogc, through ctx.app.request():
 * no port, no network. The independent client (GDAL over a real port) is in gdal.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { LAYERS } from '../../geodata/schema';
import { seededApp } from '../support/atlas';

const ctx = seededApp();

const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await ctx.app.request(path, { headers });
  const text = await res.text();
  let body: any = null;
  try {
    body = JSON.parse(text);
  } catch {
    // HTML or empty
  }
  return { status: res.status, type: res.headers.get('content-type') ?? '', headers: res.headers, text, body };
};
const rel = (body: any, r: string, type?: string) => body.links.filter((l: any) => l.rel === r && (type === undefined || l.type === type));
const pathOf = (href: string) => {
  const u = new URL(href);
  return u.pathname + u.search;
};

const COLLECTIONS = ['districts', 'townships', 'villages', 'buildings', 'fixed_service', 'wifi_hotspots', 'public_places', 'mobile_sites', 'ducts'];

describe('landing page, conformance, API definition', () => {
  it('links to itself, the API definition, conformance and the collections', async () => {
    const { status, type, body } = await get('/ogc');
    expect(status).toBe(200);
    expect(type).toContain('application/json');
    expect(body.title).toContain('滁州');
    expect(rel(body, 'self', 'application/json')).toHaveLength(1);
    expect(rel(body, 'alternate', 'text/html')).toHaveLength(1);
    expect(rel(body, 'service-desc', 'application/vnd.oai.openapi+json;version=3.0')).toHaveLength(1);
    expect(pathOf(rel(body, 'conformance', 'application/json')[0].href)).toBe('/ogc/conformance?f=json');
    expect(pathOf(rel(body, 'data', 'application/json')[0].href)).toBe('/ogc/collections?f=json');
    // Absolute hrefs: GDAL resolves a root-relative one against the landing page, not the origin.
    for (const l of body.links) expect(l.href).toMatch(/^http:\/\/localhost\/ogc/);
  });

  it('treats /ogc/ as the landing page', async () => {
    const res = await ctx.app.request('/ogc/?f=html');
    expect(res.status).toBe(308);
    expect(res.headers.get('location')).toBe('/ogc?f=html');
  });

  it('declares core, GeoJSON, HTML and OpenAPI 3.0', async () => {
    const { body } = await get('/ogc/conformance');
    expect(body.conformsTo.sort()).toEqual(
      ['core', 'geojson', 'html', 'oas30'].map((c) => `http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/${c}`),
    );
  });

  it('serves an OpenAPI 3.0 document of the paths it answers', async () => {
    const { status, type, body } = await get('/ogc/api');
    expect(status).toBe(200);
    expect(type).toBe('application/vnd.oai.openapi+json;version=3.0');
    expect(body.openapi).toMatch(/^3\.0\.\d$/);
    expect(body.info.title).toBeTruthy();
    expect(body.info.version).toBeTruthy();
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(['/', '/conformance', '/api', '/collections', '/collections/{collectionId}', '/collections/{collectionId}/items', '/collections/{collectionId}/items/{featureId}']),
    );
    const params = body.paths['/collections/{collectionId}/items'].get.parameters.map((p: any) => body.components.parameters[p.$ref.split('/').pop()]);
    expect(params.map((p: any) => p.name).sort()).toEqual(['bbox', 'collectionId', 'datetime', 'f', 'limit', 'offset']);
    expect(params.find((p: any) => p.name === 'limit').schema).toEqual({ type: 'integer', minimum: 1, maximum: 10000, default: 10 });
    // Every $ref resolves.
    const refs = JSON.stringify(body).match(/"\$ref":"#\/[^"]+"/g) ?? [];
    for (const ref of refs) {
      const path = ref.slice(10, -1).split('/');
      expect(path.reduce((o: any, k) => o?.[k], body), ref).toBeDefined();
    }
  });
});

describe('collections', () => {
  it('lists one collection per layer with geometry, with extents from the store', async () => {
    const { body } = await get('/ogc/collections');
    expect(body.collections.map((c: any) => c.id)).toEqual(COLLECTIONS);
    const stats = new Map(ctx.t.atlas.store.layerStats().map((s) => [s.layer, s]));
    for (const c of body.collections) {
      const spec = LAYERS[c.id as keyof typeof LAYERS];
      expect(c.title).toBe(`${spec.label.zh} ${spec.label.en}`);
      expect(c.itemType).toBe('feature');
      expect(c.crs).toEqual(['http://www.opengis.net/def/crs/OGC/1.3/CRS84']);
      expect(c.extent.spatial.bbox).toEqual([stats.get(c.id)!.bbox]);
      expect(pathOf(rel(c, 'items', 'application/geo+json')[0].href)).toBe(`/ogc/collections/${c.id}/items?f=json`);
      if (spec.dateField) {
        const range = ctx.t.atlas.store.dateRange(c.id, spec.dateField)!;
        expect(c.extent.temporal.interval).toEqual([[`${range.min}T00:00:00Z`, `${range.max}T00:00:00Z`]]);
      } else {
        expect(c.extent.temporal).toBeUndefined();
      }
    }
  });

  it('describes one collection, and 404s what is not one', async () => {
    const { body } = await get('/ogc/collections/mobile_sites');
    expect(body.id).toBe('mobile_sites');
    expect(body.extent.temporal.interval[0][0]).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00Z$/);
    for (const id of ['egress', 'nope', 'grid_cells']) {
      const res = await get(`/ogc/collections/${id}`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
  });

  it('links a JSON Schema of its features built from the data contract', async () => {
    const { body } = await get('/ogc/collections/villages');
    const link = rel(body, 'describedby', 'application/schema+json')[0];
    const schema = await get(pathOf(link.href));
    expect(schema.type).toBe('application/schema+json');
    const props = schema.body.properties.properties;
    expect(props.properties.info_station.type).toBe('object');
    expect(props.properties.kind.enum).toEqual(['community', 'village']);
    expect(props.properties.owner.type).toBe('string');
    expect(props.required).toEqual(expect.arrayContaining(['code', 'name']));
    const sites = await get('/ogc/collections/mobile_sites/feature-schema');
    expect(sites.body.properties.properties.properties.in_service).toMatchObject({ type: 'string', format: 'date' });
    expect(sites.body.properties.properties.properties.radius_m.type).toBe('number');
  });
});

describe('items', () => {
  it('answers a page of GeoJSON with counts, time stamp and links (default limit 10)', async () => {
    const { status, type, body, headers } = await get('/ogc/collections/townships/items');
    expect(status).toBe(200);
    expect(type).toBe('application/geo+json');
    expect(headers.get('vary')).toBe('Accept, Authorization'); // Authorization: what a token may see is never cached for others
    expect(body.type).toBe('FeatureCollection');
    expect(body.numberMatched).toBe(124);
    expect(body.numberReturned).toBe(10);
    expect(body.features).toHaveLength(10);
    expect(Date.parse(body.timeStamp)).not.toBeNaN();
    expect(rel(body, 'self', 'application/geo+json')).toHaveLength(1);
    expect(rel(body, 'next', 'application/geo+json')).toHaveLength(1);
    expect(rel(body, 'prev')).toHaveLength(0);
    expect(rel(body, 'alternate', 'text/html')).toHaveLength(1);
    expect(body.crs).toBeUndefined();
  });

  it('paging through all townships with next links gives all 124 exactly once, and prev goes back', async () => {
    const seen: string[] = [];
    let next: string | undefined = '/ogc/collections/townships/items?limit=10';
    let pages = 0;
    let last: any;
    while (next) {
      const { body } = await get(next);
      pages++;
      seen.push(...body.features.map((f: any) => f.id));
      last = body;
      next = rel(body, 'next')[0] ? pathOf(rel(body, 'next')[0].href) : undefined;
    }
    expect(pages).toBe(13);
    expect(seen).toHaveLength(124);
    expect(new Set(seen).size).toBe(124);
    expect(last.numberReturned).toBe(4);
    const prev = await get(pathOf(rel(last, 'prev')[0].href));
    expect(prev.body.features.map((f: any) => f.id)).toEqual(seen.slice(110, 120));
  });

  it('filters by bbox, and accepts one across the antimeridian', async () => {
    const some = await get('/ogc/collections/buildings/items?bbox=118.2,32.2,118.4,32.4&limit=10000');
    expect(some.body.numberMatched).toBeGreaterThan(0);
    expect(some.body.numberMatched).toBeLessThan(5000);
    for (const f of some.body.features) {
      const [x, y] = f.geometry.coordinates;
      expect(x >= 118.2 && x <= 118.4 && y >= 32.2 && y <= 32.4).toBe(true);
    }
    const across = await get('/ogc/collections/buildings/items?bbox=170,-10,-170,10');
    expect(across.status).toBe(200);
    expect(across.body.numberMatched).toBe(0);
    expect(across.body.features).toEqual([]);
  });

  it('uses the maximum for a limit above it, as OGC API – Features asks', async () => {
    const { status, body } = await get('/ogc/collections/buildings/items?limit=20000');
    expect(status).toBe(200);
    expect(body.numberReturned).toBe(5000);
    const big = await get('/ogc/collections/fixed_service/items?limit=99999999999999999999');
    expect(big.body.numberReturned).toBe(10000);
    expect(new URL(rel(big.body, 'next')[0].href).searchParams.get('limit')).toBe('10000');
  });

  it.each([
    ['limit=-1', 'limit'],
    ['limit=0', 'limit'],
    ['limit=abc', 'limit'],
    ['offset=-5', 'offset'],
    ['bbox=1,2,3', 'bbox'],
    ['bbox=1,2,3,x', 'bbox'],
    ['bbox=0,50,1,40', 'bbox'],
    ['datetime=yesterday', 'datetime'],
    ['datetime=2015/06/01', 'datetime'],
    ['datetime=2016-01-01/2015-01-01', 'datetime'],
    ['f=xml', 'f'],
    ['z=1', 'z'], // unknown parameters are errors (/req/core/query-param-unknown)
  ])('rejects %s with a 400 in the JSON error shape', async (query, parameter) => {
    const { status, type, body } = await get(`/ogc/collections/buildings/items?${query}`);
    expect(status).toBe(400);
    expect(type).toContain('application/json');
    expect(body.error.code).toBe('bad_parameter');
    expect(body.error.details.parameter).toBe(parameter);
    expect(body.error.message.en).toContain(parameter);
    expect(body.error.message.zh).toContain(parameter);
  });

  it('404s an unknown collection before looking at parameters', async () => {
    const { status } = await get('/ogc/collections/nope/items?limit=-1');
    expect(status).toBe(404);
  });
});

describe('datetime', () => {
  const sites = () => [...ctx.t.atlas.store.features('mobile_sites')].map((f) => f.properties.in_service as string);
  const matched = async (datetime: string) => (await get(`/ogc/collections/mobile_sites/items?datetime=${encodeURIComponent(datetime)}&limit=10000`)).body;

  it('selects by day on the dated property: instants, closed and open intervals', async () => {
    const dates = sites();
    const day = dates[0]!;
    const count = (p: (d: string) => boolean) => dates.filter(p).length;
    const cases: [string, number][] = [
      [day, count((d) => d === day)],
      [`${day}T10:30:00+08:00`, count((d) => d === day)],
      ['2013-01-01/2014-12-31', count((d) => d >= '2013-01-01' && d <= '2014-12-31')],
      ['../2013-06-30', count((d) => d <= '2013-06-30')],
      ['2016-01-01/..', count((d) => d >= '2016-01-01')],
      ['../..', dates.length],
    ];
    for (const [datetime, expected] of cases) {
      expect(expected, datetime).toBeGreaterThan(0);
      const body = await matched(datetime);
      expect(body.numberMatched, datetime).toBe(expected);
    }
    const body = await matched('2013-01-01/2014-12-31');
    expect(body.features.every((f: any) => f.properties.in_service >= '2013-01-01' && f.properties.in_service <= '2014-12-31')).toBe(true);
  });

  it('keeps the datetime in next links', async () => {
    const body = (await get('/ogc/collections/mobile_sites/items?datetime=../2015-01-01&limit=5')).body;
    expect(new URL(rel(body, 'next')[0].href).searchParams.get('datetime')).toBe('../2015-01-01');
  });

  it('leaves undated collections whole', async () => {
    const { status, body } = await get('/ogc/collections/villages/items?datetime=2000-01-01');
    expect(status).toBe(200);
    expect(body.numberMatched).toBe(1267);
  });
});

describe('one feature', () => {
  it('by id on a base layer', async () => {
    const { status, type, body } = await get('/ogc/collections/districts/items/341102');
    expect(status).toBe(200);
    expect(type).toBe('application/geo+json');
    expect(body.type).toBe('Feature');
    expect(body.id).toBe('341102');
    expect(body.properties.name).toBe('琅琊区');
    expect(pathOf(rel(body, 'self')[0].href)).toBe('/ogc/collections/districts/items/341102?f=json');
    expect(pathOf(rel(body, 'collection')[0].href)).toBe('/ogc/collections/districts?f=json');
  });

  it('by owner:id on a carrier layer, the same id the items list gives it', async () => {
    const list = (await get('/ogc/collections/fixed_service/items?limit=3')).body;
    for (const f of list.features) {
      expect(f.id).toBe(`${f.properties.owner}:${f.properties.id}`);
      const one = await get(`/ogc/collections/fixed_service/items/${encodeURIComponent(f.id)}`);
      expect(one.status).toBe(200);
      expect(one.body.geometry).toEqual(f.geometry);
      expect((await get(`/ogc/collections/fixed_service/items/${f.id}`)).status).toBe(200);
    }
  });

  it.each([
    '/ogc/collections/districts/items/999999',
    '/ogc/collections/fixed_service/items/mobile-B0002-1', // a carrier layer needs owner:id
    '/ogc/collections/fixed_service/items/telecom:mobile-B0002-1', // another carrier's id
    '/ogc/collections/egress/items/mobile:mobile-2012',
  ])('404s %s', async (path) => {
    const { status, body } = await get(path);
    expect(status).toBe(404);
    expect(body.error.code).toBe('not_found');
  });
});

describe('HTML', () => {
  beforeAll(() => {
    ctx.t.atlas.store.commit({ actor: 'test', layer: 'public_places', owner: 'city', mode: 'append' }, [
      {
        layer: 'public_places',
        owner: 'city',
        id: 'P-XSS',
        geometry: { type: 'Point', coordinates: [118.3, 32.3] },
        properties: { id: 'P-XSS', name: '<script>alert("x")</script><img src=x onerror=alert(1)>', kind: 'other', main: false },
      },
    ]);
  });

  const browser = { Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

  it.each(['/ogc', '/ogc/conformance', '/ogc/collections', '/ogc/collections/townships', '/ogc/collections/townships/items', '/ogc/collections/districts/items/341102'])(
    'serves %s as a plain page to a browser, with no script allowed',
    async (path) => {
      const { status, type, text, headers } = await get(path, browser);
      expect(status).toBe(200);
      expect(type).toContain('text/html');
      expect(text).toMatch(/^<!doctype html>/);
      expect(text).not.toMatch(/<script/i);
      expect(headers.get('content-security-policy')).toMatch(/default-src 'none'/);
      expect(headers.get('content-security-policy')).not.toMatch(/script-src|unsafe-inline/);
      expect(headers.get('vary')).toBe('Accept, Authorization'); // Authorization: what a token may see is never cached for others
    },
  );

  it('escapes feature values', async () => {
    const { text } = await get('/ogc/collections/public_places/items/P-XSS?f=html');
    expect(text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(text).not.toContain('<img');
    const list = await get('/ogc/collections/public_places/items?f=html&limit=10000');
    expect(list.text).not.toMatch(/<script|<img/i);
  });

  it('pages the HTML list with links that stay HTML', async () => {
    const { text } = await get('/ogc/collections/townships/items?f=html&limit=50');
    expect(text).toContain('1–50 / 124');
    expect(text).toContain('/ogc/collections/townships/items?f=html&amp;limit=50&amp;offset=50');
  });

  it('gives JSON to clients that do not ask for HTML first', async () => {
    for (const accept of ['*/*', 'application/json', 'application/geo+json, application/json']) {
      const { type } = await get('/ogc/collections/townships/items', { Accept: accept });
      expect(type).toBe('application/geo+json');
    }
    expect((await get('/ogc/collections', { Accept: '*/*' })).type).toContain('application/json');
    expect((await get('/ogc/collections/townships/items?f=json', browser)).type).toBe('application/geo+json');
  });
});

describe('unknown paths under /ogc', () => {
  it('404 with the JSON error shape', async () => {
    const { status, body } = await get('/ogc/tiles/1/2/3');
    expect(status).toBe(404);
    expect(body.error.code).toBe('not_found');
  });
});
