/**
 * Items of a collection (OGC API – Features §7.15–7.16): the query parameters, the paging
 * links, and feature ids.
 *
 * Feature ids: the store keys a feature by (layer, owner, id), and ids are unique only per owner
 * (docs/DATA-CONTRACT.md). On base layers the owner is always `city`, so the id alone is the
 * feature id (`341102`, `B0001`). On carrier layers (fixed_service, wifi_hotspots, mobile_sites,
 * ducts) two carriers may use the same id, so the feature id is `owner:id`
 * (`telecom:telecom-B0002-1`); carrier codes never contain `:`, so the first `:` splits it.
 */
import type { Feature } from 'geojson';
import { CARRIER_PATTERN, isCarrierLayer, type LayerId } from '../../geodata/schema';
import { badParameter } from '../errors';
import { toRfc7946Feature, type FeatureQuery, type PagePlan } from '../features';
import { parseBbox, parseDatetimeParam, parseIntParam } from '../params';
import type { StoredFeature } from '../store/types';
import type { Format } from './format';
import { MEDIA, pageLinks, withQuery, type Link } from './links';

/** OGC API – Features' own limits for `limit`: default 10, maximum 10,000. */
export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 10_000;
/** The owner of every feature of a base layer. */
const BASE_OWNER = 'city';

/** Every query parameter /items understands; any other is a 400 (/req/core/query-param-unknown). */
export const ITEMS_PARAMETERS = ['f', 'bbox', 'limit', 'offset', 'datetime'] as const;

export function itemsQuery(url: URL): FeatureQuery {
  for (const name of new Set(url.searchParams.keys())) {
    if (!(ITEMS_PARAMETERS as readonly string[]).includes(name)) {
      throw badParameter(name, `不认识此参数，可用：${ITEMS_PARAMETERS.join(', ')}`, `unknown parameter; known: ${ITEMS_PARAMETERS.join(', ')}`, ITEMS_PARAMETERS);
    }
  }
  const q = (name: string) => url.searchParams.get(name) ?? undefined;
  // A limit above the maximum is not an error in OGC API – Features: the server uses its maximum.
  const rawLimit = q('limit');
  const clamped = rawLimit !== undefined && /^\d+$/.test(rawLimit) && Number(rawLimit) > MAX_LIMIT ? String(MAX_LIMIT) : rawLimit;
  const limit = parseIntParam('limit', clamped, { min: 1, max: MAX_LIMIT, fallback: DEFAULT_LIMIT });
  const offset = parseIntParam('offset', q('offset'), { min: 0, max: Number.MAX_SAFE_INTEGER, fallback: 0 });
  return { bbox: parseBbox(q('bbox')), limit, offset, dates: parseDatetimeParam('datetime', q('datetime')) };
}

export function featureId(f: Pick<StoredFeature, 'layer' | 'owner' | 'id'>): string {
  return isCarrierLayer(f.layer) ? `${f.owner}:${f.id}` : f.id;
}

/** The (owner, id) a feature id names, or null when it cannot name a feature of this layer. */
export function parseFeatureId(layer: LayerId, text: string): { owner: string; id: string } | null {
  if (!isCarrierLayer(layer)) return { owner: BASE_OWNER, id: text };
  const colon = text.indexOf(':');
  if (colon <= 0) return null;
  const owner = text.slice(0, colon);
  return CARRIER_PATTERN.test(owner) ? { owner, id: text.slice(colon + 1) } : null;
}

export function itemHref(root: string, layer: LayerId, id: string, format?: Format): string {
  return `${root}/collections/${layer}/items/${encodeURIComponent(id)}${format ? `?f=${format}` : ''}`;
}

export function ogcFeature(f: StoredFeature): Feature {
  return toRfc7946Feature(f, featureId(f));
}

/** The members of an items page before its features: counts, time stamp and links. */
export function itemsMembers(plan: PagePlan, url: URL, root: string, format: Format) {
  const type = format === 'html' ? MEDIA.html : MEDIA.geojson;
  const other = format === 'html' ? 'json' : 'html';
  const links: Link[] = [
    ...pageLinks(url, plan, type, format),
    { href: withQuery(url, { f: other }), rel: 'alternate', type: other === 'html' ? MEDIA.html : MEDIA.geojson, title: other === 'html' ? 'as HTML' : 'as GeoJSON' },
    { href: `${root}/collections/${plan.layer}?f=json`, rel: 'collection', type: MEDIA.json, title: 'the collection' },
  ];
  return {
    numberMatched: plan.numberMatched,
    numberReturned: plan.numberReturned,
    timeStamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    links,
  };
}

/** One feature on its own, with its links (§7.16). */
export function featureDoc(f: StoredFeature, root: string, format: Format): Feature & { links: Link[] } {
  const id = featureId(f);
  const other = format === 'html' ? 'json' : 'html';
  const type = (fmt: Format) => (fmt === 'html' ? MEDIA.html : MEDIA.geojson);
  return {
    ...ogcFeature(f),
    links: [
      { href: itemHref(root, f.layer, id, format), rel: 'self', type: type(format), title: 'this feature' },
      { href: itemHref(root, f.layer, id, other), rel: 'alternate', type: type(other), title: other === 'html' ? 'as HTML' : 'as GeoJSON' },
      { href: `${root}/collections/${f.layer}?f=json`, rel: 'collection', type: MEDIA.json, title: 'the collection' },
    ],
  };
}
