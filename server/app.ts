/**
 * The Hono app: one sub-app per resource, mounted with `app.route()`, one error handler, and the
 * built web app at `/`. Tests call `createApp(atlas).request(...)`: no port, no network.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Atlas } from './atlas';
import { ApiError } from './errors';
import { complianceRoutes } from './routes/compliance';
import { healthRoutes } from './routes/health';
import { tileRoutes } from './routes/tiles';
import { TileService } from './tiles/service';
import { layerRoutes } from './routes/layers';

export interface AppOptions {
  /** Folder of the built web app; omitted in API-only tests. */
  webDir?: string;
  log?: (line: string) => void;
}

export function createApp(atlas: Atlas, options: AppOptions = {}) {
  const app = new Hono();

  app.onError((err, c) => {
    if (err instanceof ApiError) return c.json(err.toJSON(), err.status);
    // Unexpected: log it for the operator, tell the client nothing about paths or stacks.
    options.log?.(`error ${c.req.method} ${c.req.path}: ${err.stack ?? err.message}`);
    return c.json({ error: { code: 'internal', message: { zh: '服务器内部错误', en: 'internal server error' } } }, 500);
  });
  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: { zh: `找不到 ${c.req.path}`, en: `no such resource: ${c.req.path}` } } }, 404),
  );

  app.route('/api/health', healthRoutes(atlas));
  app.route('/api/layers', layerRoutes(atlas));
  app.route('/api', complianceRoutes(atlas));
  app.route('/tiles', tileRoutes(atlas, new TileService(atlas)));

  const webDir = options.webDir;
  if (webDir && existsSync(join(webDir, 'index.html'))) {
    const index = readFileSync(join(webDir, 'index.html'), 'utf8');
    app.use('/assets/*', serveStatic({ root: webDir }));
    app.use('/*', serveStatic({ root: webDir, index: 'index.html' }));
    // Client-side pages (/compliance, /upload …) all load the same index.html.
    app.get('*', (c) => (c.req.path.startsWith('/api/') ? c.notFound() : c.html(index)));
  }
  return app;
}
