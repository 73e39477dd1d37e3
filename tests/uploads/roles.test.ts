/**
 * Roles against every write endpoint, and who sees which history. Uploads are dry runs and
 * reverts too, so every cell of the matrix starts from the same store.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { createAuth } from '../../server/auth';
import { hashToken } from '../../server/auth/tokens';
import { openTestAtlas, type TestAtlas } from '../support/atlas';

const good = join(__dirname, '../fixtures/uploads/good');
const ROLES = { planner: 'planner', official: 'official', telecom: 'carrier:telecom', unicom: 'carrier:unicom', admin: 'admin' } as const;
type Who = keyof typeof ROLES | 'anonymous' | 'bad-token';

let t: TestAtlas;
let app: ReturnType<typeof createApp>;
let telecomBatch: number;
let cityBatch: number;
beforeAll(() => {
  t = openTestAtlas();
  const tokens = Object.entries(ROLES).map(([who, role]) => ({ name: `${who}@test`, role, sha256: hashToken(`${who}-token`) }));
  app = createApp(t.atlas, { auth: createAuth(t.atlas, { tokens: tokens as never }) });
  const batches = t.atlas.store.batches();
  telecomBatch = batches.filter((b) => b.owner === 'telecom').at(-1)!.version;
  cityBatch = batches.filter((b) => b.layer === 'public_places').at(-1)!.version;
});
afterAll(() => t?.dispose());

const headers = (who: Who): Record<string, string> => (who === 'anonymous' ? {} : { authorization: `Bearer ${who === 'bad-token' ? 'not-a-token' : `${who}-token`}` });

const place = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [118.3, 32.3] }, properties: { id: 'P-NEW', name: '新广场', kind: 'square', main: true } }] });

const endpoints: Record<string, (who: Who) => Promise<Response>> = {
  'upload fixed_service': async (who) => app.request('/api/uploads?layer=fixed_service&dryRun=1&effect=0&filename=a.geojson', { method: 'POST', body: readFileSync(join(good, 'telecom-points.geojson')), headers: headers(who) }),
  'upload public_places': async (who) => app.request('/api/uploads?layer=public_places&dryRun=1&effect=0', { method: 'POST', body: place, headers: headers(who) }),
  "revert telecom's batch": async (who) => app.request(`/api/uploads/${telecomBatch}/revert?dryRun=1`, { method: 'POST', headers: headers(who) }),
  "revert the city's batch": async (who) => app.request(`/api/uploads/${cityBatch}/revert?dryRun=1`, { method: 'POST', headers: headers(who) }),
};

// 401 no or bad token; 403 not this role; 404 another owner's batch (its existence is not told).
const MATRIX: Record<Who, number[]> = {
  anonymous: [401, 401, 401, 401],
  'bad-token': [401, 401, 401, 401],
  planner: [403, 403, 403, 403],
  official: [403, 403, 403, 403],
  telecom: [200, 403, 200, 404],
  unicom: [200, 403, 404, 404],
  admin: [403, 200, 200, 200],
};

describe('roles × write endpoints', () => {
  for (const [who, statuses] of Object.entries(MATRIX) as [Who, number[]][]) {
    it(`${who}: ${Object.keys(endpoints).map((e, i) => `${e} ${statuses[i]}`).join(', ')}`, async () => {
      const before = t.atlas.store.version();
      const got: number[] = [];
      for (const call of Object.values(endpoints)) {
        const res = await call(who);
        got.push(res.status);
        if (res.status >= 400) {
          const body = (await res.json()) as any;
          expect(body.error.message.zh.length).toBeGreaterThan(2);
          expect(body.error.message.en.length).toBeGreaterThan(2);
        }
      }
      expect(got).toEqual(statuses);
      expect(t.atlas.store.version()).toBe(before);
    });
  }

  it('a carrier uploading another carrier’s records gets them refused by name', async () => {
    const res = await endpoints['upload fixed_service']!('unicom');
    const body = (await res.json()) as any;
    expect(body.ok).toBe(false);
    expect(body.owner).toBe('unicom');
    expect(body.problems[0]).toMatchObject({ code: 'carrier', path: 'features[0].properties.carrier' });
  });
});

describe('reads and history', () => {
  it('GET /api/me says who the caller is and what they may write', async () => {
    const me = async (who: Who) => (await (await app.request('/api/me', { headers: headers(who) })).json()) as any;
    expect(await me('anonymous')).toMatchObject({ authenticated: false, writes: [], revert: 'none' });
    const telecom = await me('telecom');
    expect(telecom).toMatchObject({ authenticated: true, name: 'telecom@test', role: 'carrier:telecom', carrier: 'telecom', revert: 'own', history: 'own' });
    expect(telecom.writes.map((w: any) => w.layer)).toEqual(['fixed_service', 'wifi_hotspots', 'mobile_sites', 'ducts', 'egress']);
    expect(telecom.writes.every((w: any) => w.owner === 'telecom')).toBe(true);
    const admin = await me('admin');
    expect(admin.writes.map((w: any) => w.layer)).toEqual(['districts', 'townships', 'villages', 'buildings', 'public_places', 'ducts']);
    expect(admin.revert).toBe('any');
    expect((await me('planner')).writes).toEqual([]);
  });

  it('history needs a token; a carrier sees its own batches only', async () => {
    expect((await app.request('/api/uploads')).status).toBe(401);
    const list = async (who: Who) => (await (await app.request('/api/uploads?limit=1000', { headers: headers(who) })).json()) as any;
    const telecom = await list('telecom');
    expect(telecom.batches.length).toBeGreaterThan(0);
    expect(telecom.batches.every((b: any) => b.owner === 'telecom')).toBe(true);
    const official = await list('official');
    expect(new Set(official.batches.map((b: any) => b.owner))).toEqual(new Set(['city', 'telecom', 'mobile', 'unicom']));
    expect(official.batches[0].version).toBeGreaterThan(official.batches.at(-1).version); // newest first
    expect((await app.request(`/api/uploads/${cityBatch}`, { headers: headers('telecom') })).status).toBe(404);
    expect((await app.request(`/api/uploads/${telecomBatch}`, { headers: headers('telecom') })).status).toBe(200);
  });

  it('with ATLAS_PUBLIC_READ=0 every read needs a token, except the health check', async () => {
    const priv = createApp(t.atlas, { auth: createAuth(t.atlas, { env: { ATLAS_PUBLIC_READ: '0' }, tokens: [{ name: 'p', role: 'planner', sha256: hashToken('planner-token') }] }) });
    expect((await priv.request('/api/layers')).status).toBe(401);
    expect((await priv.request('/api/layers', { headers: headers('planner') })).status).toBe(200);
    expect((await priv.request('/api/health')).status).toBe(200);
    // Public by default.
    expect((await app.request('/api/layers')).status).toBe(200);
  });
});
