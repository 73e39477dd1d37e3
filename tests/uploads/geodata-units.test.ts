/**
 * The pure pieces of the upload pipeline, alone: the JSON fault locator, the streaming GeoJSON
 * scanner (chunking must not change what it finds), CSV, .prj, Gauss–Krüger zones, offset
 * detection, bow-ties, zip entry names, UTF-8 watching.
 */
import { describe, expect, it } from 'vitest';
import { crsFromPrj } from '../../geodata/crs/prj';
import { parseCrs, checkProjectedPosition } from '../../geodata/crs/crs';
import { gaussKrugerZone, zoneFromEasting } from '../../geodata/crs/gauss-kruger';
import { wgs84ToBd09, wgs84ToGcj02 } from '../../geodata/crs/china-offsets';
import { CsvReader, type CsvRow } from '../../geodata/formats/csv';
import { Utf8Watch } from '../../geodata/formats/encoding';
import { GeoJsonScanner, type ScanProblem } from '../../geodata/formats/geojson-scanner';
import { locateJsonError } from '../../geodata/formats/json-locate';
import { sniffFormat } from '../../geodata/formats/detect';
import { selfIntersection } from '../../geodata/validate-geometry';
import { detectOffset } from '../../geodata/validate-place';
import { unsafeName } from '../../server/ingest/zip';

describe('locateJsonError', () => {
  it.each([
    ['{"a": [1, NaN]}', 1, 11, /NaN/],
    ['{"a": 1,\n "b": 2,\n}', 3, 1, /trailing comma/],
    ["{'a': 1}", 1, 2, /double quotes/],
    ['{"a": 1}\n// note', 2, 1, /comments/],
    ['{"a": [1, 2', 1, 12, /truncated/],
    ['{"a": 01}', 1, 7, /leading zero/],
  ])('%j → line %i, column %i', (text, line, column, message) => {
    const f = locateJsonError(text)!;
    expect([f.line, f.column]).toEqual([line, column]);
    expect(f.en).toMatch(message);
    expect(f.zh.length).toBeGreaterThan(4);
  });
  it('is null for valid JSON', () => expect(locateJsonError('{"a":[1,2,{"b":null}]}')).toBeNull());
});

describe('GeoJsonScanner', () => {
  const doc = `{"type":"FeatureCollection","name":"x","features":[\n{"type":"Feature","properties":{"s":"a}\\"]"},"geometry":null},\n{"type":"Feature","properties":{"n":NaN},"geometry":null},\n{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}}\n]}`;
  const scan = (chunk: number) => {
    const out: unknown[] = [];
    const problems: ScanProblem[] = [];
    const s = new GeoJsonScanner({ feature: (f) => out.push([f.index, f.line, f.value]), problem: (p) => problems.push(p) });
    for (let i = 0; i < doc.length; i += chunk) s.push(doc.slice(i, i + chunk));
    return { out, problems, result: s.end() };
  };
  it('finds the same features and faults however the text is chunked', () => {
    const whole = scan(doc.length);
    expect(whole.out).toHaveLength(2);
    expect(whole.problems).toEqual([expect.objectContaining({ code: 'json_syntax', index: 1, line: 3 })]);
    expect(whole.result.members).toEqual({ type: 'FeatureCollection', name: 'x' });
    for (const chunk of [1, 2, 3, 7, 64]) expect(scan(chunk)).toEqual(whole);
  });
});

describe('CsvReader', () => {
  it('reads quotes, doubled quotes, line breaks in fields, CRLF and semicolons, keeping line numbers', () => {
    const rows: CsvRow[] = [];
    const r = new CsvReader({ row: (x) => rows.push(x), problem: () => {} });
    const text = '\ufeffa;b;c\r\n1;"x;""y""";3\r\n\r\n4;"multi\nline";6\r\n';
    for (const ch of text) r.push(ch);
    r.end();
    expect(rows).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'x;"y"', '3'] },
      { line: 4, fields: ['4', 'multi\nline', '6'] },
    ]);
  });
});

