/**
 * DATA_DIR/tokens.json as the operator manages it (`atlas token add|list|revoke`) and as the
 * running server re-reads it.
 *
 * Changes keep everything else in the file (a `$comment`, other entries, fields we do not know)
 * and are written atomically: a temporary file in the same directory, mode 0600, flushed, then
 * renamed over tokens.json — a reader sees the old file or the new one, never half of one.
 * The token itself is returned once and never stored; the file keeps its sha256.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseRole, type Role } from './roles';
import { hashToken, newToken, parseEntries, TOKENS_FILE, TokenRegistry, type TokenEntry } from './tokens';

/** A refused request (bad role, empty or duplicate name, no such token): the CLI exits 2. */
export class TokenInputError extends Error {
  constructor(
    readonly field: string,
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
    this.name = 'TokenInputError';
  }
}

export interface TokenListing {
  name: string;
  role: Role;
  /** When `atlas token add` made it (ISO 8601); null for entries written by hand or as demo. */
  created: string | null;
}

interface TokenDoc {
  /** The whole file, other keys ($comment …) kept as they are. */
  doc: Record<string, unknown>;
  /** The entries as written, so fields we do not know survive a rewrite. */
  raw: Record<string, unknown>[];
  entries: TokenEntry[];
}

export const tokenFilePath = (dataDir: string) => join(dataDir, TOKENS_FILE);

function readDoc(file: string): TokenDoc {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { doc: { tokens: [] }, raw: [], entries: [] };
    throw e;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new Error(`${file} is not valid JSON (${(e as Error).message}); fix or remove it first`);
  }
  const entries = parseEntries(parsed, file); // throws naming the broken entry
  const doc: Record<string, unknown> = Array.isArray(parsed) ? { tokens: parsed } : { ...(parsed as Record<string, unknown>) };
  return { doc, raw: doc.tokens as Record<string, unknown>[], entries };
}

/** Write the file whole: temp file beside it (0600), fsync, rename over, fsync the directory. */
function writeDoc(file: string, doc: Record<string, unknown>): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${TOKENS_FILE}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    fchmodSync(fd, 0o600); // whatever the umask
    writeSync(fd, `${JSON.stringify(doc, null, 2)}\n`);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  try {
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  try {
    const dfd = openSync(dir, 'r');
    try {
      fsyncSync(dfd);
    } finally {
      closeSync(dfd);
    }
  } catch {
    // Some platforms cannot fsync a directory; the rename itself is still atomic.
  }
}

function checkName(name: string | undefined): string {
  const trimmed = (name ?? '').trim();
  if (!trimmed) throw new TokenInputError('name', '缺少 --name：请给令牌起一个名称（如 ops@telecom）', '--name is missing or empty: give the token a name (e.g. ops@telecom)');
  // One per line in `atlas token list`, and the audit trail names it: no control characters.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) throw new TokenInputError('name', '--name 不能包含控制字符（如换行）', '--name may not contain control characters (such as a newline)');
  return trimmed;
}

function checkRole(role: string | undefined): Role {
  const parsed = role === undefined ? null : parseRole(role.trim());
  if (!parsed) {
    const shown = role === undefined ? '（缺少）' : JSON.stringify(role);
    throw new TokenInputError(
      'role',
      `--role 无效：${shown}；应为 admin、official、planner 或 carrier:<运营商id>（小写字母开头，2–32 位 a-z 0-9 _ -）`,
      `--role is ${role === undefined ? 'missing' : `invalid: ${JSON.stringify(role)}`}; use admin, official, planner or carrier:<id> (id: a lowercase letter, then 1 to 31 of a-z 0-9 _ -)`,
    );
  }
  return parsed;
}

/** A new token for NAME with ROLE: its hash appended to tokens.json, the token returned (once). */
export function addToken(dataDir: string, input: { name?: string; role?: string }, now = new Date()): { token: string; entry: TokenListing } {
  const name = checkName(input.name);
  const role = checkRole(input.role);
  const file = tokenFilePath(dataDir);
  return underLock(file, () => {
    const { doc, raw, entries } = readDoc(file);
    if (entries.some((e) => e.name === name)) {
      throw new TokenInputError('name', `--name ${JSON.stringify(name)} 已存在；请换一个名称，或先 atlas token revoke --name ${name}`, `--name ${JSON.stringify(name)} is already in ${TOKENS_FILE}; choose another name, or first atlas token revoke --name ${name}`);
    }
    const token = newToken();
    const created = now.toISOString();
    writeDoc(file, { ...doc, tokens: [...raw, { name, role, sha256: hashToken(token), created }] });
    return { token, entry: { name, role, created } };
  });
}

