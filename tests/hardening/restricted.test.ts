/**
 * Restricted stays restricted, limits hold behind a proxy, and every refusal leaves its trace:
 * proxy-aware client addresses (and the header games that used to beat them), lockouts that
 * cannot be inflicted on someone else, writes and work counted per caller, token responses
 * never publicly cacheable, closed reads closing every method, nearest-duct bands computed
 * from public data only, owners and id prefixes checked, CSV cells neutralised, refusals
 * audited (a 500 while committing included), private files, and the spool sweep.
 */
import { distanceM } from '../../geodata/geometry/distance';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuctBands } from '../../geodata/duct-band';
import { csvField } from '../../geodata/formats/csv';
import { createApp } from '../../server/app';
import { createAuth } from '../../server/auth';
import { hashToken } from '../../server/auth/tokens';
import { backupTo } from '../../server/backup';
import { sweepSpools } from '../../server/ingest/spool';
import { Gate } from '../../server/security/admission';
import { addressKey, clientAddress, parseTrustProxy } from '../../server/security/client';
import { readSecurityConfig, type SecurityConfig } from '../../server/security/config';
import { openTestAtlas, type TestAtlas } from '../support/atlas';

const TOKENS = { telecom: 'carrier:telecom', mobile: 'carrier:mobile', planner: 'planner', admin: 'admin' } as const;
const tokens = Object.entries(TOKENS).map(([who, role]) => ({ name: `${who}@restricted`, role, sha256: hashToken(`${who}-secret`) }));
const bearer = (who: keyof typeof TOKENS) => ({ authorization: `Bearer ${who}-secret` });
/** As behind one nginx: the client is the address the proxy appended, the last X-Forwarded-For entry. */
const behindProxy = (overrides: Partial<SecurityConfig> = {}): SecurityConfig => ({ ...readSecurityConfig({}), trustProxy: parseTrustProxy('1'), writesPerMinute: 1000, authFailuresPerMinute: 1000, ...overrides });

let t: TestAtlas;
let app: ReturnType<typeof createApp>;
beforeAll(() => {
  t = openTestAtlas();
  app = createApp(t.atlas, { auth: createAuth(t.atlas, { tokens: tokens as never }), security: behindProxy() });
});
afterAll(() => t?.dispose());

const body = async (res: Response) => ({ status: res.status, json: (await res.json()) as any, headers: res.headers });

describe('who the client is behind proxies', () => {
  it('one proxy: the entry it appended, whatever the client wrote to the left', () => {
    const one = parseTrustProxy('1');
    expect(clientAddress(one, '127.0.0.1', '203.0.113.5')).toBe('203.0.113.5');
    expect(clientAddress(one, '127.0.0.1', '1.2.3.4, 198.51.100.7, 203.0.113.5')).toBe('203.0.113.5');
    expect(clientAddress(one, '::ffff:127.0.0.1', undefined)).toBe('127.0.0.1');
    expect(clientAddress(parseTrustProxy('0'), '127.0.0.1', '203.0.113.5')).toBe('127.0.0.1');
  });

  it('a chain: by hop count, or by the proxies’ addresses (a peer that is not one keeps its own)', () => {
    expect(clientAddress(parseTrustProxy('2'), '10.0.0.2', 'spoof, 203.0.113.5, 10.0.0.1')).toBe('203.0.113.5');
    const list = parseTrustProxy('127.0.0.1, 10.0.0.0/8, ::1');
    expect(clientAddress(list, '127.0.0.1', 'spoof, 203.0.113.5, 10.1.2.3')).toBe('203.0.113.5');
    expect(clientAddress(list, '::1', '2001:db8::7')).toBe('2001:db8::7');
    // Straight to the atlas, not through a proxy: the header proves nothing.
    expect(clientAddress(list, '198.51.100.9', '203.0.113.5')).toBe('198.51.100.9');
    // Only proxies all the way: the leftmost.
    expect(clientAddress(list, '127.0.0.1', '10.0.0.5')).toBe('10.0.0.5');
    expect(() => parseTrustProxy('10.0.0.0/33')).toThrow(/ATLAS_TRUST_PROXY/);
    expect(() => parseTrustProxy('nginx')).toThrow(/ATLAS_TRUST_PROXY/);
  });

  it('an IPv6 client is counted by its /64', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressKey('203.0.113.5')).toBe('203.0.113.5');
  });
});

