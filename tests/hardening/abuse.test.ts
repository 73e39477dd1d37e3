/**
 * The abuse suite: a real `atlas serve` (child process, free port, the small demo city) against
 * what a hostile client sends — malformed and truncated multipart, chunked floods, lying
 * lengths, adversarial geometry (zigzags, spikes, huge rings), zip bombs, deep nesting,
 * extreme dates, slow bodies by the dozen. Each must be answered within a generous bound (one
 * that catches a freeze, never a tight timing), with /api/health answering all along and
 * memory bounded while it runs; afterwards the server's memory is back near its start, the
 * spool is empty and the store holds exactly what it held (data version, features, batches).
 * Proxy header games run against a second server behind a simulated proxy.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Zip, ZipDeflate, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../browser/harness';
import { auditSince, during, memoryMiB, raw, record, spoolEntries, startHostile, storeCounts, writeFigures, type Hostile } from './hostile';

/** An answer at all within this: the freezes found took 16–32 s, or for ever. */
const ANSWER_BOUND_MS = 10_000;
/** Health must keep answering, each time within this. */
const HEALTH_BOUND_MS = 3_000;
/** What one hostile request may make the server's memory grow by while it runs. */
const PEAK_BOUND_MIB = 250;
/** Growth left once the suite is over. */
const KEPT_BOUND_MIB = 150;

const CITY = { lon: 118.31, lat: 32.3 };
const BAD = join(REPO_ROOT, 'tests/fixtures/uploads/bad');

let h: Hostile;
let start: { rss: number; store: ReturnType<typeof storeCounts> };
/** Built before the server starts: compressing a gigabyte blocks this process for seconds. */
let zeros: Uint8Array;
let behindHeader: Uint8Array;

beforeAll(async () => {
  zeros = bomb(1000, false);
  behindHeader = bomb(300, true);
  h = await startHostile();
  // Warm: the engine, the register, a tile, a series — so what follows measures the attacks.
  for (const p of ['/api/compliance?level=district', '/api/areas/3411', '/api/gaps?indicator=fiber_transformation&asOf=2013-12-31', '/tiles/buildings/14/13622/6602.mvt']) await (await fetch(`${h.url}${p}`)).arrayBuffer();
  await fetch(`${h.url}/api/uploads?layer=mobile_sites&dryRun=1`, { method: 'POST', headers: auth('telecom'), body: JSON.stringify(points(3, 'telecom')) });
  start = { rss: memoryMiB(h.server.pid).rss, store: storeCounts(h.server.dataDir) };
}, 180_000);

afterAll(async () => {
  await h?.stop();
});

const auth = (who: keyof Hostile['tokens']) => ({ authorization: `Bearer ${h.tokens[who]}` });

function points(n: number, carrier: string) {
  return {
    type: 'FeatureCollection',
    features: Array.from({ length: n }, (_, i) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [CITY.lon + i * 1e-4, CITY.lat] }, properties: { id: `${carrier}-abuse-${i}`, carrier, generation: '4g', radius_m: 500, in_service: '2015-01-01' } })),
  };
}

/** Run a hostile request, check the server held, and record its figures. */
async function hostile<T extends { status: number | null }>(name: string, attack: () => Promise<T>): Promise<T> {
  const r = await during(h, attack, HEALTH_BOUND_MS);
  record(name, r, r.value.status);
  expect(r.ms, `${name}: answered within ${ANSWER_BOUND_MS} ms`).toBeLessThan(ANSWER_BOUND_MS);
  expect(r.health.failures, `${name}: health kept answering`).toEqual([]);
  expect(r.health.answered, `${name}: health answered while it ran`).toBeGreaterThan(0);
  expect(r.peakGrowthMiB, `${name}: memory while it ran`).toBeLessThan(PEAK_BOUND_MIB);
  return r.value;
}

const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as any, headers: res.headers });

// ------------------------------------------------------------------ geometry

const ring = (coords: number[][]) => [...coords, coords[0]!];

/** A zigzag across the city: teeth 0.1° tall, `n` vertices. */
function zigzag(n: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < n - 2; i++) out.push([118.0 + (i / n) * 0.6, i % 2 ? 32.4 : 32.31]);
  out.push([118.6, 32.3], [118.0, 32.3]);
  return ring(out);
}

function spikes(n: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    const b = (2 * Math.PI * (i + 0.5)) / n;
    out.push([CITY.lon + Math.cos(a) * 1e-4, CITY.lat + Math.sin(a) * 1e-4], [CITY.lon + Math.cos(b) * 0.2, CITY.lat + Math.sin(b) * 0.2]);
  }
  return ring(out);
}

