/**
 * Security headers on every response (docs/SECURITY.md): no MIME sniffing, no framing, no
 * referrer leaks, and for HTML a Content-Security-Policy with no inline script or style —
 * the built web app needs none (Vite emits files; Svelte styles are in CSS files; MapLibre
 * sets styles through the CSSOM, which CSP does not govern). A response that sets its own
 * CSP (the OGC HTML view, with a hashed stylesheet) keeps it.
 */
import type { MiddlewareHandler } from 'hono';

export interface HeaderOptions {
  /** Extra image origins for an online basemap (ATLAS_BASEMAP_ORIGINS), e.g. https://t0.tianditu.gov.cn */
  imageOrigins?: string[];
}

export function securityHeaders(options: HeaderOptions = {}): MiddlewareHandler {
  const images = ["'self'", 'data:', 'blob:', ...(options.imageOrigins ?? [])].join(' ');
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src ${images}`,
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "child-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('X-Frame-Options', 'DENY');
    h.set('Referrer-Policy', 'same-origin');
    h.set('Cross-Origin-Opener-Policy', 'same-origin');
    if ((h.get('Content-Type') ?? '').startsWith('text/html') && !h.has('Content-Security-Policy')) h.set('Content-Security-Policy', csp);
  };
}
