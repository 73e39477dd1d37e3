/**
 * The API definition at /ogc/api: a small OpenAPI 3.0 document for the paths /ogc serves, with
 * the parameters of /items (GDAL's OAPIF driver reads it to learn what the server accepts; newer
 * GDAL takes its page size from the `limit` maximum declared here).
 */
import { COLLECTION_IDS } from './collections';
import { DEFAULT_LIMIT, MAX_LIMIT } from './items';

const json = (description: string, schemaRef?: string) => ({
  description,
  content: {
    'application/json': { schema: schemaRef ? { $ref: schemaRef } : { type: 'object' } },
    'text/html': { schema: { type: 'string' } },
  },
});

const geojson = (description: string) => ({
  description,
  content: { 'application/geo+json': { schema: { type: 'object' } }, 'text/html': { schema: { type: 'string' } } },
});

const errors = {
  '400': { description: 'a parameter is invalid', content: { 'application/json': { schema: { $ref: '#/components/schemas/error' } } } },
  '404': { description: 'no such resource', content: { 'application/json': { schema: { $ref: '#/components/schemas/error' } } } },
};

export function openApiDocument(root: string, title: string) {
  const ref = (name: string) => ({ $ref: `#/components/parameters/${name}` });
  return {
    openapi: '3.0.3',
    info: {
      title,
      version: '1.0.0',
      description: 'OGC API – Features – Part 1: Core, with the GeoJSON and HTML encodings. Coordinates are WGS 84 longitude/latitude (CRS84).',
      license: { name: 'MIT' },
    },
    servers: [{ url: root }],
    paths: {
      '/': { get: { operationId: 'getLandingPage', summary: 'landing page', parameters: [ref('f')], responses: { '200': json('links to the API definition, conformance and collections'), ...errors } } },
      '/conformance': { get: { operationId: 'getConformance', summary: 'conformance classes', parameters: [ref('f')], responses: { '200': json('the conformance classes this API implements'), ...errors } } },
      '/api': { get: { operationId: 'getApi', summary: 'this document', responses: { '200': { description: 'the API definition', content: { 'application/vnd.oai.openapi+json;version=3.0': { schema: { type: 'object' } } } } } } },
      '/collections': { get: { operationId: 'getCollections', summary: 'the feature collections', parameters: [ref('f')], responses: { '200': json('one collection per layer with geometry'), ...errors } } },
      '/collections/{collectionId}': {
        get: { operationId: 'describeCollection', summary: 'one collection', parameters: [ref('collectionId'), ref('f')], responses: { '200': json('the collection'), ...errors } },
      },
      '/collections/{collectionId}/feature-schema': {
        get: {
          operationId: 'getFeatureSchema',
          summary: 'JSON Schema of the collection\'s GeoJSON features',
          parameters: [ref('collectionId')],
          responses: { '200': { description: 'a JSON Schema', content: { 'application/schema+json': { schema: { type: 'object' } } } }, ...errors },
        },
      },
      '/collections/{collectionId}/items': {
        get: {
          operationId: 'getFeatures',
          summary: 'features of a collection, a page at a time',
          parameters: [ref('collectionId'), ref('bbox'), ref('datetime'), ref('limit'), ref('offset'), ref('f')],
          responses: { '200': geojson('a FeatureCollection with numberMatched, numberReturned and next/prev links'), ...errors },
        },
      },
      '/collections/{collectionId}/items/{featureId}': {
        get: { operationId: 'getFeature', summary: 'one feature', parameters: [ref('collectionId'), ref('featureId'), ref('f')], responses: { '200': geojson('a Feature'), ...errors } },
      },
    },
    components: {
      parameters: {
        collectionId: { name: 'collectionId', in: 'path', required: true, description: 'a layer id', schema: { type: 'string', enum: [...COLLECTION_IDS] } },
        featureId: {
          name: 'featureId',
          in: 'path',
          required: true,
          description: 'the feature id: the id on base layers, `owner:id` on carrier layers',
          schema: { type: 'string' },
        },
        f: { name: 'f', in: 'query', required: false, description: 'the representation (otherwise chosen from Accept)', schema: { type: 'string', enum: ['json', 'html'] } },
        bbox: {
          name: 'bbox',
          in: 'query',
          required: false,
          description: 'west,south,east,north in CRS84; west > east crosses the antimeridian',
          schema: { type: 'array', minItems: 4, maxItems: 4, items: { type: 'number' } },
          style: 'form',
          explode: false,
        },
        datetime: {
          name: 'datetime',
          in: 'query',
          required: false,
          description: 'an RFC 3339 date or date-time, or an interval a/b, ../b, a/.. ; matched by day on the layer\'s date property (undated layers ignore it)',
          schema: { type: 'string' },
        },
        limit: {
          name: 'limit',
          in: 'query',
          required: false,
          description: `features per page; above ${MAX_LIMIT} the server uses ${MAX_LIMIT}`,
          schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT },
          style: 'form',
          explode: false,
        },
        offset: { name: 'offset', in: 'query', required: false, description: 'features to skip (the next/prev links set it)', schema: { type: 'integer', minimum: 0, default: 0 } },
      },
      schemas: {
        error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string' },
                message: { type: 'object', properties: { zh: { type: 'string' }, en: { type: 'string' } } },
                details: {},
              },
            },
          },
        },
      },
    },
  };
}
