/**
 * Soak with a hostile client (issue: nothing anyone sends can stop the server): the soak's
 * normal readers — 32 connections of tiles, features and compliance, as 64 clients behind a
 * proxy (ATLAS_TRUST_PROXY=127.0.0.1, each with its own X-Forwarded-For: readerRequests) — run twice in the
 * same run: alone, then with an attacker from one address hammering every expensive and
 * hostile request it can (the longest fresh series of a grid cell, big what-ifs, chunked
 * floods, deep JSON, wrong tokens, fresh-date grid compliance). Reports the others' p50/p99
 * and errors both times, what the attacker got (by status), and the server's memory.
 */
import { request as httpRequest } from 'node:http';
import autocannon from 'autocannon';
import { ensureWebBuilt, type AtlasServer } from '../browser/harness';
import type { Scale } from '../../seeds/generate';
import type { Bench } from './harness';
import { startBenchServer } from './store';
import { READER_CLIENTS, readerRequests, rssMiB } from './soak.bench';

const READERS = 32;
const ATTACK_LOOPS = 4;
const ATTACKER = '203.0.113.66';

export async function benchHostileSoak(bench: Bench, scale: Scale, seconds = 30): Promise<Record<string, unknown>> {
  console.log(`\n== soak with a hostile client, scale ${scale}, ${seconds} s alone then ${seconds} s with ${ATTACK_LOOPS} attack loops from one address`);
  ensureWebBuilt();
  const server = await startBenchServer(scale, { ATLAS_TRUST_PROXY: '127.0.0.1' });
  try {
    await fetch(`${server.url}/api/compliance?level=city`);
    const buildings = (await (await fetch(`${server.url}/api/layers/buildings/features?limit=2000`)).json()) as { features: { geometry: { coordinates: [number, number] } }[] };
    const cells = ((await (await fetch(`${server.url}/api/compliance?level=grid&asOf=2015-12-31`)).json()) as { areas: { code: string }[] }).areas.map((a) => a.code);
    const requests = readerRequests(buildings.features.map((f) => f.geometry.coordinates));
    const readers = () => autocannon({ url: server.url, connections: READERS, duration: seconds, requests });

    const memory: number[] = [];
    const sampler = setInterval(() => memory.push(rssMiB(server.pid)), 1000);
    const alone = await readers();
    const memoryAlone = [...memory];

    const attacker = new Attacker(server, cells);
    const attack = attacker.run(ATTACK_LOOPS);
    const attacked = await readers();
    attacker.stop();
    await attack;
    clearInterval(sampler);
    const health = await fetch(`${server.url}/api/health`);

    const errors = (r: autocannon.Result) => r.errors + r.timeouts + r['4xx'] + r['5xx'];
    bench.record({ name: `others alone: p50 / p99 (${READERS} connections, ${READER_CLIENTS} clients)`, value: alone.latency.p99, unit: 'ms p99', note: `p50 ${alone.latency.p50} ms; ${alone.requests.total} requests, ${errors(alone)} errors` });
    bench.record({ name: 'others under attack: p50 / p99', value: attacked.latency.p99, unit: 'ms p99', baseline: { name: 'alone', value: alone.latency.p99 }, note: `p50 ${attacked.latency.p50} ms; ${attacked.requests.total} requests, ${errors(attacked)} errors` });
    bench.record({ name: 'others under attack: errors (4xx, 5xx, timeouts)', value: errors(attacked), unit: '', target: '0' });
    bench.record({ name: `attacker's requests (${ATTACK_LOOPS} loops, one address)`, value: attacker.total(), unit: 'req', note: attacker.summary() });
    bench.record({ name: 'server memory: alone start → peak; attacked peak → end', value: memory.at(-1) ?? 0, unit: 'MiB', note: `${memoryAlone[0]} → ${Math.max(...memoryAlone)}; ${Math.max(...memory.slice(memoryAlone.length))} → ${memory.at(-1)}` });
    bench.record({ name: 'health after the attack', value: health.status, unit: '' });
    return {
      alone: { p50: alone.latency.p50, p99: alone.latency.p99, requests: alone.requests.total, errors: errors(alone) },
      attacked: { p50: attacked.latency.p50, p99: attacked.latency.p99, requests: attacked.requests.total, errors: errors(attacked) },
      attacker: attacker.byKind,
      memoryMiB: memory,
    };
  } finally {
    await server.stop();
  }
}

