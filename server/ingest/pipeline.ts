/**
 * One upload, from received file to report (and, unless a dry run, to one committed batch):
 *
 *   read (read.ts)     records out of the file, whatever its format
 *   check              structure, properties, geometry of each record (geodata/validate-*)
 *   convert            to WGS 84 from the declared or stated CRS (geodata/crs)
 *   place              inside the city, building_id in the register, offset detection
 *   locate             each problem's position and the preview, in WGS 84 (preview.ts)
 *   plan               the features to write; counts (store.diff) and, for a dry run, the effect
 *   commit             store.commit: one transaction, all or nothing; audited by the store
 *
 * Used by POST /api/uploads and by `atlas import`, so both validate and audit alike.
 */
import type { Geometry, Position } from 'geojson';
import type { OnError, UploadMode, UploadReport } from '../../geodata/contract';
import { checkProjectedPosition, convertGeometry, WGS84, type Crs } from '../../geodata/crs/crs';
import { cmZoneFor, zoneFromEasting } from '../../geodata/crs/gauss-kruger';
import { detectFormat, type Format } from '../../geodata/formats/detect';
import { LAYERS, isCarrierLayer, type LayerId } from '../../geodata/schema';
import { checkFeature } from '../../geodata/validate-features';
import { checkPlace, detectOffset, offsetProblem, type OffsetPair } from '../../geodata/validate-place';
import type { Atlas } from '../atlas';
import { ApiError } from '../errors';
import type { StoredFeature } from '../store/types';
import type { EffectCalculator } from './effect';
import type { UploadLimits } from './limits';
import { inLonLatRange, wellFormed } from '../../geodata/geometry/positions';
import { attachPositions, buildPreview } from './preview';
import { ProblemLog } from './problems';
import type { Progress } from './progress';
import { readRecords } from './read';
import type { ReceivedFile } from './receive';
import { timedOut, tooLarge } from './receive';
import type { Registers } from './register';

export interface UploadOptions {
  layer: LayerId;
  /** The carrier id for carrier layers, `city` for base data. */
  owner: string;
  actor: string;
  mode: UploadMode;
  /** The `crs` parameter, when given (it overrides a .prj or a `crs` member). */
  crs: Crs | null;
  dryRun: boolean;
  /** strict: any error and nothing is written; skip: write the valid features, report the rest. */
  onError: OnError;
  format: Format | null;
  encoding: string | null;
  /** Compute the effect on the indicators (dry runs only). */
  effect: boolean;
  /** Give the report a preview of the features (default true). */
  preview?: boolean;
}

export interface UploadServices {
  atlas: Atlas;
  limits: UploadLimits;
  registers: Registers;
  effects: EffectCalculator;
  log?: (line: string) => void;
}

// The report's shape is the wire contract's: POST /api/uploads and `atlas import` send it as built here.
export type { UploadReport };

interface Entry {
  index: number;
  id: string | null;
  geometry: Geometry | null;
  properties: Record<string, unknown>;
  path: string;
  line?: number;
  /** `geometry` is in WGS 84 (converted), every position finite and in range. */
  wgs84: boolean;
}

/** At most this many building pairs feed the offset detection: a median needs no more. */
const OFFSET_SAMPLE = 2000;

