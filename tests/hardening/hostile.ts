/**
 * Tools of the abuse suite: a real `atlas serve` in a child process (the browser harness's,
 * on a free port), its memory read from /proc, a watcher that keeps asking /api/health while a
 * hostile request runs, raw HTTP for what fetch will not send (bodies that stop mid-way,
 * chunked floods, lying lengths), and the store's counts read beside the running server.
 * Every hostile request's answer time and the memory it cost are collected for the closing
 * figures (tests/artifacts/abuse-figures.json).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ARTIFACTS_DIR, startAtlasServer, type AtlasServer } from '../browser/harness';

export interface Hostile {
  server: AtlasServer;
  url: string;
  /** Bearer tokens by name: telecom, mobile (carriers), planner. */
  tokens: Record<'telecom' | 'mobile' | 'planner', string>;
  /** The server's upload spool folder (ATLAS_UPLOAD_TMP). */
  spool: string;
  stop(): Promise<void>;
}

export async function startHostile(env: Record<string, string> = {}): Promise<Hostile> {
  const tokens = { telecom: `atl_${randomBytes(24).toString('base64url')}`, mobile: `atl_${randomBytes(24).toString('base64url')}`, planner: `atl_${randomBytes(24).toString('base64url')}` };
  const roles = { telecom: 'carrier:telecom', mobile: 'carrier:mobile', planner: 'planner' };
  const entries = Object.entries(tokens).map(([name, token]) => ({ name: `${name}@abuse`, role: roles[name as keyof typeof roles], sha256: createHash('sha256').update(token).digest('hex') }));
  const spool = mkdtempSync(join(tmpdir(), 'atlas-abuse-spool-'));
  const server = await startAtlasServer({ env: { ATLAS_TOKENS: JSON.stringify(entries), ATLAS_UPLOAD_TMP: spool, ATLAS_WRITE_RATE: '100000', ...env } });
  return {
    server,
    url: server.url,
    tokens,
    spool,
    async stop() {
      await server.stop();
      rmSync(spool, { recursive: true, force: true });
    },
  };
}

