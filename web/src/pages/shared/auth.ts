/**
 * Signing in with an API token: the token is kept in sessionStorage (gone when the tab closes,
 * never in localStorage or a cookie), and GET /api/me says who it belongs to and what it may write.
 */
import { getJson } from './api';

export interface Me {
  authenticated: boolean;
  /** Who, as the audit trail names them (demo-carrier-telecom, ops@telecom…). */
  name: string | null;
  role: string | null;
  carrier: string | null;
  /** The layers this caller may write, and the owner the features are written as. */
  writes: { layer: string; owner: string }[];
  revert: 'none' | 'own' | 'any';
  history: 'none' | 'own' | 'all';
  publicRead: boolean;
}

const KEY = 'atlas.token';

export function storedToken(): string | null {
  try {
    return window.sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function storeToken(token: string | null): void {
  try {
    if (token) window.sessionStorage.setItem(KEY, token);
    else window.sessionStorage.removeItem(KEY);
  } catch {
    // Storage off: the token lives only as long as the page.
  }
}

export const fetchMe = (token: string, signal?: AbortSignal) => getJson<Me>('/api/me', { token, signal });
