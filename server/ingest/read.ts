/**
 * Read a received file as records, whatever its format: GeoJSON and GeoJSONSeq are decoded and
 * scanned chunk by chunk from disk; CSV is decoded (UTF-8, or GBK/GB18030 when it is not UTF-8)
 * and parsed row by row; a zipped Shapefile is unpacked within the zip limits and read record by
 * record. Each record goes to `onRecord` as it is read, as a GeoJSON-like feature with where it
 * came from; what is wrong with the file itself goes to the problem log.
 */
import { closeSync, createReadStream, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import type { LayerId } from '../../geodata/schema';
import { LAYERS } from '../../geodata/schema';
import { parseCrs, type CrsResult } from '../../geodata/crs/crs';
import { crsFromPrj } from '../../geodata/crs/prj';
import { CsvReader } from '../../geodata/formats/csv';
import { looksLikeGbk } from '../../geodata/formats/encoding';
import { GeoJsonScanner, type ScanProblem, type ScanSink } from '../../geodata/formats/geojson-scanner';
import type { Format } from '../../geodata/formats/detect';
import { NdjsonReader } from '../../geodata/formats/ndjson';
import { dbfEncoding, readDbfHeader, readDbfRecord, readShpHeader, readShpRecords, ShapefileError } from '../../geodata/formats/shapefile';
import { rowFeature, tableLayout } from '../../geodata/formats/table-features';
import type { UploadLimits } from './limits';
import type { ProblemLog } from './problems';
import type { ReceivedFile } from './receive';
import { FileSource } from './file-source';
import { makeSpool } from './spool';
import { readZip, badZip } from './zip';

export interface SourceRecord {
  index: number;
  value: unknown;
  /** Path prefix of the record in the file: `features[12]`, or '' for line-based formats. */
  path: string;
  line?: number;
}

export interface ReadContext {
  layer: LayerId;
  format: Format;
  file: ReceivedFile;
  /** The `encoding` parameter, if given. */
  encoding: string | null;
  limits: UploadLimits;
  log: ProblemLog;
  onRecord(r: SourceRecord): void;
  signal: AbortSignal;
}

export interface ReadResult {
  /** A CRS the file states (a .prj, a GeoJSON `crs` member). */
  crs: { result: CrsResult; source: 'prj' | 'file' } | null;
  /** The text encoding read, for the report. */
  encoding: string;
  records: number;
}

const CHUNK = 1 << 20;

/** The 1-based line of a byte offset (only for a message: reads the file up to there). */
function lineAt(path: string, offset: number): number {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(Math.min(offset, 64 * 2 ** 20));
    readSync(fd, buf, 0, buf.length, 0);
    let line = 1;
    for (let i = buf.indexOf(10); i >= 0; i = buf.indexOf(10, i + 1)) line++;
    return line;
  } finally {
    closeSync(fd);
  }
}

export async function readRecords(ctx: ReadContext): Promise<ReadResult> {
  switch (ctx.format) {
    case 'geojson':
    case 'ndjson':
      return readJson(ctx);
    case 'csv':
      return readCsv(ctx);
    case 'shapefile':
      return readShapefile(ctx);
  }
}

