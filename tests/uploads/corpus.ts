/**
 * The corpus of bad upload files: each file is named for what is wrong with it, and each entry
 * says what the API must answer — the status, the problem (or error) code, and where it is.
 * `make` builds the file (tests/fixtures/uploads/make-fixtures.ts writes them all; the files
 * are committed, so a test reads the real bytes). Positions come from the small demo city
 * (seeded, so the same every time): B0001… are real buildings of the register.
 */
import { zipSync } from 'fflate';
import type { LayerId } from '../../geodata/schema';

export interface Building {
  id: string;
  x: number;
  y: number;
}

export interface MakeContext {
  buildings: Building[];
  gbk(text: string): Uint8Array;
}

export interface BadCase {
  file: string;
  layer: LayerId;
  /** Who uploads (default the telecom carrier). */
  as?: 'telecom' | 'admin';
  query?: Record<string, string>;
  headers?: Record<string, string>;
  status: number;
  /** The problem code in the report (422), or the error code (400/413). */
  code: string;
  /** Where the problem must be located (checked when given). */
  at?: { index?: number | null; path?: string; line?: number; column?: number };
  make(ctx: MakeContext): string | Uint8Array;
}

export const service = (b: Building, i: number, props: Record<string, unknown> = {}) => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [b.x, b.y] },
  properties: { id: `T-${i + 1}`, carrier: 'telecom', building_id: b.id, technology: 'ftth', down_mbps: 200, up_mbps: 50, in_service: '2015-06-01', status: 'in_service', ...props },
});

const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features }, null, 1);
/** A file of five good service records, with one feature replaced or edited. */
const five = (ctx: MakeContext, edit: (features: Record<string, any>[]) => void = () => {}) => {
  const features = ctx.buildings.slice(0, 5).map((b, i) => service(b, i)) as Record<string, any>[];
  edit(features);
  return fc(features);
};

/** A closed square service area around a building, about 200 m a side. */
export const square = (b: Building, d = 0.001) => [
  [b.x - d, b.y - d],
  [b.x + d, b.y - d],
  [b.x + d, b.y + d],
  [b.x - d, b.y + d],
  [b.x - d, b.y - d],
];
const area = (b: Building, coordinates: unknown, type = 'Polygon') => ({
  type: 'Feature',
  geometry: { type, coordinates },
  properties: { id: 'T-AREA-1', carrier: 'telecom', technology: 'fwa', down_mbps: 50, up_mbps: 10, in_service: '2015-06-01', status: 'in_service' },
});

const csvHeader = 'id,carrier,building_id,technology,down_mbps,up_mbps,in_service,status,lon,lat';
const csvRow = (b: Building, i: number, edit: Partial<Record<string, string | number>> = {}) => {
  const r = { id: `T-${i + 1}`, carrier: 'telecom', building_id: b.id, technology: 'ftth', down_mbps: 200, up_mbps: 50, in_service: '2015-06-01', status: 'in_service', lon: b.x, lat: b.y, ...edit };
  return csvHeader.split(',').map((k) => r[k as keyof typeof r]).join(',');
};

const shpFiles = (files: Record<string, Uint8Array | string>) =>
  zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? new TextEncoder().encode(v) : v])));

/** A .shp of point records (and its .dbf with an id column), minimal but valid. */
export function pointShapefile(points: [number, number][], ids: string[]): { shp: Uint8Array; dbf: Uint8Array } {
  const shp = new DataView(new ArrayBuffer(100 + points.length * 28));
  shp.setInt32(0, 9994, false);
  shp.setInt32(24, (100 + points.length * 28) / 2, false);
  shp.setInt32(28, 1000, true);
  shp.setInt32(32, 1, true);
  points.forEach(([x, y], i) => {
    const at = 100 + i * 28;
    shp.setInt32(at, i + 1, false);
    shp.setInt32(at + 4, 10, false);
    shp.setInt32(at + 8, 1, true);
    shp.setFloat64(at + 12, x, true);
    shp.setFloat64(at + 20, y, true);
  });
  const width = 20;
  const dbf = new Uint8Array(32 + 32 + 1 + ids.length * (1 + width) + 1);
  const v = new DataView(dbf.buffer);
  dbf[0] = 3;
  v.setUint32(4, ids.length, true);
  v.setUint16(8, 65, true);
  v.setUint16(10, 1 + width, true);
  dbf.set(new TextEncoder().encode('id'), 32);
  dbf[32 + 11] = 'C'.charCodeAt(0);
  dbf[32 + 16] = width;
  dbf[64] = 0x0d;
  ids.forEach((id, i) => {
    const at = 65 + i * (1 + width);
    dbf[at] = 0x20;
    dbf.set(new TextEncoder().encode(id.padEnd(width)), at + 1);
  });
  dbf[dbf.length - 1] = 0x1a;
  return { shp: new Uint8Array(shp.buffer), dbf };
}

