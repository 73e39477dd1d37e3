/**
 * A streaming CSV reader (RFC 4180: quoted fields, "" escapes, CRLF or LF, line breaks inside
 * quotes), which keeps the line each row starts on so every problem can say "line 12". The
 * delimiter (comma, semicolon or tab — European and Chinese spreadsheets use all three) is
 * taken from the header line. Pure: text in, rows out.
 */

export interface CsvRow {
  /** 1-based line where the row starts. */
  line: number;
  fields: string[];
}

export interface CsvProblem {
  line: number;
  column: number;
  zh: string;
  en: string;
}

export interface CsvSink {
  row(row: CsvRow): void;
  problem(p: CsvProblem): void;
}

const QUOTE = 34;
const CR = 13;
const NL = 10;

export class CsvReader {
  private delimiter = -1;
  private field = '';
  private fields: string[] = [];
  private inQuotes = false;
  /** Just saw a quote inside a quoted field: either "" (a quote) or the closing one. */
  private quotePending = false;
  private afterClosingQuote = false;
  private line = 1;
  private rowLine = 1;
  private column = 0;
  private quoteLine = 0;
  private first = true;
  private headerProbe = '';

  constructor(private readonly sink: CsvSink) {}

  push(text: string): void {
    if (this.first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.first = false;
    }
    if (this.delimiter < 0) {
      // Wait for the whole header line to choose the delimiter.
      this.headerProbe += text;
      const nl = this.headerProbe.indexOf('\n');
      if (nl < 0 && this.headerProbe.length < 1 << 20) return;
      this.delimiter = chooseDelimiter(nl < 0 ? this.headerProbe : this.headerProbe.slice(0, nl));
      text = this.headerProbe;
      this.headerProbe = '';
    }
    this.scan(text);
  }

  end(): void {
    if (this.delimiter < 0) {
      this.delimiter = chooseDelimiter(this.headerProbe);
      const text = this.headerProbe;
      this.headerProbe = '';
      this.scan(text);
    }
    if (this.inQuotes && !this.quotePending) {
      this.sink.problem({ line: this.quoteLine, column: 1, zh: `第 ${this.quoteLine} 行开始的引号字段没有结束引号（文件被截断？）`, en: `the quoted field starting on line ${this.quoteLine} has no closing quote (truncated file?)` });
      return;
    }
    if (this.field.length > 0 || this.fields.length > 0) this.endRow();
  }

  private scan(s: string): void {
    const d = this.delimiter;
    let field = this.field;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      this.column++;
      if (this.inQuotes) {
        if (this.quotePending) {
          this.quotePending = false;
          if (c === QUOTE) {
            field += '"';
            continue;
          }
          this.inQuotes = false;
          this.afterClosingQuote = true;
          // fall through: c is the character after the closing quote
        } else {
          if (c === QUOTE) this.quotePending = true;
          else {
            if (c === NL) {
              this.line++;
              this.column = 0;
            }
            field += s[i];
          }
          continue;
        }
      }
      if (c === d) {
        this.fields.push(field);
        field = '';
        this.afterClosingQuote = false;
      } else if (c === NL) {
        if (field.endsWith('\r') && !this.afterClosingQuote) field = field.slice(0, -1);
        this.fields.push(field);
        field = '';
        this.flushRow();
        this.line++;
        this.rowLine = this.line;
        this.column = 0;
      } else if (c === QUOTE && field.length === 0 && !this.afterClosingQuote) {
        this.inQuotes = true;
        this.quoteLine = this.line;
      } else if (c === CR) {
        if (!this.afterClosingQuote) field += '\r';
      } else {
        if (this.afterClosingQuote) {
          this.sink.problem({ line: this.line, column: this.column, zh: `第 ${this.line} 行第 ${this.column} 列：引号字段的结束引号之后还有字符（字段中的引号应写成 ""）`, en: `line ${this.line}, column ${this.column}: text after the closing quote of a quoted field (a quote inside a field must be written "")` });
          this.afterClosingQuote = false;
        }
        field += s[i];
      }
    }
    this.field = field;
  }

  private flushRow(): void {
    const fields = this.fields;
    this.fields = [];
    this.afterClosingQuote = false;
    // Blank lines (a trailing newline, spreadsheet padding) are not rows.
    if (fields.length === 1 && fields[0]!.trim() === '') return;
    this.sink.row({ line: this.rowLine, fields });
  }

  private endRow(): void {
    this.fields.push(this.field.endsWith('\r') ? this.field.slice(0, -1) : this.field);
    this.field = '';
    this.flushRow();
  }
}

function chooseDelimiter(header: string): number {
  let best = 44;
  let bestCount = 0;
  for (const d of [44, 59, 9]) {
    let count = 0;
    let quoted = false;
    for (let i = 0; i < header.length; i++) {
      const c = header.charCodeAt(i);
      if (c === QUOTE) quoted = !quoted;
      else if (c === d && !quoted) count++;
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/**
 * One field of a CSV we write: quoted when it holds a quote, comma or line break, and — a text
 * value starting with = + - @, a tab or a carriage return — prefixed with an apostrophe, so a
 * spreadsheet shows it as text instead of running it as a formula (CSV injection: a township
 * named "=HYPERLINK(…)" must not become a link in an official's Excel). Numbers are written as
 * they are: a negative number is a number, not a formula.
 */
export function csvField(value: unknown): string {
  let s = String(value);
  if (typeof value !== 'number' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
