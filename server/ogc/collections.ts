/**
 * Collections: one per layer with geometry (egress has none, so it is no feature collection),
 * with its spatial extent from the store's layer statistics and, for dated layers, its temporal
 * extent over the layer's date property. Computing these scans the layer, so the result is kept
 * per store and data version: it changes only when a batch is committed.
 */
import { LAYERS, LAYER_IDS, isLayerId, type LayerId } from '../../geodata/schema';
import { notFound } from '../errors';
import type { AtlasStore } from '../store/types';
import type { Format } from './format';
import { selfLinks } from './landing';
import { MEDIA, type Link } from './links';

export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
const GREGORIAN = 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian';

/** Layers that are feature collections: those with geometry. */
export const COLLECTION_IDS: readonly LayerId[] = LAYER_IDS.filter((id) => LAYERS[id].geometry.length > 0);

/** The layer behind a collection id, or a 404 in the JSON error shape. */
export function collectionLayer(id: string): LayerId {
  if (!isLayerId(id) || !COLLECTION_IDS.includes(id)) throw notFound(`collection ${id}`, `数据集 ${id}`);
  return id;
}

interface Extent {
  spatial?: { bbox: [number, number, number, number][]; crs: string };
  temporal?: { interval: [string, string][]; trs: string };
}

interface Summary {
  count: number;
  extent: Extent;
}

const cache = new WeakMap<AtlasStore, { version: number; summaries: Map<LayerId, Summary> }>();

function summaries(store: AtlasStore): Map<LayerId, Summary> {
  const version = store.version();
  const cached = cache.get(store);
  if (cached && cached.version === version) return cached.summaries;
  const stats = new Map(store.layerStats().map((s) => [s.layer, s]));
  const result = new Map<LayerId, Summary>();
  for (const id of COLLECTION_IDS) {
    const s = stats.get(id);
    const extent: Extent = {};
    if (s?.bbox) extent.spatial = { bbox: [s.bbox], crs: CRS84 };
    const field = LAYERS[id].dateField;
    const range = field && s ? store.dateRange(id, field) : null;
    // Features are dated by day: the interval runs from the first day's start to the last day's.
    if (range) extent.temporal = { interval: [[`${range.min}T00:00:00Z`, `${range.max}T00:00:00Z`]], trs: GREGORIAN };
    result.set(id, { count: s?.count ?? 0, extent });
  }
  cache.set(store, { version, summaries: result });
  return result;
}

/** The collection's description as OGC API – Features §7.14 has it, with links in `format`. */
export function collectionDoc(store: AtlasStore, root: string, id: LayerId, format: Format) {
  const spec = LAYERS[id];
  const summary = summaries(store).get(id)!;
  const base = `${root}/collections/${id}`;
  const dated = spec.dateField ? ` Dated by \`${spec.dateField}\`: \`datetime\` selects on it.` : '';
  const links: Link[] = [
    ...selfLinks(new URL(base), format),
    { href: `${base}/items?f=json`, rel: 'items', type: MEDIA.geojson, title: `${spec.label.en} as GeoJSON` },
    { href: `${base}/items?f=html`, rel: 'items', type: MEDIA.html, title: `${spec.label.en} as HTML` },
    // RFC 8288 relation types are case-insensitive, but GDAL 3.6's OAPIF driver matches only
    // "describedBy": the same link is given in both spellings.
    ...(['describedby', 'describedBy'] as const).map((rel) => ({ href: `${base}/feature-schema`, rel, type: MEDIA.jsonSchema, title: 'JSON Schema of the features' })),
  ];
  return {
    id,
    title: `${spec.label.zh} ${spec.label.en}`,
    description: `${spec.label.en} (${spec.label.zh}): ${spec.geometry.join(', ')}; properties ${[...new Set([...Object.keys(spec.properties), 'owner'])].join(', ')}.${dated}`,
    links,
    extent: summary.extent,
    itemType: 'feature',
    crs: [CRS84],
  };
}

export function collectionsDoc(store: AtlasStore, root: string, url: URL, format: Format) {
  return {
    links: selfLinks(url, format),
    collections: COLLECTION_IDS.map((id) => collectionDoc(store, root, id, format)),
  };
}
