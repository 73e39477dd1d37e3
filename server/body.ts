/**
 * Reading a JSON request body (the what-if's promise) within bounds, whatever the transfer
 * encoding: a declared length over the limit is refused before a byte is read, and the bytes
 * are counted as they arrive, so a chunked body is refused the moment it passes the limit —
 * never read whole first. Nesting past MAX_JSON_DEPTH is a 400 `too_deep` naming where, before
 * the text is parsed. The time spent waiting for the body is not charged to the caller's work
 * budget (security/budget.ts).
 */
import type { Context } from 'hono';
import { depthFault, depthMessage, MAX_JSON_DEPTH } from '../geodata/formats/json-depth';
import { ApiError } from './errors';
import { waited } from './security/budget';

const tooLarge = (maxBytes: number) => new ApiError(413, 'too_large', `请求体过大（上限 ${maxBytes} 字节）`, `request body too large (at most ${maxBytes} bytes)`, { limit: maxBytes });

export async function readJsonBody(c: Context, maxBytes: number): Promise<unknown> {
  const req = c.req.raw;
  const declared = Number(req.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const started = performance.now();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  if (req.body) {
    const reader = req.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        bytes += value.byteLength;
        if (bytes > maxBytes) {
          await reader.cancel().catch(() => {});
          throw tooLarge(maxBytes);
        }
        chunks.push(value);
      }
    } catch (e) {
      if (e instanceof ApiError) throw e;
      throw new ApiError(400, 'incomplete_body', `请求体不完整：${(e as Error).message}`, `the request body is incomplete: ${(e as Error).message}`);
    } finally {
      waited(c, performance.now() - started);
    }
  }
  const text = new TextDecoder().decode(Buffer.concat(chunks, bytes));
  const deep = depthFault(text);
  if (deep) {
    const m = depthMessage(deep.line, deep.column);
    throw new ApiError(400, 'too_deep', m.zh, m.en, { maxDepth: MAX_JSON_DEPTH, line: deep.line, column: deep.column });
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ApiError(400, 'bad_json', `请求体不是有效的 JSON：${(e as Error).message}`, `the request body is not valid JSON: ${(e as Error).message}`);
  }
}
