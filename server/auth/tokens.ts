/**
 * Bearer tokens. Only their sha256 is kept (tokens.json in the data directory, or the
 * ATLAS_TOKENS variable): a token is 32 random bytes, so a plain hash is as safe as a slow one
 * and costs nothing per request. A presented token is hashed and compared with every entry in
 * constant time (no early exit), so timing says nothing about which bytes matched.
 *
 * tokens.json:  { "tokens": [ { "name": "ops@telecom", "role": "carrier:telecom", "sha256": "<hex>", "created": "<ISO time>" } ] }
 *               (`atlas token add|list|revoke` manage it: token-file.ts; `created` is optional)
 * ATLAS_TOKENS: the same array as JSON.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRole, principal, type Principal, type Role } from './roles';

export interface TokenEntry {
  name: string;
  role: Role;
  sha256: string;
}

export const TOKENS_FILE = 'tokens.json';
export const DEMO_TOKENS_FILE = 'demo-tokens.txt';

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function newToken(): string {
  return `atl_${randomBytes(32).toString('base64url')}`;
}

/** Check a list of entries as read from a file or the environment; throws naming the fault. */
export function parseEntries(raw: unknown, source: string): TokenEntry[] {
  const list = Array.isArray(raw) ? raw : (raw as { tokens?: unknown } | null)?.tokens;
  if (!Array.isArray(list)) throw new Error(`${source}: expected {"tokens": [...]} or an array of {name, role, sha256}`);
  return list.map((e, i) => {
    const { name, role, sha256 } = (e ?? {}) as Record<string, unknown>;
    if (typeof name !== 'string' || !name) throw new Error(`${source}: token ${i} has no name`);
    const parsed = typeof role === 'string' ? parseRole(role) : null;
    if (!parsed) throw new Error(`${source}: token ${i} (${name}) has an invalid role ${JSON.stringify(role)}; use admin, official, planner or carrier:<id>`);
    if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/i.test(sha256)) throw new Error(`${source}: token ${i} (${name}) needs sha256, the hex sha256 of the token`);
    return { name, role: parsed, sha256: sha256.toLowerCase() };
  });
}

export class TokenRegistry {
  private readonly entries: { entry: TokenEntry; hash: Buffer }[];

  constructor(entries: readonly TokenEntry[]) {
    this.entries = entries.map((entry) => ({ entry, hash: Buffer.from(entry.sha256, 'hex') }));
  }

  get size(): number {
    return this.entries.length;
  }

  verify(token: string): Principal | null {
    const hash = Buffer.from(hashToken(token), 'hex');
    let found: TokenEntry | null = null;
    for (const { entry, hash: h } of this.entries) {
      if (timingSafeEqual(hash, h) && !found) found = entry;
    }
    return found ? principal(found.name, found.role, found.sha256) : null;
  }
}

/**
 * Demo tokens, one per role, for a development atlas on the demo data: their hashes go to
 * tokens.json, the tokens themselves to demo-tokens.txt beside it (with a note), and are
 * returned so the server can print them. Never called in production.
 */
export function writeDemoTokens(dataDir: string, carriers: readonly string[]): { name: string; role: Role; token: string }[] {
  const roles: Role[] = ['admin', 'official', 'planner', ...carriers.map((c) => `carrier:${c}` as Role)];
  const issued = roles.map((role) => ({ name: `demo-${role.replace(':', '-')}`, role, token: newToken() }));
  const file = {
    $comment: 'Demo tokens for development, generated because the store holds the demo city and no tokens were configured. Only hashes are kept here; the tokens are in demo-tokens.txt. Delete both files to stop using them.',
    tokens: issued.map(({ name, role, token }) => ({ name, role, sha256: hashToken(token) })),
  };
  writeFileSync(join(dataDir, TOKENS_FILE), `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  const text = [
    '# Broadband Atlas demo tokens — development only (the store holds the synthetic demo city).',
    '# Use as: Authorization: Bearer <token>. Never in production: configure tokens.json there.',
    ...issued.map(({ name, role, token }) => `${role.padEnd(18)} ${name.padEnd(26)} ${token}`),
    '',
  ].join('\n');
  writeFileSync(join(dataDir, DEMO_TOKENS_FILE), text, { mode: 0o600 });
  return issued;
}
