/**
 * Rate limits, in a fixed one-minute window per key (simple, and enough for one server), over
 * the limit a 429 with Retry-After and the JSON error shape:
 *
 * - Writes (ATLAS_WRITE_RATE per minute, default 60) per caller: its token when signed in,
 *   else its client address (client.ts). Counted after sign-in, so an anonymous flood from a
 *   shared address does not spend a carrier's allowance.
 * - Failed sign-ins (ATLAS_AUTH_FAIL_RATE per minute, default 20) per client address. Over the
 *   limit, an invalid token from that address is answered 429 instead of 401 — but a valid
 *   token is always served: another client's failures (a neighbour behind the same NAT, or
 *   someone who only knows the victim's address) can never lock a signed-in user out.
 *   That trade is sound because tokens are 32 random bytes: guessing one is hopeless at any
 *   rate, so the limit's job is to make failures cheap and visible, not to be what stops
 *   guessing — and a limit that refused valid tokens would hand anyone a lockout.
 */
import type { MiddlewareHandler } from 'hono';
import { busy } from '../errors';
import { addressKey, callerKey, clientOf } from './client';

export interface RateOptions {
  writesPerMinute: number;
  authFailuresPerMinute: number;
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

const tooMany = (seconds: number, zh: string, en: string) => busy(429, 'rate_limited', seconds, zh, en);

export interface RateLimits {
  /** Before sign-in: failed sign-ins per address (an invalid token over the limit → 429). */
  signIn: MiddlewareHandler;
  /** After sign-in: writes per caller. */
  writes: MiddlewareHandler;
}

export function rateLimits(options: RateOptions): RateLimits {
  const now = options.now ?? Date.now;
  const writes = new Window(options.writesPerMinute, now);
  const failures = new Window(options.authFailuresPerMinute, now);
  return {
    signIn: async (c, next) => {
      const hasToken = c.req.header('Authorization') !== undefined;
      await next();
      // A 401 to a request that carried a token: the token is not valid (a valid one never gets
      // 401: it gets 403 where its role may not go).
      if (!hasToken || c.res.status !== 401) return;
      const key = addressKey(clientOf(c));
      const wait = failures.blocked(key);
      if (wait === 0) {
        failures.hit(key);
        return;
      }
      const e = tooMany(wait, '登录失败次数过多', 'too many failed sign-ins from this address');
      c.res = undefined;
      c.res = c.json(e.toJSON(), 429, { 'Retry-After': String(e.retryAfter) });
    },
    writes: async (c, next) => {
      if (!['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) {
        const key = callerKey(c);
        const wait = writes.blocked(key);
        if (wait > 0) throw tooMany(wait, '请求过于频繁', 'too many requests');
        writes.hit(key);
      }
      await next();
    },
  };
}
