/**
 * `atlas token add|list|revoke` as an operator runs it: a real process on a real data directory,
 * and the tokens it prints checked against a real app on that directory — which re-reads
 * tokens.json, so add and revoke take effect without a restart.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { openAtlas, type Atlas } from '../../server/atlas';
import { hashToken } from '../../server/auth/tokens';

const dir = mkdtempSync(join(tmpdir(), 'atlas-token-cli-'));
const dataDir = join(dir, 'data');
const tokensFile = join(dataDir, 'tokens.json');

function atlas(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  delete env.ATLAS_TOKENS;
  const r = spawnSync(process.execPath, ['server/bin/atlas.mjs', ...args], { env, encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const readTokens = () => JSON.parse(readFileSync(tokensFile, 'utf8')) as { $comment?: string; tokens: Record<string, unknown>[] };
const TOKEN = /^atl_[A-Za-z0-9_-]{43}$/; // 32 random bytes, base64url, as newToken() makes them

let opened: Atlas;
let app: ReturnType<typeof createApp>;
const me = (token: string) => app.request('/api/me', { headers: { authorization: `Bearer ${token}` } });

beforeAll(() => {
  // The app is created before any token exists: every later change must be picked up live.
  opened = openAtlas(dataDir);
  app = createApp(opened);
});
afterAll(() => {
  opened?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('atlas token', () => {
  const issued: Record<string, string> = {};

  it('is in the help', () => {
    expect(atlas('help').out).toContain('atlas token add --name NAME --role');
  });

  it('add prints only the token on stdout, keeps only its sha256 in a 0600 file, notes in zh and en on stderr', () => {
    const r = atlas('token', 'add', '--name', 'ops@telecom', '--role', 'carrier:telecom');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^atl_[A-Za-z0-9_-]{43}\n$/);
    const token = r.out.trim();
    expect(token).toMatch(TOKEN);
    issued['ops@telecom'] = token;
    expect(r.err).toContain('令牌');
    expect(r.err).toContain('shown once');
    expect(r.err).not.toContain(token);

    const text = readFileSync(tokensFile, 'utf8');
    expect(text).not.toContain(token);
    const { tokens } = readTokens();
    expect(tokens).toHaveLength(1);
    expect(Object.keys(tokens[0]!).sort()).toEqual(['created', 'name', 'role', 'sha256']);
    expect(tokens[0]).toMatchObject({ name: 'ops@telecom', role: 'carrier:telecom', sha256: hashToken(token) });
    expect(Number.isNaN(Date.parse(tokens[0]!.created as string))).toBe(false);
    expect(statSync(tokensFile).mode & 0o777).toBe(0o600);
    expect(readdirSync(dataDir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('the printed token authenticates against a running app, with no restart', async () => {
    const res = await me(issued['ops@telecom']!);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ authenticated: true, name: 'ops@telecom', role: 'carrier:telecom', carrier: 'telecom' });
  });

  it('add keeps the $comment and the entries already in the file', async () => {
    const hand = { name: 'hand-made', role: 'planner', sha256: hashToken('hand-token') };
    writeFileSync(tokensFile, JSON.stringify({ $comment: 'kept by hand', tokens: [...readTokens().tokens, hand] }, null, 2), { mode: 0o600 });
    const r = atlas('token', 'add', '--name', 'root', '--role', 'admin');
    expect(r.code, r.err).toBe(0);
    issued.root = r.out.trim();
    const file = readTokens();
    expect(file.$comment).toBe('kept by hand');
    expect(file.tokens.map((t) => t.name)).toEqual(['ops@telecom', 'hand-made', 'root']);
    expect(file.tokens[1]).toEqual(hand);
    expect(statSync(tokensFile).mode & 0o777).toBe(0o600);
    expect(await (await me(issued.root)).json()).toMatchObject({ name: 'root', role: 'admin' });
    expect(await (await me('hand-token')).json()).toMatchObject({ name: 'hand-made', role: 'planner' });
  });

  it('refuses a bad role, an empty or missing name, a duplicate name — exit 2, zh and en, file unchanged', () => {
    const before = readFileSync(tokensFile, 'utf8');
    const cases: [string[], string][] = [
      [['--name', 'x', '--role', 'carrier:Telecom!'], '--role'],
      [['--name', 'x', '--role', 'superuser'], '--role'],
      [['--name', 'x'], '--role'],
      [['--role', 'admin'], '--name'],
      [['--name', '', '--role', 'admin'], '--name'],
      [['--name', '   ', '--role', 'admin'], '--name'],
      [['--name', 'ops@telecom', '--role', 'admin'], '--name'],
    ];
    for (const [args, field] of cases) {
      const r = atlas('token', 'add', ...args);
      expect(r.code, `${args.join(' ')}: ${r.err}`).toBe(2);
      expect(r.out).toBe('');
      const lines = r.err.trim().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/[\u4e00-\u9fff]/); // Chinese
      expect(lines[1]).toMatch(/^atlas: [\x20-\x7e]+$/); // English
      for (const line of lines) expect(line).toContain(field);
    }
    expect(atlas('token', 'add', '--name', 'ops@telecom', '--role', 'admin').err).toContain('already');
    expect(readFileSync(tokensFile, 'utf8')).toBe(before);
  });

  it('list shows name, role, created — never a hash or a token; --json too', () => {
    const r = atlas('token', 'list');
    expect(r.code, r.err).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines.map((l) => l.split('\t').slice(0, 2))).toEqual([
      ['ops@telecom', 'carrier:telecom'],
      ['hand-made', 'planner'],
      ['root', 'admin'],
    ]);
    expect(lines[1]!.split('\t')[2]).toBe('-'); // written by hand: no created
    const json = atlas('token', 'list', '--json');
    expect(json.code, json.err).toBe(0);
    const list = JSON.parse(json.out) as { name: string; role: string; created: string | null }[];
    expect(list.map((t) => Object.keys(t).sort())).toEqual(Array(3).fill(['created', 'name', 'role']));
    expect(list[0]!.created).toBe(readTokens().tokens[0]!.created);
    for (const out of [r.out, json.out]) {
      expect(out).not.toMatch(/[0-9a-f]{64}/);
      for (const token of Object.values(issued)) expect(out).not.toContain(token);
    }
  });

  it('revoke removes the entry, and a running app refuses its token at once', async () => {
    const missing = atlas('token', 'revoke', '--name', 'nobody');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('nobody');
    expect(missing.err).toContain('no such token');
    expect(atlas('token', 'revoke').code).toBe(2);

    const r = atlas('token', 'revoke', '--name', 'ops@telecom');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe('');
    expect(readTokens().tokens.map((t) => t.name)).toEqual(['hand-made', 'root']);
    expect(readTokens().$comment).toBe('kept by hand');
    expect(statSync(tokensFile).mode & 0o777).toBe(0o600);

    const gone = await me(issued['ops@telecom']!);
    expect(gone.status).toBe(401);
    expect(await (await me(issued.root!)).json()).toMatchObject({ role: 'admin' }); // the others still work
    expect(atlas('token', 'list').out).not.toContain('ops@telecom');
  });

  it('a token file broken by hand refuses tokens (fail closed) until it is fixed', async () => {
    const good = readFileSync(tokensFile, 'utf8');
    writeFileSync(tokensFile, good.replace('"tokens"', '"tokens" oops'));
    const res = await me(issued.root!);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('tokens_invalid');
    expect((await app.request('/api/me')).status).toBe(200); // public reads go on
    const cli = atlas('token', 'add', '--name', 'x', '--role', 'admin'); // and the CLI will not overwrite it
    expect(cli.code).toBe(1);
    expect(cli.out).toBe('');
    writeFileSync(tokensFile, good);
    expect(await (await me(issued.root!)).json()).toMatchObject({ role: 'admin' });
  });

  it('loses no change when several commands run at once (they take turns on tokens.json)', async () => {
    const run = (...args: string[]) =>
      new Promise<{ code: number | null; out: string; err: string }>((done) => {
        const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
        delete env.ATLAS_TOKENS;
        const child = spawn(process.execPath, ['server/bin/atlas.mjs', ...args], { env });
        let out = '';
        let err = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.on('exit', (code) => done({ code, out, err }));
      });
    const before = readTokens().tokens.length;
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => run('token', 'add', '--name', `busy-${i}@telecom`, '--role', 'carrier:telecom')));
    expect(results.map((r) => r.code)).toEqual([0, 0, 0, 0, 0, 0]);
    const names = readTokens().tokens.map((t) => t.name);
    expect(names).toHaveLength(before + 6);
    for (let i = 0; i < 6; i++) expect(names).toContain(`busy-${i}@telecom`);
    expect(readdirSync(dataDir).filter((f) => f.startsWith('tokens.json.'))).toEqual([]); // no lock or temp file left
  }, 120_000);

  it('creates tokens.json when it is missing', () => {
    rmSync(tokensFile);
    const r = atlas('token', 'add', '--name', 'planner@city', '--role', 'planner');
    expect(r.code, r.err).toBe(0);
    expect(readTokens().tokens).toEqual([expect.objectContaining({ name: 'planner@city', role: 'planner', sha256: hashToken(r.out.trim()) })]);
    expect(statSync(tokensFile).mode & 0o777).toBe(0o600);
  });
});