/** The decoder for a JSON format, or null after logging why the bytes cannot be read. */
function jsonDecoder(ctx: ReadContext): { decoder: TextDecoder; name: string } | null {
  const facts = ctx.file.encoding;
  if (ctx.encoding) return { decoder: new TextDecoder(ctx.encoding), name: ctx.encoding };
  if (facts.bom === 'utf-16le' || facts.bom === 'utf-16be') {
    ctx.log.file('encoding', { zh: '文件是 UTF-16 编码（记事本的“Unicode”）；GeoJSON 必须是 UTF-8，请另存为 UTF-8', en: 'the file is UTF-16 (Notepad’s “Unicode”); GeoJSON must be UTF-8: save it as UTF-8' }, 'error', { line: 1, column: 1 });
    return null;
  }
  if (!facts.utf8) {
    const at = { offset: facts.firstInvalid!.offset, line: lineAt(ctx.file.path, facts.firstInvalid!.offset) };
    const gbk = looksLikeGbk(facts.head);
    ctx.log.file(
      'encoding',
      {
        zh: `第 ${at.line} 行（字节 ${at.offset}）不是有效的 UTF-8${gbk ? '：看起来是 GBK/GB18030 编码' : '（GBK 或其他编码？）'}；GeoJSON 必须是 UTF-8，请另存为 UTF-8，或加参数 encoding=gb18030`,
        en: `line ${at.line} (byte ${at.offset}) is not valid UTF-8${gbk ? ': it looks like GBK/GB18030' : ' (GBK or another encoding?)'}; GeoJSON must be UTF-8: save it as UTF-8, or add encoding=gb18030`,
      },
      'error',
      { line: at.line },
    );
    return null;
  }
  if (facts.bom === 'utf-8') {
    ctx.log.file('bom', { zh: '文件以 UTF-8 BOM 开头；已忽略（JSON 规范不允许 BOM，建议另存为无 BOM 的 UTF-8）', en: 'the file starts with a UTF-8 byte order mark; ignored (JSON forbids it: save as UTF-8 without BOM)' }, 'warning', { line: 1, column: 1 });
  }
  return { decoder: new TextDecoder('utf-8', { ignoreBOM: false }), name: 'utf-8' };
}

async function readJson(ctx: ReadContext): Promise<ReadResult> {
  const dec = jsonDecoder(ctx);
  if (!dec) return { crs: null, encoding: 'unknown', records: 0 };
  let records = 0;
  const sink: ScanSink = {
    feature: (f) => {
      records++;
      ctx.onRecord({ index: f.index, value: f.value, path: ctx.format === 'ndjson' ? '' : `features[${f.index}]`, line: f.line });
    },
    problem: (p: ScanProblem) => {
      ctx.log.add({ severity: 'error', code: p.code, index: p.index, id: null, path: p.index === null || ctx.format === 'ndjson' ? '' : `features[${p.index}]`, line: p.line, column: p.column, zh: p.zh, en: p.en });
    },
  };
  const reader = ctx.format === 'ndjson' ? new NdjsonReader(sink) : new GeoJsonScanner(sink);
  for await (const chunk of createReadStream(ctx.file.path, { highWaterMark: CHUNK })) {
    if (ctx.signal.aborted) break;
    reader.push(dec.decoder.decode(chunk as Buffer, { stream: true }));
  }
  reader.push(dec.decoder.decode());
  if (reader instanceof NdjsonReader) {
    reader.end();
    return { crs: null, encoding: dec.name, records };
  }
  const result = reader.end();
  const doc = result.members;
  if (!result.stopped) {
    if (doc.type === 'Feature') {
      records++;
      ctx.onRecord({ index: 0, value: doc, path: '', line: 1 });
    } else if (typeof doc.type === 'string' && doc.type !== 'FeatureCollection' && /^(Multi)?(Point|LineString|Polygon)$|^GeometryCollection$/.test(doc.type)) {
      ctx.log.file('bare_geometry', {
        zh: `文件是一个裸几何（${doc.type}），没有属性；请包装成带 properties 的 Feature：{"type":"Feature","geometry":…,"properties":{…}}`,
        en: `the file is a bare ${doc.type} geometry with no properties; wrap it in a Feature: {"type":"Feature","geometry":…,"properties":{…}}`,
      }, 'error', { line: 1, column: 1 });
    } else if (doc.type !== 'FeatureCollection') {
      ctx.log.file('structure', { zh: `不支持的 GeoJSON 类型 ${JSON.stringify(doc.type)}；应为 FeatureCollection 或 Feature`, en: `unsupported GeoJSON type ${JSON.stringify(doc.type)}; expected a FeatureCollection or a Feature` }, 'error', { line: 1, column: 1 });
    } else if (!result.featuresArray) {
      ctx.log.file('structure', { zh: 'FeatureCollection 缺少 features 数组', en: 'the FeatureCollection has no features array' }, 'error', { line: 1, column: 1 });
    } else if (records === 0 && result.count === 0) {
      ctx.log.file('empty', { zh: 'FeatureCollection 中没有要素', en: 'the FeatureCollection holds no features' }, 'error');
    }
  }
  return { crs: legacyCrs(doc.crs), encoding: dec.name, records };
}