describe('limits keyed on the real client', () => {
  it('a spoofed X-Forwarded-For neither dodges the sign-in limit nor lands it on the address it names', async () => {
    const limited = createApp(t.atlas, { auth: createAuth(t.atlas, { tokens: tokens as never }), security: behindProxy({ authFailuresPerMinute: 5 }) });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      // A different address each time on the left; the proxy appended the attacker's.
      const res = await limited.request('/api/me', { headers: { authorization: `Bearer guess-${i}`, 'x-forwarded-for': `198.51.100.${i}, 203.0.113.66` } });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    // The address it wrote (198.51.100.7): a bad token from there is a plain 401, not yet limited.
    expect((await limited.request('/api/me', { headers: { authorization: 'Bearer typo', 'x-forwarded-for': '198.51.100.7' } })).status).toBe(401);
  });

  it('failures from a victim’s own address (a shared NAT) never refuse its valid token', async () => {
    const limited = createApp(t.atlas, { auth: createAuth(t.atlas, { tokens: tokens as never }), security: behindProxy({ authFailuresPerMinute: 3 }) });
    const from = { 'x-forwarded-for': '198.51.100.20' };
    for (let i = 0; i < 6; i++) await limited.request('/api/me', { headers: { ...from, authorization: `Bearer guess-${i}` } });
    const attacker = await limited.request('/api/me', { headers: { ...from, authorization: 'Bearer guess-x' } });
    expect(attacker.status).toBe(429);
    expect(Number(attacker.headers.get('retry-after'))).toBeGreaterThan(0);
    const victim = await body(await limited.request('/api/me', { headers: { ...from, ...bearer('planner') } }));
    expect(victim.status).toBe(200);
    expect(victim.json.role).toBe('planner');
  });

  it('writes are counted per token: an anonymous flood from the same address spends none of a carrier’s', async () => {
    const limited = createApp(t.atlas, { auth: createAuth(t.atlas, { tokens: tokens as never }), security: behindProxy({ writesPerMinute: 3 }) });
    const from = { 'x-forwarded-for': '198.51.100.30' };
    const square = { type: 'Polygon', coordinates: [[[118.3, 32.3], [118.32, 32.3], [118.32, 32.32], [118.3, 32.32], [118.3, 32.3]]] };
    const anon: number[] = [];
    for (let i = 0; i < 4; i++) anon.push((await limited.request('/api/whatif?asOf=2015-12-31', { method: 'POST', headers: from, body: JSON.stringify({ geometry: square, technology: 'ftth', down_mbps: 100 }) })).status);
    expect(anon).toEqual([200, 200, 200, 429]);
    const carrier = await limited.request('/api/uploads?layer=mobile_sites&dryRun=1', { method: 'POST', headers: { ...from, ...bearer('telecom') }, body: JSON.stringify({ type: 'FeatureCollection', features: [] }) });
    expect(carrier.status).toBe(200);
  });

  it('a caller past its share of the server’s time is refused 429 with Retry-After', async () => {
    const stingy = createApp(t.atlas, { auth: createAuth(t.atlas, { tokens: tokens as never }), security: behindProxy({ workBurstMs: 1, workPerSecondMs: 1 }) });
    const from = { 'x-forwarded-for': '198.51.100.40' };
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await stingy.request(`/api/compliance?level=grid&asOf=2015-12-${10 + i}`, { headers: from })).status);
    expect(statuses.slice(0, 1)).toEqual([200]);
    expect(statuses).toContain(429);
    const refused = await body(await stingy.request('/api/compliance?level=grid&asOf=2015-12-31', { headers: from }));
    expect(refused.json.error.code).toBe('work_budget');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another client is not held back by it.
    expect((await stingy.request('/api/compliance?level=district', { headers: { 'x-forwarded-for': '198.51.100.41' } })).status).toBe(200);
  });
});

