/**
 * The work budget: each caller's share of the event loop. Node runs a request's computation to
 * its end before it serves the next, so what keeps one caller from starving the others is not
 * how many requests it has open but how much computing it asks for. Every caller (its token, or
 * its address: client.ts) has a bucket of milliseconds of work — a burst (ATLAS_WORK_BURST_MS,
 * default 5 s) refilled at ATLAS_WORK_PER_SECOND_MS (default 250: a quarter of the event loop's time,
 * sustained). A request is charged the time it computed (its time in the server, less what it
 * spent waiting: a body arriving, its turn between slices); one that finds its bucket empty is
 * refused with 429 and Retry-After — so one caller gets at most a quarter of the server over
 * time, whatever it sends, and everyone else keeps the rest. (No single request may compute for
 * long either: every request's work has its own bound, docs/SECURITY.md.)
 */
import type { Context, MiddlewareHandler } from 'hono';
import { busy } from '../errors';
import { callerKey } from './client';

export class WorkBudget {
  private readonly buckets = new Map<string, { level: number; at: number }>();

  constructor(
    private readonly burstMs: number,
    private readonly perSecondMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  private bucket(key: string): { level: number; at: number } {
    const t = this.now();
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size > 50_000) this.forgetFull(t);
      this.buckets.set(key, (b = { level: this.burstMs, at: t }));
    }
    b.level = Math.min(this.burstMs, b.level + ((t - b.at) * this.perSecondMs) / 1000);
    b.at = t;
    return b;
  }

  /** Seconds until the caller may compute again; 0 now. */
  wait(key: string): number {
    const b = this.bucket(key);
    return b.level > 0 ? 0 : -b.level / this.perSecondMs + 0.001;
  }

  charge(key: string, ms: number): void {
    this.bucket(key).level -= ms;
  }

  /** The callers whose bucket is full again carry no state worth keeping. */
  private forgetFull(t: number): void {
    for (const [key, b] of this.buckets) if (b.level + ((t - b.at) * this.perSecondMs) / 1000 >= this.burstMs) this.buckets.delete(key);
  }
}

interface Meter {
  budget: WorkBudget;
  key: string;
  /** When the request's time was last accounted for, and what of it since was waiting. */
  mark: number;
  waited: number;
}

const METER = 'atlasWorkMeter';

const meterOf = (c: Context) => c.get(METER as never) as Meter | undefined;

/** Note time a request spent waiting (not computing): it is not charged. */
export function waited(c: Context, ms: number): void {
  const m = meterOf(c);
  if (m) m.waited += ms;
}

/** Charge what the request computed since the last account. */
function settle(m: Meter): void {
  const now = performance.now();
  m.budget.charge(m.key, Math.max(0, now - m.mark - m.waited));
  m.mark = now;
  m.waited = 0;
}

export function workBudget(budget: WorkBudget): MiddlewareHandler {
  return async (c, next) => {
    const key = callerKey(c);
    const wait = budget.wait(key);
    if (wait > 0) {
      throw busy(429, 'work_budget', wait, '您的请求计算量已超出份额', 'your requests have used up their share of the server’s time', { workPerSecondMs: 'ATLAS_WORK_PER_SECOND_MS' });
    }
    const meter: Meter = { budget, key, mark: performance.now(), waited: 0 };
    c.set(METER as never, meter as never);
    try {
      await next();
    } finally {
      settle(meter);
    }
  };
}
