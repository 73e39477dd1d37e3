/**
 * The landing page and the conformance declaration of /ogc (OGC API – Features – Part 1: Core,
 * §7.2 and §7.4).
 */
import type { Label } from '../../geodata/schema';
import type { Format } from './format';
import { MEDIA, withQuery, type Link } from './links';

export const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
] as const;

const other = (format: Format): Format => (format === 'html' ? 'json' : 'html');

/**
 * The two links every /ogc resource carries: itself in the format served (`self`) and in the
 * other format (`alternate`).
 */
export function selfLinks(url: URL, format: Format, types: { json: string } = { json: MEDIA.json }): Link[] {
  const type = (f: Format) => (f === 'html' ? MEDIA.html : types.json);
  return [
    { href: withQuery(url, { f: format }), rel: 'self', type: type(format), title: format === 'html' ? 'this page' : 'this document' },
    { href: withQuery(url, { f: other(format) }), rel: 'alternate', type: type(other(format)), title: other(format) === 'html' ? 'as HTML' : 'as JSON' },
  ];
}

export function landingPage(root: string, url: URL, format: Format, city: Label) {
  return {
    title: `Broadband Atlas 宽带地图 — ${city.zh} ${city.en}`,
    description: `The layers of the atlas of ${city.en} (${city.zh}) as OGC API – Features collections: GeoJSON in WGS 84 longitude/latitude (CRS84).`,
    links: [
      ...selfLinks(url, format),
      { href: `${root}/api`, rel: 'service-desc', type: MEDIA.openapi, title: 'the API definition (OpenAPI 3.0)' },
      { href: `${root}/conformance?f=json`, rel: 'conformance', type: MEDIA.json, title: 'conformance classes' },
      { href: `${root}/conformance?f=html`, rel: 'conformance', type: MEDIA.html, title: 'conformance classes' },
      { href: `${root}/collections?f=json`, rel: 'data', type: MEDIA.json, title: 'the collections' },
      { href: `${root}/collections?f=html`, rel: 'data', type: MEDIA.html, title: 'the collections' },
    ] satisfies Link[],
  };
}

export function conformance(url: URL, format: Format) {
  return { conformsTo: [...CONFORMANCE], links: selfLinks(url, format) };
}
