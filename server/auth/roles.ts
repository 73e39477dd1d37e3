/**
 * Roles and what each may write.
 *
 *   carrier:<id>  its own records (owner = <id>) in the layers carriers write
 *   admin         the base data (owner `city`): geography, buildings, public places, city
 *                 ducts; the targets; may revert any batch
 *   official      reads (compliance, reports); writes nothing here
 *   planner       reads (map, gaps, what-if); writes nothing here
 *
 * Issue 8 extends this into the full role × endpoint matrix; keep the decisions here.
 */
import { CARRIER_PATTERN, LAYERS, LAYER_IDS, type LayerId } from '../../geodata/schema';
import type { BatchRecord } from '../store/types';

export const ROLE_KINDS = ['admin', 'official', 'planner', 'carrier'] as const;
export type RoleKind = (typeof ROLE_KINDS)[number];
export type Role = 'admin' | 'official' | 'planner' | `carrier:${string}`;

export interface Principal {
  /** Who, as the audit trail names them (e.g. ops@telecom). */
  name: string;
  role: Role;
  kind: RoleKind;
  /** The carrier id for a carrier. */
  carrier: string | null;
  /**
   * Which token signed in (the first 16 hex digits of its sha256; '' when not from a token):
   * what is bound to one token — upload progress, its share of the limits — is keyed by it.
   */
  token: string;
}

export function parseRole(text: string): Role | null {
  if (text === 'admin' || text === 'official' || text === 'planner') return text;
  const m = /^carrier:(.+)$/.exec(text);
  return m && CARRIER_PATTERN.test(m[1]!) ? (text as Role) : null;
}

export function principal(name: string, role: Role, tokenSha256 = ''): Principal {
  const carrier = role.startsWith('carrier:') ? role.slice('carrier:'.length) : null;
  return { name, role, kind: carrier ? 'carrier' : (role as RoleKind), carrier, token: tokenSha256.slice(0, 16) };
}

/** The owner a principal writes a layer as, or null if it may not write it. */
export function ownerFor(p: Principal | null, layer: LayerId): string | null {
  if (!p) return null;
  const writer = LAYERS[layer].writer;
  if (p.kind === 'carrier') return writer === 'carrier' || writer === 'carrier_or_admin' ? p.carrier : null;
  if (p.kind === 'admin') return writer === 'admin' || writer === 'carrier_or_admin' ? 'city' : null;
  return null;
}

/** Everything a principal may write, for GET /api/me. */
export function writes(p: Principal | null): { layer: LayerId; owner: string }[] {
  return LAYER_IDS.flatMap((layer) => {
    const owner = ownerFor(p, layer);
    return owner ? [{ layer, owner }] : [];
  });
}

/** Carriers see their own history only; the city's roles see all of it. */
export function canSee(p: Principal, batch: Pick<BatchRecord, 'owner'>): boolean {
  return p.kind !== 'carrier' || batch.owner === p.carrier;
}

export function canRevert(p: Principal, batch: Pick<BatchRecord, 'owner' | 'layer'>): boolean {
  if (p.kind === 'admin') return true;
  return p.kind === 'carrier' && batch.owner === p.carrier && ownerFor(p, batch.layer) === batch.owner;
}
