/**
 * A streaming reader of one GeoJSON document: text goes in chunk by chunk, features come out
 * one by one, so a 100 MB FeatureCollection never sits in memory as one string or one tree.
 *
 * The skeleton (the top-level object and the `features` array) is tokenised here, character by
 * character, with line and column kept; each feature's text is cut out whole and handed to the
 * native JSON.parse, which is fast. Only when that fails is the slice re-read by the slow strict
 * parser (json-locate.ts) to say exactly where, and the scan goes on with the next feature: a
 * file with three broken features gets three located messages, not one.
 *
 * A fault in the skeleton itself (a missing comma between features, a truncated file) stops the
 * scan: past it nothing can be located reliably. Pure: no I/O.
 */
import { depthMessage, MAX_JSON_DEPTH } from './json-depth';
import { lineColumn, locateJsonError } from './json-locate';

export interface ScannedFeature {
  /** 0-based index of the feature in the file. */
  index: number;
  value: unknown;
  /** Where the feature starts (1-based). */
  line: number;
  column: number;
}

export interface ScanProblem {
  code: 'json_syntax' | 'json_truncated' | 'json_depth' | 'structure';
  /** The feature the problem belongs to, or null for the document. */
  index: number | null;
  line: number;
  column: number;
  zh: string;
  en: string;
}

export interface ScanSink {
  feature(f: ScannedFeature): void;
  problem(p: ScanProblem): void;
}

export interface ScanResult {
  /** Top-level members other than `features` (type, crs, name, …), parsed. */
  members: Record<string, unknown>;
  /** Whether a `features` array was found. */
  featuresArray: boolean;
  /** Features seen (parsed or not). */
  count: number;
  /** A skeleton fault stopped the scan early. */
  stopped: boolean;
}

const enum Mode {
  TopStart,
  KeyOrEnd,
  Key,
  Colon,
  ValueStart,
  Value,
  AfterValue,
  ElemOrEnd,
  Elem,
  AfterElem,
  Done,
}

// Character codes used in the hot loop.
const QUOTE = 34;
const BACKSLASH = 92;
const LBRACE = 123;
const RBRACE = 125;
const LBRACKET = 91;
const RBRACKET = 93;
const COMMA = 44;
const COLON = 58;
const NL = 10;

const isWs = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

export class GeoJsonScanner {
  private buf = '';
  /** Absolute offset of buf[0] in the whole text. */
  private base = 0;
  /** Next position to scan, relative to buf. */
  private pos = 0;
  private line = 1;
  /** Absolute offset where the current line starts. */
  private lineStart = 0;
  private mode: Mode = Mode.TopStart;
  // The value being captured (a member value or a feature).
  private capStart = 0;
  private capLine = 1;
  private capColumn = 1;
  private capDepth = 0;
  /** Absolute offset where the value being captured first nests past MAX_JSON_DEPTH, or -1. */
  private capTooDeep = -1;
  private capScalar = false;
  private inStr = false;
  private esc = false;
  private key = '';
  private members: Record<string, unknown> = {};
  private featuresArray = false;
  private index = 0;
  private stopped = false;

  constructor(private readonly sink: ScanSink) {}

  push(text: string): void {
    if (this.stopped || text.length === 0) return;
    if (this.pos === this.buf.length && !this.capturing()) {
      this.base += this.pos;
      this.buf = text;
      this.pos = 0;
    } else {
      this.buf += text;
    }
    this.scan();
    // Drop what has been consumed, keeping the value being captured.
    const keepFrom = this.capturing() ? this.capStart - this.base : this.pos;
    if (keepFrom > 0) {
      this.buf = this.buf.slice(keepFrom);
      this.base += keepFrom;
      this.pos -= keepFrom;
    }
  }

