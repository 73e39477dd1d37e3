/**
 * Rate limits: writes per client (ATLAS_WRITE_RATE per minute, default 60) and failed sign-ins
 * per client (ATLAS_AUTH_FAIL_RATE per minute, default 20; guessing tokens is then hopeless).
 * A fixed one-minute window per key: simple, and enough for one server. Over the limit: 429
 * with Retry-After and the JSON error shape.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { ApiError } from '../errors';

export interface RateOptions {
  writesPerMinute: number;
  authFailuresPerMinute: number;
  /** Take the client address from X-Forwarded-For (behind a reverse proxy you trust). */
  trustProxy: boolean;
  now?: () => number;
}

class Window {
  private readonly counts = new Map<string, { start: number; n: number }>();
  constructor(
    private readonly limit: number,
    private readonly now: () => number,
  ) {}

  /** Seconds until the key may go on, or 0 if it may go on now. */
  blocked(key: string): number {
    const w = this.counts.get(key);
    const t = this.now();
    if (!w || t - w.start >= 60_000) return 0;
    return w.n >= this.limit ? Math.ceil((w.start + 60_000 - t) / 1000) : 0;
  }

  hit(key: string): void {
    const t = this.now();
    const w = this.counts.get(key);
    if (!w || t - w.start >= 60_000) this.counts.set(key, { start: t, n: 1 });
    else w.n++;
    if (this.counts.size > 100_000) this.counts.clear(); // never grow without bound
  }
}

export function clientKey(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('X-Forwarded-For')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'local';
  } catch {
    return 'local'; // app.request() in tests: no socket
  }
}

export function rateLimits(options: RateOptions): MiddlewareHandler {
  const now = options.now ?? Date.now;
  const writes = new Window(options.writesPerMinute, now);
  const failures = new Window(options.authFailuresPerMinute, now);
  const tooMany = (seconds: number, zh: string, en: string) => {
    const e = new ApiError(429, 'rate_limited', `${zh}，请 ${seconds} 秒后再试`, `${en}; try again in ${seconds} s`, { retryAfter: seconds });
    return e;
  };
  return async (c, next) => {
    const key = clientKey(c, options.trustProxy);
    const hasToken = c.req.header('Authorization') !== undefined;
    const isWrite = !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method);
    const wait = Math.max(hasToken ? failures.blocked(key) : 0, isWrite ? writes.blocked(key) : 0);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      throw tooMany(wait, '请求过于频繁', 'too many requests');
    }
    if (isWrite) writes.hit(key);
    await next();
    if (hasToken && c.res.status === 401) failures.hit(key);
  };
}
