/**
 * ESRI Shapefile reading: the .shp geometry and the .dbf attribute table, one record at a time,
 * from a ByteSource — a window on a file the caller reads (server/ingest/zip.ts spools a zip's
 * entries to disk), or a buffer — so memory holds one record, never the whole table, however
 * large the file. Written here rather than taken from a package so that every length read
 * from the file is checked against the bytes that are really there before anything is
 * allocated (a record claiming two billion points is a located error, not an out-of-memory),
 * and every fault names the record and the byte offset. Pure: no I/O of its own.
 *
 * Polygons: the shapefile's outer rings are clockwise and holes counter-clockwise; each hole
 * goes to the outer ring that contains it, and rings are turned to RFC 7946's orientation.
 */
import type { Geometry, Position } from 'geojson';
import { pointInRings } from '../geometry/point-in-polygon';
import { signedRingArea } from '../geometry/ring-area';

export interface ShpRecord {
  /** 0-based record index (the .shp record number minus one). */
  index: number;
  /** Byte offset of the record header in the .shp. */
  offset: number;
  geometry: Geometry | null;
  /** A fault in this record (the geometry is then null). */
  fault?: { zh: string; en: string };
}

export interface ShpHeader {
  shapeType: number;
  bbox: [number, number, number, number];
}

const SHAPE_NAMES: Record<number, string> = {
  0: 'Null', 1: 'Point', 3: 'PolyLine', 5: 'Polygon', 8: 'MultiPoint',
  11: 'PointZ', 13: 'PolyLineZ', 15: 'PolygonZ', 18: 'MultiPointZ',
  21: 'PointM', 23: 'PolyLineM', 25: 'PolygonM', 28: 'MultiPointM', 31: 'MultiPatch',
};

/**
 * Bytes by offset. `read` returns exactly `length` bytes from `offset` (the caller has checked
 * they are there, against `size`); the view may be reused by the next read.
 */
export interface ByteSource {
  readonly size: number;
  read(offset: number, length: number): Uint8Array;
}

/** A buffer as a ByteSource. */
export function bufferSource(bytes: Uint8Array): ByteSource {
  return { size: bytes.byteLength, read: (offset, length) => bytes.subarray(offset, offset + length) };
}

const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

export class ShapefileError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
    this.name = 'ShapefileError';
  }
}

/** The .shp's 100-byte header (also checked as the first bytes of a zip entry arrive). */
export function readShpHeader(shp: Uint8Array): ShpHeader {
  if (shp.byteLength < 100) throw new ShapefileError(`.shp 文件只有 ${shp.byteLength} 字节，不足 100 字节的文件头`, `the .shp has ${shp.byteLength} bytes, less than its 100-byte header`);
  const v = view(shp);
  if (v.getInt32(0, false) !== 9994) throw new ShapefileError('.shp 文件头的文件代码不是 9994：不是 Shapefile', 'the .shp header does not start with file code 9994: not a shapefile');
  const shapeType = v.getInt32(32, true);
  if (!(shapeType in SHAPE_NAMES) || shapeType === 31) {
    throw new ShapefileError(`不支持的几何类型代码 ${shapeType}（${SHAPE_NAMES[shapeType] ?? '未知'}）`, `unsupported shape type ${shapeType} (${SHAPE_NAMES[shapeType] ?? 'unknown'})`);
  }
  return { shapeType, bbox: [v.getFloat64(36, true), v.getFloat64(44, true), v.getFloat64(52, true), v.getFloat64(60, true)] };
}

/** The records of a .shp, one at a time; a record that does not fit its bytes ends the file. */
export function* readShpRecords(shp: ByteSource): Generator<ShpRecord> {
  readShpHeader(shp.read(0, Math.min(100, shp.size)));
  let offset = 100;
  let index = 0;
  while (offset + 8 <= shp.size) {
    const words = view(shp.read(offset, 8)).getInt32(4, false);
    const length = words * 2;
    const start = offset + 8;
    if (words < 2 || start + length > shp.size) {
      yield { index, offset, geometry: null, fault: { zh: `第 ${index + 1} 条记录（字节 ${offset}）声明长度 ${length} 字节，超出文件末尾：文件被截断或已损坏`, en: `record ${index + 1} (byte ${offset}) claims ${length} bytes, past the end of the file: truncated or corrupt` } };
      return;
    }
    try {
      yield { index, offset, geometry: readShape(view(shp.read(start, length)), 0, length) };
    } catch (e) {
      if (!(e instanceof ShapefileError)) throw e;
      yield { index, offset, geometry: null, fault: { zh: `第 ${index + 1} 条记录（字节 ${offset}）：${e.zh}`, en: `record ${index + 1} (byte ${offset}): ${e.en}` } };
    }
    offset = start + length;
    index++;
  }
}

