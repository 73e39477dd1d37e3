/**
 * Where exactly is a JSON text broken? V8's JSON.parse says only "Unexpected token" (Node 20
 * gives no position), so when it fails we re-read the text with this small strict parser,
 * which stops at the first fault and says where (line, column, offset) and what, in Chinese
 * and English, with the usual culprits named: NaN/Infinity, single quotes, trailing commas,
 * comments, an unterminated string, a file that ends early. Pure; only ever run on text that
 * JSON.parse already refused, so its speed does not matter.
 */

export interface JsonFault {
  /** 0-based offset in the text (UTF-16 units). */
  offset: number;
  /** 1-based. */
  line: number;
  column: number;
  /** True when the text ends before the value does (a truncated file). */
  truncated: boolean;
  zh: string;
  en: string;
}

class Fault extends Error {
  constructor(
    readonly offset: number,
    readonly truncated: boolean,
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
}

/** The first syntax fault in `text`, or null if it is valid JSON. */
export function locateJsonError(text: string): JsonFault | null {
  const p = new StrictParser(text);
  try {
    p.ws();
    p.value();
    p.ws();
    if (p.i < text.length) throw p.unexpected('JSON 值之后还有多余内容', 'unexpected text after the JSON value');
    return null;
  } catch (e) {
    if (!(e instanceof Fault)) throw e;
    const { line, column } = lineColumn(text, e.offset);
    return { offset: e.offset, line, column, truncated: e.truncated, zh: e.zh, en: e.en };
  }
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

class StrictParser {
  i = 0;
  constructor(private readonly s: string) {}

  ws(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.i++;
      else break;
    }
  }

  end(what: { zh: string; en: string }): Fault {
    return new Fault(this.s.length, true, `文件在${what.zh}中途结束（文件被截断？）`, `the text ends inside ${what.en} (truncated file?)`);
  }

  unexpected(zh: string, en: string): Fault {
    if (this.i >= this.s.length) return new Fault(this.s.length, true, `文件意外结束（文件被截断？）：${zh}`, `unexpected end of text (truncated file?): ${en}`);
    const ch = this.s[this.i]!;
    const rest = this.s.slice(this.i, this.i + 9);
    // The usual suspects get their own message: they are what spreadsheets and scripts emit.
    if (/^-?(NaN|Infinity)/.test(rest)) {
      return new Fault(this.i, false, `${rest.match(/^-?(NaN|Infinity)/)![0]} 不是合法的 JSON 数字（坐标或数值缺失？）`, `${rest.match(/^-?(NaN|Infinity)/)![0]} is not a valid JSON number (a missing coordinate or value?)`);
    }
    if (ch === "'") return new Fault(this.i, false, 'JSON 字符串必须用双引号 "，不能用单引号', 'JSON strings need double quotes ", not single quotes');
    if (ch === '/' && (this.s[this.i + 1] === '/' || this.s[this.i + 1] === '*')) return new Fault(this.i, false, 'JSON 不允许注释', 'JSON does not allow comments');
    if (rest.startsWith('undefined')) return new Fault(this.i, false, 'undefined 不是合法的 JSON 值（应为 null）', 'undefined is not a JSON value (use null)');
    const shown = JSON.stringify(ch);
    return new Fault(this.i, false, `意外的字符 ${shown}：${zh}`, `unexpected character ${shown}: ${en}`);
  }

  value(): void {
    const s = this.s;
    if (this.i >= s.length) throw this.end({ zh: '值', en: 'a value' });
    const c = s[this.i]!;
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    for (const word of ['true', 'false', 'null']) {
      if (s.startsWith(word, this.i)) {
        this.i += word.length;
        return;
      }
      if (word.startsWith(s.slice(this.i)) && s.length - this.i < word.length) throw this.end({ zh: word, en: word });
    }
    throw this.unexpected('此处应为一个值', 'expected a value here');
  }

  object(): void {
    const s = this.s;
    this.i++;
    this.ws();
    if (s[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      this.ws();
      if (this.i >= s.length) throw this.end({ zh: '对象', en: 'an object' });
      if (s[this.i] === '}') throw new Fault(this.i, false, '对象末尾多了一个逗号', 'trailing comma before } in an object');
      if (s[this.i] !== '"') throw this.unexpected('此处应为用双引号括起的属性名', 'expected a property name in double quotes');
      this.string();
      this.ws();
      if (this.i >= s.length) throw this.end({ zh: '对象', en: 'an object' });
      if (s[this.i] !== ':') throw this.unexpected('属性名之后应为冒号 :', 'expected : after the property name');
      this.i++;
      this.ws();
      this.value();
      this.ws();
      if (this.i >= s.length) throw this.end({ zh: '对象', en: 'an object' });
      if (s[this.i] === ',') {
        this.i++;
        continue;
      }
      if (s[this.i] === '}') {
        this.i++;
        return;
      }
      throw this.unexpected('属性值之后应为逗号 , 或 }', 'expected , or } after a property value');
    }
  }

  array(): void {
    const s = this.s;
    this.i++;
    this.ws();
    if (s[this.i] === ']') {
      this.i++;
      return;
    }
    for (;;) {
      this.ws();
      if (this.i >= s.length) throw this.end({ zh: '数组', en: 'an array' });
      if (s[this.i] === ']') throw new Fault(this.i, false, '数组末尾多了一个逗号', 'trailing comma before ] in an array');
      this.value();
      this.ws();
      if (this.i >= s.length) throw this.end({ zh: '数组', en: 'an array' });
      if (s[this.i] === ',') {
        this.i++;
        continue;
      }
      if (s[this.i] === ']') {
        this.i++;
        return;
      }
      throw this.unexpected('数组元素之后应为逗号 , 或 ]', 'expected , or ] after an array element');
    }
  }

  string(): void {
    const s = this.s;
    const start = this.i;
    this.i++;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 34) {
        this.i++;
        return;
      }
      if (c === 92) {
        const e = s[this.i + 1];
        if (e === undefined) break;
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(s.slice(this.i + 2, this.i + 6))) {
            if (this.i + 6 > s.length) break;
            throw new Fault(this.i, false, '\\u 之后应为 4 位十六进制数', '\\u must be followed by 4 hex digits');
          }
          this.i += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(e)) throw new Fault(this.i, false, `无效的转义 \\${e}`, `invalid escape \\${e}`);
        this.i += 2;
        continue;
      }
      if (c < 32) {
        throw new Fault(this.i, false, '字符串中有未转义的控制字符（换行？）——可能是缺少右引号', 'unescaped control character (a line break?) in a string — a closing quote may be missing');
      }
      this.i++;
    }
    throw new Fault(start, true, '字符串没有结束引号（文件被截断？）', 'this string has no closing quote (truncated file?)');
  }

  number(): void {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.s.slice(this.i, this.i + 400));
    if (!m) throw this.unexpected('数字格式错误', 'malformed number');
    const next = this.s[this.i + m[0].length];
    if (next === '.' || next === 'e' || next === 'E' || (next !== undefined && next >= '0' && next <= '9')) {
      throw new Fault(this.i, false, `数字 ${this.s.slice(this.i, this.i + m[0].length + 1)}… 格式错误（前导零或多余的小数点？）`, `malformed number ${this.s.slice(this.i, this.i + m[0].length + 1)}… (leading zero or extra decimal point?)`);
    }
    this.i += m[0].length;
  }
}
