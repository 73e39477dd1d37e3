/**
 * The corpus of bad files (tests/fixtures/uploads/bad, see corpus.ts): each is uploaded for real
 * through POST /api/uploads as a commit, and must get its status, its located problem in both
 * languages, and leave the store exactly as it was.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { createAuth } from '../../server/auth';
import { hashToken } from '../../server/auth/tokens';
import { openTestAtlas, type TestAtlas } from '../support/atlas';
import { BAD, TEST_LIMITS } from './corpus';

const dir = join(__dirname, '../fixtures/uploads/bad');
let t: TestAtlas;
let app: ReturnType<typeof createApp>;

beforeAll(() => {
  t = openTestAtlas();
  const saved = { ...process.env };
  Object.assign(process.env, TEST_LIMITS);
  const auth = createAuth(t.atlas, { tokens: [{ name: 'ops@telecom', role: 'carrier:telecom', sha256: hashToken('telecom-token') }, { name: 'root', role: 'admin', sha256: hashToken('admin-token') }] });
  app = createApp(t.atlas, { auth });
  process.env = saved;
});
afterAll(() => t?.dispose());

const snapshot = () => ({
  version: t.atlas.store.version(),
  telecom: t.atlas.store.count('fixed_service', { owner: 'telecom' }),
  layers: t.atlas.store.layerStats().map((s) => [s.layer, s.count]),
});

const CJK = /[\u4e00-\u9fff]/;

describe('the bad-file corpus', () => {
  it('has at least 40 files, each named for what is wrong', () => {
    expect(BAD.length).toBeGreaterThanOrEqual(40);
    expect(new Set(BAD.map((c) => c.file)).size).toBe(BAD.length);
  });

  for (const c of BAD) {
    it(`${c.file} → ${c.status} ${c.code}`, async () => {
      const before = snapshot();
      const query = new URLSearchParams({ layer: c.layer, filename: c.file, ...c.query });
      const res = await app.request(`/api/uploads?${query}`, {
        method: 'POST',
        body: readFileSync(join(dir, c.file)),
        headers: { authorization: `Bearer ${c.as === 'admin' ? 'admin-token' : 'telecom-token'}`, ...c.headers },
      });
      const body = (await res.json()) as any;
      expect(res.status, JSON.stringify(body).slice(0, 600)).toBe(c.status);
      expect(body.error.message.zh).toMatch(CJK);
      expect(body.error.message.en.length).toBeGreaterThan(10);
      if (c.status === 422 && body.error.code === 'invalid_upload') {
        const problems = body.error.details.problems as any[];
        const p = problems.find((x) => x.code === c.code);
        expect(p, `no ${c.code} among ${JSON.stringify(problems).slice(0, 800)}`).toBeTruthy();
        expect(p.severity).toBe('error');
        expect(p.zh).toMatch(CJK);
        expect(p.en).toMatch(/[a-z]{3}/);
        if (c.at?.index !== undefined) expect(p.index).toBe(c.at.index);
        if (c.at?.path !== undefined) expect(p.path).toBe(c.at.path);
        if (c.at?.line !== undefined) expect(p.line).toBe(c.at.line);
        if (c.at?.column !== undefined) expect(p.column).toBe(c.at.column);
        expect(body.error.details.committed).toBe(false);
      } else {
        expect(body.error.code).toBe(c.code);
      }
      expect(snapshot()).toEqual(before);
    });
  }

  it('every rejected commit is in the audit trail with the file hash', () => {
    const rejected = t.atlas.store.audit({ actor: 'ops@telecom' }).filter((a) => a.action === 'upload_rejected');
    expect(rejected.length).toBeGreaterThan(20);
    expect(rejected[0]!.detail.fileHash).toMatch(/^[0-9a-f]{64}$/);
  });
});
