/**
 * The store reads added for features and OGC API items: one feature by (owner, id), a date
 * range filter and a layer's date extent, and keyset paging with `after`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../server/store/sqlite';
import type { StoredFeature } from '../../server/store/types';

const site = (owner: string, id: string, inService: string | null): StoredFeature => ({
  layer: 'mobile_sites',
  owner,
  id,
  geometry: { type: 'Point', coordinates: [118.3, 32.3] },
  properties: { id, carrier: owner, generation: '4g', radius_m: 1000, ...(inService ? { in_service: inService } : {}) },
});

describe('store reads for features and OGC API', () => {
  let dir: string;
  let store: SqliteStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'atlas-store-reads-'));
    store = new SqliteStore(join(dir, 'atlas.db'));
    store.commit({ actor: 't', layer: 'mobile_sites', owner: 'telecom', mode: 'replace' }, [site('telecom', 'S1', '2013-05-01'), site('telecom', 'S2', '2014-01-01'), site('telecom', 'S3', null)]);
    store.commit({ actor: 't', layer: 'mobile_sites', owner: 'unicom', mode: 'replace' }, [site('unicom', 'S1', '2012-12-31'), site('unicom', 'S4', '2015-07-01')]);
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds one feature by owner and id, now or as of a version', () => {
    expect(store.feature('mobile_sites', 'unicom', 'S1')?.properties.in_service).toBe('2012-12-31');
    expect(store.feature('mobile_sites', 'telecom', 'S1')?.properties.in_service).toBe('2013-05-01');
    expect(store.feature('mobile_sites', 'mobile', 'S1')).toBeNull();
    expect(store.feature('buildings', 'unicom', 'S1')).toBeNull();
    store.commit({ actor: 't', layer: 'mobile_sites', owner: 'unicom', mode: 'replace' }, [site('unicom', 'S4', '2015-07-01')]);
    expect(store.feature('mobile_sites', 'unicom', 'S1')).toBeNull();
    expect(store.feature('mobile_sites', 'unicom', 'S1', { atVersion: 2 })?.id).toBe('S1');
  });

  it('filters by a date range, both ends inclusive and either open, leaving out undated features', () => {
    const ids = (from: string | null, to: string | null) =>
      [...store.features('mobile_sites', { dateRange: { field: 'in_service', from, to } })].map((f) => `${f.owner}/${f.id}`);
    expect(ids('2013-05-01', '2014-01-01')).toEqual(['telecom/S1', 'telecom/S2']);
    expect(ids(null, '2013-05-01')).toEqual(['telecom/S1', 'unicom/S1']);
    expect(ids('2014-01-01', null)).toEqual(['telecom/S2', 'unicom/S4']);
    expect(ids(null, null)).toHaveLength(4);
    expect(store.count('mobile_sites', { dateRange: { field: 'in_service', to: '2013-12-31' }, owner: 'telecom' })).toBe(1);
  });

  it("gives a layer's date extent", () => {
    expect(store.dateRange('mobile_sites', 'in_service')).toEqual({ min: '2012-12-31', max: '2015-07-01' });
    expect(store.dateRange('buildings', 'in_service')).toBeNull();
  });

  it('pages by keyset after an (owner, id), in the read order', () => {
    const after = (owner: string, id: string) => [...store.features('mobile_sites', { after: { owner, id }, limit: 2 })].map((f) => `${f.owner}/${f.id}`);
    expect(after('telecom', 'S1')).toEqual(['telecom/S2', 'telecom/S3']);
    expect(after('telecom', 'S3')).toEqual(['unicom/S1', 'unicom/S4']);
    expect(after('unicom', 'S4')).toEqual([]);
  });
});
