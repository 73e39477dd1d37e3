/**
 * Text encodings of uploads. JSON formats must be UTF-8 (RFC 8259 §8.1); Chinese spreadsheets
 * save CSV as GBK/GB18030 unless told otherwise, so for CSV we look. The check runs while the
 * upload is received, chunk by chunk, and remembers where the first non-UTF-8 byte is, so the
 * message can name the line. Pure.
 */

export interface EncodingFacts {
  /** The bytes are valid UTF-8 throughout. */
  utf8: boolean;
  /** Byte offset of the first invalid UTF-8 sequence (its line is worked out when reported). */
  firstInvalid: { offset: number } | null;
  bom: 'utf-8' | 'utf-16le' | 'utf-16be' | null;
  /** The first bytes (format sniffing). */
  head: Uint8Array;
}

/** Feed chunks in order; `facts()` at the end. Uses the native decoder for speed. */
export class Utf8Watch {
  private decoder = new TextDecoder('utf-8', { fatal: true });
  private offset = 0;
  private invalid: EncodingFacts['firstInvalid'] = null;
  /** The last few bytes of the previous chunk, to locate a sequence split across chunks. */
  private tail: Uint8Array = new Uint8Array(0);
  private head: Uint8Array = new Uint8Array(0);

  push(chunk: Uint8Array): void {
    if (this.head.length < 4096) this.head = concat(this.head, chunk.subarray(0, 4096 - this.head.length));
    if (!this.invalid) {
      try {
        this.decoder.decode(chunk, { stream: true });
      } catch {
        const joined = concat(this.tail, chunk);
        const at = firstInvalidUtf8(joined);
        this.invalid = { offset: this.offset - this.tail.length + Math.max(0, at) };
      }
      if (!this.invalid) this.tail = chunk.subarray(Math.max(0, chunk.length - 3));
    }
    this.offset += chunk.length;
  }

  facts(): EncodingFacts {
    if (!this.invalid) {
      try {
        this.decoder.decode();
      } catch {
        this.invalid = { offset: this.offset - this.tail.length };
      }
    }
    const h = this.head;
    const bom = h[0] === 0xef && h[1] === 0xbb && h[2] === 0xbf ? 'utf-8' : h[0] === 0xff && h[1] === 0xfe ? 'utf-16le' : h[0] === 0xfe && h[1] === 0xff ? 'utf-16be' : null;
    return { utf8: !this.invalid && bom !== 'utf-16le' && bom !== 'utf-16be', firstInvalid: this.invalid, bom, head: h };
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Offset of the first byte that is not part of a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const n = b >= 0xf0 && b <= 0xf4 ? 3 : b >= 0xe0 ? (b <= 0xef ? 2 : -1) : b >= 0xc2 && b <= 0xdf ? 1 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += n + 1;
  }
  return -1;
}

/** Does this text look like GBK read as something else? (For the hint in the message only.) */
export function looksLikeGbk(bytes: Uint8Array): boolean {
  try {
    const text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    return /[\u4e00-\u9fff]/.test(text);
  } catch {
    return false;
  }
}
