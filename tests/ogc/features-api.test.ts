/**
 * GET /api/layers/{layer}/features: RFC 7946 output, links, asOf and carrier filters, and a
 * streamed body that reads one data version from its first byte to its last.
 */
import type { Position } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { createAuth } from '../../server/auth';
import { hashToken } from '../../server/auth/tokens';
import { booleanClockwise } from '@turf/turf';
import { seededApp } from '../support/atlas';

const ctx = seededApp();

const json = async (path: string) => {
  const res = await ctx.app.request(path);
  return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as any };
};

/** Every coordinate of a GeoJSON geometry, flattened to numbers. */
const numbers = (coordinates: unknown): number[] => (Array.isArray(coordinates) ? coordinates.flatMap(numbers) : [coordinates as number]);
const decimals = (n: number) => (String(n).split('.')[1] ?? '').length;

describe('links', () => {
  it('gives self, next and prev, keeping the other parameters', async () => {
    const first = await json('/api/layers/townships/features?limit=50&bbox=117,31,120,34');
    const rels = (b: any) => Object.fromEntries(b.links.map((l: any) => [l.rel, new URL(l.href)]));
    let links = rels(first.body);
    expect(Object.keys(links).sort()).toEqual(['next', 'self']);
    expect(links.next.searchParams.get('offset')).toBe('50');
    expect(links.next.searchParams.get('bbox')).toBe('117,31,120,34');
    const last = await json(`${links.next.pathname}${links.next.search.replace('offset=50', 'offset=100')}`);
    links = rels(last.body);
    expect(Object.keys(links).sort()).toEqual(['prev', 'self']);
    expect(links.prev.searchParams.get('offset')).toBe('50');
    expect(last.body.numberReturned).toBe(24);
  });

  it('following next reads every township exactly once', async () => {
    const seen: string[] = [];
    let next: string | undefined = '/api/layers/townships/features?limit=17';
    while (next) {
      const { body } = await json(next);
      seen.push(...body.features.map((f: any) => f.id));
      const href = body.links.find((l: any) => l.rel === 'next')?.href;
      next = href ? new URL(href).pathname + new URL(href).search : undefined;
    }
    expect(seen).toHaveLength(124);
    expect(new Set(seen).size).toBe(124);
  });
});

describe('asOf', () => {
  it('keeps the features of a dated layer whose date is on or before it', async () => {
    const asOf = '2014-06-30';
    const expected = [...ctx.t.atlas.store.features('mobile_sites')].filter((f) => (f.properties.in_service as string) <= asOf).length;
    expect(expected).toBeGreaterThan(0);
    const { status, body } = await json(`/api/layers/mobile_sites/features?asOf=${asOf}&limit=10000`);
    expect(status).toBe(200);
    expect(body.numberMatched).toBe(expected);
    expect(body.features.every((f: any) => f.properties.in_service <= asOf)).toBe(true);
    const all = await json('/api/layers/mobile_sites/features?limit=1');
    expect(body.numberMatched).toBeLessThan(all.body.numberMatched);
  });

  it('leaves an undated layer whole: base geography holds at every date', async () => {
    const { body } = await json('/api/layers/districts/features?asOf=2000-01-01');
    expect(body.numberMatched).toBe(8);
  });

  it.each(['2015-13-01', '20150101', 'now'])('rejects asOf=%s', async (asOf) => {
    const { status, body } = await json(`/api/layers/mobile_sites/features?asOf=${asOf}`);
    expect(status).toBe(400);
    expect(body.error.details.parameter).toBe('asOf');
  });
});