function readShape(v: DataView, start: number, length: number): Geometry | null {
  const type = v.getInt32(start, true);
  const need = (bytes: number) => {
    if (bytes > length) throw new ShapefileError(`记录内容需要 ${bytes} 字节，只有 ${length}`, `the record needs ${bytes} bytes but has ${length}`);
  };
  const point = (at: number): Position => [v.getFloat64(at, true), v.getFloat64(at + 8, true)];
  switch (type) {
    case 0:
      return null;
    case 1:
    case 11:
    case 21:
      need(20);
      return { type: 'Point', coordinates: point(start + 4) };
    case 8:
    case 18:
    case 28: {
      need(40);
      const n = v.getInt32(start + 36, true);
      if (n < 0) throw new ShapefileError(`点数为负（${n}）`, `negative point count (${n})`);
      need(40 + n * 16);
      const points: Position[] = [];
      for (let i = 0; i < n; i++) points.push(point(start + 40 + i * 16));
      return points.length === 1 ? { type: 'Point', coordinates: points[0]! } : { type: 'MultiPoint', coordinates: points };
    }
    case 3:
    case 13:
    case 23:
    case 5:
    case 15:
    case 25: {
      need(44);
      const parts = v.getInt32(start + 36, true);
      const n = v.getInt32(start + 40, true);
      if (parts < 0 || n < 0) throw new ShapefileError(`部分数或点数为负（${parts}, ${n}）`, `negative part or point count (${parts}, ${n})`);
      need(44 + parts * 4 + n * 16);
      const first: number[] = [];
      for (let p = 0; p < parts; p++) {
        const f = v.getInt32(start + 44 + p * 4, true);
        if (f < 0 || f > n || (p > 0 && f < first[p - 1]!)) throw new ShapefileError(`第 ${p} 部分的起点索引 ${f} 无效`, `part ${p} starts at invalid point index ${f}`);
        first.push(f);
      }
      const base = start + 44 + parts * 4;
      const lines: Position[][] = first.map((f, p) => {
        const end = p + 1 < parts ? first[p + 1]! : n;
        const line: Position[] = [];
        for (let i = f; i < end; i++) line.push(point(base + i * 16));
        return line;
      });
      if (type === 3 || type === 13 || type === 23) {
        return lines.length === 1 ? { type: 'LineString', coordinates: lines[0]! } : { type: 'MultiLineString', coordinates: lines };
      }
      return polygonOf(lines);
    }
    default:
      throw new ShapefileError(`不支持的几何类型代码 ${type}`, `unsupported shape type ${type}`);
  }
}

function polygonOf(rings: Position[][]): Geometry {
  const outers: Position[][][] = [];
  const holes: Position[][] = [];
  for (const ring of rings) {
    // Clockwise (negative area) is an outer ring in a shapefile; RFC 7946 wants it the other way.
    if (signedRingArea(ring) <= 0) outers.push([ring.slice().reverse()]);
    else holes.push(ring);
  }
  for (const hole of holes) {
    const owner = outers.find((poly) => hole.length > 0 && pointInRings(hole[0]![0]!, hole[0]![1]!, [poly[0]!]));
    // A hole inside no outer ring is an outer ring drawn the wrong way round: keep it as one.
    if (owner) owner.push(hole.slice().reverse());
    else outers.push([hole]);
  }
  return outers.length === 1 ? { type: 'Polygon', coordinates: outers[0]! } : { type: 'MultiPolygon', coordinates: outers };
}

// ------------------------------------------------------------------ .dbf

export interface DbfField {
  name: string;
  type: string;
  length: number;
  decimals: number;
  offset: number;
}

export interface DbfTable {
  fields: DbfField[];
  count: number;
  /** The dBASE language driver byte (0x4D: GB2312/936, 0x00: unknown). */
  languageDriver: number;
  headerLength: number;
  recordLength: number;
}