describe('answers bounded in size', () => {
  it('the grid comes in pages of at most 2,000 cells, the same figures as the whole level', async () => {
    const { engine } = t.atlas.engine.current();
    const whole = engine.compliance('grid', '2015-12-31');
    const page = await body(await app.request('/api/compliance?level=grid&asOf=2015-12-31&offset=4000&limit=2000'));
    expect(page.json.total).toBe(whole.areas.length);
    expect(page.headers.get('x-total-count')).toBe(String(whole.areas.length));
    const stripped = page.json.areas.map((a: any) => ({ ...a, indicators: a.indicators.map(({ clause: _c, ...r }: any) => r) }));
    expect(stripped).toEqual(whole.areas.slice(4000, 6000));
    expect({ outside: page.json.outside, orphanRecords: page.json.orphanRecords }).toEqual({ outside: whole.outside, orphanRecords: whole.orphanRecords });
    expect((await app.request('/api/compliance?level=grid&limit=2001')).status).toBe(400);
    const districts = await body(await app.request('/api/compliance?level=district&asOf=2015-12-31'));
    expect(districts.json.areas).toHaveLength(districts.json.total);
  });
});

describe('the admission gate', () => {
  const limits = { perKey: 2, total: 3, queuePerKey: 1, queueTotal: 2, maxWaitMs: 200, retryAfter: 3 };
  it('over a caller’s share and its queue: 429; the atlas full: 503; a wait past its limit: 503', async () => {
    const gate = new Gate({ zh: '测试', en: 'tests' }, limits);
    const a1 = await gate.enter('a');
    await gate.enter('a');
    const queued = gate.enter('a');
    await expect(gate.enter('a')).rejects.toMatchObject({ status: 429, code: 'too_many_at_once', retryAfter: 3 });
    await gate.enter('b'); // the third place in all
    const bQueued = gate.enter('b');
    await expect(gate.enter('c')).rejects.toMatchObject({ status: 503, code: 'overloaded' });
    a1();
    // A's place goes to the first waiter that fits: A's own queued request.
    const aThird = await queued;
    await expect(bQueued).rejects.toMatchObject({ status: 503, code: 'overloaded' });
    aThird();
    expect(gate.load()).toEqual({ running: 2, waiting: 0 });
  });
});

describe('what caches may keep', () => {
  it('a duct tile fetched with a token is private and varies on Authorization; a public tile varies too', async () => {
    const tj = await body(await app.request('/tiles/ducts.json', { headers: bearer('planner') }));
    const url = new URL(tj.json.tiles[0].replace('{z}', '12').replace('{x}', '3405').replace('{y}', '1650'));
    const tile = await app.request(`${url.pathname}${url.search}`, { headers: bearer('planner') });
    expect(tile.headers.get('cache-control')).toMatch(/\bprivate\b/);
    expect(tile.headers.get('cache-control')).not.toMatch(/\bpublic\b/);
    expect(tile.headers.get('vary')).toMatch(/Authorization/);
    const pub = await app.request(`/tiles/districts/8/212/103.mvt?v=${url.searchParams.get('v')}`);
    expect(pub.headers.get('cache-control')).toMatch(/\bpublic\b/);
    expect(pub.headers.get('vary')).toMatch(/Authorization/);
    const figures = await app.request('/api/compliance?level=district', { headers: bearer('planner') });
    expect(figures.headers.get('cache-control')).toMatch(/\bprivate\b/);
  });
});

