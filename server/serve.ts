/** Start the HTTP server on a port; stop it gracefully on SIGINT/SIGTERM. */
import { serve, type ServerType } from '@hono/node-server';
import type { Atlas } from './atlas';
import { createApp } from './app';
import { sweepSpools } from './ingest/spool';

export function startServer(atlas: Atlas, options: { port: number; host: string; webDir: string; log: (line: string) => void }): Promise<ServerType> {
  // What a crashed run left in the spool (a body half received, a zip half unpacked).
  const swept = sweepSpools();
  if (swept.length) options.log(`removed ${swept.length} upload spool folder(s) left by a process that is gone: ${swept.join(', ')}`);
  const app = createApp(atlas, { webDir: options.webDir, log: options.log });
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, (info) => {
      options.log(`Broadband Atlas serving ${atlas.base.city.name.zh} (${atlas.base.city.name.en}) at http://${options.host === '0.0.0.0' ? 'localhost' : options.host}:${info.port}  data version ${atlas.store.version()}`);
      resolve(server);
    });
    const stop = (signal: string) => {
      options.log(`${signal}: closing connections and the store`);
      server.close(() => {
        atlas.close();
        process.exit(0);
      });
      // Connections that hang on would keep us up for ever: give them a few seconds.
      setTimeout(() => process.exit(0), 5000).unref();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}