describe('carrier', () => {
  it("keeps one carrier's features on a carrier layer", async () => {
    const expected = ctx.t.atlas.store.count('fixed_service', { owner: 'telecom' });
    const { body } = await json('/api/layers/fixed_service/features?carrier=telecom&limit=10000');
    expect(body.numberMatched).toBe(expected);
    expect(body.features.every((f: any) => f.properties.owner === 'telecom')).toBe(true);
  });

  it('combines with asOf and bbox', async () => {
    const { body } = await json('/api/layers/mobile_sites/features?carrier=unicom&asOf=2015-01-01&bbox=117,31,120,34&limit=10000');
    const expected = [...ctx.t.atlas.store.features('mobile_sites', { owner: 'unicom' })].filter((f) => (f.properties.in_service as string) <= '2015-01-01').length;
    expect(body.numberMatched).toBe(expected);
  });

  it.each([
    ['districts', 'telecom'], // a base layer has no carriers
    ['fixed_service', 'Telecom'],
    ['fixed_service', 'x'],
    ['fixed_service', 'tele com'],
  ])('rejects carrier on %s: %s', async (layer, carrier) => {
    const { status, body } = await json(`/api/layers/${layer}/features?carrier=${encodeURIComponent(carrier)}`);
    expect(status).toBe(400);
    expect(body.error.details.parameter).toBe('carrier');
  });
});

describe('RFC 7946 output', () => {
  beforeAll(() => {
    // A polygon stored the wrong way round, with more precision than the API sends, and a duct
    // whose own `owner` property (the owning unit) differs from the carrier that filed it.
    const outer: Position[] = [
      [118.3000001234, 32.3000004999],
      [118.3000001234, 32.3100004999],
      [118.3100001234, 32.3100004999],
      [118.3100001234, 32.3000004999],
      [118.3000001234, 32.3000004999],
    ];
    const inner: Position[] = [
      [118.302, 32.302],
      [118.308, 32.302],
      [118.308, 32.308],
      [118.302, 32.308],
      [118.302, 32.302],
    ];
    ctx.t.atlas.store.commit({ actor: 'test', layer: 'public_places', owner: 'city', mode: 'append' }, [
      { layer: 'public_places', owner: 'city', id: 'P-CW', geometry: { type: 'Polygon', coordinates: [outer, inner] }, properties: { id: 'P-CW', name: '顺时针广场', kind: 'square', main: true } },
    ]);
    ctx.t.atlas.store.commit({ actor: 'test', layer: 'ducts', owner: 'telecom', mode: 'append' }, [
      {
        layer: 'ducts',
        owner: 'telecom',
        id: 'D-OWNED',
        geometry: { type: 'LineString', coordinates: [[118.3, 32.3], [118.31, 32.31]] },
        properties: { id: 'D-OWNED', owner: '滁州市城投', ducts: 4, spare_ducts: 1, in_service: '2014-05-01' },
      },
    ]);
  });

  it('rounds to 6 decimals and winds exterior rings counter-clockwise, holes clockwise', async () => {
    const { body } = await json('/api/layers/public_places/features?limit=10000');
    const f = body.features.find((x: any) => x.id === 'P-CW');
    const [outer, inner] = f.geometry.coordinates;
    expect(outer[0]).toEqual([118.3, 32.3]);
    // Winding by Turf, independent of the rewinding under test.
    expect(booleanClockwise(outer)).toBe(false);
    expect(booleanClockwise(inner)).toBe(true);
    expect(body.crs).toBeUndefined();
  });

  it("does not overwrite a layer's own owner property with the store's owner", async () => {
    // Duct routes need a signed-in caller.
    const signedIn = createApp(ctx.t.atlas, { auth: createAuth(ctx.t.atlas, { tokens: [{ name: 'p', role: 'planner', sha256: hashToken('planner-token') }] }) });
    expect((await ctx.app.request('/api/layers/ducts/features')).status).toBe(401);
    const res = await signedIn.request('/api/layers/ducts/features?carrier=telecom&limit=10000', { headers: { authorization: 'Bearer planner-token' } });
    const body = (await res.json()) as any;
    expect(body.features.find((f: any) => f.id === 'D-OWNED').properties.owner).toBe('滁州市城投');
  });
});