/** A zip whose one entry says it holds `claimed` bytes but inflates to `actual`. */
export function lyingZip(name: string, actual: number, claimed: number): Uint8Array {
  const zip = zipSync({ [name]: new Uint8Array(actual) }, { level: 9 });
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  // Local header: uncompressed size at 22. Central directory (signature 0x02014b50): at 24.
  v.setUint32(22, claimed, true);
  for (let i = zip.length - 22; i >= 0; i--) {
    if (v.getUint32(i, true) === 0x02014b50) {
      v.setUint32(i + 24, claimed, true);
      break;
    }
  }
  return zip;
}

const BEIJING_1954_PRJ =
  'PROJCS["Beijing_1954_3_Degree_GK_Zone_39",GEOGCS["GCS_Beijing_1954",DATUM["D_Beijing_1954",SPHEROID["Krasovsky_1940",6378245.0,298.3]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",39500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

export const BAD: BadCase[] = [
  // ------------------------------------------------------------ JSON syntax and encoding
  {
    file: 'truncated.geojson', layer: 'fixed_service', status: 422, code: 'json_truncated', at: { index: null, line: 40 },
    make: (ctx) => five(ctx).slice(0, 700),
  },
  {
    file: 'trailing-comma-after-last-feature.geojson', layer: 'fixed_service', status: 422, code: 'json_syntax', at: { index: null },
    make: (ctx) => five(ctx).replace(/\}\n \]\n\}$/, '},\n ]\n}'),
  },
  {
    file: 'missing-comma-between-features.geojson', layer: 'fixed_service', status: 422, code: 'json_syntax', at: { index: null, line: 3, column: 2 },
    make: (ctx) => `{"type":"FeatureCollection","features":[\n${JSON.stringify(service(ctx.buildings[0]!, 0))}\n ${JSON.stringify(service(ctx.buildings[1]!, 1))}\n]}`,
  },
  {
    file: 'nan-coordinate.geojson', layer: 'fixed_service', status: 422, code: 'json_syntax', at: { index: 1, line: 3 },
    make: (ctx) => `{"type":"FeatureCollection","features":[\n${JSON.stringify(service(ctx.buildings[0]!, 0))},\n${JSON.stringify(service(ctx.buildings[1]!, 1)).replace(/\[[-\d.]+,/, '[NaN,')}\n]}`,
  },
  {
    file: 'single-quoted-strings.geojson', layer: 'fixed_service', status: 422, code: 'json_syntax', at: { index: 0, line: 2 },
    make: (ctx) => `{"type":"FeatureCollection","features":[\n${JSON.stringify(service(ctx.buildings[0]!, 0)).replace('"ftth"', "'ftth'")}\n]}`,
  },
  {
    file: 'comment-in-json.geojson', layer: 'fixed_service', status: 422, code: 'json_syntax', at: { index: 0, line: 3 },
    make: () => `{"type":"FeatureCollection","features":[\n{"type":"Feature",\n// exported from the planning system\n"geometry":null,"properties":{}}\n]}`,
  },
  {
    file: 'unterminated-string.geojson', layer: 'fixed_service', status: 422, code: 'json_syntax', at: { index: 0, line: 2 },
    make: (ctx) => `{"type":"FeatureCollection","features":[\n${JSON.stringify(service(ctx.buildings[0]!, 0)).replace('"ftth"', '"ftth')}\n]}`,
  },
  {
    file: 'utf16-le-bom.geojson', layer: 'fixed_service', status: 422, code: 'encoding', at: { index: null, line: 1 },
    make: (ctx) => {
      const text = five(ctx);
      const out = new Uint8Array(2 + text.length * 2);
      out[0] = 0xff;
      out[1] = 0xfe;
      for (let i = 0; i < text.length; i++) new DataView(out.buffer).setUint16(2 + i * 2, text.charCodeAt(i), true);
      return out;
    },
  },
  {
    file: 'gbk-encoded-text.geojson', layer: 'wifi_hotspots', status: 422, code: 'encoding', at: { index: null, line: 16 },
    make: (ctx) =>
      ctx.gbk(fc([{ type: 'Feature', geometry: { type: 'Point', coordinates: [ctx.buildings[0]!.x, ctx.buildings[0]!.y] }, properties: { id: 'T-W1', carrier: 'telecom', operator: '滁州市图书馆', ssid: 'Telecom-Free', radius_m: 80, in_service: '2015-06-01' } }])),
  },
  {
    file: 'not-json-but-csv.geojson', layer: 'fixed_service', status: 422, code: 'json_syntax', at: { index: null, line: 1, column: 1 },
    make: (ctx) => `${csvHeader}\n${csvRow(ctx.buildings[0]!, 0)}\n`,
  },
  {
    file: 'ndjson-sent-as-geojson.geojson', layer: 'fixed_service', status: 422, code: 'structure', at: { index: null, line: 2 },
    make: (ctx) => ctx.buildings.slice(0, 3).map((b, i) => JSON.stringify(service(b, i))).join('\n'),
  },
  {
    file: 'empty.geojson', layer: 'fixed_service', status: 400, code: 'empty_upload',
    make: () => '',
  },
  // ------------------------------------------------------------ GeoJSON structure
  {
    file: 'bare-geometry.geojson', layer: 'fixed_service', status: 422, code: 'bare_geometry', at: { index: null },
    make: (ctx) => JSON.stringify({ type: 'Point', coordinates: [ctx.buildings[0]!.x, ctx.buildings[0]!.y] }),
  },
  {
    file: 'top-level-array-of-features.geojson', layer: 'fixed_service', status: 422, code: 'structure', at: { index: null, line: 1 },
    make: (ctx) => JSON.stringify([service(ctx.buildings[0]!, 0)]),
  },
  {
    file: 'feature-collection-without-features.geojson', layer: 'fixed_service', status: 422, code: 'structure', at: { index: null },
    make: () => JSON.stringify({ type: 'FeatureCollection', items: [] }),
  },
  {
    file: 'empty-feature-collection.geojson', layer: 'fixed_service', status: 422, code: 'empty', at: { index: null },
    make: () => JSON.stringify({ type: 'FeatureCollection', features: [] }),
  },
  {
    file: 'properties-null.geojson', layer: 'fixed_service', status: 422, code: 'properties', at: { index: 2, path: 'features[2].properties' },
    make: (ctx) => five(ctx, (f) => (f[2]!.properties = null)),
  },
  {
    file: 'bbox-malformed.geojson', layer: 'fixed_service', status: 422, code: 'structure', at: { index: 0, path: 'features[0].bbox' },
    make: (ctx) => five(ctx, (f) => (f[0]!.bbox = [118.2])),
  },
  // ------------------------------------------------------------ geometry
  {
    file: 'open-ring.geojson', layer: 'fixed_service', status: 422, code: 'ring_open', at: { index: 0, path: 'features[0].geometry.coordinates[0]' },
    make: (ctx) => fc([area(ctx.buildings[0]!, [square(ctx.buildings[0]!).slice(0, 4).concat([[ctx.buildings[0]!.x, ctx.buildings[0]!.y]])])]),
  },
  {
    file: 'bow-tie-polygon.geojson', layer: 'fixed_service', status: 422, code: 'self_intersection', at: { index: 0, path: 'features[0].geometry.coordinates[0]' },
    make: (ctx) => {
      const [a, b, c, d] = square(ctx.buildings[0]!);
      return fc([area(ctx.buildings[0]!, [[a, c, b, d, a]])]);
    },
  },
  {
    file: 'ring-with-three-positions.geojson', layer: 'fixed_service', status: 422, code: 'ring', at: { index: 0, path: 'features[0].geometry.coordinates[0]' },
    make: (ctx) => {
      const [a, b] = square(ctx.buildings[0]!);
      return fc([area(ctx.buildings[0]!, [[a, b, a]])]);
    },
  },
  {
    file: 'geometry-collection.geojson', layer: 'fixed_service', status: 422, code: 'geometry_collection', at: { index: 1, path: 'features[1].geometry.type' },
    make: (ctx) => five(ctx, (f) => (f[1]!.geometry = { type: 'GeometryCollection', geometries: [f[1]!.geometry] })),
  },
  {
    file: 'linestring-in-a-point-layer.geojson', layer: 'mobile_sites', status: 422, code: 'geometry_type', at: { index: 0, path: 'features[0].geometry.type' },
    make: (ctx) => fc([{ type: 'Feature', geometry: { type: 'LineString', coordinates: [[ctx.buildings[0]!.x, ctx.buildings[0]!.y], [ctx.buildings[1]!.x, ctx.buildings[1]!.y]] }, properties: { id: 'T-M1', carrier: 'telecom', generation: '4g', radius_m: 2000, in_service: '2015-06-01' } }]),
  },
  {
    file: 'lon-lat-swapped.geojson', layer: 'fixed_service', status: 422, code: 'swapped', at: { index: 3, path: 'features[3].geometry.coordinates' },
    make: (ctx) => five(ctx, (f) => f[3]!.geometry.coordinates.reverse()),
  },
  {
    file: 'far-outside-the-city-beijing.geojson', layer: 'fixed_service', status: 422, code: 'outside_city', at: { index: 0, path: 'features[0].geometry.coordinates' },
    make: (ctx) => five(ctx, (f) => (f[0]!.geometry.coordinates = [116.397, 39.909])),
  },
  {
    file: 'coordinates-as-strings.geojson', layer: 'fixed_service', status: 422, code: 'position', at: { index: 4, path: 'features[4].geometry.coordinates' },
    make: (ctx) => five(ctx, (f) => (f[4]!.geometry.coordinates = f[4]!.geometry.coordinates.map(String))),
  },
  {
    file: 'projected-metres-without-crs.geojson', layer: 'fixed_service', status: 422, code: 'range', at: { index: 0, path: 'features[0].geometry.coordinates' },
    make: (ctx) => five(ctx, (f) => (f[0]!.geometry.coordinates = [39620270.94, 3574202.53])),
  },
  {
    file: 'projected-without-zone-prefix-declared-zoned.geojson', layer: 'fixed_service', query: { crs: 'EPSG:4527' }, status: 422, code: 'crs_mismatch', at: { index: 0 },
    make: (ctx) => five(ctx, (f) => f.forEach((x) => (x.geometry.coordinates = [620270.94, 3574202.53]))),
  },
  {
    file: 'absurd-vertex-count.geojson', layer: 'fixed_service', status: 422, code: 'vertices', at: { index: 0, path: 'features[0].geometry.coordinates' },
    make: (ctx) => {
      const b = ctx.buildings[0]!;
      const n = 1500; // the test runs with ATLAS_UPLOAD_MAX_FEATURE_VERTICES=1000
      const ring = Array.from({ length: n }, (_, i) => [+(b.x + 0.001 * Math.cos((2 * Math.PI * i) / n)).toFixed(7), +(b.y + 0.001 * Math.sin((2 * Math.PI * i) / n)).toFixed(7)]);
      ring.push(ring[0]!);
      return JSON.stringify({ type: 'FeatureCollection', features: [area(b, [ring])] });
    },
  },
  // ------------------------------------------------------------ properties
  {
    file: 'speed-written-100M.geojson', layer: 'fixed_service', status: 422, code: 'type', at: { index: 2, path: 'features[2].properties.down_mbps' },
    make: (ctx) => five(ctx, (f) => (f[2]!.properties.down_mbps = '100M')),
  },
  {
    file: 'speed-with-decimals.geojson', layer: 'fixed_service', status: 422, code: 'integer', at: { index: 1, path: 'features[1].properties.up_mbps' },
    make: (ctx) => five(ctx, (f) => (f[1]!.properties.up_mbps = 99.5)),
  },
  {
    file: 'negative-speed.geojson', layer: 'fixed_service', status: 422, code: 'range', at: { index: 0, path: 'features[0].properties.down_mbps' },
    make: (ctx) => five(ctx, (f) => (f[0]!.properties.down_mbps = -20)),
  },
  {
    file: 'missing-technology.geojson', layer: 'fixed_service', status: 422, code: 'required', at: { index: 3, path: 'features[3].properties.technology' },
    make: (ctx) => five(ctx, (f) => delete f[3]!.properties.technology),
  },
  {
    file: 'technology-not-in-the-list.geojson', layer: 'fixed_service', status: 422, code: 'enum', at: { index: 0, path: 'features[0].properties.technology' },
    make: (ctx) => five(ctx, (f) => (f[0]!.properties.technology = 'fiber')),
  },
  {
    file: 'month-13-date.geojson', layer: 'fixed_service', status: 422, code: 'date', at: { index: 1, path: 'features[1].properties.in_service' },
    make: (ctx) => five(ctx, (f) => (f[1]!.properties.in_service = '2015-13-01')),
  },
  {
    file: 'date-with-slashes.geojson', layer: 'fixed_service', status: 422, code: 'date', at: { index: 4, path: 'features[4].properties.in_service' },
    make: (ctx) => five(ctx, (f) => (f[4]!.properties.in_service = '2015/6/1')),
  },
  {
    file: 'duplicate-ids.geojson', layer: 'fixed_service', status: 422, code: 'duplicate_id', at: { index: 3, path: 'features[3].properties.id' },
    make: (ctx) => five(ctx, (f) => (f[3]!.properties.id = f[1]!.properties.id)),
  },
  {
    file: 'building-id-not-in-register.geojson', layer: 'fixed_service', status: 422, code: 'building_unknown', at: { index: 2, path: 'features[2].properties.building_id' },
    make: (ctx) => five(ctx, (f) => (f[2]!.properties.building_id = 'B9999X')),
  },
  {
    file: 'point-record-without-building-id.geojson', layer: 'fixed_service', status: 422, code: 'required', at: { index: 0, path: 'features[0].properties.building_id' },
    make: (ctx) => five(ctx, (f) => delete f[0]!.properties.building_id),
  },
  {
    file: 'another-carriers-records.geojson', layer: 'fixed_service', status: 422, code: 'carrier', at: { index: 1, path: 'features[1].properties.carrier' },
    make: (ctx) => five(ctx, (f) => (f[1]!.properties.carrier = 'unicom')),
  },
  {
    file: 'id-with-spaces.geojson', layer: 'fixed_service', status: 422, code: 'pattern', at: { index: 0, path: 'features[0].properties.id' },
    make: (ctx) => five(ctx, (f) => (f[0]!.properties.id = 'T 1')),
  },
  // ------------------------------------------------------------ CSV
  {
    file: 'csv-without-lon-lat-columns.csv', layer: 'fixed_service', status: 422, code: 'csv_header', at: { index: null, line: 1 },
    make: (ctx) => `id,carrier,building_id,technology,down_mbps,up_mbps,in_service,status,x坐标,y坐标\n${csvRow(ctx.buildings[0]!, 0)}\n`,
  },
  {
    file: 'csv-unterminated-quote.csv', layer: 'fixed_service', status: 422, code: 'csv_syntax', at: { index: null, line: 3 },
    make: (ctx) => `${csvHeader}\n${csvRow(ctx.buildings[0]!, 0)}\n${csvRow(ctx.buildings[1]!, 1, { technology: '"ftth' })}\n`,
  },
  {
    file: 'csv-speed-with-unit.csv', layer: 'fixed_service', status: 422, code: 'type', at: { index: 1, line: 3, path: 'properties.down_mbps' },
    make: (ctx) => `${csvHeader}\n${csvRow(ctx.buildings[0]!, 0)}\n${csvRow(ctx.buildings[1]!, 1, { down_mbps: '100M' })}\n`,
  },
  {
    file: 'csv-lon-lat-swapped.csv', layer: 'fixed_service', status: 422, code: 'swapped', at: { index: 0, line: 2 },
    make: (ctx) => `${csvHeader}\n${csvRow(ctx.buildings[0]!, 0, { lon: ctx.buildings[0]!.y, lat: ctx.buildings[0]!.x })}\n`,
  },
  {
    file: 'csv-for-a-line-layer.csv', layer: 'ducts', status: 422, code: 'csv_geometry', at: { index: null },
    make: () => 'id,owner,ducts,spare_ducts,in_service,lon,lat\nD1,telecom,4,1,2015-01-01,118.3,32.3\n',
  },
  // ------------------------------------------------------------ zip and Shapefile
  {
    file: 'zip-bomb.zip', layer: 'fixed_service', status: 413, code: 'too_large',
    // 20 MB of zeros in 20 KB; the test allows 1 MB unzipped (ATLAS_UPLOAD_MAX_UNZIPPED_BYTES).
    make: () => zipSync({ 'bomb.shp': new Uint8Array(20 * 2 ** 20), 'bomb.dbf': new Uint8Array(10) }, { level: 9 }),
  },
  {
    file: 'zip-bomb-lying-about-its-size.zip', layer: 'fixed_service', status: 413, code: 'too_large',
    make: () => lyingZip('bomb.shp', 8 * 2 ** 20, 1000),
  },
  {
    file: 'zip-entry-escaping-with-dot-dot.zip', layer: 'fixed_service', status: 422, code: 'bad_zip',
    make: (ctx) => {
      const { shp, dbf } = pointShapefile([[ctx.buildings[0]!.x, ctx.buildings[0]!.y]], ['T-1']);
      return shpFiles({ 'points.shp': shp, 'points.dbf': dbf, '../../x': 'gotcha' });
    },
  },
  {
    file: 'zip-without-a-shp.zip', layer: 'fixed_service', status: 422, code: 'bad_zip',
    make: () => shpFiles({ 'readme.txt': 'the shapefile is attached separately' }),
  },
  {
    file: 'zip-with-too-many-entries.zip', layer: 'fixed_service', status: 413, code: 'too_large',
    make: () => shpFiles(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`part${i}.txt`, 'x']))),
  },
  {
    file: 'shapefile-without-dbf.zip', layer: 'fixed_service', status: 422, code: 'shapefile', at: { index: null },
    make: (ctx) => shpFiles({ 'points.shp': pointShapefile([[ctx.buildings[0]!.x, ctx.buildings[0]!.y]], ['T-1']).shp }),
  },
  {
    file: 'shapefile-truncated-record.zip', layer: 'fixed_service', status: 422, code: 'shapefile', at: { index: 1 },
    make: (ctx) => {
      const { shp, dbf } = pointShapefile(ctx.buildings.slice(0, 2).map((b) => [b.x, b.y]), ['T-1', 'T-2']);
      return shpFiles({ 'points.shp': shp.slice(0, shp.length - 8), 'points.dbf': dbf });
    },
  },
  {
    file: 'shapefile-in-beijing-1954.zip', layer: 'fixed_service', status: 422, code: 'crs', at: { index: null, path: '.prj' },
    make: (ctx) => {
      const { shp, dbf } = pointShapefile([[39620270.94, 3574202.53]], ['T-1']);
      void ctx;
      return shpFiles({ 'points.shp': shp, 'points.dbf': dbf, 'points.prj': BEIJING_1954_PRJ });
    },
  },
  {
    file: 'not-a-zip-named-zip.zip', layer: 'fixed_service', status: 422, code: 'not_zip', at: { index: null },
    make: () => 'this is a text file that someone renamed to .zip\n',
  },
  // ------------------------------------------------------------ requests
  {
    file: 'content-length-2gb.geojson', layer: 'fixed_service', headers: { 'content-length': String(2 * 2 ** 30) }, status: 413, code: 'too_large',
    make: (ctx) => five(ctx),
  },
  {
    file: 'body-larger-than-the-limit.geojson', layer: 'fixed_service', status: 413, code: 'too_large',
    // The test allows 512 KiB (ATLAS_UPLOAD_MAX_BYTES) and sends no Content-Length: caught while streaming.
    make: (ctx) => JSON.stringify({ type: 'FeatureCollection', features: Array.from({ length: 2500 }, (_, i) => service(ctx.buildings[i % ctx.buildings.length]!, i)) }),
  },
  {
    file: 'more-features-than-the-limit.ndjson', layer: 'fixed_service', status: 413, code: 'too_large',
    // The test allows 500 features (ATLAS_UPLOAD_MAX_FEATURES).
    make: (ctx) => Array.from({ length: 501 }, (_, i) => JSON.stringify(service(ctx.buildings[i % ctx.buildings.length]!, i))).join('\n'),
  },
  {
    file: 'admin-layer-sent-by-a-carrier.geojson', layer: 'buildings', status: 403, code: 'forbidden',
    make: (ctx) => fc([{ type: 'Feature', geometry: { type: 'Point', coordinates: [ctx.buildings[0]!.x, ctx.buildings[0]!.y] }, properties: { id: 'B0001', use: 'commercial', households: 0 } }]),
  },
];

/** The limits the corpus test runs with (small, so the limit files stay small). */
export const TEST_LIMITS = {
  ATLAS_UPLOAD_MAX_BYTES: String(512 * 1024),
  ATLAS_UPLOAD_MAX_FEATURES: '500',
  ATLAS_UPLOAD_MAX_FEATURE_VERTICES: '1000',
  ATLAS_UPLOAD_MAX_ZIP_ENTRIES: '10',
  ATLAS_UPLOAD_MAX_UNZIPPED_BYTES: String(2 ** 20),
};