function circle(n: number): number[][] {
  return ring(Array.from({ length: n }, (_, i) => [CITY.lon + 0.1 * Math.cos((2 * Math.PI * i) / n), CITY.lat + 0.1 * Math.sin((2 * Math.PI * i) / n)]));
}

const serviceArea = (coordinates: number[][]) => ({
  type: 'FeatureCollection',
  features: [{ type: 'Feature', geometry: { type: 'Polygon', coordinates: [coordinates] }, properties: { id: 'area-1', carrier: 'telecom', technology: 'ftth', down_mbps: 1000, up_mbps: 100, in_service: '2015-01-01', status: 'in_service' } }],
});

// ------------------------------------------------------------------ zips

/** A zip streamed by fflate: `.shp` of `mib` MiB — zeros, or zeros after a valid header — and a small .dbf. */
function bomb(mib: number, validHeader: boolean): Uint8Array {
  const out: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    out.push(chunk);
  });
  const shp = new ZipDeflate('points.shp', { level: 6 });
  zip.add(shp);
  const mb = new Uint8Array(1 << 20);
  for (let i = 0; i < mib; i++) {
    const chunk = i === 0 && validHeader ? shpHeader(mib << 20) : mb;
    shp.push(chunk, false);
  }
  shp.push(new Uint8Array(0), true);
  const dbf = new ZipDeflate('points.dbf', { level: 6 });
  zip.add(dbf);
  dbf.push(new Uint8Array(64), true);
  zip.end();
  return Buffer.concat(out);
}

function shpHeader(bytes: number): Uint8Array {
  const b = new Uint8Array(1 << 20);
  const v = new DataView(b.buffer);
  v.setInt32(0, 9994, false);
  v.setInt32(24, bytes / 2, false);
  v.setInt32(28, 1000, true);
  v.setInt32(32, 1, true); // points
  return b;
}

const uploadZip = (zip: Uint8Array, query = '') => fetch(`${h.url}/api/uploads?layer=mobile_sites&format=shapefile${query}`, { method: 'POST', headers: { ...auth('telecom'), 'content-type': 'application/zip' }, body: Buffer.from(zip) });

// ------------------------------------------------------------------ the attacks