describe('closed reads (ATLAS_PUBLIC_READ=0)', () => {
  it('close every read route whatever the method, the what-if POST included; /api/me and health stay open', async () => {
    const closed = createApp(t.atlas, { auth: createAuth(t.atlas, { tokens: tokens as never, publicRead: false }), security: behindProxy() });
    const square = { type: 'Polygon', coordinates: [[[118.3, 32.3], [118.32, 32.3], [118.32, 32.32], [118.3, 32.32], [118.3, 32.3]]] };
    const whatif = await body(await closed.request('/api/whatif', { method: 'POST', body: JSON.stringify({ geometry: square, technology: 'ftth', down_mbps: 100 }) }));
    expect(whatif.status).toBe(401);
    expect(JSON.stringify(whatif.json)).not.toContain('households');
    expect((await closed.request('/api/me')).status).toBe(200);
    expect((await closed.request('/api/health')).status).toBe(200);
    expect((await closed.request('/api/whatif', { method: 'POST', headers: bearer('planner'), body: JSON.stringify({ geometry: square, technology: 'ftth', down_mbps: 100 }) })).status).toBe(200);
  });
});

describe('nearest-duct distances for the public', () => {
  const query = '/api/gaps?indicator=fiber_transformation&asOf=2013-12-31&limit=3000';

  it('anonymous answers carry the band, never the metres, in gaps and buildings; signed-in ones the metres', async () => {
    const anon = await body(await app.request(query));
    expect(anon.json.items.length).toBeGreaterThan(500);
    for (const item of anon.json.items) {
      expect(item).not.toHaveProperty('nearest_duct_m');
      expect(item.nearest_duct_band.min_m % 500).toBe(0);
    }
    const signed = await body(await app.request(query, { headers: bearer('planner') }));
    expect(typeof signed.json.items[0].nearest_duct_m).toBe('number');
    const id = anon.json.items[0].id;
    const building = await body(await app.request(`/api/buildings/${id}?asOf=2013-12-31`));
    expect(building.json).not.toHaveProperty('nearest_duct_m');
    expect(building.json.nearest_duct_band).toEqual(anon.json.items[0].nearest_duct_band);
    expect(typeof (await body(await app.request(`/api/buildings/${id}?asOf=2013-12-31`, { headers: bearer('admin') }))).json.nearest_duct_m).toBe('number');
  });

  it('the band holds the true distance, and is what the public grid alone gives (recomputed here from /api/compliance)', async () => {
    const anon = (await body(await app.request(query))).json.items as { id: string; position: [number, number]; nearest_duct_band: { min_m: number; max_m: number | null } }[];
    const exact = new Map(((await body(await app.request(query.replace('limit=3000', 'limit=10000'), { headers: bearer('planner') }))).json.items as { id: string; nearest_duct_m: number | null }[]).map((i) => [i.id, i.nearest_duct_m]));
    // The public grid, as any visitor can read it.
    const grid: { code: string; indicators: { id: string; numerator: number | null }[] }[] = [];
    for (let offset = 0, total = 1; offset < total; offset += 2000) {
      const page = (await body(await app.request(`/api/compliance?level=grid&asOf=2013-12-31&offset=${offset}`))).json;
      total = page.total;
      grid.push(...page.areas);
    }
    const withDuct = new Set(grid.filter((a) => (a.indicators.find((r) => r.id === 'gis_pipe_grid')?.numerator ?? 0) > 0).map((a) => a.code));
    const { engine } = t.atlas.engine.current();
    const bands = new DuctBands(engine.geography.h3Resolution, (cell) => withDuct.has(cell));
    // Ducts outside every district are in no grid cell's figures, so in no band: where one is
    // the nearest, only the upper bound can hold. Points along them every few metres, to tell.
    const outside: [number, number][] = [];
    for (const d of t.atlas.store.features('ducts', { dateRange: { field: 'in_service', to: '2013-12-31' } })) {
      const lines = d.geometry?.type === 'LineString' ? [d.geometry.coordinates] : d.geometry?.type === 'MultiLineString' ? d.geometry.coordinates : [];
      for (const l of lines)
        for (let i = 0; i + 1 < l.length; i++)
          for (let k = 0; k <= 100; k++) {
            const x = l[i]![0]! + ((l[i + 1]![0]! - l[i]![0]!) * k) / 100;
            const y = l[i]![1]! + ((l[i + 1]![1]! - l[i]![1]!) * k) / 100;
            if (engine.geography.locate(x, y).district < 0) outside.push([x, y]);
          }
    }
    let bounded = 0;
    let outsideNearest = 0;
    for (const item of anon) {
      expect(item.nearest_duct_band).toEqual(bands.band(item.position[0], item.position[1]));
      const m = exact.get(item.id);
      if (m === null || m === undefined) continue;
      if (item.nearest_duct_band.max_m !== null) expect(m).toBeLessThanOrEqual(item.nearest_duct_band.max_m);
      if (m < item.nearest_duct_band.min_m) {
        const toOutside = Math.min(...outside.map(([x, y]) => distanceM(item.position[0], item.position[1], x, y)));
        expect(toOutside, `${item.id}: ${m} m, below its band's ${item.nearest_duct_band.min_m} m`).toBeLessThan(m + 30);
        outsideNearest++;
      } else bounded++;
    }
    expect(bounded).toBeGreaterThan(500);
    expect(outsideNearest).toBeLessThan(bounded / 10);
    // Sorted by the grid's rings, then id: an order the exact distances cannot show through.
    const rings = anon.map((i) => bands.ringsToDuct(i.position[0], i.position[1]));
    for (let k = 1; k < anon.length; k++) {
      expect(rings[k]! > rings[k - 1]! || (rings[k] === rings[k - 1] && anon[k]!.id > anon[k - 1]!.id)).toBe(true);
    }
  });
});

