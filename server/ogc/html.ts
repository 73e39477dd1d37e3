/**
 * The HTML view of /ogc, for a person in a browser: plain pages made from the same documents
 * the JSON view sends, every value escaped, no script at all. The one stylesheet is inline and
 * allowed by its hash in the Content-Security-Policy, so nothing else can run or load.
 */
import { createHash } from 'node:crypto';
import type { Feature } from 'geojson';
import { geometryBBox } from '../../geodata/geometry/bbox';
import type { Link } from './links';

const STYLE = `body{font:15px/1.5 system-ui,"Noto Sans CJK SC",sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1d2a33}
table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #c9d3da;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#eef2f5}code,pre{font-size:13px}nav a{margin-right:1rem}.muted{color:#5b6b76}`;

export const HTML_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape text for HTML content and double- or single-quoted attributes. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}

const a = (href: string, text: string) => `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;

/** `root` is the API's landing page URL, e.g. http://host/ogc. */
function layout(root: string, title: string, links: readonly Link[], body: string): string {
  const json = links.find((l) => l.rel === 'alternate' && l.type !== 'text/html');
  const nav = [a(`${root}?f=html`, 'OGC API – Features'), a(`${root}/collections?f=html`, 'collections 数据集'), json ? a(json.href, 'JSON') : '']
    .filter(Boolean)
    .join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><nav>${nav}</nav><h1>${escapeHtml(title)}</h1>
${body}
</body></html>
`;
}

function linkList(links: readonly Link[]): string {
  return `<ul>${links.map((l) => `<li>${a(l.href, l.title ?? l.rel)} <span class="muted">${escapeHtml(l.rel)}${l.type ? ` · ${escapeHtml(l.type)}` : ''}</span></li>`).join('')}</ul>`;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return `<code>${escapeHtml(JSON.stringify(value))}</code>`;
  return escapeHtml(value);
}

export interface LandingDoc {
  title: string;
  description: string;
  links: Link[];
}

export function landingHtml(root: string, doc: LandingDoc): string {
  return layout(root, doc.title, doc.links, `<p>${escapeHtml(doc.description)}</p>${linkList(doc.links.filter((l) => l.rel !== 'self'))}`);
}

export function conformanceHtml(root: string, doc: { conformsTo: string[] }, links: Link[]): string {
  return layout(root, 'Conformance 符合性', links, `<ul>${doc.conformsTo.map((c) => `<li>${a(c, c)}</li>`).join('')}</ul>`);
}

export interface CollectionDoc {
  id: string;
  title: string;
  description: string;
  links: Link[];
  extent?: { spatial?: { bbox: number[][] }; temporal?: { interval: (string | null)[][] } };
}

function itemsHref(c: CollectionDoc): string {
  return c.links.find((l) => l.rel === 'items' && l.type === 'text/html')?.href ?? '#';
}

export function collectionsHtml(root: string, doc: { collections: CollectionDoc[]; links: Link[] }): string {
  const rows = doc.collections
    .map((c) => {
      const self = c.links.find((l) => l.rel === 'self' && l.type === 'text/html')?.href ?? '#';
      return `<tr><td>${a(self, c.id)}</td><td>${escapeHtml(c.title)}</td><td>${cell(c.extent?.spatial?.bbox[0])}</td><td>${cell(c.extent?.temporal?.interval[0])}</td><td>${a(itemsHref(c), 'items')}</td></tr>`;
    })
    .join('');
  return layout(
    root,
    'Collections 数据集',
    doc.links,
    `<table><thead><tr><th>id</th><th>title</th><th>bbox (CRS84)</th><th>time</th><th></th></tr></thead><tbody>${rows}</tbody></table>`,
  );
}

export function collectionHtml(root: string, c: CollectionDoc): string {
  return layout(
    root,
    c.title,
    c.links,
    `<p>${escapeHtml(c.description)}</p>
<table><tr><th>id</th><td>${escapeHtml(c.id)}</td></tr><tr><th>bbox (CRS84)</th><td>${cell(c.extent?.spatial?.bbox[0])}</td></tr><tr><th>time</th><td>${cell(c.extent?.temporal?.interval[0])}</td></tr></table>
<p>${a(itemsHref(c), 'Items 要素')}</p>${linkList(c.links)}`,
  );
}

export interface ItemsDoc {
  numberMatched: number;
  numberReturned: number;
  links: Link[];
  features: Feature[];
}

/**
 * One row per feature: its id (a link to the feature), its properties in `columns` order, and
 * its geometry type. Paging as prev/next links; "from–to of matched" says where the page is.
 */
export function itemsHtml(root: string, title: string, offset: number, columns: readonly string[], doc: ItemsDoc, featureHref: (id: string) => string): string {
  const rows = doc.features
    .map((f) => `<tr><td>${a(featureHref(String(f.id)), String(f.id))}</td>${columns.map((k) => `<td>${cell(f.properties?.[k])}</td>`).join('')}<td>${escapeHtml(f.geometry?.type ?? '')}</td></tr>`)
    .join('');
  const paging = doc.links.filter((l) => l.rel === 'prev' || l.rel === 'next').map((l) => a(l.href, l.rel === 'next' ? 'next 下一页 →' : '← prev 上一页'));
  const range = doc.numberReturned ? `${offset + 1}–${offset + doc.numberReturned}` : '0';
  return layout(
    root,
    title,
    doc.links,
    `<p>${escapeHtml(range)} / ${escapeHtml(doc.numberMatched)}</p><p>${paging.join(' ')}</p>
<table><thead><tr><th>id</th>${columns.map((k) => `<th>${escapeHtml(k)}</th>`).join('')}<th>geometry</th></tr></thead><tbody>${rows}</tbody></table><p>${paging.join(' ')}</p>`,
  );
}

export function featureHtml(root: string, title: string, feature: Feature & { links: Link[] }): string {
  const props = Object.entries(feature.properties ?? {})
    .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${cell(v)}</td></tr>`)
    .join('');
  const box = feature.geometry ? geometryBBox(feature.geometry) : null;
  return layout(
    root,
    title,
    feature.links,
    `<table><tr><th>id</th><td>${escapeHtml(feature.id ?? '')}</td></tr>${props}<tr><th>geometry</th><td>${escapeHtml(feature.geometry?.type ?? 'none')}${box ? ` <span class="muted">bbox ${escapeHtml(box.join(', '))}</span>` : ''}</td></tr></table>${linkList(feature.links)}`,
  );
}
