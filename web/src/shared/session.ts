/**
 * The signed-in token, for all three pages: kept in this tab's sessionStorage under one key
 * (gone when the tab closes, never in localStorage or a cookie), so signing in on one page signs
 * in the others. It is sent as `Authorization: Bearer …` with the atlas's own API and tile
 * requests only (api.ts, and MapLibre's transformRequest below). Public reads need no token;
 * duct routes (sensitive infrastructure), uploads and a non-public atlas do.
 */
import type { RequestParameters, ResourceType } from 'maplibre-gl';

const KEY = 'atlas.token';

let token: string | null = read();

function read(): string | null {
  try {
    return window.sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function currentToken(): string | null {
  return token;
}

export function setToken(next: string | null): void {
  token = next;
  try {
    if (next) window.sessionStorage.setItem(KEY, next);
    else window.sessionStorage.removeItem(KEY);
  } catch {
    // Storage off: the token lives as long as the page.
  }
}

/** Headers for a request to the atlas itself: the token, if signed in. */
export function authHeaders(): Record<string, string> {
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** MapLibre's transformRequest: the token on the atlas's own tiles and TileJSON, nothing else. */
export function authorizeRequest(url: string, _type?: ResourceType): RequestParameters {
  if (token && url.startsWith(`${window.location.origin}/`)) return { url, headers: authHeaders() };
  return { url };
}
