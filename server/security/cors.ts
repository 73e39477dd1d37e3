/**
 * CORS: closed by default. ATLAS_CORS_ORIGINS lists origins that may *read* (GET/HEAD: the
 * city's other systems showing our tiles or figures); writes are never allowed cross-origin,
 * so a page elsewhere cannot make a signed-in browser upload or revert.
 */
import type { MiddlewareHandler } from 'hono';

export function cors(origins: readonly string[]): MiddlewareHandler {
  const allowed = new Set(origins);
  return async (c, next) => {
    const origin = c.req.header('Origin');
    const ok = origin !== undefined && (allowed.has(origin) || allowed.has('*'));
    if (c.req.method === 'OPTIONS' && origin) {
      // Preflight: only for reads.
      const method = c.req.header('Access-Control-Request-Method') ?? '';
      if (!ok || !['GET', 'HEAD'].includes(method)) return c.body(null, 403);
      c.header('Access-Control-Allow-Origin', allowed.has('*') ? '*' : origin);
      c.header('Access-Control-Allow-Methods', 'GET, HEAD');
      c.header('Access-Control-Allow-Headers', 'Authorization, If-None-Match');
      c.header('Access-Control-Max-Age', '600');
      c.header('Vary', 'Origin');
      return c.body(null, 204);
    }
    await next();
    if (ok && (c.req.method === 'GET' || c.req.method === 'HEAD')) {
      c.res.headers.set('Access-Control-Allow-Origin', allowed.has('*') ? '*' : origin!);
      c.res.headers.set('Access-Control-Expose-Headers', 'ETag, X-Request-Id');
      c.res.headers.append('Vary', 'Origin');
    }
  };
}
