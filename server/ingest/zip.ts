/**
 * Unpack the entries a zipped Shapefile needs, with the guards a zip demands: the number of
 * entries, the sum of their declared sizes (refused before anything is inflated), the bytes
 * actually inflated (a zip bomb that lies about its sizes is stopped when it passes the limit;
 * yauzl also checks each entry against its declared size), and entry names that try to climb
 * out of a folder (`../../x`) or start at the root. Entries are streamed to files in the
 * upload's spool (named by number, never by the entry's name) with the running count, so no
 * entry is ever held in memory whole; `check` sees each entry's first bytes as they arrive (the
 * .shp's header: a bomb of zeros is refused after 100 bytes, not after a gigabyte).
 * Names not flagged UTF-8 are read as UTF-8 when valid, else GBK (Chinese Windows zips).
 */
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { ApiError } from '../errors';
import type { UploadLimits } from './limits';
import { tooLarge } from './receive';

export interface ZipEntryFile {
  name: string;
  /** Where it was unpacked, in the spool folder given. */
  path: string;
  bytes: number;
}

/** Bytes of an entry handed to `check` (or all of it, if shorter). */
export const ENTRY_HEAD = 100;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const gbk = new TextDecoder('gb18030');

function entryName(raw: Buffer, flags: number): string {
  if (flags & 0x800) return raw.toString('utf8');
  try {
    return utf8.decode(raw);
  } catch {
    return gbk.decode(raw);
  }
}

export function unsafeName(name: string): boolean {
  const n = name.replace(/\\/g, '/');
  return n.startsWith('/') || /^[A-Za-z]:/.test(n) || n.split('/').includes('..');
}

export function badZip(zh: string, en: string, details?: unknown): ApiError {
  return new ApiError(422, 'bad_zip', zh, en, details);
}

/** Open the zip at `path`, list it, and unpack the entries `want` picks into the folder `into`. */
export function readZip(
  path: string,
  limits: UploadLimits,
  want: (name: string) => boolean,
  into: string,
  check: (name: string, head: Uint8Array) => void = () => {},
): Promise<{ names: string[]; entries: ZipEntryFile[] }> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false }, (err, zip) => {
      if (err || !zip) {
        reject(badZip(`不是有效的 zip 文件：${err?.message ?? ''}`, `not a valid zip file: ${err?.message ?? ''}`));
        return;
      }
      if (zip.entryCount > limits.maxZipEntries) {
        zip.close();
        reject(tooLarge('maxZipEntries', limits.maxZipEntries, `zip 中有 ${zip.entryCount} 个条目，过多`, `the zip holds ${zip.entryCount} entries, too many`));
        return;
      }
      const names: string[] = [];
      const picked: yauzl.Entry[] = [];
      let declared = 0;
      let done = false;
      const fail = (e: unknown) => {
        if (done) return;
        done = true;
        zip.close();
        reject(e);
      };
      zip.on('error', (e: Error) => fail(badZip(`zip 文件已损坏：${e.message}`, `the zip is corrupt: ${e.message}`)));
      zip.on('entry', (entry: yauzl.Entry) => {
        const name = entryName(entry.fileName as unknown as Buffer, entry.generalPurposeBitFlag);
        names.push(name);
        if (unsafeName(name)) {
          fail(badZip(`zip 条目名 ${JSON.stringify(name)} 试图跳出所在目录（../ 或绝对路径）：拒绝整个文件`, `the zip entry ${JSON.stringify(name)} tries to escape its folder (../ or an absolute path): the whole file is refused`, { entry: name }));
          return;
        }
        declared += entry.uncompressedSize;
        if (declared > limits.maxUnzippedBytes) {
          fail(tooLarge('maxUnzippedBytes', limits.maxUnzippedBytes, `zip 解压后的大小超过上限（疑似 zip 炸弹）`, `the zip expands to more than the limit (a zip bomb?)`));
          return;
        }
        if (!name.endsWith('/') && want(name)) {
          if ((entry.generalPurposeBitFlag & 0x1) !== 0) {
            fail(badZip(`zip 条目 ${name} 已加密，无法读取`, `the zip entry ${name} is encrypted`));
            return;
          }
          picked.push(Object.assign(entry, { decodedName: name }));
        }
        zip.readEntry();
      });
      zip.on('end', async () => {
        if (done) return;
        try {
          const entries: ZipEntryFile[] = [];
          const inflated = { bytes: 0 };
          for (const [k, entry] of picked.entries()) {
            const name = (entry as yauzl.Entry & { decodedName: string }).decodedName;
            const file = join(into, `entry-${k}`);
            const bytes = await unpackEntry(zip, entry, file, limits, inflated, (head) => check(name, head));
            entries.push({ name, path: file, bytes });
          }
          done = true;
          zip.close();
          resolve({ names, entries });
        } catch (e) {
          fail(e);
        }
      });
      zip.readEntry();
    });
  });
}

/** Stream one entry to `file`, counting every inflated byte against the zip's limit. */
function unpackEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, file: string, limits: UploadLimits, inflated: { bytes: number }, check: (head: Uint8Array) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) {
        reject(badZip(`无法读取 zip 条目：${err?.message ?? ''}`, `cannot read a zip entry: ${err?.message ?? ''}`));
        return;
      }
      let bytes = 0;
      let head: Buffer | null = Buffer.alloc(0);
      const count = new Transform({
        transform(chunk: Buffer, _enc, done) {
          bytes += chunk.length;
          inflated.bytes += chunk.length;
          if (inflated.bytes > limits.maxUnzippedBytes) {
            done(tooLarge('maxUnzippedBytes', limits.maxUnzippedBytes, 'zip 解压后的大小超过上限（疑似 zip 炸弹）', 'the zip expands to more than the limit (a zip bomb?)'));
            return;
          }
          if (head) {
            head = Buffer.concat([head, chunk.subarray(0, ENTRY_HEAD - head.length)]);
            if (head.length >= ENTRY_HEAD) {
              const first = head;
              head = null;
              try {
                check(first);
              } catch (e) {
                done(e as Error);
                return;
              }
            }
          }
          done(null, chunk);
        },
        flush(done) {
          try {
            if (head) check(head);
            done();
          } catch (e) {
            done(e as Error);
          }
        },
      });
      pipeline(stream, count, createWriteStream(file, { mode: 0o600 })).then(
        () => resolve(bytes),
        (e: Error) => {
          if (e instanceof ApiError || !(e instanceof Error) || (e as { zh?: string }).zh) {
            reject(e);
            return;
          }
          // yauzl's size check: the entry inflates to more than it declared.
          const lying = /too many bytes|too few bytes|size/i.test(e.message);
          reject(lying ? new ApiError(413, 'too_large', 'zip 条目解压后与其声明的大小不符（疑似 zip 炸弹）：拒绝', 'a zip entry inflates to more than it declares (a zip bomb?): refused', { limit: 'ATLAS_UPLOAD_MAX_UNZIPPED_BYTES' }) : badZip(`zip 条目已损坏：${e.message}`, `a zip entry is corrupt: ${e.message}`));
        },
      );
    });
  });
}
