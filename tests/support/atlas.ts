/**
 * Test support: a real atlas (SQLite store in a temp directory, real base geography) seeded with
 * the small demo city once per test file. No mocks of our own domain.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createApp } from '../../server/app';
import { openAtlas, type Atlas } from '../../server/atlas';
import { seedDemo } from '../../server/seed';

export interface TestAtlas {
  atlas: Atlas;
  dir: string;
  dispose(): void;
}

export function openTestAtlas(options: { seed?: boolean } = {}): TestAtlas {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-test-'));
  const atlas = openAtlas(dir);
  if (options.seed ?? true) seedDemo(atlas.store, atlas.base, 'small');
  return {
    atlas,
    dir,
    dispose() {
      atlas.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A seeded atlas and its app for one test file: the hooks are registered here, and the handles
 * are filled in before the file's first test (`s.t.atlas`, `s.app.request(...)`).
 */
export function seededApp(): { t: TestAtlas; app: ReturnType<typeof createApp> } {
  const s = {} as { t: TestAtlas; app: ReturnType<typeof createApp> };
  beforeAll(() => {
    s.t = openTestAtlas();
    s.app = createApp(s.t.atlas);
  });
  afterAll(() => s.t?.dispose());
  return s;
}
