/**
 * Kill -9 during a large commit. The real server (`atlas serve`) on a temporary data directory
 * gets a 100,000-feature upload; the moment it says it is committing, the process is killed.
 * After a restart the store must pass its integrity check, hold everything committed before,
 * and hold the upload either wholly or not at all (SQLite transaction + WAL).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../server/store/sqlite';
import { hashToken } from '../../server/auth/tokens';

const dir = mkdtempSync(join(tmpdir(), 'atlas-crash-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

interface Server {
  child: ChildProcess;
  url: string;
  /** Resolves when stderr prints a line matching. */
  waitFor(re: RegExp, ms: number): Promise<string>;
}

async function serve(): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'serve'], {
    env: {
      ...process.env,
      DATA_DIR: join(dir, 'data'),
      ATLAS_SEED_SCALE: 'small',
      PORT: String(port),
      HOST: '127.0.0.1',
      ATLAS_WEB_DIR: join(dir, 'no-web'),
      ATLAS_TOKENS: JSON.stringify([{ name: 'ops@telecom', role: 'carrier:telecom', sha256: hashToken('crash-token') }]),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  let err = '';
  const waiters: { re: RegExp; resolve: (line: string) => void }[] = [];
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    err += chunk;
    for (const w of [...waiters]) {
      const m = err.match(w.re);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m[0]);
      }
    }
  });
  const waitFor = (re: RegExp, ms: number) =>
    new Promise<string>((resolve, reject) => {
      const m = err.match(re);
      if (m) return resolve(m[0]);
      const timer = setTimeout(() => reject(new Error(`no ${re} within ${ms} ms; stderr:\n${err.slice(-2000)}`)), ms);
      waiters.push({ re, resolve: (l) => (clearTimeout(timer), resolve(l)) });
      child.once('exit', (code) => reject(new Error(`server exited (${code}) before ${re}; stderr:\n${err.slice(-2000)}`)));
    });
  await waitFor(/serving .* at http/, 60_000);
  return { child, url: `http://127.0.0.1:${port}`, waitFor };
}

/** The process has ended (it may have before we ask: then 'exit' will not fire again). */
const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', r));

const upload = (url: string, query: string, body: Uint8Array) =>
  fetch(`${url}/api/uploads?${query}`, { method: 'POST', body: body as unknown as BodyInit, headers: { authorization: 'Bearer crash-token' } });

describe('a crash during a large commit', () => {
  it('leaves the upload wholly in or wholly out, and loses nothing committed before', async () => {
    const server = await serve();
    // Something committed before the crash, which must survive it.
    const five = readFileSync(join(__dirname, '../fixtures/uploads/good/telecom-points.geojson'));
    const first = await upload(server.url, 'layer=fixed_service&mode=append&filename=five.geojson', five);
    expect(first.status).toBe(201);
    const committed = ((await first.json()) as any).batch.version as number;

    // 100,000 records at the demo's buildings (the small demo has B0001…B5000).
    const features = Array.from({ length: 100_000 }, (_, i) => {
      const b = `B${String((i % 5000) + 1).padStart(4, '0')}`;
      return JSON.stringify({ type: 'Feature', geometry: null, properties: { id: `X-${i}`, carrier: 'telecom', building_id: b, technology: 'ftth', down_mbps: 500, up_mbps: 100, in_service: '2016-01-01', status: 'in_service' } });
    });
    // Point records need their building's position: take it from the exported register.
    const buildings = (await (await fetch(`${server.url}/api/layers/buildings/features?limit=10000`)).json()) as any;
    const at = new Map<string, number[]>(buildings.features.map((f: any) => [f.id, f.geometry.coordinates]));
    const big = `{"type":"FeatureCollection","features":[\n${features.map((f) => {
      const o = JSON.parse(f);
      o.geometry = { type: 'Point', coordinates: at.get(o.properties.building_id) };
      return JSON.stringify(o);
    }).join(',\n')}\n]}`;
    const file = join(dir, 'big.geojson');
    writeFileSync(file, big);

    const pending = upload(server.url, 'layer=fixed_service&mode=replace&filename=big.geojson', readFileSync(file)).catch((e: Error) => e);
    await server.waitFor(/committing 100000 features/, 90_000);
    server.child.kill('SIGKILL');
    const outcome = await pending;
    expect(outcome).toBeInstanceOf(Error); // the connection died with the process
    await exited(server.child);

    // Restart: the server opens the store (quick_check) and serves it.
    const again = await serve();
    const health = (await (await fetch(`${again.url}/api/health`)).json()) as any;
    const count = (await (await fetch(`${again.url}/api/layers`)).json()) as any;
    const telecom = (await (await fetch(`${again.url}/api/layers/fixed_service/features?limit=1`)).json()) as any;
    again.child.kill('SIGTERM');
    await exited(again.child);
    expect(count.layers.find((l: any) => l.id === 'fixed_service').count).toBe(telecom.numberMatched);

    const store = new SqliteStore(join(dir, 'data', 'atlas.db'));
    try {
      expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
      const n = store.count('fixed_service', { owner: 'telecom' });
      const version = store.version();
      expect(version).toBe(health.version);
      // Everything committed before the crash is there.
      expect(store.batch(committed)).not.toBeNull();
      if (version === committed) {
        // Wholly out: telecom's records as they were after the first upload.
        expect(n).toBe(7389 + 5);
        console.log('crash test: the killed commit left nothing (wholly out)');
      } else {
        // Wholly in: exactly the 100,000 records, one batch.
        expect(version).toBe(committed + 1);
        expect(n).toBe(100_000);
        expect(store.batch(version)).toMatchObject({ added: 100_000, removed: 7389 + 5 });
        console.log('crash test: the killed commit had finished (wholly in)');
      }
    } finally {
      store.close();
    }
  }, 180_000);
});
