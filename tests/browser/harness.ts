/**
 * Browser-test harness: the real atlas server on a free port with a fresh data directory, and a
 * real headless Chromium (playwright-core, WebGL through SwiftShader). No mocks: what the test
 * sees is what a user's browser would get from `atlas serve`.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const WEB_DIR = join(REPO_ROOT, 'dist/web');
export const ARTIFACTS_DIR = join(REPO_ROOT, 'tests/artifacts');

/**
 * Build the web app unless dist/web already has the pages a test needs (the test command builds
 * it first). `pages`: the HTML entries to look for, e.g. ['compliance.html'].
 */
export function ensureWebBuilt(pages: readonly string[] = ['index.html']): void {
  if (pages.every((page) => existsSync(join(WEB_DIR, page)))) return;
  execFileSync(process.execPath, [join(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

export interface AtlasServer {
  pid: number;
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  dataDir: string;
  /** Everything the server wrote to stdout and stderr so far. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Start `atlas serve` on a free port over an empty temp DATA_DIR, so it seeds the small demo city,
 * and wait until /api/health answers.
 */
export async function startAtlasServer(
  options: { timeoutMs?: number; dataDir?: string; seedScale?: 'small' | 'city' | 'large' | 'none'; env?: Record<string, string> } = {},
): Promise<AtlasServer> {
  const timeoutMs = options.timeoutMs ?? 90_000;
  // A given data directory is the caller's to keep; a fresh one is removed on stop.
  const ownDir = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'atlas-browser-test-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // One process, not npx → tsx → node: a signal to it reaches the server itself.
  // ATLAS_SERVER_NODE_ARGS: extra Node flags for the server (e.g. `--cpu-prof` to profile a benchmark).
  const nodeArgs = (process.env.ATLAS_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'server/cli.ts', 'serve'], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATA_DIR: dataDir, ATLAS_SEED_SCALE: options.seedScale ?? 'small', PORT: String(port), HOST: '127.0.0.1', ATLAS_WEB_DIR: WEB_DIR, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  let hasExited = false;
  // If the test run itself dies, do not leave the server behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => {
    hasExited = true;
    process.off('exit', killOnExit);
  });

  const stop = async () => {
    if (!hasExited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 8000);
      await exited;
      clearTimeout(timer);
    }
    if (ownDir) rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (hasExited) {
      await stop();
      throw new Error(`atlas serve exited before it was ready:\n${output}`);
    }
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) break;
    } catch {
      // Not listening yet: still seeding.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`atlas serve did not answer /api/health within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { pid: child.pid ?? -1, url, dataDir, output: () => output, stop };
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // WebGL without a GPU: ANGLE on SwiftShader.
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`no Chromium at ${executablePath}: install it (apt-get install chromium fonts-noto-cjk) or set CHROMIUM_PATH`);
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

export interface PageProblems {
  consoleErrors: string[];
  consoleWarnings: string[];
  pageErrors: string[];
  /** Requests that failed outright, or got an HTTP error status. */
  failedRequests: string[];
  /**
   * Requests the page itself cancelled (net::ERR_ABORTED): MapLibre drops tiles that moved out of
   * view, and a panel aborts the fetch a newer one supersedes. Not failures.
   */
  abortedRequests: string[];
  /** Every URL the page asked for, to check that nothing left the atlas server. */
  requests: string[];
}

/** Record console errors and warnings, uncaught exceptions, failed requests and every request URL. */
export function watchPage(page: Page): PageProblems {
  const problems: PageProblems = { consoleErrors: [], consoleWarnings: [], pageErrors: [], failedRequests: [], abortedRequests: [], requests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(message.text());
    if (message.type() === 'warning') problems.consoleWarnings.push(message.text());
  });
  page.on('pageerror', (error) => problems.pageErrors.push(error.stack ?? error.message));
  page.on('request', (request) => problems.requests.push(request.url()));
  page.on('requestfailed', (request) => {
    const line = `${request.method()} ${request.url()}: ${request.failure()?.errorText ?? 'failed'}`;
    (request.failure()?.errorText === 'net::ERR_ABORTED' ? problems.abortedRequests : problems.failedRequests).push(line);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.failedRequests.push(`${response.request().method()} ${response.url()}: HTTP ${response.status()}`);
  });
  return problems;
}

/**
 * Wait until the map (window.__atlasMap) has the given layers, has loaded everything
 * (`map.loaded()`), and has gone idle once more after a forced repaint.
 */
export async function waitForMapIdle(page: Page, layers: string[], timeoutMs = 30_000): Promise<void> {
  await page.waitForFunction(() => window.__atlasMap !== undefined, null, { timeout: timeoutMs });
  await page.evaluate(
    async ({ layers, timeoutMs }) => {
      const deadline = Date.now() + timeoutMs;
      const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
      for (;;) {
        const map = window.__atlasMap;
        if (map && layers.every((id) => map.getLayer(id)) && map.loaded()) {
          const idle = await Promise.race([
            new Promise<boolean>((r) => {
              map.once('idle', () => r(true));
              map.triggerRepaint();
            }),
            sleep(Math.max(0, deadline - Date.now())).then(() => false),
          ]);
          if (idle && map.loaded()) return;
        }
        if (Date.now() > deadline) {
          const missing = layers.filter((id) => !map?.getLayer(id));
          throw new Error(`map not idle after ${timeoutMs} ms (map: ${map ? 'yes' : 'no'}, loaded: ${map?.loaded()}, missing layers: ${missing.join(', ') || 'none'})`);
        }
        await sleep(100);
      }
    },
    { layers, timeoutMs },
  );
}

/**
 * The built web app from a plain static file server whose API is down: every request under
 * /api/ has its connection dropped, as when `atlas serve` behind a proxy has stopped.
 */
export async function startApiDownServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css' };
  const server = createHttpServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path.startsWith('/api/')) {
      req.socket.destroy();
      return;
    }
    const file = join(WEB_DIR, normalize(path === '/' ? '/index.html' : path));
    readFile(file.startsWith(WEB_DIR) ? file : join(WEB_DIR, 'index.html')).then(
      (body) => res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Where a longitude/latitude is on the page (CSS pixels), through the map's own projection. */
export async function mapPointOnPage(page: Page, lngLat: [number, number]): Promise<{ x: number; y: number }> {
  return page.evaluate((lngLat) => {
    const map = window.__atlasMap!;
    const p = map.project(lngLat);
    const rect = map.getCanvas().getBoundingClientRect();
    return { x: rect.left + p.x, y: rect.top + p.y };
  }, lngLat);
}

/** Click the map at a longitude/latitude, as a user would (a real mouse event on the canvas). */
export async function clickMap(page: Page, lngLat: [number, number]): Promise<void> {
  const { x, y } = await mapPointOnPage(page, lngLat);
  await page.mouse.click(x, y);
}

/** Move the camera without animation and wait until the map is idle again. */
export async function jumpMap(page: Page, center: [number, number], zoom: number, layers: string[] = []): Promise<void> {
  await page.evaluate(({ center, zoom }) => window.__atlasMap!.jumpTo({ center, zoom }), { center, zoom });
  await waitForMapIdle(page, layers);
}