/** The GeoJSON 2008 `crs` member (RFC 7946 dropped it, but QGIS and GDAL still write it). */
function legacyCrs(member: unknown): ReadResult['crs'] {
  const name = (member as { properties?: { name?: unknown } } | undefined)?.properties?.name;
  if (typeof name !== 'string') return null;
  return { result: parseCrs(name), source: 'file' };
}

async function readCsv(ctx: ReadContext): Promise<ReadResult> {
  const facts = ctx.file.encoding;
  let name = ctx.encoding ?? (facts.bom === 'utf-8' || facts.utf8 ? 'utf-8' : 'gb18030');
  if (!ctx.encoding && (facts.bom === 'utf-16le' || facts.bom === 'utf-16be')) name = facts.bom;
  if (!ctx.encoding && name === 'gb18030') {
    const line = lineAt(ctx.file.path, facts.firstInvalid?.offset ?? 0);
    ctx.log.file('encoding_gbk', { zh: `文件不是 UTF-8（第 ${line} 行起），已按 GBK/GB18030 读取；如中文显示不对，请加参数 encoding=…`, en: `the file is not UTF-8 (from line ${line}); read as GBK/GB18030. If the Chinese text looks wrong, add encoding=…` }, 'warning');
  }
  const decoder = new TextDecoder(name);
  const spec = LAYERS[ctx.layer];
  const pointLayer = spec.geometry.includes('Point');
  if (!pointLayer && spec.geometry.length > 0) {
    ctx.log.file('csv_geometry', { zh: `CSV 只能携带点（经度/纬度列）；图层 ${ctx.layer} 的几何是 ${spec.geometry.join(' / ')}，请用 GeoJSON 或 Shapefile`, en: `a CSV can only carry points (lon/lat columns); layer ${ctx.layer} needs ${spec.geometry.join(' / ')}: use GeoJSON or a Shapefile` });
    return { crs: null, encoding: name, records: 0 };
  }
  let layout: ReturnType<typeof tableLayout> | null = null;
  let index = 0;
  let needed = 0;
  let stop = false;
  const reader = new CsvReader({
    row: (row) => {
      if (stop) return;
      if (!layout) {
        layout = tableLayout(ctx.layer, row.fields);
        for (const d of layout.duplicates) ctx.log.file('csv_header', { zh: `第 1 行：列 ${JSON.stringify(d)} 与另一列重复`, en: `line 1: column ${JSON.stringify(d)} repeats another column` }, 'error', { line: 1 });
        needed = layout.columns.reduce((m, c) => Math.max(m, c.index + 1), 0);
        if (layout.unknown.length) {
          ctx.log.file('unknown_property', { zh: `第 1 行：以下列不在 ${ctx.layer} 图层的数据规范中，已忽略：${layout.unknown.join('、')}`, en: `line 1: these columns are not in the ${ctx.layer} data contract and were ignored: ${layout.unknown.join(', ')}` }, 'warning', { line: 1 });
        }
        if (pointLayer && !layout.hasXY && spec.geometry.length > 0) {
          ctx.log.file('csv_header', { zh: `第 1 行：找不到经度、纬度列（列名可为 lon/lng/longitude/经度 和 lat/latitude/纬度）；表头是：${row.fields.join(', ')}`, en: `line 1: no longitude and latitude columns (name them lon/lng/longitude/经度 and lat/latitude/纬度); the header is: ${row.fields.join(', ')}` }, 'error', { line: 1 });
          stop = true;
        }
        return;
      }
      if (row.fields.length < needed) {
        ctx.log.add({ severity: 'error', code: 'csv_columns', index, id: null, path: '', line: row.line, zh: `第 ${row.line} 行只有 ${row.fields.length} 列，少于表头`, en: `line ${row.line} has only ${row.fields.length} columns, fewer than the header` });
      }
      ctx.onRecord({ index: index++, value: rowFeature(layout, row.fields), path: '', line: row.line });
    },
    problem: (p) => ctx.log.add({ severity: 'error', code: 'csv_syntax', index: null, id: null, path: '', line: p.line, column: p.column, zh: p.zh, en: p.en }),
  });
  for await (const chunk of createReadStream(ctx.file.path, { highWaterMark: CHUNK })) {
    if (ctx.signal.aborted || stop) break;
    reader.push(decoder.decode(chunk as Buffer, { stream: true }));
  }
  reader.push(decoder.decode());
  reader.end();
  if (!layout) ctx.log.file('empty', { zh: 'CSV 文件没有表头', en: 'the CSV file has no header' });
  else if (index === 0 && !stop) ctx.log.file('empty', { zh: 'CSV 文件只有表头，没有数据行', en: 'the CSV file has a header but no rows' });
  return { crs: null, encoding: name, records: index };
}