export function readDbfHeader(source: ByteSource): DbfTable {
  const size = source.size;
  if (size < 33) throw new ShapefileError(`.dbf 文件只有 ${size} 字节，不足文件头`, `the .dbf has ${size} bytes, less than its header`);
  const v = view(source.read(0, 32));
  const count = v.getUint32(4, true);
  const headerLength = v.getUint16(8, true);
  const recordLength = v.getUint16(10, true);
  const languageDriver = v.getUint8(29);
  if (headerLength > size) throw new ShapefileError('.dbf 文件头长度超出文件：已损坏', 'the .dbf header is longer than the file: corrupt');
  const dbf = source.read(0, headerLength);
  const fields: DbfField[] = [];
  let offset = 1; // the deletion flag
  for (let at = 32; at + 32 <= headerLength && dbf[at] !== 0x0d; at += 32) {
    let end = at;
    while (end < at + 11 && dbf[end] !== 0) end++;
    const name = String.fromCharCode(...dbf.subarray(at, end)).trim();
    const length = dbf[at + 16]!;
    fields.push({ name, type: String.fromCharCode(dbf[at + 11]!), length, decimals: dbf[at + 17]!, offset });
    offset += length;
  }
  if (offset > recordLength) throw new ShapefileError('.dbf 字段宽度之和超过记录长度：已损坏', 'the .dbf fields are wider than its records: corrupt');
  if (headerLength + count * recordLength > size + 1) {
    throw new ShapefileError(`.dbf 声明 ${count} 条记录，但文件只够 ${Math.floor((size - headerLength) / Math.max(1, recordLength))} 条：文件被截断`, `the .dbf claims ${count} records but holds only ${Math.floor((size - headerLength) / Math.max(1, recordLength))}: truncated`);
  }
  return { fields, count, languageDriver, headerLength, recordLength };
}

export type DbfValue = string | number | boolean | null;

/** One record's values by field, or null for a record marked deleted. */
export function readDbfRecord(source: ByteSource, table: DbfTable, index: number, decoder: TextDecoder): DbfValue[] | null {
  const rec = source.read(table.headerLength + index * table.recordLength, table.recordLength);
  if (rec[0] === 0x2a) return null; // '*': deleted
  return table.fields.map((f) => fieldValue(rec, f.offset, f, decoder));
}

function fieldValue(dbf: Uint8Array, at: number, f: DbfField, decoder: TextDecoder): DbfValue {
  const end = at + f.length;
  switch (f.type) {
    case 'C': {
      let e = end;
      while (e > at && (dbf[e - 1] === 0x20 || dbf[e - 1] === 0)) e--;
      let ascii = true;
      for (let i = at; i < e; i++) if (dbf[i]! >= 0x80) ascii = false;
      return ascii ? String.fromCharCode(...dbf.subarray(at, e)) : decoder.decode(dbf.subarray(at, e));
    }
    case 'N':
    case 'F': {
      const text = String.fromCharCode(...dbf.subarray(at, end)).trim();
      if (text === '' || /^\*+$/.test(text)) return null;
      const n = Number(text);
      return Number.isFinite(n) ? n : text;
    }
    case 'L': {
      const c = String.fromCharCode(dbf[at]!);
      return 'TtYy'.includes(c) ? true : 'FfNn'.includes(c) ? false : null;
    }
    case 'D': {
      const text = String.fromCharCode(...dbf.subarray(at, end)).trim();
      return /^\d{8}$/.test(text) ? `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}` : text === '' ? null : text;
    }
    default:
      return null;
  }
}

/** The text encoding of a .dbf: from the .cpg beside it, else the language driver byte. */
export function dbfEncoding(cpg: string | null, languageDriver: number): string | null {
  if (cpg) {
    const c = cpg.trim().toLowerCase();
    if (/^(utf-?8|65001)$/.test(c)) return 'utf-8';
    if (/^(gbk|936|cp936|gb2312|gb18030|54936|ansi 936)$/.test(c)) return 'gb18030';
    if (/^(big5|950)$/.test(c)) return 'big5';
    if (/^(1252|cp1252|windows-1252|latin1|iso-8859-1|88591)$/.test(c)) return 'windows-1252';
  }
  if (languageDriver === 0x4d || languageDriver === 0x7a) return 'gb18030'; // 936 (GBK)
  if (languageDriver === 0x4f || languageDriver === 0x78) return 'big5';
  return null;
}
