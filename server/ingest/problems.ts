/**
 * The problems of one upload: every one counted, the first `maxProblems` listed (a file of
 * 100,000 bad features would otherwise make a report bigger than the file), and for each
 * feature whether it has an error (it is then rejected).
 */
import type { ProblemSummary, Severity, UploadProblem } from '../../geodata/contract';
import type { Label } from '../../geodata/schema';

// The problem's shape is the wire contract's: the API sends it as built here.
export type { Severity, UploadProblem };

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

  summary(): ProblemSummary {
    return { errors: this.errors, warnings: this.warnings, byCode: this.byCode, listed: this.listed.length, truncated: this.listed.length < this.errors + this.warnings };
  }
}
