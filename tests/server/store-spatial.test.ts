/**
 * The store's spatial index (schema 2, an R*Tree over every row's box): a box read answers
 * exactly what a full scan of the REAL columns answers — at the edges (the R*Tree keeps 32-bit
 * floats), for rows closed by a later batch when a page is pinned to an older version, across
 * the antimeridian — and a data directory written before the index existed gets it on opening.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BBox } from '../../geodata/geometry/bbox';
import { LAYER_NUMBER, SqliteStore } from '../../server/store/sqlite';
import { LAYER_IDS } from '../../geodata/schema';
import type { StoredFeature } from '../../server/store/types';
import { Rng } from '../../seeds/rng';

const building = (id: string, lon: number, lat: number): StoredFeature => ({
  layer: 'buildings',
  owner: 'city',
  id,
  geometry: { type: 'Point', coordinates: [lon, lat] },
  properties: { id, use: 'residential', households: 1 },
});

const duct = (id: string, coordinates: [number, number][]): StoredFeature => ({
  layer: 'ducts',
  owner: 'telecom',
  id,
  geometry: { type: 'LineString', coordinates },
  properties: { id, ducts: 4, spare_ducts: 1, in_service: '2014-01-01' },
});

const ids = (rows: Iterable<StoredFeature>) => [...rows].map((f) => f.id).sort();

/** What a box read must answer: the rows whose stored box meets the query box, by a plain scan. */
function scan(store: SqliteStore, layer: string, [w, s, e, n]: BBox): string[] {
  const rows = store.db
    .prepare('SELECT fid FROM features WHERE layer = ? AND v_to IS NULL AND maxx >= ? AND minx <= ? AND maxy >= ? AND miny <= ?')
    .pluck()
    .all(layer, w, e, s, n) as string[];
  return rows.sort();
}

