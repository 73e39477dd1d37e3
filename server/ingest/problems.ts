/**
 * The problems of one upload: every one counted, the first `maxProblems` listed (a file of
 * 100,000 bad features would otherwise make a report bigger than the file), and for each
 * feature whether it has an error (it is then rejected).
 */
import type { Label } from '../../geodata/schema';

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
   * converted (see preview.ts).
   */
  position?: [number, number];
}

export class ProblemLog {
  readonly listed: UploadProblem[] = [];
  errors = 0;
  warnings = 0;
  readonly byCode: Record<string, number> = {};
  /** Features with at least one error. */
  readonly rejected = new Set<number>();
  /** Features with at least one warning (they may have errors too). */
  readonly warned = new Set<number>();
  /** An error with the whole file (index null): nothing may be committed. */
  fileError = false;

  constructor(private readonly max: number) {}

  add(p: UploadProblem): void {
    if (p.severity === 'error') {
      this.errors++;
      if (p.index === null) this.fileError = true;
      else this.rejected.add(p.index);
    } else {
      this.warnings++;
      if (p.index !== null) this.warned.add(p.index);
    }
    this.byCode[p.code] = (this.byCode[p.code] ?? 0) + 1;
    if (this.listed.length < this.max) this.listed.push(p);
  }

  /** A whole-file problem. */
  file(code: string, text: Label, severity: Severity = 'error', at: { line?: number; column?: number; path?: string } = {}): void {
    this.add({ severity, code, index: null, id: null, path: at.path ?? '', ...(at.line ? { line: at.line } : {}), ...(at.column ? { column: at.column } : {}), zh: text.zh, en: text.en });
  }

  summary() {
    return { errors: this.errors, warnings: this.warnings, byCode: this.byCode, listed: this.listed.length, truncated: this.listed.length < this.errors + this.warnings };
  }
}