describe('streams and bodies', () => {
  it('a multipart upload that ends before its closing boundary is a 400, and the process lives', async () => {
    const boundary = 'abuseBoundary';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.geojson"\r\nContent-Type: application/geo+json\r\n\r\n`;
    const body = `${head}{"type":"FeatureCollection","features":[${JSON.stringify(points(50, 'telecom').features[0])}`;
    const res = await hostile('multipart without its closing boundary', () =>
      raw(h, { path: '/api/uploads?layer=mobile_sites', headers: { ...auth('telecom'), 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': Buffer.byteLength(body) } }, (req) => {
        req.end(body);
      }),
    );
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.code).toBe('bad_multipart');
    expect(spoolEntries(h)).toEqual([]);
  });

  it('a multipart body cut off mid-way (the connection dropped) leaves nothing behind', async () => {
    const boundary = 'cutBoundary';
    await hostile('multipart cut off mid-body', async () => {
      const r = await raw(h, { path: '/api/uploads?layer=mobile_sites', headers: { ...auth('telecom'), 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': 10_000_000 } }, async (req) => {
        req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.geojson"\r\n\r\n{"type":"FeatureCollection","features":[`);
        await new Promise((r) => setTimeout(r, 300));
        req.destroy();
      });
      await new Promise((r) => setTimeout(r, 300));
      return r;
    });
    expect(spoolEntries(h)).toEqual([]);
  });

  it('a raw upload shorter than its Content-Length leaves nothing behind', async () => {
    await hostile('raw body shorter than declared', async () => {
      const r = await raw(h, { path: '/api/uploads?layer=mobile_sites', headers: { ...auth('telecom'), 'content-type': 'application/geo+json', 'content-length': 100_000 } }, async (req) => {
        req.write('{"type":"FeatureCollection","features":[');
        await new Promise((r) => setTimeout(r, 300));
        req.destroy();
      });
      await new Promise((r) => setTimeout(r, 300));
      return r;
    });
    expect(spoolEntries(h)).toEqual([]);
  });

  it('a chunked what-if body is refused at 1 MB as it streams, not read whole (600 MB offered)', async () => {
    let sent = 0;
    const res = await hostile('chunked what-if of 600 MB', () =>
      raw(h, { path: '/api/whatif', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, async (req, answered) => {
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        req.write('{"geometry":');
        while (sent < 600 * 2 ** 20 && !answered()) {
          sent += chunk.length;
          if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
        }
        req.end();
      }),
    );
    expect(res.status).toBe(413);
    // Stopped near the limit, not after everything offered.
    expect(sent).toBeLessThan(64 * 2 ** 20);
  });

  it('JSON nested 100,000 deep is a 400 too_deep in a body, a located json_depth problem in an upload', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const res = await hostile('what-if nested 100,000 deep', async () => json(await fetch(`${h.url}/api/whatif`, { method: 'POST', body: deep, headers: { 'content-type': 'application/json' } })));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('too_deep');
    const file = `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{"id":${deep}}}]}`;
    const up = await hostile('upload nested 100,000 deep', async () => json(await fetch(`${h.url}/api/uploads?layer=egress`, { method: 'POST', headers: auth('telecom'), body: file })));
    expect(up.status).toBe(422);
    expect(up.body.error.details.problems[0]).toMatchObject({ code: 'json_depth', index: 0, line: 1 });
  });

  it('a % that is not an escape in a file name is taken as written', async () => {
    const res = await hostile('file name with a bare %', async () => json(await fetch(`${h.url}/api/uploads?layer=mobile_sites&dryRun=1`, { method: 'POST', headers: { ...auth('telecom'), 'content-disposition': 'attachment; filename="100%.geojson"' }, body: JSON.stringify(points(2, 'telecom')) })));
    expect(res.status).toBe(200);
    expect(res.body.file.name).toBe('100%.geojson');
  });
});

describe('adversarial geometry', () => {
  it('a 32,000-vertex zigzag what-if (555 KiB) is refused by its vertex count at once', async () => {
    const res = await hostile('what-if zigzag of 32,000 vertices', async () => json(await fetch(`${h.url}/api/whatif?asOf=2015-12-31`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ geometry: { type: 'Polygon', coordinates: [zigzag(32_000)] }, technology: 'ftth', down_mbps: 100 }) })));
    expect(res.status).toBe(422);
    expect(res.body.error.details.problems[0].code).toBe('vertices');
  });

  it('a 9,000-vertex zigzag what-if under the limit is computed', async () => {
    const res = await hostile('what-if zigzag of 9,000 vertices', async () => json(await fetch(`${h.url}/api/whatif?asOf=2015-12-31`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ geometry: { type: 'Polygon', coordinates: [zigzag(9_000)] }, technology: 'ftth', down_mbps: 100 }) })));
    expect([200, 422]).toContain(res.status);
    if (res.status === 422) expect(res.body.error.details.problems[0].code).toBe('too_complex');
  });

  it.each([
    ['zigzag service area of 150,000 vertices', () => zigzag(150_000)],
    ['100,000 spikes (200,000 vertices)', () => spikes(99_999)],
    ['a ring of 199,999 vertices', () => circle(199_998)],
  ])('a carrier dry run with a %s is answered', async (name, make) => {
    const res = await hostile(`dry run: ${name}`, async () => json(await fetch(`${h.url}/api/uploads?layer=fixed_service&dryRun=1&effect=0&preview=0`, { method: 'POST', headers: auth('telecom'), body: JSON.stringify(serviceArea(make())) })));
    expect(res.status).toBe(200);
    expect(res.body.features.read).toBe(1);
  });
});

