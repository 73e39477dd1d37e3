/**
 * Read the entries a zipped Shapefile needs, with the guards a zip demands: the number of
 * entries, the sum of their declared sizes (refused before anything is inflated), the bytes
 * actually inflated (a zip bomb that lies about its sizes is stopped when it passes the limit;
 * yauzl also checks each entry against its declared size), and entry names that try to climb
 * out of a folder (`../../x`) or start at the root. Nothing is ever written to disk by name.
 * Names not flagged UTF-8 are read as UTF-8 when valid, else GBK (Chinese Windows zips).
 */
import yauzl from 'yauzl';
import { ApiError } from '../errors';
import type { UploadLimits } from './limits';
import { tooLarge } from './receive';

export interface ZipEntryData {
  name: string;
  data: Buffer;
}

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

/** Open the zip at `path`, list it, and read the entries `want` picks. */
export function readZip(path: string, limits: UploadLimits, want: (name: string) => boolean): Promise<{ names: string[]; entries: ZipEntryData[] }> {
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
          const entries: ZipEntryData[] = [];
          let inflated = 0;
          for (const entry of picked) {
            const data = await readEntry(zip, entry, (n) => {
              inflated += n;
              if (inflated > limits.maxUnzippedBytes) throw tooLarge('maxUnzippedBytes', limits.maxUnzippedBytes, 'zip 解压后的大小超过上限（疑似 zip 炸弹）', 'the zip expands to more than the limit (a zip bomb?)');
            });
            entries.push({ name: (entry as yauzl.Entry & { decodedName: string }).decodedName, data });
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

function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, count: (n: number) => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) {
        reject(badZip(`无法读取 zip 条目：${err?.message ?? ''}`, `cannot read a zip entry: ${err?.message ?? ''}`));
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        try {
          count(chunk.length);
          chunks.push(chunk);
        } catch (e) {
          stream.destroy();
          reject(e);
        }
      });
      stream.on('error', (e: Error) => {
        // yauzl's size check: the entry inflates to more than it declared.
        const lying = /too many bytes|too few bytes|size/i.test(e.message);
        reject(lying ? new ApiError(413, 'too_large', 'zip 条目解压后与其声明的大小不符（疑似 zip 炸弹）：拒绝', 'a zip entry inflates to more than it declares (a zip bomb?): refused', { limit: 'ATLAS_UPLOAD_MAX_UNZIPPED_BYTES' }) : badZip(`zip 条目已损坏：${e.message}`, `a zip entry is corrupt: ${e.message}`));
      });
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}
