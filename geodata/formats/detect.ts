/**
 * Which format is an upload in? The `format` parameter wins; then the file name's extension;
 * then the Content-Type; then the first bytes (a zip starts with PK\x03\x04, JSON with { or [,
 * and newline-delimited GeoJSON has a whole Feature on its first line). Pure.
 */

export const FORMATS = ['geojson', 'ndjson', 'csv', 'shapefile'] as const;
export type Format = (typeof FORMATS)[number];

const BY_EXTENSION: Record<string, Format> = {
  geojson: 'geojson', json: 'geojson',
  ndjson: 'ndjson', geojsonl: 'ndjson', geojsons: 'ndjson', jsonl: 'ndjson', geojsonseq: 'ndjson',
  csv: 'csv', txt: 'csv', tsv: 'csv',
  zip: 'shapefile', shz: 'shapefile',
};

const BY_TYPE: Record<string, Format> = {
  'application/geo+json': 'geojson',
  'application/json': 'geojson',
  'application/geo+json-seq': 'ndjson',
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
  'text/csv': 'csv',
  'application/zip': 'shapefile',
  'application/x-zip-compressed': 'shapefile',
};

export function formatFromName(name: string | null | undefined): Format | null {
  const m = /\.([A-Za-z0-9]+)$/.exec(name ?? '');
  return m ? (BY_EXTENSION[m[1]!.toLowerCase()] ?? null) : null;
}

export function formatFromContentType(type: string | null | undefined): Format | null {
  return BY_TYPE[(type ?? '').split(';')[0]!.trim().toLowerCase()] ?? null;
}

/** From the first bytes. */
export function sniffFormat(head: Uint8Array): Format {
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'shapefile';
  let text = new TextDecoder('utf-8').decode(head);
  text = text.replace(/^\ufeff/, '').replace(/^\u001e/, '');
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[')) return 'geojson';
  if (trimmed.startsWith('{')) {
    // One whole Feature on the first line and another object after it: GeoJSONSeq.
    const nl = trimmed.indexOf('\n');
    if (nl > 0) {
      try {
        const first = JSON.parse(trimmed.slice(0, nl)) as { type?: unknown };
        if (first?.type === 'Feature' && /^\s*[\u001e{]/.test(trimmed.slice(nl + 1))) return 'ndjson';
      } catch {
        // not a whole object on the first line: a (pretty-printed) document
      }
    }
    return 'geojson';
  }
  return 'csv';
}

export function detectFormat(options: { param?: Format | null; name?: string | null; contentType?: string | null; head: Uint8Array }): Format {
  return options.param ?? formatFromName(options.name) ?? formatFromContentType(options.contentType) ?? sniffFormat(options.head);
}
