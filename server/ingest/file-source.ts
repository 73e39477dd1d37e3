/**
 * A file read by offset through one window (geodata/formats/shapefile.ts's ByteSource): reading
 * records in order costs one read per megabyte, and memory holds the window, never the file.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { ByteSource } from '../../geodata/formats/shapefile';

const WINDOW = 1 << 20;

export class FileSource implements ByteSource {
  readonly size: number;
  private readonly fd: number;
  private window = Buffer.alloc(0);
  private windowStart = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'r');
    this.size = fstatSync(this.fd).size;
  }

  read(offset: number, length: number): Uint8Array {
    // Never past the end (a reader checks lengths against `size`; a last record may lack a byte).
    const end = Math.min(offset + length, this.size);
    if (offset >= this.windowStart && end <= this.windowStart + this.window.length) {
      return this.window.subarray(offset - this.windowStart, end - this.windowStart);
    }
    const want = Math.max(end - offset, Math.min(WINDOW, this.size - offset));
    const buf = Buffer.allocUnsafe(Math.max(0, want));
    let got = 0;
    while (got < buf.length) {
      const n = readSync(this.fd, buf, got, buf.length - got, offset + got);
      if (n === 0) break;
      got += n;
    }
    this.window = buf.subarray(0, got);
    this.windowStart = offset;
    return this.window.subarray(0, Math.min(got, end - offset));
  }

  close(): void {
    closeSync(this.fd);
  }
}
