/** Security settings from the environment (each is listed in docs/OPERATIONS.md). */
export interface SecurityConfig {
  corsOrigins: string[];
  writesPerMinute: number;
  authFailuresPerMinute: number;
  trustProxy: boolean;
  imageOrigins: string[];
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
    trustProxy: env.ATLAS_TRUST_PROXY === '1',
    imageOrigins: list(env.ATLAS_BASEMAP_ORIGINS),
  };
}