describe('coordinate systems', () => {
  it('knows the CGCS2000 Gauss–Krüger zones by EPSG code', () => {
    expect(gaussKrugerZone(4527)).toMatchObject({ lon0: 117, falseEasting: 39_500_000, zone: 39, width: 3 });
    expect(gaussKrugerZone(4548)).toMatchObject({ lon0: 117, falseEasting: 500_000, zone: null });
    expect(gaussKrugerZone(4498)).toMatchObject({ lon0: 117, falseEasting: 20_500_000, zone: 20, width: 6 });
    expect(gaussKrugerZone(4509)).toMatchObject({ lon0: 117, falseEasting: 500_000, width: 6 });
    expect(zoneFromEasting(39_620_270)).toBe(4527);
  });
  it('parses options, and refuses Beijing 1954 and unknown systems with a reason', () => {
    expect(parseCrs('EPSG:4490')).toMatchObject({ crs: { id: 'cgcs2000' } });
    expect(parseCrs('urn:ogc:def:crs:EPSG::4527')).toMatchObject({ crs: { id: 'EPSG:4527' } });
    expect(parseCrs('baidu')).toMatchObject({ crs: { id: 'bd09' } });
    expect((parseCrs('EPSG:2436') as { error: { en: string } }).error.en).toMatch(/Beijing 1954/);
    expect((parseCrs('EPSG:32650') as { error: { en: string } }).error.en).toMatch(/not supported/);
  });
  it('reads a GDAL .prj as its EPSG zone, and converts to where GDAL projected from', () => {
    const prj = 'PROJCS["CGCS2000_3_Degree_GK_Zone_39",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",39500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
    const r = crsFromPrj(prj) as { crs: { id: string; convert: (x: number, y: number) => [number, number] } };
    expect(r.crs.id).toBe('EPSG:4527');
    // GDAL 3.6: 118.276724, 32.285278 → 39620270.938762814, 3574202.528895151
    const [lon, lat] = r.crs.convert(39620270.938762814, 3574202.528895151);
    expect(lon).toBeCloseTo(118.276724, 7);
    expect(lat).toBeCloseTo(32.285278, 7);
    expect(checkProjectedPosition(r.crs as never, 620270.9, 3574202.5)!.en).toMatch(/no zone number/);
    expect(checkProjectedPosition(r.crs as never, 3574202.5, 39620270.9)!.en).toMatch(/swapped/);
  });
});

describe('detectOffset', () => {
  const register: [number, number][] = Array.from({ length: 40 }, (_, i) => [118.2 + i * 0.01, 32.2 + (i % 7) * 0.01]);
  it('names GCJ-02 and BD-09 files sent as WGS 84, and stays quiet for true WGS 84', () => {
    const as = (f: (x: number, y: number) => [number, number]) => register.map((p) => ({ raw: f(p[0], p[1]), register: p }));
    expect(detectOffset(as(wgs84ToGcj02), 'wgs84')).toMatchObject({ crs: 'gcj02' });
    expect(detectOffset(as(wgs84ToBd09), 'wgs84')).toMatchObject({ crs: 'bd09' });
    expect(detectOffset(as((x, y) => [x, y]), 'wgs84')).toBeNull();
    // Declared GCJ-02 but really WGS 84: converting would move them off; say so.
    expect(detectOffset(as((x, y) => [x, y]), 'gcj02')).toMatchObject({ crs: 'wgs84' });
  });
});

describe('small guards', () => {
  it('finds a bow-tie, not a square with repeated vertices', () => {
    expect(selfIntersection([[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]])).toMatchObject({ a: 0, b: 2 });
    expect(selfIntersection([[0, 0], [1, 0], [1, 0], [1, 1], [0, 1], [0, 0]])).toBeNull();
    const circle = Array.from({ length: 500 }, (_, i) => [Math.cos((2 * Math.PI * i) / 500), Math.sin((2 * Math.PI * i) / 500)]);
    expect(selfIntersection([...circle, circle[0]!])).toBeNull();
  });
  it('refuses zip entry names that climb out', () => {
    for (const bad of ['../../x', '/etc/passwd', 'a/../../b', 'C:\\x', '..\\x']) expect(unsafeName(bad)).toBe(true);
    for (const ok of ['points.shp', 'dir/points.dbf', 'a..b.prj']) expect(unsafeName(ok)).toBe(false);
  });
  it('notes the first invalid UTF-8 byte across chunks', () => {
    const w = new Utf8Watch();
    const bytes = new TextEncoder().encode('ab\n滁州\n');
    w.push(bytes.subarray(0, 4));
    w.push(new Uint8Array([0xd6, 0xd0]));
    // The lead byte of 滁 at offset 3 is followed by a GBK byte, not a continuation.
    expect(w.facts()).toMatchObject({ utf8: false, firstInvalid: { offset: 3 } });
  });
  it('sniffs formats from the first bytes', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(sniffFormat(enc('PK\u0003\u0004'))).toBe('shapefile');
    expect(sniffFormat(enc('{"type":"Feature","properties":{}}\n{"type":"Feature"'))).toBe('ndjson');
    expect(sniffFormat(enc('{\n "type": "FeatureCollection"'))).toBe('geojson');
    expect(sniffFormat(enc('id,lon,lat\n'))).toBe('csv');
  });
});
