/**
 * Content negotiation for /ogc: `f=json|html` wins; otherwise the Accept header, where HTML is
 * served only when the client prefers it (a browser: `text/html,…,*\/*;q=0.8`). GDAL, QGIS,
 * curl (`*\/*`) and anything unsure get JSON, the machine representation.
 */
import type { Context } from 'hono';
import { parseEnumParam } from '../params';
import { HTML_CSP } from './html';
import { MEDIA } from './links';

export const FORMATS = ['json', 'html'] as const;
export type Format = (typeof FORMATS)[number];

interface Range {
  type: string;
  subtype: string;
  q: number;
}

function parseAccept(header: string): Range[] {
  const ranges: Range[] = [];
  for (const part of header.split(',')) {
    const [media, ...params] = part.trim().split(';');
    const [type, subtype] = (media ?? '').trim().toLowerCase().split('/');
    if (!type || !subtype) continue;
    let q = 1;
    for (const p of params) {
      const [k, v] = p.trim().split('=');
      if (k?.trim().toLowerCase() === 'q') {
        const n = Number(v);
        q = Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0;
      }
    }
    ranges.push({ type, subtype, q });
  }
  return ranges;
}

/**
 * The quality the client gives a media type: that of the most specific range that matches
 * (exact 2, `type/*` 1, `*\/*` 0), with its specificity so an exact `text/html` outranks a
 * JSON reached only through `*\/*` at the same q.
 */
function quality(ranges: Range[], media: string): { q: number; specificity: number } {
  const [type, subtype] = media.split('/');
  let best = { q: 0, specificity: -1 };
  for (const r of ranges) {
    const specificity = r.type === type && r.subtype === subtype ? 2 : r.type === type && r.subtype === '*' ? 1 : r.type === '*' && r.subtype === '*' ? 0 : -1;
    if (specificity > best.specificity) best = { q: r.q, specificity };
  }
  return best;
}

export function negotiateFormat(f: string | undefined, accept: string | undefined): Format {
  if (f !== undefined && f !== '') return parseEnumParam('f', f, FORMATS, 'json');
  if (!accept) return 'json';
  const ranges = parseAccept(accept);
  const html = quality(ranges, 'text/html');
  const json = [quality(ranges, 'application/json'), quality(ranges, 'application/geo+json')].reduce((a, b) =>
    b.q > a.q || (b.q === a.q && b.specificity > a.specificity) ? b : a,
  );
  if (html.q > json.q) return 'html';
  if (html.q === json.q && html.q > 0 && html.specificity > json.specificity) return 'html';
  return 'json';
}

/**
 * Send a document in the negotiated format. Both representations vary with Accept, so caches
 * keep them apart; the HTML one carries a CSP that allows no script at all.
 */
export function respond(c: Context, format: Format, doc: { json: () => unknown; html: () => string; type?: string }): Response {
  c.header('Vary', 'Accept');
  if (format === 'html') return sendHtml(c, doc.html());
  c.header('Content-Type', doc.type ?? MEDIA.json);
  return c.body(JSON.stringify(doc.json()));
}

export function sendHtml(c: Context, html: string): Response {
  c.header('Vary', 'Accept');
  c.header('Content-Security-Policy', HTML_CSP);
  return c.html(html);
}
