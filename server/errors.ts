/**
 * Typed API errors. Routes throw these; one `onError` in app.ts turns them into the single JSON
 * error shape: { error: { code, message: { zh, en }, details? } }. Anything else is a 500 that
 * says nothing about paths or stacks.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    readonly zh: string,
    readonly en: string,
    readonly details?: unknown,
  ) {
    super(en);
    this.name = 'ApiError';
  }

  toJSON() {
    return { error: { code: this.code, message: { zh: this.zh, en: this.en }, ...(this.details === undefined ? {} : { details: this.details }) } };
  }
}

export const badParameter = (name: string, zh: string, en: string, allowed?: unknown) =>
  new ApiError(400, 'bad_parameter', `参数 ${name} 无效：${zh}`, `parameter ${name} is invalid: ${en}`, { parameter: name, ...(allowed === undefined ? {} : { allowed }) });

export const notFound = (what: string, zh: string) => new ApiError(404, 'not_found', `找不到${zh}`, `${what} not found`);