describe("a carrier's own records", () => {
  const line = [[118.3, 32.3], [118.31, 32.31]];
  it('a carrier labelling its ducts with another owner, or its ids with another carrier’s prefix, gets located errors', async () => {
    const ducts = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'LineString', coordinates: line }, properties: { id: 'D-x1', owner: 'mobile', ducts: 4, spare_ducts: 1, in_service: '2015-01-01' } }] };
    const d = await body(await app.request('/api/uploads?layer=ducts&dryRun=1', { method: 'POST', headers: bearer('telecom'), body: JSON.stringify(ducts) }));
    expect(d.json.problems).toEqual([expect.objectContaining({ code: 'owner', path: 'features[0].properties.owner', index: 0 })]);
    const hotspots = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [118.3, 32.3] }, properties: { id: 'mobile-W00001', carrier: 'telecom', radius_m: 50, in_service: '2015-01-01' } }] };
    const w = await body(await app.request('/api/uploads?layer=wifi_hotspots&dryRun=1', { method: 'POST', headers: bearer('telecom'), body: JSON.stringify(hotspots) }));
    expect(w.json.problems).toEqual([expect.objectContaining({ code: 'id_prefix', path: 'features[0].properties.id', index: 0 })]);
    // Its own prefix, and the city's ducts with any owning unit, are fine.
    hotspots.features[0]!.properties.id = 'telecom-W00001';
    expect((await body(await app.request('/api/uploads?layer=wifi_hotspots&dryRun=1', { method: 'POST', headers: bearer('telecom'), body: JSON.stringify(hotspots) }))).json.ok).toBe(true);
    ducts.features[0]!.properties.owner = '滁州市城投';
    expect((await body(await app.request('/api/uploads?layer=ducts&dryRun=1', { method: 'POST', headers: bearer('admin'), body: JSON.stringify(ducts) }))).json.ok).toBe(true);
  });
});