/** One address doing its worst, in loops, until stopped. */
class Attacker {
  readonly byKind: Record<string, Record<string, number>> = {};
  private stopped = false;
  private n = 0;

  constructor(
    private readonly server: AtlasServer,
    private readonly cells: string[],
  ) {}

  stop(): void {
    this.stopped = true;
  }

  total(): number {
    return Object.values(this.byKind).reduce((s, k) => s + Object.values(k).reduce((a, b) => a + b, 0), 0);
  }

  summary(): string {
    return Object.entries(this.byKind)
      .map(([kind, statuses]) => `${kind} ${Object.entries(statuses).map(([s, n]) => `${s}×${n}`).join(' ')}`)
      .join('; ');
  }

  private count(kind: string, status: number | string): void {
    const k = (this.byKind[kind] ??= {});
    k[status] = (k[status] ?? 0) + 1;
  }

  async run(loops: number): Promise<void> {
    await Promise.all(Array.from({ length: loops }, (_, i) => this.loop(i)));
  }

  private async loop(i: number): Promise<void> {
    const kinds = ['series', 'whatif', 'flood', 'deep', 'bad-token', 'grid'] as const;
    for (let k = i; !this.stopped; k++) {
      const kind = kinds[k % kinds.length]!;
      try {
        this.count(kind, await this.once(kind));
      } catch (e) {
        this.count(kind, (e as Error).name);
      }
    }
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { 'x-forwarded-for': ATTACKER, ...extra };
  }

  private async once(kind: 'series' | 'whatif' | 'flood' | 'deep' | 'bad-token' | 'grid'): Promise<number> {
    const url = this.server.url;
    const n = this.n++;
    switch (kind) {
      case 'series': {
        // The longest series allowed, of a grid cell, on dates no one asked for yet.
        const cell = this.cells[n % this.cells.length]!;
        const year = 1901 + (n % 60);
        return status(await fetch(`${url}/api/areas/${cell}?from=${year}-01-01&asOf=${year + 19}-12-31&step=quarter`, { headers: this.headers() }));
      }
      case 'whatif': {
        const ring: number[][] = [];
        for (let v = 0; v < 9_000; v++) ring.push([117.2 + (v / 9000) * 2, v % 2 ? 33.2 : 31.9]);
        ring.push([119.2, 31.85], [117.2, 31.85], ring[0]!);
        return status(await fetch(`${url}/api/whatif?asOf=20${10 + (n % 15)}-06-30`, { method: 'POST', headers: this.headers({ 'content-type': 'application/json' }), body: JSON.stringify({ geometry: { type: 'Polygon', coordinates: [ring] }, technology: 'ftth', down_mbps: 1000 }) }));
      }
      case 'flood':
        return chunkedFlood(url, this.headers());
      case 'deep':
        return status(await fetch(`${url}/api/whatif`, { method: 'POST', headers: this.headers({ 'content-type': 'application/json' }), body: '['.repeat(100_000) + ']'.repeat(100_000) }));
      case 'bad-token':
        return status(await fetch(`${url}/api/layers/ducts/features?limit=10000`, { headers: this.headers({ authorization: `Bearer guess-${n}` }) }));
      case 'grid':
        return status(await fetch(`${url}/api/compliance?level=grid&asOf=19${10 + (n % 90)}-0${1 + (n % 9)}-15`, { headers: this.headers() }));
    }
  }
}

async function status(res: Response): Promise<number> {
  await res.arrayBuffer();
  return res.status;
}

/** A chunked what-if body sent until the server answers (it should, at 1 MB). */
function chunkedFlood(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const u = new URL(url);
    let answered = false;
    const req = httpRequest({ host: u.hostname, port: u.port, method: 'POST', path: '/api/whatif', headers: { ...headers, 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
      answered = true;
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(answered ? 0 : -1));
    void (async () => {
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      for (let sent = 0; sent < 600 * 2 ** 20 && !answered; sent += chunk.length) {
        if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
      }
      req.end();
    })().catch(() => {});
  });
}
