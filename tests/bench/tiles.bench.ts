/**
 * Tile serving at scale (issue: tile and feature server — speed), against the real server over
 * loopback:
 * - time to be ready after start (health, then the engine built by the first compliance
 *   request), and memory at rest;
 * - cold tiles: first request of z14–z16 building tiles, p95;
 * - warm tiles: autocannon, 64 connections over a realistic list of z10–z16 tiles, requests per
 *   second and p50/p99, beside the ceiling — a bare Node HTTP server in its own process serving
 *   the very same bytes from memory with no work at all — measured in the same run.
 * The store for a scale is seeded once into data/bench-<scale> and reused by later runs.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startAtlasServer, REPO_ROOT, ensureWebBuilt } from '../browser/harness';
import { ensureBenchStore } from './store';
import type { Scale } from '../../seeds/generate';
import type { Bench } from './harness';

const CONNECTIONS = 64;
const DURATION_S = 10;

export async function benchTiles(bench: Bench, scale: Scale): Promise<Record<string, unknown>> {
  console.log(`\n== tiles and server, scale ${scale}`);
  ensureWebBuilt();
  const dataDir = await ensureBenchStore(bench, scale);

  const started = performance.now();
  const server = await startAtlasServer({ dataDir, seedScale: 'none', timeoutMs: 600_000 });
  const listening = performance.now() - started;
  try {
    await fetch(`${server.url}/api/compliance?level=city&asOf=2015-12-31`);
    const ready = performance.now() - started;
    // The port opens at once, but the first answer waits for the start-up build (engine, register).
    bench.record({ name: 'first answer after start (/api/health: engine and upload register built)', value: listening / 1000, unit: 's' });
    bench.record({ name: 'ready after start (engine built, first figures served)', value: ready / 1000, unit: 's' });
    bench.record({ name: 'memory at rest (RSS of the server)', value: rssMiB(server.pid), unit: 'MiB' });

    const paths = tileList(JSON.parse(readFileSync(join(dataDir, 'seeded'), 'utf8')) as Record<string, number>, await buildingSample(server.url));
    // Cold: first request of building tiles at z14–z16.
    const cold: number[] = [];
    for (const p of paths.filter((p) => /\/buildings\/1[456]\//.test(p))) {
      const t = performance.now();
      const res = await fetch(server.url + p);
      await res.arrayBuffer();
      cold.push(performance.now() - t);
    }
    cold.sort((a, b) => a - b);
    bench.record({ name: `cold building tiles z14–z16 (${cold.length}), p95`, value: cold[Math.floor(cold.length * 0.95)] ?? 0, unit: 'ms', target: '< 50 ms' });

    // Warm every tile, and keep the bytes for the ceiling server.
    const bodies = new Map<string, Buffer>();
    for (const p of paths) {
      const res = await fetch(server.url + p, { headers: { 'Accept-Encoding': 'gzip' } });
      bodies.set(p, Buffer.from(await res.arrayBuffer()));
    }
    const ours = await load(server.url, paths);
    const ceilingServer = await startCeiling(bodies);
    try {
      const ceiling = await load(ceilingServer.url, paths);
      bench.record({ name: `warm tiles: requests/s (${CONNECTIONS} connections, ${paths.length} tiles)`, value: ours.rps, unit: 'req/s', baseline: { name: 'ceiling: same bytes from memory, no work', value: ceiling.rps }, target: '≥ 70 % of the ceiling', note: `${((100 * ours.rps) / ceiling.rps).toFixed(0)} % of the ceiling; errors ${ours.errors}` });
      bench.record({ name: 'warm tiles: latency p50', value: ours.p50, unit: 'ms', baseline: { name: 'ceiling', value: ceiling.p50 } });
      bench.record({ name: 'warm tiles: latency p99', value: ours.p99, unit: 'ms', baseline: { name: 'ceiling', value: ceiling.p99 } });
      return { tiles: paths.length, warm: ours, ceiling, coldP95: cold[Math.floor(cold.length * 0.95)] ?? 0, readyS: ready / 1000 };
    } finally {
      ceilingServer.stop();
    }
  } finally {
    await server.stop();
  }
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** Building positions to aim the tile list at where the data is. */
async function buildingSample(url: string): Promise<[number, number][]> {
  const res = await fetch(`${url}/api/layers/buildings/features?limit=2000&offset=0`);
  const fc = (await res.json()) as { features: { geometry: { coordinates: [number, number] } }[] };
  return fc.features.map((f) => f.geometry.coordinates);
}

/** A realistic mix: what a planner's map asks for while panning from z10 to z16. */
function tileList(_counts: Record<string, number>, points: [number, number][]): string[] {
  const out = new Set<string>();
  // Ducts need a signed-in caller: the load is what the public map asks for.
  const sources: [string, number, number][] = [
    ['districts', 10, 12],
    ['townships', 10, 14],
    ['grid', 10, 14],
    ['buildings', 10, 16],
    ['mobile_sites', 10, 16],
    ['villages', 10, 16],
  ];
  points.forEach(([lon, lat], i) => {
    const [source, minZ, maxZ] = sources[i % sources.length]!;
    // Zoom varies independently of the source (i / sources), so every source gets every zoom.
    const z = minZ + (Math.floor(i / sources.length) % (maxZ - minZ + 1));
    const n = 2 ** z;
    const x = Math.floor(((lon + 180) / 360) * n);
    const r = (lat * Math.PI) / 180;
    const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
    out.add(`/tiles/${source}/${z}/${x}/${y}.mvt?asOf=2015-12-31`);
  });
  return [...out].slice(0, 400);
}

interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load(url: string, paths: string[]): Promise<LoadResult> {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests: paths.map((path) => ({ method: 'GET', path, headers: { 'accept-encoding': 'gzip' } })),
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts + result['4xx'] + result['5xx'] };
}

/** The ceiling: a bare Node server in its own process, the same bytes, no work. */
async function startCeiling(bodies: Map<string, Buffer>): Promise<{ url: string; stop: () => void }> {
  const file = join(REPO_ROOT, 'data', 'bench-ceiling.json');
  writeFileSync(file, JSON.stringify(Object.fromEntries([...bodies].map(([k, v]) => [k, v.toString('base64')]))));
  const code = `
    const http = require('node:http');
    const raw = JSON.parse(require('node:fs').readFileSync(${JSON.stringify(file)}, 'utf8'));
    const bodies = new Map(Object.entries(raw).map(([k, v]) => [k, Buffer.from(v, 'base64')]));
    const server = http.createServer((req, res) => {
      const body = bodies.get(req.url);
      if (!body || body.length === 0) { res.writeHead(204); res.end(); return; }
      res.writeHead(200, { 'content-type': 'application/vnd.mapbox-vector-tile', 'content-encoding': 'gzip' });
      res.end(body);
    });
    server.listen(0, '127.0.0.1', () => console.log(server.address().port));`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) => child.stdout!.once('data', (d: Buffer) => resolve(Number(String(d).trim()))));
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGKILL') };
}
