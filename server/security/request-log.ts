/**
 * A request id on every request (the caller's X-Request-Id if it is sane, else a new one),
 * echoed in the response and written in one access-log line, so an operator can follow a
 * complaint to its log line and its error.
 */
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';

const SANE = /^[A-Za-z0-9._-]{8,64}$/;

export function requestLog(log: ((line: string) => void) | undefined): MiddlewareHandler {
  return async (c, next) => {
    const given = c.req.header('X-Request-Id');
    const id = given && SANE.test(given) ? given : randomUUID();
    c.set('requestId' as never, id as never);
    const started = performance.now();
    await next();
    c.res.headers.set('X-Request-Id', id);
    log?.(`${id} ${c.req.method} ${c.req.path} ${c.res.status} ${(performance.now() - started).toFixed(1)}ms`);
  };
}
