/**
 * The Hono app: one sub-app per resource, mounted with `app.route()`, one error handler, and the
 * built web app at `/`. Tests call `createApp(atlas).request(...)`: no port, no network.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Atlas } from './atlas';
import { ApiError, storageFailure } from './errors';
import { TargetsError } from '../geodata/targets';
import { complianceRoutes } from './routes/compliance';
import { healthRoutes } from './routes/health';
import { tileRoutes } from './routes/tiles';
import { TileService } from './tiles/service';
import { layerRoutes } from './routes/layers';
import { ogcRoutes } from './routes/ogc';
import { createAuth, type Auth } from './auth';
import { uploadRoutes } from './routes/uploads';
import { readSecurityConfig, type SecurityConfig } from './security/config';
import { cors } from './security/cors';
import { securityHeaders } from './security/headers';
import { rateLimits } from './security/rate-limit';
import { admit, Gate } from './security/admission';
import { WorkBudget, workBudget } from './security/budget';
import { privateWhenSignedIn } from './security/cache';
import { clientIdentity } from './security/client';
import { requestLog } from './security/request-log';
import { sensitiveLayers } from './security/sensitive';

export interface AppOptions {
  /** Folder of the built web app; omitted in API-only tests. */
  webDir?: string;
  log?: (line: string) => void;
  /** Authentication (tokens, public reads); default: from the data directory and environment. */
  auth?: Auth;
  /** CORS, rate limits, proxy trust, basemap origins; default: from the environment. */
  security?: SecurityConfig;
}

export function createApp(atlas: Atlas, options: AppOptions = {}) {
  const app = new Hono();

  app.onError((err, c) => {
    if (err instanceof ApiError) {
      if (err.retryAfter) c.header('Retry-After', String(err.retryAfter));
      return c.json(err.toJSON(), err.status);
    }
    const full = storageFailure(err);
    if (full) {
      options.log?.(`storage failure ${c.req.method} ${c.req.path}: ${(err as Error).message}`);
      return c.json(full.toJSON(), 507);
    }
    if (err instanceof TargetsError) {
      // An official's edit of targets.json broke it: say which fields, serve no wrong figures.
      const e = new ApiError(503, 'targets_invalid', '目标文件 targets.json 有误，请更正后重试', 'the targets file targets.json is invalid; correct it and retry', { problems: err.problems });
      return c.json(e.toJSON(), 503);
    }
    // Unexpected: log it for the operator, tell the client nothing about paths or stacks.
    options.log?.(`error ${c.req.method} ${c.req.path}: ${err.stack ?? err.message}`);
    return c.json({ error: { code: 'internal', message: { zh: '服务器内部错误', en: 'internal server error' } } }, 500);
  });
  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: { zh: `找不到 ${c.req.path}`, en: `no such resource: ${c.req.path}` } } }, 404),
  );

  // Before every route: request id and access log, security headers, CORS (reads only), what
  // caches may keep; the client's address (proxy-aware); failed sign-ins per address; who is
  // calling (bearer token); then, per caller, writes per minute, its share of the server's time,
  // and its place among the heavy reads that wait on something (bodies, streams, slices).
  const security = options.security ?? readSecurityConfig();
  app.use('*', requestLog(options.log));
  app.use('*', securityHeaders({ imageOrigins: security.imageOrigins }));
  app.use('*', cors(security.corsOrigins));
  app.use('*', privateWhenSignedIn());
  app.use('*', clientIdentity(security.trustProxy));
  const limits = rateLimits(security);
  app.use('*', limits.signIn);
  const auth = options.auth ?? createAuth(atlas, { log: options.log });
  for (const path of ['/api/*', '/tiles/*', '/ogc/*']) app.use(path, auth.middleware);
  app.use('*', limits.writes);
  const budget = workBudget(new WorkBudget(security.workBurstMs, security.workPerSecondMs));
  for (const path of ['/api/*', '/tiles/*', '/ogc/*']) {
    app.use(path, (c, next) => (c.req.path === '/api/health' || c.req.path === '/api/me' || (c.req.method === 'POST' && c.req.path.startsWith('/api/uploads')) ? next() : budget(c, next)));
  }
  const heavy = new Gate(
    { zh: '大计算量请求', en: 'heavy requests' },
    { perKey: security.heavyPerCaller, total: security.heavyTotal, queuePerKey: 4 * security.heavyPerCaller, queueTotal: 16 * security.heavyTotal, maxWaitMs: 30_000, retryAfter: 5 },
  );
  app.use('/api/whatif', admit(heavy));
  app.use('/api/areas/*', admit(heavy));
  app.use('/api/layers/:layer/features', admit(heavy, { untilBodyEnds: true }));
  app.use('/ogc/collections/:id/items', admit(heavy, { untilBodyEnds: true }));
  app.use('*', sensitiveLayers());
  app.route('/api/me', auth.meRoutes());
  app.route('/api/uploads', uploadRoutes(atlas, { log: options.log }));
  app.route('/api/health', healthRoutes(atlas));
  app.route('/api/layers', layerRoutes(atlas));
  app.route('/api', complianceRoutes(atlas));
  app.route('/tiles', tileRoutes(atlas, new TileService(atlas)));
  app.route('/ogc', ogcRoutes(atlas, { basePath: '/ogc', log: options.log }));

  const webDir = options.webDir;
  if (webDir && existsSync(join(webDir, 'index.html'))) {
    // Each page of the web app is its own entry (Vite multi-page): the map at /, the officials'
    // compliance view at /compliance, the carriers' upload page at /upload.
    const page = (name: string) => (existsSync(join(webDir, name)) ? readFileSync(join(webDir, name), 'utf8') : null);
    const index = page('index.html')!;
    const pages: Record<string, string | null> = { '/compliance': page('compliance.html'), '/upload': page('upload.html') };
    for (const [path, html] of Object.entries(pages)) if (html) app.get(path, (c) => c.html(html));
    app.use('/assets/*', serveStatic({ root: webDir }));
    app.use('/*', serveStatic({ root: webDir, index: 'index.html' }));
    // Anything else that is not the API is the map page (deep links carry their state in the URL).
    app.get('*', (c) => (c.req.path.startsWith('/api/') || c.req.path.startsWith('/tiles/') || c.req.path.startsWith('/ogc') ? c.notFound() : c.html(index)));
  }
  return app;
}