describe('store: spatial index', () => {
  let dir: string;
  let store: SqliteStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'atlas-store-spatial-'));
    store = new SqliteStore(join(dir, 'atlas.db'));
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a box read from the R*Tree, not a walk of the layer', () => {
    store.commit({ actor: 't', layer: 'buildings', owner: 'city', mode: 'replace' }, [building('B1', 118.3, 32.3)]);
    // The SQL the store itself builds, for every shape of box read.
    const selectCurrent = (store as unknown as { selectCurrent(c: string, l: string, o: object): { sql: string; params: unknown[] } }).selectCurrent.bind(store);
    const box: BBox[] = [[118, 32, 119, 33]];
    for (const options of [{ bbox: box }, { bbox: box, atVersion: 1 }, { bbox: box, owner: 'city', after: { owner: 'city', id: 'A' } }, { bbox: [...box, [-180, -1, -179, 1]] }]) {
      const { sql, params } = selectCurrent('count(*)', 'buildings', options);
      const plan = store.db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all(...params)
        .map((r) => (r as { detail: string }).detail)
        .join(' | ');
      expect(plan, JSON.stringify(options)).toMatch(/features_rtree VIRTUAL TABLE/);
      expect(plan, JSON.stringify(options)).toMatch(/INTEGER PRIMARY KEY \(rowid=\?\)/);
      expect(plan, JSON.stringify(options)).not.toMatch(/USING INDEX features_/);
    }
  });

  it('gives every layer its own number in the index, and reads only the asked layer from it', () => {
    expect(new Set(LAYER_IDS.map((l) => LAYER_NUMBER[l])).size).toBe(LAYER_IDS.length);
    store.commit({ actor: 't', layer: 'buildings', owner: 'city', mode: 'replace' }, [building('B1', 118.3, 32.3)]);
    store.commit({ actor: 't', layer: 'ducts', owner: 'telecom', mode: 'replace' }, [duct('D1', [[118.29, 32.29], [118.31, 32.31]])]);
    const box: BBox[] = [[118.25, 32.25, 118.35, 32.35]];
    expect(ids(store.features('buildings', { bbox: box }))).toEqual(['B1']);
    expect(ids(store.features('ducts', { bbox: box }))).toEqual(['D1']);
    expect(store.db.prepare('SELECT count(*) FROM features_rtree WHERE l0 = ?').pluck().get(LAYER_NUMBER.ducts)).toBe(1);
  });

  it('keeps points exactly on a box edge, and drops points a hair outside it', () => {
    // 118.123456789 is not a 32-bit float: the R*Tree stores a slightly wider box, and the exact
    // test on the REAL columns must still decide both ways.
    const x = 118.123456789;
    const y = 32.987654321;
    store.commit({ actor: 't', layer: 'buildings', owner: 'city', mode: 'replace' }, [building('ON', x, y), building('OUT', x + 1e-9, y)]);
    expect(ids(store.features('buildings', { bbox: [[x - 0.01, y - 0.01, x, y]] }))).toEqual(['ON']);
    expect(ids(store.features('buildings', { bbox: [[x, y, x + 0.01, y + 0.01]] }))).toEqual(['ON', 'OUT']);
    expect(store.count('buildings', { bbox: [[x - 0.01, y - 0.01, x + 5e-10, y]] })).toBe(1);
  });

  it('finds a line by its box, though no vertex lies in the query box', () => {
    store.commit({ actor: 't', layer: 'ducts', owner: 'telecom', mode: 'replace' }, [duct('D1', [[118.0, 32.0], [118.2, 32.2]])]);
    expect(ids(store.features('ducts', { bbox: [[118.09, 32.09, 118.11, 32.11]] }))).toEqual(['D1']);
  });

  it('finds rows a later batch closed when the read is pinned to the older version', () => {
    store.commit({ actor: 't', layer: 'buildings', owner: 'city', mode: 'replace' }, [building('A', 118.3, 32.3), building('B', 118.31, 32.31)]);
    const v1 = store.version();
    store.commit({ actor: 't', layer: 'buildings', owner: 'city', mode: 'replace' }, [building('A', 118.5, 32.5)]); // A moves, B removed
    const box: BBox[] = [[118.29, 32.29, 118.32, 32.32]];
    expect(ids(store.features('buildings', { bbox: box, atVersion: v1 }))).toEqual(['A', 'B']);
    expect(ids(store.features('buildings', { bbox: box }))).toEqual([]);
    expect(ids(store.features('buildings', { bbox: [[118.49, 32.49, 118.51, 32.51]] }))).toEqual(['A']);
    expect(ids(store.features('buildings', { bbox: [[118.49, 32.49, 118.51, 32.51]], atVersion: v1 }))).toEqual([]);
  });

  it('reads two boxes (a request across the antimeridian) once each, without duplicates', () => {
    store.commit({ actor: 't', layer: 'buildings', owner: 'city', mode: 'replace' }, [building('E', 179.5, 0), building('W', -179.5, 0), building('M', 0, 0)]);
    const boxes: BBox[] = [[179, -1, 180, 1], [-180, -1, -179, 1]];
    expect(ids(store.features('buildings', { bbox: boxes }))).toEqual(['E', 'W']);
    expect(store.count('buildings', { bbox: [...boxes, [-180, -1, 180, 1]] })).toBe(3);
  });

  it('answers 200 random boxes exactly as a full scan does, with paging and owners', () => {
    const rng = new Rng(7);
    const random = () => rng.next();
    const features = Array.from({ length: 3000 }, (_, i) => building(`B${i}`, 118 + random() * 0.5, 32 + random() * 0.5));
    store.commit({ actor: 't', layer: 'buildings', owner: 'city', mode: 'replace' }, features);
    for (let k = 0; k < 200; k++) {
      const w = 118 + random() * 0.5;
      const s = 32 + random() * 0.5;
      const box: BBox = [w, s, w + random() * 0.1, s + random() * 0.1];
      const expected = scan(store, 'buildings', box);
      expect(store.count('buildings', { bbox: [box] })).toBe(expected.length);
      expect(ids(store.features('buildings', { bbox: [box] }))).toEqual(expected);
      if (k % 20 === 0 && expected.length > 3) {
        // Keyset paging through the box gives the same rows, in the read order.
        const first = [...store.features('buildings', { bbox: [box], limit: 2 })];
        const rest = [...store.features('buildings', { bbox: [box], after: { owner: 'city', id: first[1]!.id } })];
        expect([...first, ...rest].map((f) => f.id).sort()).toEqual(expected);
        expect(store.count('buildings', { bbox: [box], owner: 'telecom' })).toBe(0);
      }
    }
  });

  it('migrates once when two processes open an old store at the same moment', async () => {
    const features = Array.from({ length: 20000 }, (_, i) => building(`B${i}`, 118 + (i % 200) / 1000, 32 + Math.floor(i / 200) / 1000));
    store.commit({ actor: 't', layer: 'buildings', owner: 'city', mode: 'replace' }, features);
    store.db.exec("DROP TABLE features_rtree; UPDATE meta SET value = '1' WHERE key = 'schema_version'");
    store.close();
    const file = join(dir, 'atlas.db');
    const open = () =>
      new Promise<{ code: number | null; err: string }>((done) => {
        const child = spawn(process.execPath, ['--import', 'tsx', '-e', "import('./server/store/sqlite.ts').then((m) => new m.SqliteStore(process.env.STORE_FILE).close())"], {
          cwd: join(__dirname, '..', '..'),
          env: { ...process.env, STORE_FILE: file },
        });
        let err = '';
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.on('exit', (code) => done({ code, err }));
      });
    const results = await Promise.all([open(), open()]);
    expect(results.map((r) => r.err)).toEqual(['', '']);
    expect(results.map((r) => r.code)).toEqual([0, 0]);
    store = new SqliteStore(file);
    expect(store.db.prepare('SELECT count(*) FROM features_rtree').pluck().get()).toBe(20000);
    expect(store.count('buildings', { bbox: [[118.05, 32.05, 118.0999, 32.0999]] })).toBe(50 * 50);
  }, 60_000);

  it('indexes the rows of a data directory written before the index existed (schema 1 → 2)', () => {
    store.commit({ actor: 't', layer: 'buildings', owner: 'city', mode: 'replace' }, [building('A', 118.3, 32.3), building('B', 118.6, 32.6)]);
    // What schema 1 looked like: the same tables, no R*Tree.
    store.db.exec("DROP TABLE features_rtree; UPDATE meta SET value = '1' WHERE key = 'schema_version'");
    store.close();
    store = new SqliteStore(join(dir, 'atlas.db'));
    expect(store.db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get()).toBe('2');
    expect(ids(store.features('buildings', { bbox: [[118.2, 32.2, 118.4, 32.4]] }))).toEqual(['A']);
    expect(store.db.prepare('SELECT count(*) FROM features_rtree').pluck().get()).toBe(2);
  });
});

describe('store: prepared statements kept across calls', () => {
  it('reads the same query lazily twice at once, and writes in between', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-store-stmt-'));
    const store = new SqliteStore(join(dir, 'atlas.db'));
    try {
      store.commit({ actor: 't', layer: 'buildings', owner: 'city', mode: 'replace' }, [building('A', 118.3, 32.3), building('B', 118.31, 32.31)]);
      const outer = store.features('buildings', { limit: 10 });
      const first = outer.next().value as StoredFeature;
      // The same SQL again while the first iterator is open: a statement of its own, same answer.
      expect(ids(store.features('buildings', { limit: 10 }))).toEqual(['A', 'B']);
      expect(first.id).toBe('A');
      expect((outer.next().value as StoredFeature).id).toBe('B');
      expect(outer.next().done).toBe(true);
      store.commit({ actor: 't', layer: 'buildings', owner: 'city', mode: 'append' }, [building('C', 118.32, 32.32)]);
      expect(ids(store.features('buildings', { limit: 10 }))).toEqual(['A', 'B', 'C']);
      expect(store.version()).toBe(2);
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
