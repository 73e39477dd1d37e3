/**
 * Who is calling, as far as limits are concerned: the client's address, proxy-aware, and the
 * key a caller's share of every limit is counted under.
 *
 * Behind reverse proxies each proxy appends the address it received the request from to
 * X-Forwarded-For. Everything left of what our own proxies appended was written by the client
 * and proves nothing, so the client is found from the right: the socket's peer first, then
 * X-Forwarded-For right to left, skipping the hops we trust (ATLAS_TRUST_PROXY):
 *
 *   0 (default)          no proxy: the socket's peer is the client; X-Forwarded-For is ignored
 *   N (1, 2, …)          N proxies in front (the nearest is the peer): the client is the address
 *                        the N-th appended; 1 is the documented single nginx
 *   10.0.0.0/8,127.0.0.1 the proxies' addresses or CIDR ranges: hops are skipped while they are
 *                        trusted; the first that is not is the client (a request that does not
 *                        come from a trusted peer keeps its peer address, whatever it claims)
 *
 * An IPv6 client is keyed by its /64: one subscriber gets a whole /64, and must not be able to
 * step around a limit by changing the last bits.
 */
import { BlockList, isIP } from 'node:net';
import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { principalOf } from '../auth';

export type TrustProxy = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'list'; list: BlockList; text: string };

/** ATLAS_TRUST_PROXY: 0, a hop count, or a comma-separated list of addresses and CIDR ranges. */
export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const text = (raw ?? '').trim();
  if (text === '' || text === '0') return { kind: 'none' };
  if (/^\d+$/.test(text)) return { kind: 'hops', hops: Number(text) };
  const list = new BlockList();
  for (const item of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [address, bits, extra] = item.split('/');
    const family = isIP(address ?? '');
    const prefix = bits === undefined ? (family === 6 ? 128 : 32) : Number(bits);
    if (!family || extra !== undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32)) {
      throw new Error(`ATLAS_TRUST_PROXY: ${JSON.stringify(item)} is not an address or a CIDR range (e.g. 127.0.0.1, 10.0.0.0/8, ::1); use 0, a hop count, or a list`);
    }
    list.addSubnet(address!, prefix, family === 6 ? 'ipv6' : 'ipv4');
  }
  return { kind: 'list', list, text };
}

/** An address as written in a header or by the socket: no port, no brackets, IPv4 not mapped. */
export function normaliseAddress(raw: string): string | null {
  let a = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(':'));
  if (/^::ffff:\d{1,3}(\.\d{1,3}){3}$/i.test(a)) a = a.slice(7);
  return isIP(a) ? a.toLowerCase() : null;
}

function trusted(trust: TrustProxy, address: string): boolean {
  if (trust.kind !== 'list') return false;
  return trust.list.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The client's address from the socket's peer and X-Forwarded-For under `trust`. Pure, for the
 * tests: `peer` is null when there is no socket (app.request in tests).
 */
export function clientAddress(trust: TrustProxy, peer: string | null, forwardedFor: string | undefined): string {
  const self = peer ? (normaliseAddress(peer) ?? peer) : 'local';
  if (trust.kind === 'none' || !forwardedFor) return self;
  // The chain as our side sees it: what the proxies wrote, then the peer itself.
  const hops = forwardedFor.split(',').map((h) => h.trim()).filter(Boolean);
  const chain = [...hops, self];
  if (trust.kind === 'hops') {
    const at = chain.length - 1 - trust.hops;
    const chosen = chain[Math.max(0, at)]!;
    return normaliseAddress(chosen) ?? chosen.slice(0, 64);
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    const hop = normaliseAddress(chain[i]!);
    // Anything that is not an address was written by someone we do not trust: the client.
    if (!hop) return chain[i]!.slice(0, 64);
    if (!trusted(trust, hop) || i === 0) return hop;
  }
  return self;
}

/** The key limits count an address under: the address, or an IPv6 address's /64. */
export function addressKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head, tail] = address.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail !== undefined && tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

const CLIENT = 'atlasClient';

/** Sets the client's address for the rest of the request (first middleware that needs it). */
export function clientIdentity(trust: TrustProxy): MiddlewareHandler {
  return async (c, next) => {
    let peer: string | null = null;
    try {
      peer = getConnInfo(c).remote.address ?? null;
    } catch {
      peer = null; // app.request() in tests: no socket
    }
    c.set(CLIENT as never, clientAddress(trust, peer, c.req.header('X-Forwarded-For')) as never);
    await next();
  };
}

export function clientOf(c: Context): string {
  return (c.get(CLIENT as never) as string | undefined) ?? 'local';
}

/**
 * The key of a caller's share of a limit: its token when signed in (its neighbours behind the
 * same address do not share it), else its address (or /64).
 */
export function callerKey(c: Context): string {
  const p = principalOf(c);
  return p ? `token:${p.token || p.name}` : `address:${addressKey(clientOf(c))}`;
}