export async function runUpload(services: UploadServices, file: ReceivedFile, options: UploadOptions, progress: Progress | null, signal: AbortSignal): Promise<UploadReport> {
  const { atlas, limits } = services;
  const { layer, owner } = options;
  const spec = LAYERS[layer];
  const ms: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    ms[name] = Math.round(now - t);
    t = now;
    if (signal.aborted) throw timedOut(limits);
  };
  const log = new ProblemLog(limits.maxProblems);
  const format = detectFormat({ param: options.format, name: file.name, contentType: file.contentType, head: file.encoding.head });
  if (progress) progress.phase = 'parsing';

  // ---- read and check each record as it streams in
  const entries: Entry[] = [];
  const seen = new Map<string, number>();
  const unknown = new Map<string, number>();
  let vertices = 0;
  const carrier = isCarrierLayer(layer) && 'carrier' in spec.properties ? owner : null;
  const read = await readRecords({
    layer,
    format,
    file,
    encoding: options.encoding,
    limits,
    log,
    signal,
    onRecord: (r) => {
      if (entries.length >= limits.maxFeatures) throw tooLarge('maxFeatures', limits.maxFeatures, '文件中的要素过多', 'the file holds too many features');
      const checked = checkFeature(layer, r.value, { geographic: false, maxVertices: limits.maxFeatureVertices, carrier });
      vertices += checked.vertices;
      if (vertices > limits.maxVertices) throw tooLarge('maxVertices', limits.maxVertices, '文件中的顶点总数过多', 'the file holds too many vertices in all');
      for (const p of checked.problems) {
        log.add({ severity: p.severity ?? 'error', code: p.code, index: r.index, id: checked.id, path: joinPath(r.path, p.path), ...(r.line ? { line: r.line } : {}), zh: p.zh, en: p.en });
      }
      if (checked.id !== null) {
        const first = seen.get(checked.id);
        if (first !== undefined) {
          log.add({ severity: 'error', code: 'duplicate_id', index: r.index, id: checked.id, path: joinPath(r.path, `properties.${spec.idField}`), ...(r.line ? { line: r.line } : {}), zh: `标识 ${checked.id} 与第 ${first} 个要素重复`, en: `id ${checked.id} repeats feature ${first}` });
        } else seen.set(checked.id, r.index);
      }
      for (const key of checked.unknown) {
        // Our own export adds `owner`: re-uploading an export is not an error.
        if (key === 'owner' && (r.value as { properties?: Record<string, unknown> }).properties?.owner === owner) continue;
        unknown.set(key, (unknown.get(key) ?? 0) + 1);
      }
      entries.push({ index: r.index, id: checked.id, geometry: checked.geometry, properties: checked.properties, path: r.path, ...(r.line ? { line: r.line } : {}), wgs84: false });
      if (progress) progress.features = entries.length;
    },
  });
  for (const [key, n] of unknown) {
    log.file('unknown_property', { zh: `属性 ${key} 不在 ${layer} 图层的数据规范中，已忽略（${n} 个要素）`, en: `property ${key} is not in the ${layer} data contract and was ignored (${n} features)` }, 'warning', { path: `properties.${key}` });
  }
  lap('read_check');

  // ---- the coordinate system: parameter, else what the file states, else WGS 84
  if (progress) progress.phase = 'converting';
  let crs: Crs = WGS84;
  let crsSource: UploadReport['crs']['source'] = 'default';
  if (options.crs) {
    crs = options.crs;
    crsSource = 'parameter';
    if (read.crs && 'crs' in read.crs.result && read.crs.result.crs.id !== crs.id) {
      log.file('crs_override', { zh: `文件声明的坐标系是 ${read.crs.result.crs.id}，按参数 crs=${crs.id} 处理`, en: `the file states ${read.crs.result.crs.id}; read as crs=${crs.id} as asked` }, 'warning');
    }
  } else if (read.crs) {
    if ('crs' in read.crs.result) {
      crs = read.crs.result.crs;
      crsSource = read.crs.source;
    } else {
      log.file('crs', read.crs.result.error, 'error', { path: read.crs.source === 'prj' ? '.prj' : 'crs' });
    }
  } else if (format === 'shapefile') {
    log.file('crs_missing', { zh: 'zip 中没有 .prj，按 WGS 84 经纬度读取；如不是，请用 crs 参数声明', en: 'the zip has no .prj: read as WGS 84 longitude/latitude; if it is not, declare it with the crs parameter' }, 'warning');
  }

  // ---- convert and place
  const city = { bbox: services.registers.cityExtent() };
  const refersToBuildings = 'building_id' in spec.properties || layer === 'buildings';
  const register = refersToBuildings ? services.registers.buildings() : null;
  if (register && register.size === 0 && 'building_id' in spec.properties) {
    log.file('register_empty', { zh: '楼宇登记为空：无法核对 building_id', en: 'the building register is empty: building_id cannot be checked' }, 'warning');
  }
  const pairs: OffsetPair[] = [];
  let pairsSeen = 0;
  for (const e of entries) {
    if (!e.geometry) continue;
    if (log.rejected.has(e.index)) {
      // Not placed (its errors are said already), but converted when it can be: its problems
      // carry its position, and the preview draws it.
      e.wgs84 = convertQuietly(e.geometry, crs);
      continue;
    }
    const first = firstPosition(e.geometry);
    if (crs.kind === 'projected') {
      const slip = first && checkProjectedPosition(crs, first[0]!, first[1]!);
      if (slip) {
        placeProblem(log, e, 'crs_mismatch', slip);
        continue;
      }
    } else {
      const bad = outOfRange(e.geometry);
      if (bad) {
        // Latitude 118? Most often longitude and latitude swapped: say so when that fits the city.
        const swapped = checkPlace(e.geometry, city);
        if (swapped?.code === 'swapped') placeProblem(log, e, 'swapped', swapped);
        else placeProblem(log, e, 'range', rangeText(bad), `geometry.coordinates${bad.path}`);
        continue;
      }
    }
    const raw: [number, number] | null = e.geometry.type === 'Point' && first ? [first[0]!, first[1]!] : null;
    if (crs.convert) convertGeometry(e.geometry, crs.convert);
    e.wgs84 = crs.kind !== 'projected' || inLonLatRange(e.geometry);
    const place = checkPlace(e.geometry, city);
    if (place) {
      placeProblem(log, e, place.code, place);
      continue;
    }
    if (register && register.size > 0) {
      const ref = layer === 'buildings' ? e.id : (e.properties.building_id as string | undefined);
      const pos = ref ? register.get(ref) : undefined;
      if (layer !== 'buildings' && ref && !pos) {
        placeProblem(log, e, 'building_unknown', { zh: `building_id ${ref} 不在楼宇登记中`, en: `building_id ${ref} is not in the building register` }, 'properties.building_id');
        continue;
      }
      if (pos && raw) {
        // Reservoir sample: the offset test needs a fair sample, not the whole file.
        pairsSeen++;
        if (pairs.length < OFFSET_SAMPLE) pairs.push({ raw, register: pos });
        else {
          const k = Math.floor(Math.random() * pairsSeen);
          if (k < OFFSET_SAMPLE) pairs[k] = { raw, register: pos };
        }
      }
    }
  }
  if (crs.kind !== 'projected') {
    const finding = detectOffset(pairs, crs.id);
    if (finding) {
      const p = offsetProblem(finding, crs.id);
      log.add({ severity: 'warning', code: p.code, index: null, id: null, path: '', zh: p.zh, en: p.en, suggestedCrs: p.suggestedCrs });
    }
  }
  lap('convert_place');

  // ---- locate: each problem's position, and the preview, in WGS 84
  attachPositions(log.listed, entries);
  const statusOf = (index: number) => (log.rejected.has(index) ? 'error' : log.warned.has(index) ? 'warning' : 'ok');
  const preview = options.preview === false ? null : buildPreview(entries, statusOf, limits);
  lap('locate');

  // ---- plan
  if (progress) progress.phase = 'planning';
  const valid = entries.filter((e) => !log.rejected.has(e.index) && e.id !== null);
  const features: StoredFeature[] = valid.map((e) => ({ layer, owner, id: e.id!, geometry: e.geometry, properties: e.properties }));
  let kept = 0;
  if (options.onError === 'skip' && options.mode === 'replace' && log.rejected.size > 0) {
    // "Replace" must not delete what a carrier merely failed to resend correctly: a rejected
    // feature whose id is stored keeps its stored version.
    const rejectedIds = new Set(entries.filter((e) => log.rejected.has(e.index) && e.id !== null).map((e) => e.id!));
    const validIds = new Set(features.map((f) => f.id));
    for (const f of atlas.store.features(layer, { owner })) {
      if (rejectedIds.has(f.id) && !validIds.has(f.id)) {
        features.push(f);
        kept++;
      }
    }
  }
  // A file error (unreadable, truncated) or no valid feature at all: never written, even with skip.
  const committable = !log.fileError && valid.length > 0 && (log.errors === 0 || options.onError === 'skip');
  const report: UploadReport = {
    uploadId: progress?.id ?? null,
    dryRun: options.dryRun,
    committed: false,
    ok: log.errors === 0,
    layer,
    owner,
    mode: options.mode,
    onError: options.onError,
    crs: { id: crs.id, name: crs.name, source: crsSource },
    file: { name: file.name, format, bytes: file.bytes, sha256: file.sha256, encoding: read.encoding },
    features: { read: entries.length, valid: valid.length, rejected: log.rejected.size, kept },
    counts: null,
    problems: log.listed,
    summary: log.summary(),
    effect: null,
    batch: null,
    ms,
    preview,
  };

  if (options.dryRun) {
    if (!log.fileError) {
      report.counts = atlas.store.diff({ layer, owner, mode: options.mode }, features);
      lap('diff');
      if (options.effect) {
        if (progress) progress.phase = 'effect';
        report.effect = services.effects.compute(layer, owner, options.mode, features);
        lap('effect');
      }
    }
    return report;
  }

  if (!committable) {
    atlas.store.recordAudit({ actor: options.actor, action: 'upload_rejected', version: null, detail: { layer, owner, mode: options.mode, fileHash: file.sha256, file: file.name, format, read: entries.length, errors: log.errors, warnings: log.warnings } });
    const first = log.listed.find((p) => p.severity === 'error');
    throw new ApiError(
      422,
      'invalid_upload',
      `文件有 ${log.errors} 个错误，未导入任何内容${first ? `；第一个：${first.zh}` : ''}`,
      `the file has ${log.errors} error(s); nothing was imported${first ? `. First: ${first.en}` : ''}`,
      report,
    );
  }
  if (progress) progress.phase = 'committing';
  services.log?.(`upload ${progress?.id ?? '-'}: committing ${features.length} features of ${layer} for ${owner} (data version ${atlas.store.version() + 1})`);
  const note = [file.name ? `file ${file.name}` : null, format, `crs ${crs.id}`, log.rejected.size ? `${log.rejected.size} rejected (onError=skip)` : null, kept ? `${kept} kept` : null].filter(Boolean).join('; ');
  const batch = atlas.store.commit({ actor: options.actor, layer, owner, mode: options.mode, fileHash: file.sha256, note }, features);
  lap('commit');
  report.committed = true;
  report.batch = batch;
  report.counts = { added: batch.added, changed: batch.changed, unchanged: batch.unchanged, removed: batch.removed };
  return report;
}

