/**
 * Receive an upload: the request body (raw, or the `file` part of a multipart form) is streamed
 * to a temporary file while its sha256, size and UTF-8 validity are taken, so memory stays flat
 * however big the file and later stages can read it as often as they need. The size limit is
 * enforced as the bytes arrive (and up front from Content-Length): a 2 GB body is refused
 * before the first byte is read, a lying Content-Length after the limit's worth.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, rmSync, statSync, type WriteStream } from 'node:fs';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import busboy from 'busboy';
import { Utf8Watch, type EncodingFacts } from '../../geodata/formats/encoding';
import { ApiError } from '../errors';
import { envName, type UploadLimits } from './limits';
import type { Progress } from './progress';
import { makeSpool } from './spool';

export interface ReceivedFile {
  path: string;
  bytes: number;
  sha256: string;
  /** The file name the client gave (multipart filename, `filename` parameter), if any. */
  name: string | null;
  contentType: string | null;
  encoding: EncodingFacts;
  /** Form fields of a multipart upload (layer, mode, crs…). */
  fields: Record<string, string>;
  /** Remove the temporary copy. */
  dispose(): void;
}

export function tooLarge(limit: keyof UploadLimits, value: number, zh: string, en: string): ApiError {
  return new ApiError(413, 'too_large', `${zh}（上限 ${value}，可用环境变量 ${envName(limit)} 调整）`, `${en} (the limit is ${value}; ${envName(limit)} sets it)`, { limit: envName(limit), value });
}

export function timedOut(limits: UploadLimits): ApiError {
  return new ApiError(408, 'timeout', `上传处理超过时限 ${Math.round(limits.timeoutMs / 1000)} 秒：请拆分文件（或调整 ${envName('timeoutMs')}）`, `the upload took longer than ${Math.round(limits.timeoutMs / 1000)} s: split the file (or raise ${envName('timeoutMs')})`, { limit: envName('timeoutMs'), value: limits.timeoutMs });
}

/** A temporary file (in a spool of this process: spool.ts) that hashes and checks what is written to it. */
class Sink {
  readonly dir = makeSpool();
  readonly path = join(this.dir, 'upload');
  private out: WriteStream = createWriteStream(this.path, { mode: 0o600 });
  /** The file's own failure (a full disk; or opened after dispose removed its folder): kept, never unhandled. */
  private failure: Error | null = null;
  private hash = createHash('sha256');
  readonly watch = new Utf8Watch();
  bytes = 0;

  constructor(
    private readonly limits: UploadLimits,
    private readonly progress: Progress | null,
  ) {
    // The file opens asynchronously: a refusal that disposes the sink first must not leave an
    // 'error' with no listener (it would end the process).
    this.out.on('error', (e) => {
      this.failure ??= e;
    });
  }

  async write(chunk: Uint8Array): Promise<void> {
    if (this.failure) throw this.failure;
    this.bytes += chunk.length;
    if (this.bytes > this.limits.maxBytes) throw tooLarge('maxBytes', this.limits.maxBytes, '上传的文件过大', 'the upload is too large');
    this.hash.update(chunk);
    this.watch.push(chunk);
    if (this.progress) this.progress.bytes = this.bytes;
    if (!this.out.write(chunk)) await new Promise<void>((resolve, reject) => {
      this.out.once('drain', resolve);
      this.out.once('error', reject);
    });
  }

