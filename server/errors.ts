/**
 * Typed API errors. Routes throw these; one `onError` in app.ts turns them into the single JSON
 * error shape: { error: { code, message: { zh, en }, details? } }. Anything else is a 500 that
 * says nothing about paths or stacks.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiErrorBody } from '../geodata/contract';

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

  toJSON(): ApiErrorBody {
    return { error: { code: this.code, message: { zh: this.zh, en: this.en }, ...(this.details === undefined ? {} : { details: this.details }) } };
  }
}

export const badParameter = (name: string, zh: string, en: string, allowed?: unknown) =>
  new ApiError(400, 'bad_parameter', `参数 ${name} 无效：${zh}`, `parameter ${name} is invalid: ${en}`, { parameter: name, ...(allowed === undefined ? {} : { allowed }) });

export const notFound = (what: string, zh: string) => new ApiError(404, 'not_found', `找不到${zh}`, `${what} not found`);

/**
 * A write the disk refused (full, or a file-size limit): SQLite rolled the transaction back, so
 * nothing changed. Said plainly, as 507, instead of a bare "disk I/O error".
 */
export function storageFailure(err: unknown): ApiError | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^SQLITE_(FULL|IOERR)/.test(code)) return null;
  return new ApiError(
    507,
    'storage_full',
    '存储空间不足（磁盘已满或文件大小受限），本次写入未生效，已有数据未受影响',
    'out of storage (disk full or a file-size limit): this write did not happen, and committed data is untouched',
    { sqlite: code },
  );
}