describe('CSV exports', () => {
  it('neutralise cells that a spreadsheet would run as a formula', async () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    for (const lead of ['+', '-', '@', '\t', '\r']) expect(csvField(`${lead}x`).replace(/^"/, '').startsWith(`'${lead}`)).toBe(true);
    expect(csvField(-3)).toBe('-3');
    expect(csvField('城区')).toBe('城区');
    // A township named with a formula, committed as the admin would, reaches the export defused.
    const townships = [...t.atlas.store.features('townships')];
    const renamed = { ...townships[0]!, properties: { ...townships[0]!.properties, name: '=1+1' } };
    t.atlas.store.commit({ actor: 'admin@restricted', layer: 'townships', owner: 'city', mode: 'append' }, [renamed]);
    const csv = await (await app.request('/api/compliance?level=township&format=csv&asOf=2015-12-31')).text();
    expect(csv).toContain(",'=1+1,");
    expect(csv).not.toMatch(/(^|,)=1\+1/m);
  });
});

describe('refusals in the audit trail', () => {
  it('a 500 while committing is audited, and nothing is written', async () => {
    const db = (t.atlas.store as unknown as { db: import('better-sqlite3').Database }).db;
    const before = { version: t.atlas.store.version(), audit: t.atlas.store.audit({ actor: 'telecom@restricted' }).length };
    db.exec("CREATE TRIGGER fail_commits BEFORE INSERT ON batches BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
    try {
      const res = await app.request('/api/uploads?layer=mobile_sites&mode=append', { method: 'POST', headers: bearer('telecom'), body: JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [118.3, 32.3] }, properties: { id: 'telecom-fail-1', carrier: 'telecom', generation: '4g', radius_m: 500, in_service: '2015-01-01' } }] }) });
      expect(res.status).toBe(500);
    } finally {
      db.exec('DROP TRIGGER fail_commits');
    }
    const rows = t.atlas.store.audit({ actor: 'telecom@restricted' });
    expect(rows.length).toBe(before.audit + 1);
    expect(rows.at(-1)).toMatchObject({ action: 'upload_rejected', detail: { stage: 'commit', status: 500, code: 'internal', layer: 'mobile_sites' } });
    expect(t.atlas.store.version()).toBe(before.version);
  });

  it('refused before the pipeline (a layer it may not write, a malformed form) is audited; a dry run is not', async () => {
    const before = t.atlas.store.audit({ actor: 'telecom@restricted' }).length;
    expect((await app.request('/api/uploads?layer=buildings', { method: 'POST', headers: bearer('telecom'), body: '{}' })).status).toBe(403);
    expect((await app.request('/api/uploads', { method: 'POST', headers: { ...bearer('telecom'), 'content-type': 'multipart/form-data; boundary=x' }, body: '--x\r\nContent-Disposition: form-data; name="file"; filename="a"\r\n\r\nabc' })).status).toBe(400);
    expect((await app.request('/api/uploads?layer=mobile_sites&dryRun=1', { method: 'POST', headers: bearer('telecom'), body: 'not json' })).status).toBe(200);
    const rows = t.atlas.store.audit({ actor: 'telecom@restricted' }).slice(before);
    expect(rows.map((r) => [r.detail.stage, r.detail.status])).toEqual([
      ['authorise', 403],
      ['receive', 400],
    ]);
  });
});

describe('files on disk', () => {
  it('the store, its WAL, the targets and backups are 0600, the data folder 0700', async () => {
    const mode = (p: string) => statSync(p).mode & 0o777;
    expect(mode(t.dir)).toBe(0o700);
    for (const f of ['atlas.db', 'atlas.db-wal', 'atlas.db-shm', 'targets.json']) expect(mode(join(t.dir, f)), f).toBe(0o600);
    const out = join(t.dir, 'backups', 'one.db');
    await backupTo(t.atlas.store, t.dir, out);
    expect(mode(out)).toBe(0o600);
    expect(mode(`${out}.targets.json`)).toBe(0o600);
    expect(mode(join(t.dir, 'backups'))).toBe(0o700);
  });
});

describe('the spool', () => {
  it('at start, folders of processes that are gone are removed, never a live one’s', () => {
    const root = mkdtempSync(join(tmpdir(), 'atlas-sweep-'));
    try {
      // A pid that surely is not running: a child that has exited.
      const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid!;
      for (const name of [`atlas-upload-${dead}-abc123`, `atlas-upload-${process.pid}-def456`, 'something-else']) {
        mkdirSync(join(root, name));
        writeFileSync(join(root, name, 'upload'), 'x');
      }
      const removed = sweepSpools(root);
      expect(removed).toEqual([join(root, `atlas-upload-${dead}-abc123`)]);
      expect(readFileSync(join(root, `atlas-upload-${process.pid}-def456`, 'upload'), 'utf8')).toBe('x');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
