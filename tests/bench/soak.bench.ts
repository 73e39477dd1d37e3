/**
 * Load and soak (issue: hardening): many concurrent readers of tiles, features and compliance
 * while a carrier commits uploads, on loopback, bounded in time. Reports errors, p50/p99,
 * server memory over the soak (start, peak, end), and checks afterwards that every upload's
 * effect is visible.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { ensureWebBuilt } from '../browser/harness';
import type { Scale } from '../../seeds/generate';
import type { Bench } from './harness';
import { startBenchServer } from './store';
import { tileSource } from '../../server/tiles/catalogue';

const READERS = 32;
const UPLOAD_EVERY_MS = 1000;
const RECORDS_PER_UPLOAD = 200;

export async function benchSoak(bench: Bench, scale: Scale, seconds = 30): Promise<Record<string, unknown>> {
  if (!Number.isInteger(seconds) || seconds < 5 || seconds > 3600) throw new Error('--soak-seconds must be a whole number from 5 to 3600');
  console.log(`\n== load and soak, scale ${scale}, ${seconds} s, ${READERS} readers + a carrier uploading every ${UPLOAD_EVERY_MS} ms`);
  ensureWebBuilt();
  // Reuse the store the tile benchmark seeded, if there is one; otherwise seed a fresh one.
  const token = randomBytes(24).toString('base64url');
  const tokens = JSON.stringify([{ name: 'soak@telecom', role: 'carrier:telecom', sha256: createHash('sha256').update(token).digest('hex') }]);
  // Readers are many clients behind a proxy (readerRequests), as they would be: each has its own
  // share of the limits, not one address's for all.
  const server = await startBenchServer(scale, { ATLAS_TOKENS: tokens, ATLAS_WRITE_RATE: '100000', ATLAS_TRUST_PROXY: '127.0.0.1' });
  try {
    await fetch(`${server.url}/api/compliance?level=city`); // engine built before the clock starts
    const before = await countTelecom(server.url, token);
    const buildings = (await (await fetch(`${server.url}/api/layers/buildings/features?limit=${RECORDS_PER_UPLOAD * 50}`)).json()) as { features: { id: string; geometry: { coordinates: [number, number] } }[] };

    const memory: number[] = [];
    const sampler = setInterval(() => memory.push(rssMiB(server.pid)), 1000);
    const uploads: { version: number; ms: number; n: number }[] = [];
    let uploadErrors = 0;
    let stop = false;
    const run = randomBytes(4).toString('hex'); // new ids every run: appends, never no-op upserts
    const writer = (async () => {
      for (let n = 0; !stop; n++) {
        const started = performance.now();
        const features = Array.from({ length: RECORDS_PER_UPLOAD }, (_, i) => {
          const b = buildings.features[(n * RECORDS_PER_UPLOAD + i) % buildings.features.length]!;
          const id = `soak-${run}-${n}-${i}`;
          return { type: 'Feature', geometry: { type: 'Point', coordinates: b.geometry.coordinates }, properties: { id, carrier: 'telecom', building_id: String(b.id), technology: 'ftth', down_mbps: 1000, up_mbps: 500, in_service: '2015-06-01', status: 'in_service' } };
        });
        const res = await fetch(`${server.url}/api/uploads?layer=fixed_service&mode=append&effect=0&filename=soak-${n}.geojson`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/geo+json' },
          body: JSON.stringify({ type: 'FeatureCollection', features }),
        });
        const body = (await res.json()) as { batch?: { version: number } };
        if (res.status === 201 && body.batch) uploads.push({ version: body.batch.version, ms: performance.now() - started, n });
        else uploadErrors++;
        await new Promise((r) => setTimeout(r, Math.max(0, UPLOAD_EVERY_MS - (performance.now() - started))));
      }
    })();

    const requests = readerRequests(buildings.features.map((f) => f.geometry.coordinates));
    const result = await autocannon({
      url: server.url,
      connections: READERS,
      duration: seconds,
      requests,
    });
    stop = true;
    await writer;
    clearInterval(sampler);

    const after = await countTelecom(server.url, token);
    const expected = before + uploads.length * RECORDS_PER_UPLOAD;
    // The effect, not only the rows: the engine gives each upload's buildings the new offer.
    let withOffer = 0;
    let checked = 0;
    for (const u of uploads) {
      for (const i of [0, RECORDS_PER_UPLOAD - 1]) {
        const b = buildings.features[(u.n * RECORDS_PER_UPLOAD + i) % buildings.features.length]!;
        const figures = (await (await fetch(`${server.url}/api/buildings/${encodeURIComponent(String(b.id))}`)).json()) as { offers?: { carrier: string; id?: string; down_mbps: number }[] };
        checked++;
        if (figures.offers?.some((o) => o.carrier === 'telecom' && o.down_mbps >= 1000)) withOffer++;
      }
    }
    const ok2xx = result['2xx'];
    const errors = result.errors + result.timeouts + result['4xx'] + result['5xx'];
    bench.record({ name: `soak: read requests (${READERS} connections, ${seconds} s)`, value: result.requests.total, unit: 'req', note: `${result.requests.average.toFixed(0)} req/s; 2xx ${ok2xx}, 3xx ${result['3xx']}` });
    const codes = Object.entries((result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {}).map(([k, v]) => `${k}×${v.count}`).join(' ');
    bench.record({ name: 'soak: read errors (4xx, 5xx, timeouts)', value: errors, unit: '', target: '0', note: `status codes: ${codes}` });
    bench.record({ name: 'soak: read latency p50', value: result.latency.p50, unit: 'ms' });
    bench.record({ name: 'soak: read latency p99', value: result.latency.p99, unit: 'ms' });
    bench.record({ name: `soak: uploads committed (${RECORDS_PER_UPLOAD} records each)`, value: uploads.length, unit: '', note: `${uploadErrors} failed; median ${median(uploads.map((u) => u.ms)).toFixed(0)} ms each` });
    const quarters = [0, 0.25, 0.5, 0.75, 1].map((q) => memory[Math.min(memory.length - 1, Math.round(q * (memory.length - 1)))]);
    bench.record({ name: 'soak: server memory start → peak → end', value: memory.at(-1) ?? 0, unit: 'MiB', note: `${memory[0]} → ${Math.max(...memory)} → ${memory.at(-1)}; at each quarter of the soak: ${quarters.join(' → ')}` });
    const visible = after === expected && withOffer === checked;
    bench.record({ name: 'soak: every upload visible afterwards', value: visible ? 1 : 0, unit: visible ? '(yes)' : '(NO)', note: `telecom records ${before} + ${uploads.length}×${RECORDS_PER_UPLOAD} = ${expected}; found ${after}; first and last building of each upload with the 1000 Mbit/s offer: ${withOffer}/${checked}` });
    return { requests: result.requests.total, errors, p50: result.latency.p50, p99: result.latency.p99, uploads: uploads.length, uploadErrors, memoryMiB: memory, visible };
  } finally {
    await server.stop();
  }
}

async function countTelecom(url: string, token: string): Promise<number> {
  const res = await fetch(`${url}/api/layers/fixed_service/features?carrier=telecom&limit=1`, { headers: { authorization: `Bearer ${token}` } });
  return ((await res.json()) as { numberMatched: number }).numberMatched;
}

/** Simulated clients the readers are, each with its own X-Forwarded-For. */
export const READER_CLIENTS = 64;