/** The tokens in tokens.json: name, role, created — never a hash. */
export function listTokens(dataDir: string): TokenListing[] {
  const { raw, entries } = readDoc(tokenFilePath(dataDir));
  return entries.map((e, i) => {
    const created = raw[i]?.created;
    return { name: e.name, role: e.role, created: typeof created === 'string' ? created : null };
  });
}

/** Remove NAME from tokens.json; its token stops working at the server's next request. */
export function revokeToken(dataDir: string, name: string | undefined): TokenListing {
  const wanted = checkName(name);
  const file = tokenFilePath(dataDir);
  return underLock(file, () => {
    const { doc, raw, entries } = readDoc(file);
    const at = entries.findIndex((e) => e.name === wanted);
    if (at < 0) {
      throw new TokenInputError('name', `--name ${JSON.stringify(wanted)}：${TOKENS_FILE} 中没有此令牌（atlas token list 列出全部）`, `--name ${JSON.stringify(wanted)}: no such token in ${TOKENS_FILE} (atlas token list shows them)`);
    }
    // Several entries may share a name if written by hand: revoke them all, so none lingers.
    const keep = raw.filter((_, i) => entries[i]!.name !== wanted);
    writeDoc(file, { ...doc, tokens: keep });
    const created = raw[at]!.created;
    return { name: wanted, role: entries[at]!.role, created: typeof created === 'string' ? created : null };
  });
}

/** How long a lock file may be held before it is taken to be left by a killed command. */
const STALE_LOCK_MS = 30_000;

/**
 * Run a read-modify-write of tokens.json holding `tokens.json.lock` (created exclusively), so
 * two `atlas token` commands at once cannot lose a change — above all, an add that read the
 * file before a revoke was written must not put the revoked token back.
 */
function underLock<T>(file: string, work: () => T): T {
  const lock = `${file}.lock`;
  mkdirSync(dirname(file), { recursive: true });
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx', 0o600));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      try {
        if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) rmSync(lock, { force: true });
      } catch {
        // gone meanwhile: try again
      }
      if (Date.now() > deadline) {
        throw new Error(`另一个 atlas token 命令正在修改令牌文件（若没有，请删除 ${lock}） / ${lock} is held by another atlas token command (remove it if none is running)`);
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50); // sleep 50 ms
    }
  }
  try {
    return work();
  } finally {
    rmSync(lock, { force: true });
  }
}

/** tokens.json could not be read while serving: a presented token is refused until it is fixed. */
export class TokenFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenFileError';
  }
}

/**
 * The registry for a running server: tokens.json re-read only when it changed on disk (inode,
 * size, mtime or ctime — `atlas token` renames a new file in), plus fixed entries (ATLAS_TOKENS). A
 * missing file means no file tokens; a broken one throws TokenFileError on each call until fixed
 * (fail closed: a hand edit meant to revoke a token must not leave it working).
 */
export function liveTokenRegistry(file: string, fixed: readonly TokenEntry[], log?: (line: string) => void): () => TokenRegistry {
  let seen: string | null = null;
  let registry: TokenRegistry | null = null;
  let broken: string | null = null;
  return () => {
    let stamp: string;
    try {
      const st = statSync(file);
      stamp = `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      stamp = 'missing';
    }
    if (stamp === seen) {
      if (broken) throw new TokenFileError(broken);
      return registry!;
    }
    const first = seen === null;
    seen = stamp;
    try {
      const fromFile = stamp === 'missing' ? [] : readDoc(file).entries;
      registry = new TokenRegistry([...fromFile, ...fixed]);
      broken = null;
      if (!first) log?.(`${TOKENS_FILE} changed: ${fromFile.length} token(s) from the file${fixed.length ? `, ${fixed.length} from ATLAS_TOKENS` : ''}.`);
      return registry;
    } catch (e) {
      registry = null;
      broken = (e as Error).message;
      log?.(`${TOKENS_FILE} is invalid (${broken}); tokens are refused until it is fixed.`);
      throw new TokenFileError(broken);
    }
  };
}
