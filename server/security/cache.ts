/**
 * What a shared cache (the proxy's, a CDN's, an office's) may keep. A response to a request
 * that carried a token may show what only that token may see (duct routes, exact distances),
 * so it is never public: `public` becomes `private` (the caller's own browser may still keep a
 * versioned tile a day), and a response with no Cache-Control gets `private, no-cache`. Every
 * API, tile and OGC response varies on Authorization, so a cache never answers an anonymous
 * request with what a signed-in one got, or the other way round.
 */
import type { MiddlewareHandler } from 'hono';

const TOKEN_DEPENDENT = /^\/(api|tiles|ogc)(\/|$)/;

export function privateWhenSignedIn(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (!TOKEN_DEPENDENT.test(c.req.path)) return;
    const h = c.res.headers;
    const vary = h.get('Vary');
    if (!vary || !/(^|,)\s*authorization\s*(,|$)/i.test(vary)) h.set('Vary', vary ? `${vary}, Authorization` : 'Authorization');
    if (c.req.header('Authorization') === undefined) return;
    const cc = h.get('Cache-Control');
    if (!cc) h.set('Cache-Control', 'private, no-cache');
    else if (!/\b(private|no-store)\b/i.test(cc)) h.set('Cache-Control', /\bpublic\b/i.test(cc) ? cc.replace(/\bpublic\b/i, 'private') : `private, ${cc}`);
  };
}