/** The readers' requests: readerPaths, spread over READER_CLIENTS client addresses. */
export function readerRequests(points: [number, number][]): { method: 'GET'; path: string; headers: Record<string, string> }[] {
  return readerPaths(points).map((path, i) => ({ method: 'GET', path, headers: { 'accept-encoding': 'gzip', 'x-forwarded-for': `10.1.${i % READER_CLIENTS}.${1 + (i % 250)}` } }));
}

function readerPaths(points: [number, number][]): string[] {
  const out: string[] = [];
  const sources = ['buildings', 'townships', 'grid', 'mobile_sites'];
  points.slice(0, 300).forEach(([lon, lat], i) => {
    const source = sources[i % sources.length]!;
    const s = tileSource(source)!;
    // Every source at every zoom of its range, independently of which source it is.
    const z = Math.max(s.minzoom, 10) + (Math.floor(i / sources.length) % (s.maxzoom - Math.max(s.minzoom, 10) + 1));
    const n = 2 ** z;
    const x = Math.floor(((lon + 180) / 360) * n);
    const r = (lat * Math.PI) / 180;
    const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
    out.push(`/tiles/${source}/${z}/${x}/${y}.mvt?asOf=2015-12-31`);
    if (i % 5 === 0) out.push(`/api/layers/buildings/features?bbox=${lon - 0.01},${lat - 0.01},${lon + 0.01},${lat + 0.01}&limit=200`);
    if (i % 10 === 0) out.push(`/api/compliance?level=district&asOf=201${2 + (i % 5)}-12-31`);
  });
  return out;
}

export function rssMiB(pid: number): number {
  try {
    return Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);
  } catch {
    return 0;
  }
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}
