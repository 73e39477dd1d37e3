import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStore, DuplicateIdError } from '../../server/store/sqlite';
import type { StoredFeature } from '../../server/store/types';

const building = (id: string, households: number, x = 118.3): StoredFeature => ({
  layer: 'buildings',
  owner: 'city',
  id,
  geometry: { type: 'Point', coordinates: [x, 32.3] },
  properties: { id, use: 'residential', households },
});

describe('SqliteStore', () => {
  let dir: string;
  let store: SqliteStore;
  let clock = 0;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'atlas-store-'));
    clock = Date.UTC(2026, 0, 1);
    store = new SqliteStore(join(dir, 'atlas.db'), { now: () => new Date((clock += 1000)) });
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts empty at version 0 in WAL mode', () => {
    expect(store.version()).toBe(0);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.layerStats()).toEqual([]);
  });

  it('round-trips features exactly, whatever the key order', () => {
    const f = building('B1', 3);
    store.commit({ actor: 'alice', layer: 'buildings', owner: 'city', mode: 'replace' }, [f]);
    const [back] = [...store.features('buildings')];
    expect(back).toEqual(f);
    // Same properties in another key order: unchanged, not a new row.
    const reordered = { ...f, properties: { households: 3, use: 'residential', id: 'B1' } };
    const r = store.commit({ actor: 'alice', layer: 'buildings', owner: 'city', mode: 'replace' }, [reordered]);
    expect(r).toMatchObject({ added: 0, changed: 0, unchanged: 1, removed: 0, version: 2 });
  });

  it('versions every batch and keeps history for "as of version"', () => {
    const v1 = store.commit({ actor: 'a', layer: 'buildings', owner: 'city', mode: 'replace' }, [building('B1', 1), building('B2', 2)]);
    const v2 = store.commit({ actor: 'b', layer: 'buildings', owner: 'city', mode: 'replace' }, [building('B1', 5), building('B3', 3)]);
    expect(v1).toMatchObject({ version: 1, added: 2, changed: 0, unchanged: 0, removed: 0 });
    expect(v2).toMatchObject({ version: 2, added: 1, changed: 1, unchanged: 0, removed: 1 });
    const now = [...store.features('buildings')].map((f) => [f.id, f.properties.households]);
    expect(now).toEqual([['B1', 5], ['B3', 3]]);
    const then = [...store.features('buildings', { atVersion: 1 })].map((f) => [f.id, f.properties.households]);
    expect(then).toEqual([['B1', 1], ['B2', 2]]);
    expect(store.count('buildings', { atVersion: 0 })).toBe(0);
  });

  it('append upserts by id and keeps the rest', () => {
    store.commit({ actor: 'a', layer: 'buildings', owner: 'city', mode: 'replace' }, [building('B1', 1), building('B2', 2)]);
    const r = store.commit({ actor: 'a', layer: 'buildings', owner: 'city', mode: 'append' }, [building('B2', 9), building('B4', 4)]);
    expect(r).toMatchObject({ added: 1, changed: 1, unchanged: 0, removed: 0 });
    expect([...store.features('buildings')].map((f) => f.id)).toEqual(['B1', 'B2', 'B4']);
  });

  it("keeps owners apart: replacing one carrier's layer leaves another's", () => {
    const rec = (owner: string, id: string): StoredFeature => ({
      layer: 'mobile_sites',
      owner,
      id,
      geometry: { type: 'Point', coordinates: [118, 32] },
      properties: { id, carrier: owner, generation: '4g', radius_m: 2000, in_service: '2015-01-01' },
    });
    store.commit({ actor: 'x', layer: 'mobile_sites', owner: 'telecom', mode: 'replace' }, [rec('telecom', 'S1')]);
    store.commit({ actor: 'y', layer: 'mobile_sites', owner: 'unicom', mode: 'replace' }, [rec('unicom', 'S1')]);
    store.commit({ actor: 'x', layer: 'mobile_sites', owner: 'telecom', mode: 'replace' }, []);
    expect([...store.features('mobile_sites')].map((f) => `${f.owner}/${f.id}`)).toEqual(['unicom/S1']);
    expect(store.batches({ owner: 'telecom' }).map((b) => b.removed)).toEqual([0, 1]);
  });

  it('writes an audit record for every commit', () => {
    store.commit({ actor: 'alice', layer: 'buildings', owner: 'city', mode: 'replace', fileHash: 'abc' }, [building('B1', 1)]);
    store.commit({ actor: 'bob', layer: 'buildings', owner: 'city', mode: 'append' }, [building('B2', 1)]);
    const audit = store.audit();
    expect(audit.map((a) => [a.actor, a.action, a.version])).toEqual([
      ['alice', 'commit', 1],
      ['bob', 'commit', 2],
    ]);
    expect(audit[0]!.detail).toMatchObject({ layer: 'buildings', fileHash: 'abc', added: 1 });
    expect(store.audit({ actor: 'bob' })).toHaveLength(1);
    expect(store.batch(1)).toMatchObject({ actor: 'alice', fileHash: 'abc', at: '2026-01-01T00:00:01.000Z' });
  });

  it('is all or nothing: a batch with a duplicate id changes nothing', () => {
    store.commit({ actor: 'a', layer: 'buildings', owner: 'city', mode: 'replace' }, [building('B1', 1)]);
    expect(() =>
      store.commit({ actor: 'a', layer: 'buildings', owner: 'city', mode: 'replace' }, [building('B7', 1), building('B7', 2)]),
    ).toThrow(DuplicateIdError);
    expect(store.version()).toBe(1);
    expect([...store.features('buildings')].map((f) => f.id)).toEqual(['B1']);
    expect(store.audit()).toHaveLength(1);
  });

  it('diff previews a commit without writing', () => {
    store.commit({ actor: 'a', layer: 'buildings', owner: 'city', mode: 'replace' }, [building('B1', 1), building('B2', 1)]);
    expect(store.diff({ layer: 'buildings', owner: 'city', mode: 'replace' }, [building('B1', 1), building('B3', 1)])).toEqual({
      added: 1,
      changed: 0,
      unchanged: 1,
      removed: 1,
    });
    expect(store.version()).toBe(1);
  });

  it('filters by bbox (and by two boxes across the antimeridian) and pages', () => {
    store.commit({ actor: 'a', layer: 'buildings', owner: 'city', mode: 'replace' }, [building('B1', 1, 118.1), building('B2', 1, 118.5), building('B3', 1, 118.9)]);
    expect([...store.features('buildings', { bbox: [[118.4, 32, 119, 33]] })].map((f) => f.id)).toEqual(['B2', 'B3']);
    expect(store.count('buildings', { bbox: [[118.0, 32, 118.2, 33], [118.8, 32, 119, 33]] })).toBe(2);
    expect([...store.features('buildings', { limit: 1, offset: 1 })].map((f) => f.id)).toEqual(['B2']);
  });

  it('reports layer stats with bounds', () => {
    store.commit({ actor: 'a', layer: 'buildings', owner: 'city', mode: 'replace' }, [building('B1', 1, 118.1), building('B2', 1, 118.5)]);
    expect(store.layerStats()).toEqual([{ layer: 'buildings', count: 2, bbox: [118.1, 32.3, 118.5, 32.3], owners: ['city'] }]);
  });

  it('keeps every committed batch across a reopen', () => {
    store.commit({ actor: 'a', layer: 'buildings', owner: 'city', mode: 'replace' }, [building('B1', 1)]);
    store.close();
    store = new SqliteStore(join(dir, 'atlas.db'));
    expect(store.version()).toBe(1);
    expect(store.count('buildings')).toBe(1);
  });
});

describe('SqliteStore.changes', () => {
  it('returns exactly the rows a batch closed and wrote', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-store-'));
    const store = new SqliteStore(join(dir, 'atlas.db'));
    try {
      store.commit({ actor: 'a', layer: 'buildings', owner: 'city', mode: 'replace' }, [building('B1', 1), building('B2', 2), building('B3', 3)]);
      const v = store.commit({ actor: 'a', layer: 'buildings', owner: 'city', mode: 'replace' }, [building('B1', 1), building('B2', 9), building('B4', 4)]).version;
      const { removed, added } = store.changes(v);
      expect(removed.map((f) => [f.id, f.properties.households])).toEqual([['B2', 2], ['B3', 3]]);
      expect(added.map((f) => [f.id, f.properties.households])).toEqual([['B2', 9], ['B4', 4]]);
      expect(store.changes(99)).toEqual({ removed: [], added: [] });
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