const SHAPEFILE_PARTS = /\.(shp|dbf|prj|cpg)$/i;

/** A .prj or .cpg is a line of text: anything bigger is not one. */
const SIDECAR_MAX_BYTES = 64 * 1024;

async function readShapefile(ctx: ReadContext): Promise<ReadResult> {
  const head = ctx.file.encoding.head;
  if (!(head[0] === 0x50 && head[1] === 0x4b)) {
    ctx.log.file('not_zip', { zh: 'Shapefile 请以 zip 上传（.shp、.dbf、.prj 等文件打包在一起）', en: 'upload a Shapefile as a zip (the .shp, .dbf, .prj… together)' });
    return { crs: null, encoding: 'binary', records: 0 };
  }
  // The entries go to a spool of their own, removed whatever happens (spool.ts sweeps after a crash).
  const spool = makeSpool();
  const opened: FileSource[] = [];
  try {
    return await readUnpacked(ctx, spool, opened);
  } catch (e) {
    if (!(e instanceof ShapefileError)) throw e;
    // A .shp whose first bytes are no shapefile header: refused as it was unpacked.
    ctx.log.file('shapefile', { zh: e.zh, en: e.en }, 'error', { path: '.shp' });
    return { crs: null, encoding: 'binary', records: 0 };
  } finally {
    for (const f of opened) f.close();
    rmSync(spool, { recursive: true, force: true });
  }
}

