/**
 * The wire contract, part 3: the uploads API (docs/UPLOADS.md) — the report of an upload with
 * its located problems, the preview of its features and its effect on the indicators; the
 * progress of a running upload; the history of batches and revert.
 *
 * These shapes are the server's own (server/ingest/*, server/store/types.ts import them from
 * here), so what the pipeline builds is what the upload page reads.
 */
import type { Geometry } from 'geojson';
import type { Format } from '../formats/detect';
import type { BBox } from '../geometry/bbox';
import type { Label, LayerId } from '../schema';
import type { IndicatorId } from '../targets';
import type { Status } from '../engine/engine';

// ------------------------------------------------------------------ batches (the store's record of a write)

/** How a batch treats the owner's features: replace them all, add/update some, or restore an earlier state. */
export type WriteMode = 'replace' | 'append' | 'revert';

/** What an upload may ask for (`revert` is only ever written by a revert). */
export type UploadMode = Exclude<WriteMode, 'revert'>;

/** strict: any error and nothing is written; skip: write the valid features, report the rest. */
export type OnError = 'strict' | 'skip';

export interface BatchCounts {
  added: number;
  changed: number;
  unchanged: number;
  removed: number;
}

/** One committed batch: a data version, who wrote it, what it did. */
export interface BatchRecord extends BatchCounts {
  version: number;
  at: string;
  actor: string;
  layer: LayerId;
  owner: string;
  mode: WriteMode;
  fileHash: string | null;
  note: string | null;
  revertOf: number | null;
}

// ------------------------------------------------------------------ POST /api/uploads

/** Its query (or multipart form fields besides `file`). */
export interface UploadQuery {
  layer: LayerId;
  mode?: UploadMode;
  /** `wgs84`, `gcj02`, `EPSG:4527`…; omitted: the file's own (a .prj, a `crs` member), else WGS 84. */
  crs?: string;
  dryRun?: boolean;
  onError?: OnError;
  format?: Format;
  encoding?: string;
  /** Compute the effect on the indicators (dry runs). */
  effect?: boolean;
  /** Give the report a preview of the features. */
  preview?: boolean;
  filename?: string;
  /** The client's name for the upload, to poll its progress (also the X-Upload-Id header). */
  uploadId?: string;
}

export type Severity = 'error' | 'warning';

/** One problem as the API reports it (docs/UPLOADS.md, "Problems"). */
export interface UploadProblem {
  severity: Severity;
  /** Stable machine code: `json_syntax`, `required`, `ring_open`, `outside_city`… */
  code: string;
  /** 0-based index of the feature in the file, or null for the whole file. */
  index: number | null;
  /** The feature's id when readable. */
  id: string | null;
  /** JSON path in the file (`features[12].properties.down_mbps`), or in the record for line-based formats. */
  path: string;
  /** 1-based line (and column) in the file, when the format has lines. */
  line?: number;
  column?: number;
  zh: string;
  en: string;
  /** For a "probably GCJ-02/BD-09" warning: the crs to upload with. */
  suggestedCrs?: string;
  /**
   * Where the feature is, WGS 84 `[lon, lat]` after the upload's own CRS conversion, rounded to
   * 6 decimals: a Point itself, else the centre of the geometry's bounding box. Absent for a
   * whole-file problem, a feature without geometry, or one whose geometry could not be read or
   * converted (server/ingest/preview.ts).
   */
  position?: [number, number];
}

/** Every problem counted; the first ones listed. */
export interface ProblemSummary {
  errors: number;
  warnings: number;
  byCode: Record<string, number>;
  listed: number;
  /** Not every problem is listed. */
  truncated: boolean;
}

export type FeatureStatus = 'error' | 'warning' | 'ok';

export interface PreviewFeature {
  type: 'Feature';
  geometry: Geometry;
  properties: {
    /** The feature's 0-based index in the file: the `index` of its problems. */
    index: number;
    id: string | null;
    /** The worst of its problems. */
    status: FeatureStatus;
    /** Drawn as its position: its geometry did not fit in the preview's position budget. */
    reduced?: true;
  };
}

/** The report's `preview`: a GeoJSON FeatureCollection with a few foreign members (RFC 7946 §6.1). */
export interface UploadPreview {
  type: 'FeatureCollection';
  /** [west, south, east, north] of every drawable feature of the upload (not only those included); absent when none is. */
  bbox?: BBox;
  features: PreviewFeature[];
  /** Features of the upload with a geometry usable in WGS 84. */
  drawable: number;
  /** Features in `features`. */
  included: number;
  /** Of those, drawn as their position (the position budget ran out). */
  reduced: number;
  /** Not the whole upload: a drawable feature is left out or reduced to its position. */
  truncated: boolean;
  limits: { features: number; vertices: number };
}

/** An indicator's figure before or after the upload. */
export interface EffectFigure {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: Status;
}

export interface EffectArea {
  level: 'city' | 'district';
  code: string;
  name: string;
  before: EffectFigure;
  after: EffectFigure;
  changed: boolean;
}

/** What a dry run would do to the indicators it touches, today, per city and district. */
export interface Effect {
  asOf: string;
  view: 'in_service';
  method: 'incremental' | 'rebuild';
  ms: number;
  indicators: { id: IndicatorId; label: Label; areas: EffectArea[] }[];
}

export interface UploadReport {
  uploadId: string | null;
  dryRun: boolean;
  committed: boolean;
  /** No errors: a strict commit would go through. */
  ok: boolean;
  layer: LayerId;
  owner: string;
  mode: UploadMode;
  onError: OnError;
  crs: { id: string; name: Label; source: 'parameter' | 'prj' | 'file' | 'default' };
  file: { name: string | null; format: Format; bytes: number; sha256: string; encoding: string };
  features: { read: number; valid: number; rejected: number; kept: number };
  /** What the batch does (dry run: would do) to the owner's features of the layer. */
  counts: BatchCounts | null;
  problems: UploadProblem[];
  summary: ProblemSummary;
  effect: Effect | null;
  batch: BatchRecord | null;
  /** Milliseconds per stage. */
  ms: Record<string, number>;
  /** The upload's features in WGS 84, bounded; null when asked without (`preview=false`). */
  preview: UploadPreview | null;
}

// ------------------------------------------------------------------ GET /api/uploads/progress/{id}

export type UploadPhase = 'receiving' | 'parsing' | 'converting' | 'planning' | 'effect' | 'committing' | 'done' | 'failed';

export interface UploadProgress {
  id: string;
  actor: string;
  phase: UploadPhase;
  startedAt: string;
  /** Bytes received so far, and the total when the client said (Content-Length). */
  bytes: number;
  totalBytes: number | null;
  /** Features read so far. */
  features: number;
  /** The committed version, when done. */
  version: number | null;
  /** The error code, when failed. */
  error: string | null;
}

// ------------------------------------------------------------------ GET /api/uploads, /api/uploads/{version}, POST …/revert

export interface HistoryQuery {
  layer?: LayerId;
  /** Admins and officials: one owner's batches (a carrier always sees its own only). */
  owner?: string;
  limit?: number;
  offset?: number;
}

/** The batches the caller may see, newest first. */
export interface UploadHistory {
  version: number;
  numberMatched: number;
  batches: BatchRecord[];
}

/** One batch, with the versions that reverted it. */
export interface BatchDetail extends BatchRecord {
  revertedBy: number[];
}

export interface RevertResult {
  dryRun: boolean;
  /** The batch undone. */
  reverted: BatchRecord;
  /** What the revert does (dry run: would do). */
  counts: BatchCounts;
  /** The new batch; null for a dry run. */
  batch: BatchRecord | null;
}