function joinPath(prefix: string, path: string): string {
  return prefix && path ? `${prefix}.${path}` : prefix || path;
}

function placeProblem(log: ProblemLog, e: Entry, code: string, text: { zh: string; en: string }, path = 'geometry.coordinates'): void {
  log.add({ severity: 'error', code, index: e.index, id: e.id, path: joinPath(e.path, path), ...(e.line ? { line: e.line } : {}), zh: text.zh, en: text.en });
}

/**
 * Convert a rejected feature's geometry to WGS 84 when it can be read: well formed, in range (or
 * in the declared zone), and in range once converted. True when it now is WGS 84.
 */
function convertQuietly(g: Geometry, crs: Crs): boolean {
  if (!wellFormed(g)) return false;
  if (crs.kind === 'projected') {
    const first = firstPosition(g);
    if (!first || checkProjectedPosition(crs, first[0]!, first[1]!)) return false;
  } else if (outOfRange(g)) return false;
  if (crs.convert) convertGeometry(g, crs.convert);
  return inLonLatRange(g);
}

function firstPosition(g: Geometry): Position | null {
  switch (g.type) {
    case 'Point':
      return g.coordinates;
    case 'MultiPoint':
    case 'LineString':
      return g.coordinates[0] ?? null;
    case 'MultiLineString':
    case 'Polygon':
      return g.coordinates[0]?.[0] ?? null;
    case 'MultiPolygon':
      return g.coordinates[0]?.[0]?.[0] ?? null;
    default:
      return null;
  }
}

