/**
 * Admission: how many requests of one kind may run at once, per caller and in all. A request
 * over its caller's share waits in a short queue (a page opening nine charts at once is served,
 * in turn); past the queue it is refused with 429, and when the atlas as a whole is full, or a
 * wait runs past its limit, with 503 — each with Retry-After. Callers are keyed by token when
 * signed in, else by client address (client.ts), so one caller's flood fills only its own
 * share. Only requests that wait on something (a body, a stream, a sliced computation) hold a
 * place for long; what the event loop runs to completion is bounded by the work budget
 * (budget.ts) instead.
 */
import type { MiddlewareHandler } from 'hono';
import { busy } from '../errors';
import { waited } from './budget';
import { callerKey } from './client';

export interface GateLimits {
  /** Running at once, per caller and in all. */
  perKey: number;
  total: number;
  /** Waiting, per caller and in all (0: refuse at once). */
  queuePerKey: number;
  queueTotal: number;
  /** The longest a request waits for its place before a 503. */
  maxWaitMs: number;
  /** Retry-After when refused, seconds. */
  retryAfter: number;
}

interface Waiter {
  key: string;
  grant: () => void;
  refuse: (e: unknown) => void;
  timer: NodeJS.Timeout | null;
}

export class Gate {
  private readonly running = new Map<string, number>();
  private total = 0;
  private readonly queue: Waiter[] = [];
  private readonly waiting = new Map<string, number>();

  constructor(
    /** What the gate admits, for messages: "uploads", "heavy reads". */
    private readonly what: { zh: string; en: string },
    private readonly limits: GateLimits,
  ) {}

  /** Figures for the health page and the tests. */
  load(): { running: number; waiting: number } {
    return { running: this.total, waiting: this.queue.length };
  }

  /** Wait for a place; resolves to the function that gives it back (call it exactly once). */
  async enter(key: string): Promise<() => void> {
    if (this.fits(key)) return this.take(key);
    const l = this.limits;
    const mineFull = (this.running.get(key) ?? 0) >= l.perKey;
    if (mineFull && (this.waiting.get(key) ?? 0) >= l.queuePerKey) {
      throw busy(429, 'too_many_at_once', l.retryAfter, `您同时进行的${this.what.zh}过多（每位至多 ${l.perKey} 个）`, `too many ${this.what.en} of yours at once (at most ${l.perKey} each)`, { limit: l.perKey });
    }
    if (this.queue.length >= l.queueTotal) {
      throw busy(503, 'overloaded', l.retryAfter, `服务器正忙（同时进行的${this.what.zh}已满）`, `the atlas is busy (${this.what.en} are at their limit)`, { limit: l.total });
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { key, grant: () => resolve(this.take(key)), refuse: reject, timer: null };
      waiter.timer = setTimeout(() => {
        this.dequeue(waiter);
        reject(busy(503, 'overloaded', l.retryAfter, `服务器正忙（等待${this.what.zh}超过 ${Math.round(l.maxWaitMs / 1000)} 秒）`, `the atlas is busy (waited more than ${Math.round(l.maxWaitMs / 1000)} s for ${this.what.en})`, { limit: l.total }));
      }, l.maxWaitMs);
      waiter.timer.unref?.();
      this.queue.push(waiter);
      this.waiting.set(key, (this.waiting.get(key) ?? 0) + 1);
    });
  }

  private fits(key: string): boolean {
    return this.total < this.limits.total && (this.running.get(key) ?? 0) < this.limits.perKey;
  }

  private take(key: string): () => void {
    this.total++;
    this.running.set(key, (this.running.get(key) ?? 0) + 1);
    let given = false;
    return () => {
      if (given) return;
      given = true;
      this.total--;
      const n = (this.running.get(key) ?? 1) - 1;
      if (n > 0) this.running.set(key, n);
      else this.running.delete(key);
      this.admitWaiting();
    };
  }

  /** The first waiters (in arrival order) whose caller has room now. */
  private admitWaiting(): void {
    for (let i = 0; i < this.queue.length && this.total < this.limits.total; ) {
      const w = this.queue[i]!;
      if (!this.fits(w.key)) {
        i++;
        continue;
      }
      this.dequeue(w);
      w.grant();
    }
  }

  private dequeue(w: Waiter): void {
    const i = this.queue.indexOf(w);
    if (i < 0) return;
    this.queue.splice(i, 1);
    if (w.timer) clearTimeout(w.timer);
    const n = (this.waiting.get(w.key) ?? 1) - 1;
    if (n > 0) this.waiting.set(w.key, n);
    else this.waiting.delete(w.key);
  }
}

/**
 * A route's place in a gate, for the caller (callerKey), held until the handler is done — or,
 * for a streamed body (`untilBodyEnds`), until the last byte is sent or the client goes away.
 * The wait for a place is not charged to the caller's work budget.
 */
export function admit(gate: Gate, options: { untilBodyEnds?: boolean } = {}): MiddlewareHandler {
  return async (c, next) => {
    const asked = performance.now();
    const release = await gate.enter(callerKey(c));
    waited(c, performance.now() - asked);
    let handedOver = false;
    try {
      await next();
      const body = c.res.body;
      if (options.untilBodyEnds && body && c.res.status === 200) {
        c.res = new Response(releasing(body, release), c.res);
        handedOver = true;
      }
    } finally {
      if (!handedOver) release();
    }
  };
}

/** How long a stream holds its place at most: one still unread by then no longer counts. */
const STREAM_HOLD_MS = 60_000;

function releasing(body: ReadableStream<Uint8Array>, release: () => void): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const timer = setTimeout(release, STREAM_HOLD_MS);
  timer.unref?.();
  const done = () => {
    clearTimeout(timer);
    release();
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done: end, value } = await reader.read();
        if (end) {
          done();
          controller.close();
        } else controller.enqueue(value);
      } catch (e) {
        done();
        controller.error(e);
      }
    },
    cancel(reason) {
      done();
      return reader.cancel(reason);
    },
  });
}
