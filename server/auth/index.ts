/**
 * Authentication for the API: a middleware that turns `Authorization: Bearer <token>` into a
 * principal on the request (or refuses a bad token with 401), keeps reads public unless
 * ATLAS_PUBLIC_READ=0, and `requireRole(...)` for routes that write. GET /api/me says who the
 * caller is and what they may write. tokens.json is re-read when it changes on disk, so
 * `atlas token add|revoke` take effect at the next request, without a restart.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { Me } from '../../geodata/contract';
import { BASIC_CARRIERS } from '../../geodata/schema';
import { demoInfo, type Atlas } from '../atlas';
import { ApiError } from '../errors';
import { writes, type Principal, type RoleKind } from './roles';
import { liveTokenRegistry, TokenFileError, tokenFilePath } from './token-file';
import { parseEntries, TokenRegistry, TOKENS_FILE, writeDemoTokens, type TokenEntry } from './tokens';

export type { Principal, Role, RoleKind } from './roles';

export interface AuthOptions {
  /** Tokens to use instead of tokens.json / ATLAS_TOKENS (tests); fixed, never re-read. */
  tokens?: TokenEntry[];
  /** Default: ATLAS_PUBLIC_READ, which defaults to on. */
  publicRead?: boolean;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

export interface Auth {
  middleware: MiddlewareHandler;
  publicRead: boolean;
  /** Routes: GET /api/me. */
  meRoutes(): Hono;
}

const KEY = 'atlasPrincipal';

/** The caller, as the auth middleware found them (null: anonymous). */
export function principalOf(c: Context): Principal | null {
  return (c.get(KEY as never) as Principal | undefined) ?? null;
}

const unauthorized = (zh: string, en: string) => new ApiError(401, 'unauthorized', zh, en);

/** Only these kinds of caller may go on; others get 401 (anonymous) or 403. */
export function requireRole(...kinds: RoleKind[]): MiddlewareHandler {
  return async (c, next) => {
    const p = principalOf(c);
    if (!p) throw unauthorized('需要登录：请在 Authorization 头中提供令牌（Bearer）', 'authentication required: send a token in the Authorization header (Bearer)');
    if (!kinds.includes(p.kind)) {
      throw new ApiError(403, 'forbidden', `角色 ${p.role} 无权执行此操作（需要：${kinds.join(' / ')}）`, `role ${p.role} may not do this (needs: ${kinds.join(' / ')})`);
    }
    await next();
  };
}

export function createAuth(atlas: Atlas, options: AuthOptions = {}): Auth {
  const env = options.env ?? process.env;
  const publicRead = options.publicRead ?? env.ATLAS_PUBLIC_READ !== '0';
  let registry: () => TokenRegistry;
  if (options.tokens) {
    const fixed = new TokenRegistry(options.tokens);
    registry = () => fixed;
  } else {
    const file = tokenFilePath(atlas.dataDir);
    const fromEnv = env.ATLAS_TOKENS ? parseEntries(JSON.parse(env.ATLAS_TOKENS), 'ATLAS_TOKENS') : [];
    const demo = demoInfo(atlas.store);
    if (!env.ATLAS_TOKENS && demo && env.NODE_ENV !== 'production' && !existsSync(file)) {
      const issued = writeDemoTokens(atlas.dataDir, Object.keys(BASIC_CARRIERS));
      options.log?.(`Demo tokens (development only; also in ${join(atlas.dataDir, 'demo-tokens.txt')}):`);
      for (const t of issued) options.log?.(`  ${t.role.padEnd(16)} ${t.token}`);
    }
    // tokens.json is re-read when it changes (`atlas token add|revoke`): no restart needed.
    registry = liveTokenRegistry(file, fromEnv, options.log);
    if (registry().size === 0) {
      options.log?.(`No API tokens configured (${TOKENS_FILE} in the data directory — atlas token add — or ATLAS_TOKENS): uploads are disabled until one is added.`);
    }
  }

  const currentRegistry = (): TokenRegistry => {
    try {
      return registry();
    } catch (e) {
      if (!(e instanceof TokenFileError)) throw e;
      // Fail closed: an edit meant to revoke a token must not leave it working.
      throw new ApiError(503, 'tokens_invalid', '令牌文件 tokens.json 有误，暂不接受令牌；请管理员更正', 'the token file tokens.json is invalid; tokens are refused until an operator fixes it');
    }
  };

  const middleware: MiddlewareHandler = async (c, next) => {
    if (c.req.path === '/api/health') return next();
    const header = c.req.header('authorization');
    if (header !== undefined) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
      const p = m ? currentRegistry().verify(m[1]!) : null;
      if (!p) throw unauthorized('令牌无效或格式错误（应为 Authorization: Bearer <令牌>）', 'invalid token, or malformed header (expected Authorization: Bearer <token>)');
      c.set(KEY as never, p as never);
    } else if (!publicRead && (c.req.method === 'GET' || c.req.method === 'HEAD')) {
      throw unauthorized('此服务的数据不公开：请提供令牌', 'this atlas is not public: send a token');
    }
    await next();
  };

  return {
    middleware,
    publicRead,
    meRoutes: () =>
      new Hono().get('/', (c) => {
        const p = principalOf(c);
        return c.json({
          authenticated: !!p,
          name: p?.name ?? null,
          role: p?.role ?? null,
          carrier: p?.carrier ?? null,
          writes: writes(p),
          revert: !p ? 'none' : p.kind === 'admin' ? 'any' : p.kind === 'carrier' ? 'own' : 'none',
          history: !p ? 'none' : p.kind === 'carrier' ? 'own' : 'all',
          publicRead,
        } satisfies Me);
      }),
  };
}
