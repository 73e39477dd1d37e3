/**
 * Receiving an upload that is refused before its temporary file has even opened: the refusal is
 * the located error, and nothing is left behind — in particular no uncaught exception from the
 * file opening after its directory was removed (Vitest fails the run on one; this was seen once,
 * as a flaky ENOENT in tests/uploads/bad-files.test.ts).
 */
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../server/errors';
import { defaultLimits } from '../../server/ingest/limits';
import { receiveUpload } from '../../server/ingest/receive';

const leftovers = () => readdirSync(tmpdir()).filter((n) => n.startsWith('atlas-upload-'));

describe('an upload refused at once', () => {
  it('is a located 400, with no stray error and no temporary file left', async () => {
    const before = new Set(leftovers());
    for (let i = 0; i < 50; i++) {
      const req = new Request('http://atlas/api/uploads', { method: 'POST', headers: { 'content-type': 'multipart/form-data' }, body: 'no boundary' });
      const error = await receiveUpload(req, defaultLimits, null, new AbortController().signal).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).code).toBe('bad_multipart');
    }
    // Give the abandoned file streams time to finish opening (and fail) before the run ends.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(leftovers().filter((n) => !before.has(n))).toEqual([]);
  });
});