describe('streaming', () => {
  it('sends a large page in many chunks that parse as one valid FeatureCollection', async () => {
    const res = await ctx.app.request('/api/layers/buildings/features?limit=10000');
    expect(res.headers.get('content-type')).toContain('application/geo+json');
    const reader = res.body!.getReader();
    const parts: Uint8Array[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
    }
    expect(parts.length).toBeGreaterThan(5);
    const body = JSON.parse(Buffer.concat(parts).toString('utf8'));
    expect(body.type).toBe('FeatureCollection');
    expect(body.numberMatched).toBe(5000);
    expect(body.numberReturned).toBe(5000);
    expect(body.features).toHaveLength(5000);
    expect(new Set(body.features.map((f: any) => f.id)).size).toBe(5000);
    for (const f of body.features) {
      expect(f.type).toBe('Feature');
      for (const n of numbers(f.geometry.coordinates)) expect(decimals(n)).toBeLessThanOrEqual(6);
      if (f.geometry.type === 'Polygon') expect(booleanClockwise(f.geometry.coordinates[0])).toBe(false);
    }
  });

  it('reads one data version from first chunk to last, and keeps the store free for other requests meanwhile', async () => {
    const before = new Set([...ctx.t.atlas.store.features('buildings')].map((f) => f.id));
    const res = await ctx.app.request('/api/layers/buildings/features?limit=10000');
    const reader = res.body!.getReader();
    const parts: Uint8Array[] = [];
    for (let i = 0; i < 3; i++) parts.push((await reader.read()).value!);

    // Mid-stream: other requests still get the store, and a batch replaces the whole layer.
    expect((await ctx.app.request('/api/layers')).status).toBe(200);
    const replacement = [...ctx.t.atlas.store.features('buildings', { limit: 10 })].map((f) => ({ ...f, id: `NEW-${f.id}`, properties: { ...f.properties, id: `NEW-${f.id}` } }));
    ctx.t.atlas.store.commit({ actor: 'test', layer: 'buildings', owner: 'city', mode: 'replace' }, replacement);

    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
    }
    const body = JSON.parse(Buffer.concat(parts).toString('utf8'));
    expect(body.features).toHaveLength(5000);
    expect(new Set(body.features.map((f: any) => f.id))).toEqual(before);
    // The next request sees the new version.
    expect((await json('/api/layers/buildings/features')).body.numberMatched).toBe(10);
  });

  it("counts a box again when its layer gets a batch, not when another layer does", async () => {
    const [w, s, e, n] = [117, 31, 120, 34];
    const count = async () => (await json(`/api/layers/mobile_sites/features?bbox=${w},${s},${e},${n}&limit=1`)).body.numberMatched as number;
    const before = await count();
    // Count the store's counts (the real store, only watched).
    const store = ctx.t.atlas.store;
    const realCount = store.count.bind(store);
    let counted = 0;
    store.count = (...args: Parameters<typeof store.count>) => (counted++, realCount(...args));
    const site = (id: string) => ({
      layer: 'mobile_sites' as const,
      owner: 'telecom',
      id,
      geometry: { type: 'Point' as const, coordinates: [118.3, 32.3] },
      properties: { id, carrier: 'telecom', generation: '4g', radius_m: 1000, in_service: '2014-01-01' },
    });
    // A batch of another layer: the same count (served from the cache keyed by the layer's version).
    ctx.t.atlas.store.commit({ actor: 'test', layer: 'egress', owner: 'telecom', mode: 'append' }, [{ layer: 'egress', owner: 'telecom', id: 'count-e', geometry: null, properties: { id: 'count-e', carrier: 'telecom', gbps: 10, as_of: '2016-01-01' } }]);
    expect(await count()).toBe(before);
    expect(counted).toBe(0);
    // A batch of this layer inside the box: counted at once.
    ctx.t.atlas.store.commit({ actor: 'test', layer: 'mobile_sites', owner: 'telecom', mode: 'append' }, [site('count-1'), site('count-2')]);
    expect(await count()).toBe(before + 2);
    expect(counted).toBe(1);
    ctx.t.atlas.store.commit({ actor: 'test', layer: 'mobile_sites', owner: 'telecom', mode: 'append' }, [site('count-3')]);
    expect(await count()).toBe(before + 3);
    expect(counted).toBe(2);
    store.count = realCount;
  });
});