/** Resident memory of a process now, and its peak since the last `resetPeak`, in MiB. */
export function memoryMiB(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

/** Start a new peak (Linux: writing 5 to clear_refs resets VmHWM to the current RSS). */
export function resetPeak(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

export interface HealthWatch {
  /** Answers of /api/health while watched, their slowest (ms), and failures. */
  answered: number;
  slowestMs: number;
  failures: string[];
}

/**
 * Run `attack` while asking /api/health every 100 ms (each given up to `healthBoundMs`).
 * Returns what the attack returned, how long it took, how health fared meanwhile and the peak
 * memory the server reached.
 */
export async function during<T>(h: Hostile, attack: () => Promise<T>, healthBoundMs = 5000): Promise<{ value: T; ms: number; health: HealthWatch; peakGrowthMiB: number }> {
  const before = memoryMiB(h.server.pid).rss;
  resetPeak(h.server.pid);
  const health: HealthWatch = { answered: 0, slowestMs: 0, failures: [] };
  let stop = false;
  const watcher = (async () => {
    while (!stop) {
      const t = performance.now();
      try {
        const res = await fetch(`${h.url}/api/health`, { signal: AbortSignal.timeout(healthBoundMs) });
        await res.arrayBuffer();
        if (res.status !== 200) health.failures.push(`health ${res.status}`);
        else health.answered++;
        health.slowestMs = Math.max(health.slowestMs, performance.now() - t);
      } catch (e) {
        health.failures.push(`health: ${(e as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const t = performance.now();
  try {
    const value = await attack();
    const ms = performance.now() - t;
    // At least one health answer after the attack started, even for a quick one.
    await new Promise((r) => setTimeout(r, 150));
    stop = true;
    await watcher;
    return { value, ms, health, peakGrowthMiB: memoryMiB(h.server.pid).peak - before };
  } finally {
    stop = true;
    await watcher;
  }
}

export interface RawAnswer {
  status: number | null;
  body: string;
  headers: Record<string, string | string[] | undefined>;
  /** The connection ended without an answer. */
  dropped: boolean;
}

/**
 * Send a request by hand: `write(req)` writes the body (it may stop half-way, lie about its
 * length, or keep going until the server answers — `answered()` says when it has).
 */
export function raw(h: Hostile, options: { method?: string; path: string; headers?: Record<string, string | number> }, write: (req: ReturnType<typeof httpRequest>, answered: () => boolean) => Promise<void> | void): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const u = new URL(h.url);
    let done = false;
    let gotResponse = false;
    const finish = (a: RawAnswer) => {
      if (done) return;
      done = true;
      resolve(a);
    };
    const req = httpRequest({ host: u.hostname, port: u.port, method: options.method ?? 'POST', path: options.path, headers: options.headers }, (res) => {
      gotResponse = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c.length < 1 << 20 ? c : ''));
      res.on('end', () => finish({ status: res.statusCode ?? null, body, headers: res.headers, dropped: false }));
      res.on('error', () => finish({ status: res.statusCode ?? null, body, headers: res.headers, dropped: false }));
    });
    req.on('error', () => finish({ status: null, body: '', headers: {}, dropped: true }));
    void Promise.resolve(write(req, () => gotResponse || done)).catch(() => {});
  });
}

/** What the store holds: data version, features (all rows, all versions), batches, audit rows. */
export function storeCounts(dataDir: string): { version: number; features: number; batches: number; audit: number } {
  const db = new Database(join(dataDir, 'atlas.db'), { readonly: true, fileMustExist: true });
  try {
    const one = (sql: string) => (db.prepare(sql).get() as { n: number | null }).n ?? 0;
    return { version: one('SELECT max(version) AS n FROM batches'), features: one('SELECT count(*) AS n FROM features'), batches: one('SELECT count(*) AS n FROM batches'), audit: one('SELECT count(*) AS n FROM audit') };
  } finally {
    db.close();
  }
}

/** The audit rows after `afterId`, newest last. */
export function auditSince(dataDir: string, afterCount: number): { action: string; detail: Record<string, unknown> }[] {
  const db = new Database(join(dataDir, 'atlas.db'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT action, detail FROM audit ORDER BY id LIMIT -1 OFFSET ?').all(afterCount) as { action: string; detail: string }[]).map((r) => ({ action: r.action, detail: JSON.parse(r.detail) }));
  } finally {
    db.close();
  }
}

export function spoolEntries(h: Hostile): string[] {
  return readdirSync(h.spool);
}

// ------------------------------------------------------------------ figures

export interface AbuseFigure {
  name: string;
  status: number | null;
  ms: number;
  peakGrowthMiB: number;
  healthSlowestMs: number;
}

const figures: AbuseFigure[] = [];

export function record(name: string, r: { ms: number; health: HealthWatch; peakGrowthMiB: number }, status: number | null): void {
  figures.push({ name, status, ms: Math.round(r.ms), peakGrowthMiB: r.peakGrowthMiB, healthSlowestMs: Math.round(r.health.slowestMs) });
}

/** Write the suite's figures (worst answer time, worst memory growth) for the closing note. */
export function writeFigures(extra: Record<string, unknown>): void {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const worst = (key: 'ms' | 'peakGrowthMiB' | 'healthSlowestMs') => figures.reduce((m, f) => (f[key] > m[key] ? f : m), figures[0]!);
  const summary = { worstAnswer: worst('ms'), worstMemory: worst('peakGrowthMiB'), slowestHealth: worst('healthSlowestMs'), ...extra, figures };
  writeFileSync(join(ARTIFACTS_DIR, 'abuse-figures.json'), `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`abuse suite: worst answer ${summary.worstAnswer.ms} ms (${summary.worstAnswer.name}); worst memory growth ${summary.worstMemory.peakGrowthMiB} MiB (${summary.worstMemory.name}); slowest health ${summary.slowestHealth.healthSlowestMs} ms (${summary.slowestHealth.name})`);
}