  async close(): Promise<{ sha256: string; encoding: EncodingFacts }> {
    await new Promise<void>((resolve, reject) => this.out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    return { sha256: this.hash.digest('hex'), encoding: this.watch.facts() };
  }

  dispose(): void {
    // The file may still be opening when an upload is refused early; its directory goes now, so
    // that open can fail (ENOENT) after the fact — of no interest to anyone, but an 'error' with
    // no listener would be an uncaught exception (seen once in tests/uploads/bad-files.test.ts).
    this.out.on('error', () => {});
    this.out.destroy();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export async function receiveUpload(req: Request, limits: UploadLimits, progress: Progress | null, signal: AbortSignal): Promise<ReceivedFile> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limits.maxBytes) {
    throw tooLarge('maxBytes', limits.maxBytes, `请求声明的长度 ${declared} 字节过大`, `the request declares ${declared} bytes, too many`);
  }
  if (!req.body) throw new ApiError(400, 'empty_upload', '请求中没有文件', 'the request carries no file');
  const type = req.headers.get('content-type');
  const sink = new Sink(limits, progress);
  try {
    const body = Readable.fromWeb(req.body as import('node:stream/web').ReadableStream<Uint8Array>);
    const aborted = new Promise<never>((_, reject) => {
      const stop = () => {
        body.destroy();
        reject(timedOut(limits));
      };
      if (signal.aborted) stop();
      else signal.addEventListener('abort', stop, { once: true });
    });
    aborted.catch(() => {});
    let name: string | null = null;
    let fileType: string | null = type;
    let fields: Record<string, string> = {};
    if (type?.toLowerCase().startsWith('multipart/form-data')) {
      const part = await Promise.race([multipart(body, type, sink, limits), aborted]);
      name = part.name;
      fileType = part.type;
      fields = part.fields;
    } else {
      await Promise.race([copy(body, sink), aborted]);
    }
    const { sha256, encoding } = await sink.close();
    if (sink.bytes === 0) throw new ApiError(400, 'empty_upload', '上传的文件是空的', 'the uploaded file is empty');
    return { path: sink.path, bytes: sink.bytes, sha256, name, contentType: fileType, encoding, fields, dispose: () => sink.dispose() };
  } catch (e) {
    sink.dispose();
    throw e;
  }
}

async function copy(body: Readable, sink: Sink): Promise<void> {
  try {
    for await (const chunk of body) await sink.write(chunk as Uint8Array);
  } catch (e) {
    if (e instanceof ApiError) throw e;
    // The client went away mid-body (or sent fewer bytes than it declared).
    throw new ApiError(400, 'incomplete_body', `请求体不完整：${(e as Error).message}`, `the request body is incomplete: ${(e as Error).message}`);
  }
}

const badMultipart = (e: unknown) =>
  new ApiError(400, 'bad_multipart', `multipart 请求格式错误：${(e as Error).message}（请求体不完整？）`, `malformed multipart request: ${(e as Error).message} (is the body complete?)`);

/**
 * The `file` part of a multipart form into the sink, and the fields. Every stream involved —
 * the body, the parser, the file part — has its error handled: a body that ends before its
 * closing boundary is a 400, never an unhandled error that would end the process.
 */
async function multipart(body: Readable, type: string, sink: Sink, limits: UploadLimits): Promise<{ name: string | null; type: string | null; fields: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: { 'content-type': type }, limits: { files: 1, fields: 32, fieldSize: 64 * 1024, fileSize: limits.maxBytes + 1 } });
    } catch {
      reject(new ApiError(400, 'bad_multipart', 'multipart 请求格式错误（缺少 boundary？）', 'malformed multipart request (no boundary?)'));
      return;
    }
    const fields: Record<string, string> = {};
    let file: { name: string | null; type: string | null } | null = null;
    let writing: Promise<void> = Promise.resolve();
    let settled = false;
    const fail = (e: unknown) => {
      if (settled) return;
      settled = true;
      body.unpipe(bb);
      body.destroy();
      bb.destroy();
      reject(e);
    };
    bb.on('field', (name, value) => {
      fields[name] = value;
    });
    bb.on('file', (_field, stream, info) => {
      stream.on('error', (e) => fail(badMultipart(e)));
      if (file) {
        stream.resume();
        return;
      }
      file = { name: info.filename ? basename(info.filename) : null, type: info.mimeType || null };
      stream.on('data', (chunk: Buffer) => {
        stream.pause();
        writing = writing.then(() => sink.write(chunk)).then(
          () => {
            stream.resume();
          },
          (e) => fail(e),
        );
      });
    });
    bb.on('error', (e) => fail(badMultipart(e)));
    bb.on('close', () => {
      writing.then(() => {
        if (settled) return;
        settled = true;
        if (!file) reject(new ApiError(400, 'no_file', 'multipart 表单中没有文件（字段名应为 file）', 'the multipart form has no file (its field should be named file)'));
        else resolve({ ...file, fields });
      }, fail);
    });
    body.on('error', fail);
    body.pipe(bb);
  });
}

/** The same facts for a file already on disk (the CLI). */
export async function describeFile(path: string, limits: UploadLimits): Promise<ReceivedFile> {
  const size = statSync(path).size;
  if (size > limits.maxBytes) throw tooLarge('maxBytes', limits.maxBytes, '文件过大', 'the file is too large');
  const hash = createHash('sha256');
  const watch = new Utf8Watch();
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    watch.push(chunk as Buffer);
  }
  if (size === 0) throw new ApiError(400, 'empty_upload', '文件是空的', 'the file is empty');
  return { path, bytes: size, sha256: hash.digest('hex'), name: basename(path), contentType: null, encoding: watch.facts(), fields: {}, dispose: () => {} };
}