describe('zip bombs', () => {
  it('a 1 MB zip holding a 1000 MiB .shp of zeros is refused as it unpacks, never inflated into memory', async () => {
    expect(zeros.byteLength).toBeLessThan(2 * 2 ** 20);
    const before = storeCounts(h.server.dataDir).audit;
    const res = await hostile('zip bomb: 1000 MiB of zeros', async () => json(await uploadZip(zeros)));
    expect(res.status).toBe(422);
    expect(res.body.error.details.problems[0]).toMatchObject({ code: 'shapefile' });
    // A refused commit: audited, with the file's hash.
    expect(auditSince(h.server.dataDir, before).map((a) => a.detail)).toEqual([expect.objectContaining({ code: 'invalid_upload', status: 422, fileHash: expect.stringMatching(/^[0-9a-f]{64}$/) })]);
    expect(spoolEntries(h)).toEqual([]);
  });

  it('three at once from one token: one is read, the others are refused 429 with Retry-After', async () => {
    const res = await hostile('three zip bombs at once, one token', async () => {
      const all = await Promise.all([0, 1, 2].map(async () => json(await uploadZip(zeros, '&dryRun=1'))));
      return { status: all[0]!.status, all };
    });
    const statuses = res.all.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 429, 429]);
    for (const r of res.all.filter((x) => x.status === 429)) {
      expect(r.body.error.code).toBe('too_many_at_once');
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });

  it('300 MiB of zeros behind a valid .shp header goes to disk, not memory, and is refused', async () => {
    const res = await hostile('zip bomb: valid header, 300 MiB of zeros', async () => json(await uploadZip(behindHeader, '&dryRun=1')));
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.problems.some((p: { code: string }) => p.code === 'shapefile')).toBe(true);
    expect(spoolEntries(h)).toEqual([]);
  });

  it.each([
    ['zip-bomb-lying-about-its-size.zip', 413],
    ['zip-entry-escaping-with-dot-dot.zip', 422],
    ['40 entries (the limit is 32)', 413],
    ['zip-without-a-shp.zip', 422],
  ])('%s as a commit: refused and audited', async (file, status) => {
    const zip = file.endsWith('.zip') ? new Uint8Array(readFileSync(join(BAD, file))) : zipSync(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`part${i}.txt`, new Uint8Array([120])])));
    const before = storeCounts(h.server.dataDir).audit;
    const res = await hostile(`hostile zip: ${file}`, async () => json(await uploadZip(zip)));
    expect(res.status).toBe(status);
    const rows = auditSince(h.server.dataDir, before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'upload_rejected', detail: { status, code: res.body.error.code, stage: 'read', fileHash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
  });
});

describe('extreme dates and long series', () => {
  it.each([
    ['/api/areas/3411?from=1900-01-01&asOf=9999-12-31&step=quarter', 'series_too_long'],
    ['/api/areas/3411?asOf=0999-01-01', 'bad_parameter'],
    ['/api/areas/3411?from=0001-01-01&asOf=2015-01-01', 'bad_parameter'],
    ['/tiles/districts/8/212/103.mvt?asOf=0500-01-01', 'bad_parameter'],
  ])('%s is a 400', async (path, code) => {
    const res = await hostile(`dates: ${path}`, async () => json(await fetch(`${h.url}${path}`)));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(code);
  });

  it('the longest series allowed (80 fresh quarters) of a grid cell is answered, health served meanwhile', async () => {
    const cell = ((await (await fetch(`${h.url}/api/compliance?level=grid&asOf=2015-12-31`)).json()) as { areas: { code: string }[] }).areas[7]!.code;
    const res = await hostile('series of 80 fresh quarters, a grid cell', async () => json(await fetch(`${h.url}/api/areas/${cell}?from=1990-01-01&asOf=2009-12-31&step=quarter`)));
    expect(res.status).toBe(200);
    expect(res.body.series).toHaveLength(80);
  });
});

describe('many slow bodies from one client', () => {
  it('past its share (4 running, 16 waiting) a caller is refused 429 at once; health is served meanwhile', async () => {
    const open: ReturnType<typeof raw>[] = [];
    const releases: (() => void)[] = [];
    const res = await hostile('30 what-if bodies dripping at once', async () => {
      for (let i = 0; i < 30; i++) {
        open.push(
          raw(h, { path: '/api/whatif?asOf=2015-12-31', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, async (req) => {
            req.write('{"geometry":');
            await new Promise<void>((r) => releases.push(r));
            req.end(`${JSON.stringify({ type: 'Polygon', coordinates: [circle(40)] })},"technology":"ftth","down_mbps":100}`);
          }),
        );
      }
      // The refusals come back while the others still drip.
      await new Promise((r) => setTimeout(r, 1500));
      for (const r of releases) r();
      const answers = await Promise.all(open);
      return { status: 200, answers };
    });
    const statuses = res.answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
  });
});

describe('afterwards', () => {
  it('the store holds exactly what it held, the spool is empty, memory is back near its start', async () => {
    const end = storeCounts(h.server.dataDir);
    expect({ version: end.version, features: end.features, batches: end.batches }).toEqual({ version: start.store.version, features: start.store.features, batches: start.store.batches });
    expect(spoolEntries(h)).toEqual([]);
    // Give the collector a moment after the last allocation-heavy attack.
    await new Promise((r) => setTimeout(r, 2000));
    const rss = memoryMiB(h.server.pid).rss;
    writeFigures({ startRssMiB: start.rss, endRssMiB: rss, keptGrowthMiB: rss - start.rss });
    expect(rss - start.rss).toBeLessThan(KEPT_BOUND_MIB);
    expect((await fetch(`${h.url}/api/health`)).status).toBe(200);
  });
});

