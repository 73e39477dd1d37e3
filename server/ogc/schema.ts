/**
 * A JSON Schema of a collection's GeoJSON features, linked from the collection as `describedby`.
 *
 * Why: without it GDAL's OAPIF driver guesses a layer's fields from the first page of features
 * (10 by default), so a property that page happens to lack (a village's optional
 * `info_station`, a hotspot's `ssid`) is dropped from every feature it reads, and an integer in
 * the first page fixes the type of a property that is a real number later. The schema comes
 * from the data contract (geodata/schema.ts), so it is right for every feature.
 */
import { LAYERS, type FieldSpec, type LayerId } from '../../geodata/schema';

function propertySchema(f: FieldSpec): Record<string, unknown> {
  const title = `${f.label.zh} ${f.label.en}`;
  switch (f.type) {
    case 'string':
      return { type: 'string', title, ...(f.maxLength ? { maxLength: f.maxLength } : {}), ...(f.pattern ? { pattern: f.pattern.source } : {}) };
    case 'enum':
      return { type: 'string', title, enum: [...f.values] };
    case 'integer':
    case 'number':
      return { type: f.type, title, ...(f.min !== undefined ? { minimum: f.min } : {}), ...(f.max !== undefined ? { maximum: f.max } : {}), ...(f.unit ? { 'x-unit': f.unit } : {}) };
    case 'boolean':
      return { type: 'boolean', title };
    case 'date':
      return { type: 'string', format: 'date', title };
    case 'flags':
      return { type: 'object', title, properties: Object.fromEntries(Object.keys(f.flags).map((k) => [k, { type: 'boolean' }])) };
  }
}

export function featureSchema(layer: LayerId, href: string) {
  const spec = LAYERS[layer];
  const properties: Record<string, unknown> = Object.fromEntries(Object.entries(spec.properties).map(([k, f]) => [k, propertySchema(f)]));
  // The store's owner (carrier id or `city`) is added to every feature, unless the layer has its own `owner`.
  if (!('owner' in properties)) properties.owner = { type: 'string', title: '所有者 owner' };
  const required = Object.entries(spec.properties)
    .filter(([, f]) => f.required)
    .map(([k]) => k);
  return {
    $schema: 'https://json-schema.org/draft/2019-09/schema',
    $id: href,
    title: `${spec.label.zh} ${spec.label.en}`,
    type: 'object',
    required: ['type', 'geometry', 'properties'],
    properties: {
      type: { type: 'string', enum: ['Feature'] },
      id: { type: 'string' },
      geometry: { type: 'object', description: `GeoJSON ${spec.geometry.join(' or ')} in CRS84` },
      properties: { type: 'object', required, properties },
    },
  };
}
