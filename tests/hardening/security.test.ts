/**
 * The security review (docs/SECURITY.md), enforced: every role against every read and write
 * route, duct routes for signed-in callers only, headers, CORS closed for writes, rate limits,
 * path traversal, deep JSON, and error bodies that say nothing about the server's insides.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { createAuth } from '../../server/auth';
import { hashToken } from '../../server/auth/tokens';
import { readSecurityConfig, type SecurityConfig } from '../../server/security/config';
import { ensureWebBuilt, WEB_DIR } from '../browser/harness';
import { openTestAtlas, type TestAtlas } from '../support/atlas';

const ROLES = { planner: 'planner', official: 'official', telecom: 'carrier:telecom', admin: 'admin' } as const;
type Who = keyof typeof ROLES | 'anonymous' | 'bad-token';
const tokens = Object.entries(ROLES).map(([who, role]) => ({ name: `${who}@test`, role, sha256: hashToken(`${who}-token`) }));
const open: SecurityConfig = { ...readSecurityConfig({}), corsOrigins: ['https://gis.chuzhou.example'], writesPerMinute: 1000, authFailuresPerMinute: 1000 };

let t: TestAtlas;
let app: ReturnType<typeof createApp>;
let closed: ReturnType<typeof createApp>;
let telecomBatch: number;
beforeAll(() => {
  ensureWebBuilt();
  t = openTestAtlas();
  app = createApp(t.atlas, { webDir: WEB_DIR, auth: createAuth(t.atlas, { tokens: tokens as never }), security: open });
  closed = createApp(t.atlas, { auth: createAuth(t.atlas, { tokens: tokens as never, publicRead: false }), security: open });
  telecomBatch = t.atlas.store.batches({ owner: 'telecom' }).at(-1)!.version;
});
afterAll(() => t?.dispose());

const auth = (who: Who): Record<string, string> => (who === 'anonymous' ? {} : { authorization: `Bearer ${who === 'bad-token' ? 'not-a-token' : `${who}-token`}` });
const square = { type: 'Polygon', coordinates: [[[118.3, 32.3], [118.32, 32.3], [118.32, 32.32], [118.3, 32.32], [118.3, 32.3]]] };

/** Every route, read and write, with what each caller gets. */
const ROUTES: { name: string; call: (a: typeof app, who: Who) => Response | Promise<Response>; expect: Record<Who, number> }[] = [];
const reads = (path: string, sensitive = false) =>
  ROUTES.push({
    name: `GET ${path}`,
    call: (a, who) => a.request(path, { headers: auth(who) }),
    expect: { anonymous: sensitive ? 401 : 200, 'bad-token': 401, planner: 200, official: 200, telecom: 200, admin: 200 },
  });
ROUTES.push({
  name: 'GET /api/health (for load balancers: answers whatever the token)',
  call: (a, who) => a.request('/api/health', { headers: auth(who) }),
  expect: { anonymous: 200, 'bad-token': 200, planner: 200, official: 200, telecom: 200, admin: 200 },
});
reads('/api/layers');
reads('/api/layers/buildings/features?limit=5');
reads('/api/layers/ducts/features?limit=5', true);
reads('/api/compliance?level=district&asOf=2015-12-31');
reads('/api/areas/341102?asOf=2015-12-31');
reads('/api/gaps?indicator=urban_20m&asOf=2015-12-31&limit=5');
reads('/api/buildings/B0001?asOf=2015-12-31');
reads('/tiles/districts.json');
reads('/tiles/ducts.json', true);
reads('/ogc');
reads('/ogc/collections/townships/items?limit=5');
reads('/ogc/collections/ducts/items?limit=5', true);
ROUTES.push({
  name: 'POST /api/whatif (a computation, writes nothing: a read)',
  call: (a, who) => a.request('/api/whatif?asOf=2015-12-31', { method: 'POST', body: JSON.stringify({ geometry: square, technology: 'ftth', down_mbps: 100 }), headers: { ...auth(who), 'content-type': 'application/json' } }),
  expect: { anonymous: 200, 'bad-token': 401, planner: 200, official: 200, telecom: 200, admin: 200 },
});
ROUTES.push({
  name: 'GET /api/me',
  call: (a, who) => a.request('/api/me', { headers: auth(who) }),
  expect: { anonymous: 200, 'bad-token': 401, planner: 200, official: 200, telecom: 200, admin: 200 },
});
ROUTES.push({
  name: 'GET /api/uploads (history names people)',
  call: (a, who) => a.request('/api/uploads', { headers: auth(who) }),
  expect: { anonymous: 401, 'bad-token': 401, planner: 200, official: 200, telecom: 200, admin: 200 },
});
ROUTES.push({
  name: 'POST /api/uploads fixed_service (dry run)',
  call: (a, who) =>
    a.request('/api/uploads?layer=fixed_service&dryRun=1&effect=0&mode=append', {
      method: 'POST',
      body: JSON.stringify({ type: 'FeatureCollection', features: [] }),
      headers: auth(who),
    }),
  expect: { anonymous: 401, 'bad-token': 401, planner: 403, official: 403, telecom: 200, admin: 403 },
});
ROUTES.push({
  name: "POST /api/uploads/{telecom's batch}/revert (dry run)",
  call: (a, who) => a.request(`/api/uploads/${telecomBatch}/revert?dryRun=1`, { method: 'POST', headers: auth(who) }),
  expect: { anonymous: 401, 'bad-token': 401, planner: 403, official: 403, telecom: 200, admin: 200 },
});