async function readUnpacked(ctx: ReadContext, spool: string, opened: FileSource[]): Promise<ReadResult> {
  const zip = await readZip(
    ctx.file.path,
    ctx.limits,
    (n) => SHAPEFILE_PARTS.test(n) && !n.split('/').some((s) => s === '__MACOSX' || s.startsWith('._')),
    spool,
    (name, first) => {
      if (/\.shp$/i.test(name)) readShpHeader(first);
    },
  );
  const shps = zip.entries.filter((e) => /\.shp$/i.test(e.name));
  if (shps.length === 0) throw badZip(`zip 中没有 .shp 文件；其中有：${zip.names.join(', ')}`, `the zip holds no .shp file; it has: ${zip.names.join(', ')}`, { entries: zip.names });
  if (shps.length > 1) throw badZip(`zip 中有多个 .shp 文件（${shps.map((s) => s.name).join(', ')}）；每次上传一个图层`, `the zip holds several .shp files (${shps.map((s) => s.name).join(', ')}); upload one layer at a time`, { entries: shps.map((s) => s.name) });
  const stem = shps[0]!.name.replace(/\.shp$/i, '').toLowerCase();
  const part = (ext: string) => zip.entries.find((e) => e.name.toLowerCase() === `${stem}.${ext}`) ?? null;
  const source = (entry: { path: string }) => {
    const f = new FileSource(entry.path);
    opened.push(f);
    return f;
  };
  const sidecar = (ext: string): string | null => {
    const entry = part(ext);
    if (!entry) return null;
    if (entry.bytes > SIDECAR_MAX_BYTES) throw badZip(`${entry.name} 有 ${entry.bytes} 字节，不是一个 .${ext} 文件（至多 ${SIDECAR_MAX_BYTES}）`, `${entry.name} has ${entry.bytes} bytes: not a .${ext} file (at most ${SIDECAR_MAX_BYTES})`, { entry: entry.name });
    return readFileSync(entry.path, ext === 'cpg' ? 'latin1' : 'utf8');
  };
  const shp = source(shps[0]!);
  const dbfEntry = part('dbf');
  const prj = sidecar('prj');
  const cpg = sidecar('cpg');
  if (!dbfEntry) {
    ctx.log.file('shapefile', { zh: `zip 中缺少 ${stem}.dbf（属性表），无法读取属性`, en: `the zip lacks ${stem}.dbf (the attribute table): no properties can be read` });
    return { crs: null, encoding: 'binary', records: 0 };
  }
  const dbf = source(dbfEntry);
  let table;
  try {
    table = readDbfHeader(dbf);
  } catch (e) {
    if (!(e instanceof ShapefileError)) throw e;
    ctx.log.file('shapefile', { zh: e.zh, en: e.en }, 'error', { path: `${stem}.dbf` });
    return { crs: null, encoding: 'binary', records: 0 };
  }
  let name = ctx.encoding ?? dbfEncoding(cpg, table.languageDriver);
  if (!name) {
    // No .cpg, no language driver: UTF-8 if the table is valid UTF-8, else GBK.
    if (await validUtf8(dbfEntry.path, table.headerLength)) name = 'utf-8';
    else {
      name = 'gb18030';
      ctx.log.file('encoding_gbk', { zh: '属性表没有 .cpg 编码说明且不是 UTF-8，已按 GBK/GB18030 读取', en: 'the attribute table has no .cpg and is not UTF-8; read as GBK/GB18030' }, 'warning');
    }
  }
  const decoder = new TextDecoder(name);
  const layout = tableLayout(ctx.layer, table.fields.map((f) => f.name), { dbf: true });
  if (layout.unknown.length) {
    ctx.log.file('unknown_property', { zh: `属性表中以下字段不在 ${ctx.layer} 图层的数据规范中，已忽略：${layout.unknown.join('、')}`, en: `these attribute fields are not in the ${ctx.layer} data contract and were ignored: ${layout.unknown.join(', ')}` }, 'warning');
  }
  let crs: ReadResult['crs'] = null;
  if (prj !== null) crs = { result: crsFromPrj(prj), source: 'prj' };
  let records = 0;
  try {
    for (const rec of readShpRecords(shp)) {
      if (ctx.signal.aborted) break;
      if (rec.index >= table.count) {
        ctx.log.file('shapefile', { zh: `.shp 的记录比 .dbf 多（.dbf 只有 ${table.count} 条）`, en: `the .shp has more records than the .dbf (${table.count})` });
        break;
      }
      if (rec.fault) {
        ctx.log.add({ severity: 'error', code: 'shapefile', index: rec.index, id: null, path: `features[${rec.index}]`, zh: rec.fault.zh, en: rec.fault.en });
        continue;
      }
      const values = readDbfRecord(dbf, table, rec.index, decoder);
      if (values === null) continue; // deleted in the table
      const feature = rowFeature({ ...layout, hasXY: false }, values);
      feature.geometry = rec.geometry;
      records++;
      ctx.onRecord({ index: rec.index, value: feature, path: `features[${rec.index}]` });
    }
  } catch (e) {
    if (!(e instanceof ShapefileError)) throw e;
    ctx.log.file('shapefile', { zh: e.zh, en: e.en }, 'error', { path: `${stem}.shp` });
  }
  return { crs, encoding: name, records };
}

/** Whether a file is valid UTF-8 from `from` on, read in chunks (the table can be large). */
async function validUtf8(path: string, from: number): Promise<boolean> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(path, { start: from, highWaterMark: CHUNK })) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}
