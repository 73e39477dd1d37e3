/** Security settings from the environment (each is listed in docs/OPERATIONS.md). */
import { parseTrustProxy, type TrustProxy } from './client';

export interface SecurityConfig {
  corsOrigins: string[];
  writesPerMinute: number;
  authFailuresPerMinute: number;
  /** Which X-Forwarded-For hops to trust (client.ts). */
  trustProxy: TrustProxy;
  imageOrigins: string[];
  /** Work budget per caller (budget.ts): a burst, ms, and the refill, ms of work per second. */
  workBurstMs: number;
  workPerSecondMs: number;
  /** Heavy reads at once (admission.ts): per caller, and in all. */
  heavyPerCaller: number;
  heavyTotal: number;
}

export function readSecurityConfig(env: NodeJS.ProcessEnv = process.env): SecurityConfig {
  const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const count = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number ≥ 1, got ${JSON.stringify(raw)}`);
    return n;
  };
  return {
    corsOrigins: list(env.ATLAS_CORS_ORIGINS),
    writesPerMinute: count('ATLAS_WRITE_RATE', 60),
    authFailuresPerMinute: count('ATLAS_AUTH_FAIL_RATE', 20),
    trustProxy: parseTrustProxy(env.ATLAS_TRUST_PROXY),
    imageOrigins: list(env.ATLAS_BASEMAP_ORIGINS),
    workBurstMs: count('ATLAS_WORK_BURST_MS', 5_000),
    workPerSecondMs: count('ATLAS_WORK_PER_SECOND_MS', 250),
    heavyPerCaller: count('ATLAS_HEAVY_PER_CALLER', 4),
    heavyTotal: count('ATLAS_HEAVY_TOTAL', 16),
  };
}