describe('roles × endpoints (public reads on)', () => {
  for (const who of ['anonymous', 'bad-token', 'planner', 'official', 'telecom', 'admin'] as Who[]) {
    it(`${who}`, async () => {
      const before = t.atlas.store.version();
      const got: Record<string, number> = {};
      const want: Record<string, number> = {};
      for (const r of ROUTES) {
        const res = await r.call(app, who);
        await res.arrayBuffer(); // read whole, as a client does: a streamed page holds its place until then
        got[r.name] = res.status;
        want[r.name] = r.expect[who];
      }
      expect(got).toEqual(want);
      expect(t.atlas.store.version()).toBe(before);
    });
  }
});

describe('with public reads off (ATLAS_PUBLIC_READ=0)', () => {
  it('every read needs a token; health still answers for the load balancer', async () => {
    for (const r of ROUTES.filter((x) => x.name.startsWith('GET') && !x.name.includes('/api/health') && !x.name.includes('/api/me'))) {
      expect((await r.call(closed, 'anonymous')).status, r.name).toBe(401);
      expect((await r.call(closed, 'planner')).status, r.name).toBe(200);
    }
  });
});

describe('tokens', () => {
  it('are stored hashed: the demo token file keeps sha256 only, never a token', () => {
    const file = join(t.dir, 'tokens.json');
    const text = (() => {
      try {
        return readFileSync(file, 'utf8');
      } catch {
        return null;
      }
    })();
    if (text === null) return; // tests configure tokens in memory; nothing written
    for (const entry of JSON.parse(text).tokens) {
      expect(Object.keys(entry).sort()).toEqual(['name', 'role', 'sha256']);
      expect(entry.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });
});

describe('headers', () => {
  it('sets nosniff, no framing, a request id, and a strict CSP on the pages', async () => {
    const res = await app.request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const api = await app.request('/api/health', { headers: { 'X-Request-Id': 'trace-12345678' } });
    expect(api.headers.get('x-request-id')).toBe('trace-12345678');
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('CORS', () => {
  it('lets listed origins read, and never write', async () => {
    const origin = 'https://gis.chuzhou.example';
    const read = await app.request('/api/health', { headers: { Origin: origin } });
    expect(read.headers.get('access-control-allow-origin')).toBe(origin);
    const other = await app.request('/api/health', { headers: { Origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await app.request('/api/uploads', { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' } });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const readPreflight = await app.request('/api/compliance', { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'GET' } });
    expect(readPreflight.status).toBe(204);
  });

  it('is closed by default', async () => {
    const dflt = createApp(t.atlas, { auth: createAuth(t.atlas, { tokens: tokens as never }) });
    const res = await dflt.request('/api/health', { headers: { Origin: 'https://gis.chuzhou.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('rate limits', () => {
  it('limits writes per client with 429 and Retry-After', async () => {
    const limited = createApp(t.atlas, { auth: createAuth(t.atlas, { tokens: tokens as never }), security: { ...open, writesPerMinute: 3 } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await limited.request('/api/whatif?asOf=2015-12-31', { method: 'POST', body: JSON.stringify({ geometry: square, technology: 'ftth', down_mbps: 100 }) });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        expect((await res.json()).error.code).toBe('rate_limited');
      }
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });

  it('limits failed sign-ins, so tokens cannot be guessed', async () => {
    const limited = createApp(t.atlas, { auth: createAuth(t.atlas, { tokens: tokens as never }), security: { ...open, authFailuresPerMinute: 5 } });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await limited.request('/api/me', { headers: { authorization: `Bearer guess-${i}` } })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    // The right token is never refused for other requests' failures from the same address
    // (a neighbour behind the same NAT must not be able to lock a user out).
    expect((await limited.request('/api/me', { headers: auth('planner') })).status).toBe(200);
  });
});

describe('hostile input', () => {
  it.each([
    '/assets/../../package.json',
    '/assets/..%2f..%2fpackage.json',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/..%2f..%2fserver%2fapp.ts',
    '/tiles/..%2f..%2fpackage.json/1/0/0.mvt',
    '/tiles/districts/1/0/..%2f..%2fpackage.json',
    '/ogc/collections/..%2f..%2fpackage.json/items',
  ])('path traversal %s serves no file from outside the web app', async (path) => {
    const res = await app.request(path);
    const text = await res.text();
    expect(text).not.toContain('"name": "broadband-atlas"');
    expect(text).not.toContain('root:x:0:0');
    expect(text).not.toContain('createApp');
  });

  it('answers JSON nested 100,000 deep with a 400, and keeps serving', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const res = await app.request('/api/whatif', { method: 'POST', body: deep, headers: { 'content-type': 'application/json' } });
    expect([400, 422]).toContain(res.status);
    expect((await app.request('/api/health')).status).toBe(200);
  });

  it('never shows a stack trace or a server path in an error', async () => {
    const bodies = await Promise.all(
      ['/api/compliance?level=%00', '/api/areas/%E0%A4%A', '/api/gaps?indicator=urban_20m&area=../../etc', '/tiles/districts/1/0/0.mvt?asOf=9999-99-99', '/ogc/collections/x/items/y'].map(async (p) => (await app.request(p)).text()),
    );
    for (const b of bodies) {
      expect(b).not.toMatch(/\bat .+\(.+:\d+:\d+\)/);
      expect(b).not.toContain('/work/');
      expect(b).not.toContain('node_modules');
    }
  });
});
