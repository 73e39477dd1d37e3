/**
 * Newline-delimited GeoJSON (GeoJSONSeq, RFC 8142 text sequences, `.geojsonl`, `.ndjson`): one
 * Feature per line. Streamed line by line; a broken line is located (line, column) and the
 * rest are still read. The record separator (0x1E) of RFC 8142 is accepted. Pure.
 */
import { depthFault, depthMessage } from './json-depth';
import { locateJsonError } from './json-locate';
import type { ScanProblem, ScanSink } from './geojson-scanner';

export class NdjsonReader {
  private carry = '';
  private line = 0;
  private index = 0;

  constructor(private readonly sink: ScanSink) {}

  push(text: string): void {
    const s = this.carry.length ? this.carry + text : text;
    let start = 0;
    for (;;) {
      const nl = s.indexOf('\n', start);
      if (nl < 0) break;
      this.readLine(s.slice(start, nl));
      start = nl + 1;
    }
    this.carry = s.slice(start);
  }

  end(): { count: number } {
    if (this.carry.length) this.readLine(this.carry);
    this.carry = '';
    if (this.index === 0) {
      this.sink.problem({ code: 'json_truncated', index: null, line: this.line, column: 1, zh: '文件中没有任何要素', en: 'the file holds no features' });
    }
    return { count: this.index };
  }

  private readLine(raw: string): void {
    this.line++;
    let text = raw;
    let shift = 0;
    if (text.charCodeAt(0) === 0x1e) {
      text = text.slice(1);
      shift = 1;
    }
    if (this.line === 1 && text.charCodeAt(0) === 0xfeff) {
      text = text.slice(1);
      shift++;
    }
    if (text.trim() === '') return;
    const index = this.index++;
    const deep = depthFault(text);
    if (deep) {
      const msg = depthMessage(this.line, deep.column + shift);
      this.sink.problem({ code: 'json_depth', index, line: this.line, column: deep.column + shift, zh: msg.zh, en: msg.en });
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      const fault = locateJsonError(text);
      const column = (fault?.column ?? 1) + shift;
      const problem: ScanProblem = {
        code: fault?.truncated ? 'json_truncated' : 'json_syntax',
        index,
        line: this.line,
        column,
        zh: `第 ${this.line} 行第 ${column} 列：${fault?.zh ?? 'JSON 语法错误'}（每行应为一个完整的 Feature）`,
        en: `line ${this.line}, column ${column}: ${fault?.en ?? 'JSON syntax error'} (each line must be one whole Feature)`,
      };
      this.sink.problem(problem);
      return;
    }
    const type = (value as { type?: unknown } | null)?.type;
    if (type === 'FeatureCollection') {
      this.sink.problem({ code: 'structure', index, line: this.line, column: 1, zh: `第 ${this.line} 行是一个 FeatureCollection；逐行 GeoJSON 每行应为一个 Feature（整个文件请用 format=geojson）`, en: `line ${this.line} is a FeatureCollection; newline-delimited GeoJSON holds one Feature per line (for a whole document use format=geojson)` });
      return;
    }
    this.sink.feature({ index, value, line: this.line, column: 1 + shift });
  }
}
