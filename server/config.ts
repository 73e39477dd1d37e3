/** Configuration from the environment, read once at start. Every variable is in docs/OPERATIONS.md. */
import { resolve } from 'node:path';

export interface AtlasConfig {
  port: number;
  host: string;
  dataDir: string;
  /** The built web app (vite build output). */
  webDir: string;
  /** Scale of the demo seeded into an empty store on first start; "none" to start empty. */
  seedScale: 'small' | 'city' | 'large' | 'none';
  /** Scheduled backups into DATA_DIR/backups: every N hours (0 = off), keeping the newest K. */
  backupEveryHours: number;
  backupKeep: number;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): AtlasConfig {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${JSON.stringify(env.PORT)}`);
  const seed = env.ATLAS_SEED_SCALE ?? 'city';
  if (!['small', 'city', 'large', 'none'].includes(seed)) throw new Error(`ATLAS_SEED_SCALE must be small, city, large or none, got ${JSON.stringify(seed)}`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.DATA_DIR ?? './data'),
    webDir: resolve(env.ATLAS_WEB_DIR ?? 'dist/web'),
    seedScale: seed as AtlasConfig['seedScale'],
    backupEveryHours: positive('ATLAS_BACKUP_EVERY_HOURS', env.ATLAS_BACKUP_EVERY_HOURS, 0),
    backupKeep: positive('ATLAS_BACKUP_KEEP', env.ATLAS_BACKUP_KEEP, 7),
  };
}

function positive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number ≥ 0, got ${JSON.stringify(raw)}`);
  return n;
}
