/**
 * Upload limits, each from its own environment variable (docs/UPLOADS.md lists them). Every
 * one is enforced with a clear 413 or 422 naming the limit and the variable that raises it.
 */

export interface UploadLimits {
  /** Request body, bytes (ATLAS_UPLOAD_MAX_BYTES). */
  maxBytes: number;
  /** Features in one file (ATLAS_UPLOAD_MAX_FEATURES). */
  maxFeatures: number;
  /** Vertices in one feature (ATLAS_UPLOAD_MAX_FEATURE_VERTICES): more is "absurd", a 422 problem. */
  maxFeatureVertices: number;
  /** Vertices in the whole file (ATLAS_UPLOAD_MAX_VERTICES). */
  maxVertices: number;
  /** Entries in a zip (ATLAS_UPLOAD_MAX_ZIP_ENTRIES). */
  maxZipEntries: number;
  /** Bytes a zip may expand to (ATLAS_UPLOAD_MAX_UNZIPPED_BYTES): the zip-bomb guard. */
  maxUnzippedBytes: number;
  /** Whole request, receiving to answer, ms (ATLAS_UPLOAD_TIMEOUT_MS). */
  timeoutMs: number;
  /** Problems listed in a report (ATLAS_UPLOAD_MAX_PROBLEMS); all are counted. */
  maxProblems: number;
  /** Features in the report's preview (ATLAS_UPLOAD_PREVIEW_FEATURES); the rest are counted. */
  previewFeatures: number;
  /** Positions in the report's preview (ATLAS_UPLOAD_PREVIEW_VERTICES); a feature past it is drawn as a point. */
  previewVertices: number;
  /** Uploads running at once, in all (ATLAS_UPLOAD_CONCURRENCY): past it, 503. */
  concurrent: number;
  /** Uploads running at once per token (ATLAS_UPLOAD_CONCURRENCY_PER_TOKEN): past it, 429. */
  concurrentPerToken: number;
}

export const defaultLimits: UploadLimits = {
  // 256 MiB: a city's whole fixed-service layer (~1 M records) as GeoJSON is about 250 MB.
  maxBytes: 256 * 2 ** 20,
  maxFeatures: 1_000_000,
  maxFeatureVertices: 200_000,
  maxVertices: 20_000_000,
  maxZipEntries: 32,
  maxUnzippedBytes: 1024 * 2 ** 20,
  timeoutMs: 10 * 60_000,
  maxProblems: 1000,
  // A few hundred kilobytes of JSON at most: enough to see a file, not a copy of it.
  previewFeatures: 5000,
  previewVertices: 50_000,
  // An upload holds its features in memory (up to ~1.5 GB for the largest file the limits
  // allow): two at once stay within Node's default heap; one per token is a carrier's own queue.
  concurrent: 2,
  concurrentPerToken: 1,
};

const ENV: Record<keyof UploadLimits, string> = {
  maxBytes: 'ATLAS_UPLOAD_MAX_BYTES',
  maxFeatures: 'ATLAS_UPLOAD_MAX_FEATURES',
  maxFeatureVertices: 'ATLAS_UPLOAD_MAX_FEATURE_VERTICES',
  maxVertices: 'ATLAS_UPLOAD_MAX_VERTICES',
  maxZipEntries: 'ATLAS_UPLOAD_MAX_ZIP_ENTRIES',
  maxUnzippedBytes: 'ATLAS_UPLOAD_MAX_UNZIPPED_BYTES',
  timeoutMs: 'ATLAS_UPLOAD_TIMEOUT_MS',
  maxProblems: 'ATLAS_UPLOAD_MAX_PROBLEMS',
  previewFeatures: 'ATLAS_UPLOAD_PREVIEW_FEATURES',
  previewVertices: 'ATLAS_UPLOAD_PREVIEW_VERTICES',
  concurrent: 'ATLAS_UPLOAD_CONCURRENCY',
  concurrentPerToken: 'ATLAS_UPLOAD_CONCURRENCY_PER_TOKEN',
};

export function envName(limit: keyof UploadLimits): string {
  return ENV[limit];
}

export function readLimits(env: NodeJS.ProcessEnv = process.env): UploadLimits {
  const limits = { ...defaultLimits };
  for (const key of Object.keys(ENV) as (keyof UploadLimits)[]) {
    const raw = env[ENV[key]];
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value <= 0) throw new Error(`${ENV[key]} must be a positive integer, got ${JSON.stringify(raw)}`);
    limits[key] = value;
  }
  return limits;
}
