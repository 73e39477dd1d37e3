/**
 * Links, as OGC API – Features writes them: `{ href, rel, type, title }`. Every href is
 * absolute, because GDAL's OAPIF driver (3.6) resolves a root-relative href against the API's
 * landing page URL rather than the server's origin, which would double the `/ogc` prefix.
 */
import type { Link } from '../../geodata/contract';

export type { Link };

export const MEDIA = {
  json: 'application/json',
  geojson: 'application/geo+json',
  html: 'text/html',
  jsonSchema: 'application/schema+json',
  /** What GDAL's OAPIF driver asks for (and checks) when it reads the API definition. */
  openapi: 'application/vnd.oai.openapi+json;version=3.0',
} as const;

/** `url` with some query parameters set (string) or removed (null), the rest kept in order. */
export function withQuery(url: URL, changes: Record<string, string | null>): string {
  const next = new URL(url);
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) next.searchParams.delete(name);
    else next.searchParams.set(name, value);
  }
  return next.toString();
}

export interface PageCounts {
  offset: number;
  limit: number;
  numberMatched: number;
  numberReturned: number;
}

/**
 * self, next (when more features match after this page) and prev (when the page does not start
 * at the first feature). Offset paging: each link is the request URL with another `offset`;
 * `format` pins `f` so a link followed by a client keeps the representation it came from.
 */
export function pageLinks(url: URL, page: PageCounts, type: string, format?: string): Link[] {
  const f: Record<string, string> = format === undefined ? {} : { f: format };
  const links: Link[] = [{ href: withQuery(url, f), rel: 'self', type, title: 'this page' }];
  if (page.offset + page.numberReturned < page.numberMatched) {
    links.push({ href: withQuery(url, { ...f, offset: String(page.offset + page.numberReturned), limit: String(page.limit) }), rel: 'next', type, title: 'next page' });
  }
  if (page.offset > 0) {
    const prev = Math.max(0, page.offset - page.limit);
    links.push({ href: withQuery(url, { ...f, offset: prev === 0 ? null : String(prev), limit: String(page.limit) }), rel: 'prev', type, title: 'previous page' });
  }
  return links;
}