/** The first position outside longitude/latitude range, with its path, or null. */
function outOfRange(g: Geometry): { p: Position; path: string } | null {
  const bad = (p: Position) => p[0]! < -180 || p[0]! > 180 || p[1]! < -90 || p[1]! > 90;
  switch (g.type) {
    case 'Point':
      return bad(g.coordinates) ? { p: g.coordinates, path: '' } : null;
    case 'MultiPoint':
    case 'LineString': {
      const i = g.coordinates.findIndex(bad);
      return i < 0 ? null : { p: g.coordinates[i]!, path: `[${i}]` };
    }
    case 'MultiLineString':
    case 'Polygon':
      for (let r = 0; r < g.coordinates.length; r++) {
        const i = g.coordinates[r]!.findIndex(bad);
        if (i >= 0) return { p: g.coordinates[r]![i]!, path: `[${r}][${i}]` };
      }
      return null;
    case 'MultiPolygon':
      for (let q = 0; q < g.coordinates.length; q++)
        for (let r = 0; r < g.coordinates[q]!.length; r++) {
          const i = g.coordinates[q]![r]!.findIndex(bad);
          if (i >= 0) return { p: g.coordinates[q]![r]![i]!, path: `[${q}][${r}][${i}]` };
        }
      return null;
    default:
      return null;
  }
}

function rangeText({ p }: { p: Position; path: string }): { zh: string; en: string } {
  const [x, y] = p as [number, number];
  if (Math.abs(x) > 1000 || Math.abs(y) > 1000) {
    const zoned = zoneFromEasting(x);
    const epsg = zoned ?? cmZoneFor(118) ?? 4548;
    return {
      zh: `坐标 [${x}, ${y}] 超出经纬度范围：看起来是投影坐标（米）。请用 crs 参数声明，例如 crs=EPSG:${epsg}${zoned ? '（由东坐标的带号推断）' : ''}`,
      en: `position [${x}, ${y}] is outside longitude/latitude range: it looks like projected metres. Declare it with the crs parameter, e.g. crs=EPSG:${epsg}${zoned ? ' (from the zone number in the easting)' : ''}`,
    };
  }
  return { zh: `坐标 [${x}, ${y}] 超出经纬度范围（经度 −180…180，纬度 −90…90）`, en: `position [${x}, ${y}] is outside longitude/latitude range (longitude −180…180, latitude −90…90)` };
}
