/**
 * Dry run → commit → history → revert, the effect on the indicators, onError=skip, progress,
 * and the audit trail: through POST /api/uploads on a real store.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { createAuth } from '../../server/auth';
import { hashToken } from '../../server/auth/tokens';
import { openTestAtlas, type TestAtlas } from '../support/atlas';

const good = join(__dirname, '../fixtures/uploads/good');
let t: TestAtlas;
let app: ReturnType<typeof createApp>;
beforeAll(() => {
  t = openTestAtlas();
  const auth = createAuth(t.atlas, { tokens: [{ name: 'ops@telecom', role: 'carrier:telecom', sha256: hashToken('tel') }, { name: 'root', role: 'admin', sha256: hashToken('adm') }] });
  app = createApp(t.atlas, { auth });
});
afterAll(() => t?.dispose());

const post = async (path: string, body?: BodyInit, token = 'tel', extra: Record<string, string> = {}) => {
  const res = await app.request(path, { method: 'POST', ...(body === undefined ? {} : { body }), headers: { authorization: `Bearer ${token}`, ...extra } });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
};
const telecomRows = () => [...t.atlas.store.features('fixed_service', { owner: 'telecom' })].map((f) => JSON.stringify(f));
const fivePoints = () => readFileSync(join(good, 'telecom-points.geojson'));

describe('dry run', () => {
  it('reports counts (as store.diff would) and the effect on the indicators, and changes nothing', async () => {
    const version = t.atlas.store.version();
    const live = JSON.stringify(t.atlas.engine.current().engine.compliance('district', '2026-01-01'));
    const rows = telecomRows();
    // Replacing telecom's 7,389 records with five: fibre coverage must fall.
    const { status, body } = await post('/api/uploads?layer=fixed_service&mode=replace&dryRun=true', fivePoints());
    expect(status).toBe(200);
    expect(body).toMatchObject({ dryRun: true, committed: false, ok: true, batch: null });
    expect(body.counts).toEqual({ added: 5, changed: 0, unchanged: 0, removed: rows.length });
    expect(body.effect.method).toBe('incremental');
    expect(body.effect.indicators.map((i: any) => i.id)).toEqual(['fiber_transformation', 'commercial_fttb', 'commercial_100m', 'urban_20m', 'town_12m', 'rural_4m']);
    const fibre = body.effect.indicators[0];
    expect(fibre.areas.filter((a: any) => a.level === 'city')).toHaveLength(1);
    expect(fibre.areas.filter((a: any) => a.level === 'district')).toHaveLength(8);
    const city = fibre.areas.find((a: any) => a.level === 'city');
    expect(city.changed).toBe(true);
    expect(city.after.value).toBeLessThan(city.before.value);
    // Nothing changed: store, live engine.
    expect(t.atlas.store.version()).toBe(version);
    expect(telecomRows()).toEqual(rows);
    expect(JSON.stringify(t.atlas.engine.current().engine.compliance('district', '2026-01-01'))).toBe(live);
    // And the private engine is back where it was: the same dry run gives the same answer.
    const again = await post('/api/uploads?layer=fixed_service&mode=replace&dryRun=true', fivePoints());
    expect(again.body.effect.indicators).toEqual(body.effect.indicators);
  });

  it('for base data, rebuilds a throwaway engine and reports the indicators that move', async () => {
    const places = [...t.atlas.store.features('public_places')];
    const fc = { type: 'FeatureCollection', features: places.slice(0, 10).map((p) => ({ type: 'Feature', geometry: p.geometry, properties: p.properties })) };
    const { status, body } = await post('/api/uploads?layer=public_places&dryRun=1', JSON.stringify(fc), 'adm');
    expect(status).toBe(200);
    expect(body.counts.removed).toBe(places.length - 10);
    expect(body.effect.method).toBe('rebuild');
    expect(body.effect.indicators.map((i: any) => i.id)).toContain('wifi_public_places');
  });
});

describe('commit, history, revert', () => {
  it('commits one versioned batch, audited with the file hash, and reverts it as a new version', async () => {
    const before = telecomRows();
    const v0 = t.atlas.store.version();
    const c = await post('/api/uploads?layer=fixed_service&mode=append', fivePoints());
    expect(c.status).toBe(201);
    expect(c.headers.get('location')).toBe(`/api/uploads/${v0 + 1}`);
    expect(c.body.batch).toMatchObject({ version: v0 + 1, actor: 'ops@telecom', owner: 'telecom', mode: 'append', added: 5 });
    expect(c.body.batch.fileHash).toBe(c.body.file.sha256);
    const audit = t.atlas.store.audit({ actor: 'ops@telecom' }).find((a) => a.version === v0 + 1)!;
    expect(audit).toMatchObject({ action: 'commit', detail: { layer: 'fixed_service', owner: 'telecom', fileHash: c.body.file.sha256, added: 5 } });

    // The same file again: all unchanged.
    const same = await post('/api/uploads?layer=fixed_service&mode=append&dryRun=1&effect=0', fivePoints());
    expect(same.body.counts).toEqual({ added: 0, changed: 0, unchanged: 5, removed: 0 });
    // Faster offers on the same records: "changed".
    const faster = JSON.parse(fivePoints().toString('utf8'));
    for (const f of faster.features) f.properties.down_mbps = 300;
    const again = await post('/api/uploads?layer=fixed_service&mode=append', JSON.stringify(faster));
    expect(again.body.counts).toEqual({ added: 0, changed: 5, unchanged: 0, removed: 0 });

    // Reverting the first while the second is on top of it: refused, naming it.
    const conflict = await post(`/api/uploads/${v0 + 1}/revert`);
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.details.later).toEqual([v0 + 2]);
    const r2 = await post(`/api/uploads/${v0 + 2}/revert`);
    expect(r2.status).toBe(201);
    const r1 = await post(`/api/uploads/${v0 + 1}/revert`);
    expect(r1.status).toBe(201);
    expect(r1.body.batch).toMatchObject({ mode: 'revert', revertOf: v0 + 1, removed: 5, actor: 'ops@telecom' });
    expect(telecomRows()).toEqual(before);
    const detail = await app.request(`/api/uploads/${v0 + 1}`, { headers: { authorization: 'Bearer tel' } });
    expect(((await detail.json()) as any).revertedBy).toEqual([r1.body.batch.version]);
    expect(t.atlas.store.audit({ actor: 'ops@telecom' }).filter((a) => a.action === 'revert')).toHaveLength(2);
  });

  it('onError=skip commits the valid features, returns the rest, and keeps stored versions of the rejected', async () => {
    const rows = [...t.atlas.store.features('fixed_service', { owner: 'telecom' })];
    const fc = JSON.parse(readFileSync(join(good, 'telecom-points.geojson'), 'utf8'));
    // Two bad records: one new, one that already exists in the store (it must survive a replace).
    fc.features[1].properties.down_mbps = '100M';
    fc.features.push({ ...fc.features[0], properties: { ...rows[0]!.properties, technology: 'fiber' } });
    const strict = await post('/api/uploads?layer=fixed_service&mode=replace', JSON.stringify(fc));
    expect(strict.status).toBe(422);
    const { status, body } = await post('/api/uploads?layer=fixed_service&mode=replace&onError=skip', JSON.stringify(fc));
    expect(status).toBe(201);
    expect(body.features).toEqual({ read: 6, valid: 4, rejected: 2, kept: 1 });
    expect(body.problems.filter((p: any) => p.severity === 'error').map((p: any) => [p.index, p.code]), JSON.stringify(body.problems)).toEqual([[1, 'type'], [5, 'enum']]);
    const ids = new Set([...t.atlas.store.features('fixed_service', { owner: 'telecom' })].map((f) => f.id));
    expect(ids.has(rows[0]!.id)).toBe(true);
    expect(ids.has('T-2')).toBe(false);
    expect(ids.size).toBe(5);
    // Put telecom back.
    const undo = await post(`/api/uploads/${body.batch.version}/revert`);
    expect(undo.status).toBe(201);
    expect(t.atlas.store.count('fixed_service', { owner: 'telecom' })).toBe(rows.length);
  });
});

describe('progress', () => {
  it('can be polled while a slow upload is still arriving, and says done with the version', async () => {
    const bytes = new Uint8Array(fivePoints());
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(bytes.subarray(0, 100));
        await gate;
        controller.enqueue(bytes.subarray(100));
        controller.close();
      },
    });
    const id = 'progress-test-1';
    const pending = app.request('/api/uploads?layer=fixed_service&mode=append', { method: 'POST', body, headers: { authorization: 'Bearer tel', 'x-upload-id': id }, duplex: 'half' } as RequestInit);
    let seen: any = null;
    for (let i = 0; i < 50 && !seen?.bytes; i++) {
      await new Promise((r) => setTimeout(r, 10));
      const res = await app.request(`/api/uploads/progress/${id}`, { headers: { authorization: 'Bearer tel' } });
      if (res.status === 200) seen = await res.json();
    }
    expect(seen).toMatchObject({ id, phase: 'receiving', bytes: 100, actor: 'ops@telecom' });
    // Bound to its token: any other token — even the admin's — is told it does not exist.
    expect((await app.request(`/api/uploads/progress/${id}`, { headers: { authorization: 'Bearer adm' } })).status).toBe(404);
    // The same token cannot reuse the id while it runs.
    const again = await app.request('/api/uploads?layer=fixed_service&mode=append', { method: 'POST', body: '{}', headers: { authorization: 'Bearer tel', 'x-upload-id': id } });
    expect(again.status).toBe(409);
    release();
    const res = await pending;
    expect(res.status).toBe(201);
    const done = (await (await app.request(`/api/uploads/progress/${id}`, { headers: { authorization: 'Bearer tel' } })).json()) as any;
    expect(done).toMatchObject({ phase: 'done', features: 5, version: t.atlas.store.version() });
  });
});