  end(): ScanResult {
    if (!this.stopped) {
      if (this.mode === Mode.Value && this.capScalar) this.finishCapture(this.base + this.buf.length);
      if (this.mode === Mode.TopStart) {
        this.fatal(this.base + this.pos, '文件为空', 'the file is empty', 'json_truncated');
      } else if (this.mode !== Mode.Done) {
        this.truncated();
      }
    }
    return { members: this.members, featuresArray: this.featuresArray, count: this.index, stopped: this.stopped };
  }

  private capturing(): boolean {
    return this.mode === Mode.Value || this.mode === Mode.Elem || this.mode === Mode.Key;
  }

  private scan(): void {
    const s = this.buf;
    const n = s.length;
    let i = this.pos;
    while (i < n && !this.stopped) {
      if (this.mode === Mode.Value || this.mode === Mode.Elem) {
        i = this.captureLoop(s, i);
        continue;
      }
      const c = s.charCodeAt(i);
      if (this.mode === Mode.Key) {
        // Keys are short: collect until the closing quote, then parse the slice.
        if (this.esc) this.esc = false;
        else if (c === BACKSLASH) this.esc = true;
        else if (c === QUOTE) {
          try {
            this.key = JSON.parse(s.slice(this.capStart - this.base, i + 1)) as string;
          } catch {
            this.key = '';
          }
          this.mode = Mode.Colon;
        }
        i++;
        continue;
      }
      if (c === NL) {
        this.line++;
        this.lineStart = this.base + i + 1;
        i++;
        continue;
      }
      if (isWs(c)) {
        i++;
        continue;
      }
      const abs = this.base + i;
      switch (this.mode) {
        case Mode.TopStart:
          if (c === LBRACE) this.mode = Mode.KeyOrEnd;
          else if (c === LBRACKET) {
            this.fatal(abs, '文件最外层是数组；GeoJSON 应为 FeatureCollection 对象（请把要素放进 {"type":"FeatureCollection","features":[…]}）', 'the top level is an array; GeoJSON must be a FeatureCollection object (wrap the features in {"type":"FeatureCollection","features":[…]})', 'structure');
          } else if (c === 0xfeff) {
            // A BOM the caller did not strip: skip it (the reader reports it).
          } else {
            this.fatal(abs, `文件不是 JSON：开头是 ${JSON.stringify(s.slice(i, i + 12))}（CSV 文件请用 format=csv）`, `the file is not JSON: it starts with ${JSON.stringify(s.slice(i, i + 12))} (for a CSV file use format=csv)`, 'json_syntax');
          }
          break;
        case Mode.KeyOrEnd:
          if (c === QUOTE) this.startKey(abs);
          else if (c === RBRACE && this.key === '') this.mode = Mode.Done;
          else this.syntax(abs, '此处应为用双引号括起的属性名', 'expected a property name in double quotes');
          break;
        case Mode.Colon:
          if (c === COLON) this.mode = Mode.ValueStart;
          else this.syntax(abs, '属性名之后应为冒号 :', 'expected : after the property name');
          break;
        case Mode.ValueStart:
          if (this.key === 'features' && c === LBRACKET) {
            this.featuresArray = true;
            this.mode = Mode.ElemOrEnd;
          } else {
            this.startCapture(abs, c, Mode.Value);
            continue; // the capture loop reads this character
          }
          break;
        case Mode.AfterValue:
          if (c === COMMA) {
            this.mode = Mode.KeyOrEnd;
            this.key = '\u0000'; // after a comma a key must follow, not }
          } else if (c === RBRACE) this.mode = Mode.Done;
          else this.syntax(abs, '属性值之后应为逗号 , 或 }', 'expected , or } after a member value');
          break;
        case Mode.ElemOrEnd:
          if (c === RBRACKET) {
            if (this.key === '\u0001') this.syntax(abs, `features 数组末尾多了一个逗号（第 ${this.index} 个要素之后）`, `trailing comma after feature ${this.index - 1} in the features array`);
            else this.mode = Mode.AfterValue;
          } else {
            this.startCapture(abs, c, Mode.Elem);
            continue;
          }
          break;
        case Mode.AfterElem:
          if (c === COMMA) {
            this.mode = Mode.ElemOrEnd;
            this.key = '\u0001'; // remembers the comma, to name a trailing one
          } else if (c === RBRACKET) {
            this.mode = Mode.AfterValue;
          } else {
            this.syntax(abs, `第 ${this.index - 1} 个要素之后应为逗号 , 或 ]`, `expected , or ] after feature ${this.index - 1}`);
          }
          break;
        case Mode.Done:
          if (c === LBRACE) {
            this.fatal(abs, '文件包含多个 JSON 对象：看起来是逐行 GeoJSON（请用 format=ndjson）', 'the file holds more than one JSON object: it looks like newline-delimited GeoJSON (use format=ndjson)', 'structure');
          } else {
            this.syntax(abs, 'JSON 值之后还有多余内容', 'unexpected text after the JSON value');
          }
          break;
      }
      i++;
    }
    this.pos = i;
  }

