/**
 * How deeply JSON may nest. GeoJSON needs at most seven levels (a feature, its geometry, a
 * MultiPolygon's four levels of arrays); the contract's deepest property (a village's
 * information station) two. 64 leaves room for any sane file and keeps every walk over a parsed
 * value — validation, messages, canonical JSON — far from the stack's end: a value nested
 * 100,000 deep is refused, with where it passes the limit, before it is parsed. Pure.
 */
import { lineColumn } from './json-locate';

export const MAX_JSON_DEPTH = 64;

/** Where `text` first nests deeper than `max` (outside strings), or null. */
export function depthFault(text: string, max = MAX_JSON_DEPTH): { offset: number; line: number; column: number } | null {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (escaped) escaped = false;
      else if (c === 92) escaped = true;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) return { offset: i, ...lineColumn(text, i) };
    } else if (c === 125 || c === 93) depth--;
  }
  return null;
}

/** The message for a value nested too deeply at `line`, `column`. */
export function depthMessage(line: number, column: number, max = MAX_JSON_DEPTH): { zh: string; en: string } {
  return {
    zh: `第 ${line} 行第 ${column} 列：JSON 嵌套超过 ${max} 层，拒绝读取`,
    en: `line ${line}, column ${column}: the JSON nests more than ${max} levels deep; refused`,
  };
}