  private startKey(abs: number): void {
    this.capStart = abs;
    this.esc = false;
    this.mode = Mode.Key;
  }

  private startCapture(abs: number, c: number, mode: Mode.Value | Mode.Elem): void {
    this.capStart = abs;
    this.capLine = this.line;
    this.capColumn = abs - this.lineStart + 1;
    this.capDepth = 0;
    this.capTooDeep = -1;
    this.inStr = false;
    this.esc = false;
    this.capScalar = !(c === LBRACE || c === LBRACKET || c === QUOTE);
    this.mode = mode;
  }

  /** The hot loop: skip through a captured value, tracking strings, depth and lines. */
  private captureLoop(s: string, i: number): number {
    const n = s.length;
    if (this.capScalar) {
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c === COMMA || c === RBRACE || c === RBRACKET || isWs(c)) {
          this.finishCapture(this.base + i);
          return i; // the delimiter is read by the skeleton
        }
      }
      return i;
    }
    let depth = this.capDepth;
    let inStr = this.inStr;
    let esc = this.esc;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (inStr) {
        if (esc) esc = false;
        else if (c === BACKSLASH) esc = true;
        else if (c === QUOTE) {
          inStr = false;
          if (depth === 0) {
            this.capDepth = depth;
            this.inStr = false;
            this.finishCapture(this.base + i + 1);
            return i + 1;
          }
        } else if (c === NL) {
          // A raw line break inside a string is invalid JSON; JSON.parse will say so. Count it
          // anyway so later lines stay right.
          this.line++;
          this.lineStart = this.base + i + 1;
        }
        continue;
      }
      if (c === QUOTE) inStr = true;
      else if (c === LBRACE || c === LBRACKET) {
        if (++depth > MAX_JSON_DEPTH && this.capTooDeep < 0) this.capTooDeep = this.base + i;
      } else if (c === RBRACE || c === RBRACKET) {
        depth--;
        if (depth === 0) {
          this.capDepth = 0;
          this.inStr = false;
          this.esc = false;
          this.finishCapture(this.base + i + 1);
          return i + 1;
        }
      } else if (c === NL) {
        this.line++;
        this.lineStart = this.base + i + 1;
      }
    }
    this.capDepth = depth;
    this.inStr = inStr;
    this.esc = esc;
    return i;
  }

  private finishCapture(endAbs: number): void {
    const text = this.buf.slice(this.capStart - this.base, endAbs - this.base);
    if (this.capTooDeep >= 0) {
      // Never parsed: a value this deep is refused where it passes the limit.
      const at = lineColumn(text, this.capTooDeep - this.capStart);
      const line = this.capLine + at.line - 1;
      const column = at.line === 1 ? this.capColumn + at.column - 1 : at.column;
      const elem = this.mode === Mode.Elem;
      const index = elem ? this.index++ : null;
      const msg = depthMessage(line, column);
      const where = index === null ? { zh: '', en: '' } : { zh: `（第 ${index} 个要素）`, en: ` (feature ${index})` };
      this.sink.problem({ code: 'json_depth', index, line, column, zh: msg.zh + where.zh, en: msg.en + where.en });
      if (elem) {
        this.mode = Mode.AfterElem;
        this.key = 'features';
      } else {
        this.mode = Mode.AfterValue;
        this.stopped = true;
      }
      return;
    }
    if (this.mode === Mode.Elem) {
      const index = this.index++;
      this.mode = Mode.AfterElem;
      this.key = 'features';
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        this.reportSlice(text, index);
        return;
      }
      this.sink.feature({ index, value, line: this.capLine, column: this.capColumn });
      return;
    }
    this.mode = Mode.AfterValue;
    try {
      this.members[this.key] = JSON.parse(text);
    } catch {
      this.reportSlice(text, null);
      this.stopped = true; // a broken top-level member: nothing sensible follows
    }
  }

  /** Locate a syntax error inside one captured slice, in whole-file line and column. */
  private reportSlice(text: string, index: number | null): void {
    const fault = locateJsonError(text);
    const at = fault ?? { offset: 0, line: 1, column: 1, truncated: false, zh: 'JSON 语法错误', en: 'JSON syntax error' };
    const line = this.capLine + at.line - 1;
    const column = at.line === 1 ? this.capColumn + at.column - 1 : at.column;
    const where = index === null ? '' : `（第 ${index} 个要素）`;
    const whereEn = index === null ? '' : ` (feature ${index})`;
    this.sink.problem({
      code: 'json_syntax',
      index,
      line,
      column,
      zh: `第 ${line} 行第 ${column} 列：${at.zh}${where}`,
      en: `line ${line}, column ${column}: ${at.en}${whereEn}`,
    });
  }

  private syntax(abs: number, zh: string, en: string): void {
    this.fatal(abs, zh, en, 'json_syntax');
  }

  private fatal(abs: number, zh: string, en: string, code: ScanProblem['code']): void {
    const line = this.line;
    const column = abs - this.lineStart + 1;
    this.sink.problem({ code, index: null, line, column, zh: `第 ${line} 行第 ${column} 列：${zh}`, en: `line ${line}, column ${column}: ${en}` });
    this.stopped = true;
  }

  private truncated(): void {
    const inFeature = this.mode === Mode.Elem;
    // Where did it break? Re-read the unfinished value for the precise place when we have it.
    let line = this.line;
    let column = this.base + this.buf.length - this.lineStart + 1;
    if (this.capturing()) {
      const text = this.buf.slice(this.capStart - this.base);
      const fault = locateJsonError(text);
      if (fault && !fault.truncated) {
        // Not a truncation after all: a fault inside the value swallowed the rest of the file.
        const l = this.capLine + fault.line - 1;
        const c = fault.line === 1 ? this.capColumn + fault.column - 1 : fault.column;
        this.sink.problem({ code: 'json_syntax', index: inFeature ? this.index : null, line: l, column: c, zh: `第 ${l} 行第 ${c} 列：${fault.zh}`, en: `line ${l}, column ${c}: ${fault.en}` });
        this.stopped = true;
        return;
      }
      if (fault) {
        const lc = lineColumn(text, fault.offset);
        line = this.capLine + lc.line - 1;
        column = lc.line === 1 ? this.capColumn + lc.column - 1 : lc.column;
      }
    }
    const zh = inFeature
      ? `文件在第 ${this.index} 个要素中途结束（第 ${this.capLine} 行开始）：文件被截断？已读完整要素 ${this.index} 个`
      : `文件意外结束：JSON 不完整（文件被截断？）；已读完整要素 ${this.index} 个`;
    const en = inFeature
      ? `the file ends inside feature ${this.index} (which starts on line ${this.capLine}): truncated? ${this.index} complete features were read`
      : `the file ends before the JSON does (truncated?); ${this.index} complete features were read`;
    this.sink.problem({ code: 'json_truncated', index: null, line, column, zh: `第 ${line} 行第 ${column} 列：${zh}`, en: `line ${line}, column ${column}: ${en}` });
    this.stopped = true;
  }
}
