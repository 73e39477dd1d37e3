/**
 * The embedded store: SQLite (better-sqlite3 12.x) in WAL mode.
 *
 * Every write is a batch with its own data version. Feature rows are never updated in place:
 * a row lives from the version that wrote it (`v_from`) until the version that replaced or
 * removed it (`v_to`, NULL while current). That keeps the whole history, so "the layer as of
 * version N" and reverting a batch are plain queries, and a crash mid-commit leaves either the
 * whole batch or none of it (one transaction).
 */
import Database from 'better-sqlite3';
import { privateFile, tighten } from '../files';
import type { Geometry } from 'geojson';
import { geometryBBox } from '../../geodata/geometry/bbox';
import { isLayerId, type LayerId } from '../../geodata/schema';
import { canonicalJson } from '../../geodata/canonical-json';
import type {
  AtlasStore,
  AuditRecord,
  BatchCounts,
  BatchInput,
  BatchRecord,
  FeatureExtent,
  LayerStats,
  ReadOptions,
  StoredFeature,
  WriteMode,
} from './types';

/**
 * Each layer's number in the spatial index. Stored in the database: never renumber a layer;
 * a new layer takes a new number.
 */
export const LAYER_NUMBER: Readonly<Record<LayerId, number>> = {
  districts: 0,
  townships: 1,
  villages: 2,
  buildings: 3,
  public_places: 4,
  fixed_service: 5,
  mobile_sites: 6,
  wifi_hotspots: 7,
  ducts: 8,
  egress: 9,
};

/** Bump when the schema changes, and add a migration step to `migrate`. */
const SCHEMA_VERSION = 2;

const DDL = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS batches (
  version    INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  actor      TEXT NOT NULL,
  layer      TEXT NOT NULL,
  owner      TEXT NOT NULL,
  mode       TEXT NOT NULL,
  file_hash  TEXT,
  note       TEXT,
  revert_of  INTEGER,
  added      INTEGER NOT NULL DEFAULT 0,
  changed    INTEGER NOT NULL DEFAULT 0,
  unchanged  INTEGER NOT NULL DEFAULT 0,
  removed    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS batches_by_layer ON batches (layer, version);
CREATE TABLE IF NOT EXISTS features (
  layer  TEXT NOT NULL,
  owner  TEXT NOT NULL,
  fid    TEXT NOT NULL,
  geom   TEXT,
  props  TEXT NOT NULL,
  minx REAL, miny REAL, maxx REAL, maxy REAL,
  v_from INTEGER NOT NULL,
  v_to   INTEGER,
  PRIMARY KEY (layer, owner, fid, v_from)
);
CREATE INDEX IF NOT EXISTS features_current ON features (layer, owner, fid) WHERE v_to IS NULL;
CREATE INDEX IF NOT EXISTS features_by_version ON features (layer, v_from);
CREATE INDEX IF NOT EXISTS features_closed ON features (layer, v_to) WHERE v_to IS NOT NULL;
-- Schema 2: a spatial index of every row's box (current and closed rows: a page pinned to an
-- older version still finds them), keyed by the row's rowid. The layer is a third dimension
-- (l0 = l1 = its number, LAYER_NUMBER), so a box of buildings never wades through the service
-- records at the same spots. Boxes are stored as 32-bit floats rounded outward, so it is a
-- prefilter; the exact test uses the REAL columns above. Rowids are stable: the atlas never
-- VACUUMs, and backups copy pages.
CREATE VIRTUAL TABLE IF NOT EXISTS features_rtree USING rtree(id, x0, x1, y0, y1, l0, l1);
CREATE TABLE IF NOT EXISTS audit (
  id      INTEGER PRIMARY KEY,
  at      TEXT NOT NULL,
  actor   TEXT NOT NULL,
  action  TEXT NOT NULL,
  version INTEGER,
  detail  TEXT NOT NULL
);
`;

interface FeatureRow {
  layer: string;
  owner: string;
  fid: string;
  geom: string | null;
  props: string;
}

export interface SqliteStoreOptions {
  /** Clock for batch and audit timestamps (tests pin it). */
  now?: () => Date;
}

export class SqliteStore implements AtlasStore {
  readonly db: Database.Database;
  private readonly now: () => Date;

  constructor(file: string, options: SqliteStoreOptions = {}) {
    // 0600 before SQLite opens it: the -wal and -shm files it makes take the store's mode.
    const onDisk = file !== ':memory:' && file !== '';
    if (onDisk) privateFile(file);
    this.db = new Database(file);
    this.now = options.now ?? (() => new Date());
    // Wait for another process's write lock rather than fail at once (a backup or an import
    // while the server commits); set before anything else that may need a lock.
    this.db.pragma('busy_timeout = 10000');
    this.db.pragma('journal_mode = WAL');
    if (onDisk) for (const ext of ['-wal', '-shm']) tighten(`${file}${ext}`);
    // FULL: a committed batch survives power loss, not only a process crash. Commits are few
    // and large, so the extra fsync costs little.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.migrate();
  }

  private migrate(): void {
    const quick = this.db.pragma('quick_check', { simple: true });
    if (quick !== 'ok') throw new StoreCorruptError(String(quick));
    this.db.exec(DDL);
    const current = Number(this.getMeta('schema_version') ?? 0);
    if (current > SCHEMA_VERSION) {
      throw new Error(
        `data directory was written by a newer Broadband Atlas (schema ${current} > ${SCHEMA_VERSION}); upgrade the atlas`,
      );
    }
    if (current < SCHEMA_VERSION) {
      // Another process (an import, a backup, the server) may open the store at the same moment
      // and migrate it too: take the write lock first (IMMEDIATE), wait for a migration that is
      // already running (minutes on a large store, not the usual 10 s), and read the version
      // again under the lock.
      this.db.pragma('busy_timeout = 300000');
      try {
        this.db
          .transaction(() => {
            const found = Number(this.getMeta('schema_version') ?? 0);
            if (found >= SCHEMA_VERSION) return;
            // 1 → 2: index the boxes of the rows already stored (once; about 6 s per million rows).
            if (found < 2) {
              const insert = this.db.prepare('INSERT INTO features_rtree SELECT rowid, minx, maxx, miny, maxy, ?, ? FROM features WHERE layer = ? AND minx IS NOT NULL');
              for (const [layer, n] of Object.entries(LAYER_NUMBER)) insert.run(n, n, layer);
            }
            this.setMeta('schema_version', String(SCHEMA_VERSION));
          })
          .immediate();
      } finally {
        this.db.pragma('busy_timeout = 10000');
      }
    }
  }

  private readonly statements = new Map<string, Database.Statement>();

  /**
   * A prepared statement, kept by its SQL: preparing costs more than running the hot reads
   * (`version()` is asked several times per tile request). Only for statements used without
   * `.raw()` / `.pluck()`, which would change the shared statement's mode. A statement busy
   * with an open iterator is not shared: the caller gets a fresh one.
   */
  private cached(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    // An iterator still open on it (a caller reading lazily): that one gets a statement of its own.
    if (statement?.busy) return this.db.prepare(sql);
    if (!statement) {
      if (this.statements.size >= 256) this.statements.clear(); // dynamic SQL has few shapes; never grow without bound
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  version(): number {
    const row = this.cached('SELECT max(version) AS v FROM batches').get() as { v: number | null };
    return row.v ?? 0;
  }

  diff(batch: Pick<BatchInput, 'layer' | 'owner' | 'mode'>, features: readonly StoredFeature[]): BatchCounts {
    return this.plan(batch.layer, batch.owner, batch.mode, features).counts;
  }

  commit(batch: BatchInput, features: readonly StoredFeature[]): BatchRecord {
    const run = this.db.transaction((): BatchRecord => {
      const plan = this.plan(batch.layer, batch.owner, batch.mode, features);
      const at = this.now().toISOString();
      const version = this.version() + 1;
      const close = this.db.prepare(
        'UPDATE features SET v_to = ? WHERE layer = ? AND owner = ? AND fid = ? AND v_to IS NULL',
      );
      const insert = this.db.prepare(
        `INSERT INTO features (layer, owner, fid, geom, props, minx, miny, maxx, maxy, v_from)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const index = this.db.prepare('INSERT INTO features_rtree (id, x0, x1, y0, y1, l0, l1) VALUES (?, ?, ?, ?, ?, ?, ?)');
      const layerNumber = LAYER_NUMBER[batch.layer];
      for (const fid of plan.toClose) close.run(version, batch.layer, batch.owner, fid);
      for (const row of plan.toInsert) {
        const box = row.geometry ? geometryBBox(row.geometry) : null;
        const { lastInsertRowid } = insert.run(
          batch.layer,
          batch.owner,
          row.id,
          row.geomText,
          row.propsText,
          box?.[0] ?? null,
          box?.[1] ?? null,
          box?.[2] ?? null,
          box?.[3] ?? null,
          version,
        );
        if (box) index.run(lastInsertRowid, box[0], box[2], box[1], box[3], layerNumber, layerNumber);
      }
      const record: BatchRecord = {
        version,
        at,
        actor: batch.actor,
        layer: batch.layer,
        owner: batch.owner,
        mode: batch.mode,
        fileHash: batch.fileHash ?? null,
        note: batch.note ?? null,
        revertOf: batch.revertOf ?? null,
        ...plan.counts,
      };
      this.db
        .prepare(
          `INSERT INTO batches (version, at, actor, layer, owner, mode, file_hash, note, revert_of,
                                added, changed, unchanged, removed)
           VALUES (@version, @at, @actor, @layer, @owner, @mode, @fileHash, @note, @revertOf,
                   @added, @changed, @unchanged, @removed)`,
        )
        .run(record);
      this.insertAudit(at, {
        actor: batch.actor,
        action: batch.mode === 'revert' ? 'revert' : 'commit',
        version,
        detail: {
          layer: batch.layer,
          owner: batch.owner,
          mode: batch.mode,
          fileHash: batch.fileHash ?? null,
          revertOf: batch.revertOf ?? null,
          ...plan.counts,
        },
      });
      return record;
    });
    // IMMEDIATE: take the write lock before reading the version, so two writers never race.
    return run.immediate();
  }

  /** Work out what a batch changes. Pure reading; shared by `diff` and `commit`. */
  private plan(layer: LayerId, owner: string, mode: WriteMode, features: readonly StoredFeature[]) {
    // What the owner has now. A small batch against a large layer (200 records appended to a
    // carrier's million) looks its ids up one by one through the index; a large one reads the
    // owner's rows in one scan. Either way the answer is the same.
    const replacing = mode === 'replace' || mode === 'revert';
    // Counted only up to the threshold: counting a carrier's 1.5 million rows to learn that 200
    // is small cost more than the whole commit.
    const threshold = features.length * 4;
    const held = this.db
      .prepare('SELECT count(*) FROM (SELECT 1 FROM features WHERE layer = ? AND owner = ? AND v_to IS NULL LIMIT ?)')
      .pluck()
      .get(layer, owner, threshold + 1) as number;
    const existing = new Map<string, string>();
    let current: (id: string) => string | undefined;
    if (held <= threshold) {
      const rows = this.db
        .prepare('SELECT fid, geom, props FROM features WHERE layer = ? AND owner = ? AND v_to IS NULL')
        .raw()
        .iterate(layer, owner) as IterableIterator<[string, string | null, string]>;
      for (const [fid, geom, props] of rows) existing.set(fid, `${geom ?? ''}\u0000${props}`);
      current = (id) => existing.get(id);
    } else {
      const one = this.db.prepare('SELECT geom, props FROM features WHERE layer = ? AND owner = ? AND fid = ? AND v_to IS NULL').raw();
      current = (id) => {
        const row = one.get(layer, owner, id) as [string | null, string] | undefined;
        return row ? `${row[0] ?? ''}\u0000${row[1]}` : undefined;
      };
      if (replacing) {
        const ids = this.db.prepare('SELECT fid FROM features WHERE layer = ? AND owner = ? AND v_to IS NULL').pluck().iterate(layer, owner) as IterableIterator<string>;
        for (const fid of ids) existing.set(fid, '');
      }
    }

    const counts: BatchCounts = { added: 0, changed: 0, unchanged: 0, removed: 0 };
    const toClose: string[] = [];
    const toInsert: { id: string; geometry: Geometry | null; geomText: string | null; propsText: string }[] = [];
    const seen = new Set<string>();
    for (const feature of features) {
      if (seen.has(feature.id)) throw new DuplicateIdError(layer, feature.id);
      seen.add(feature.id);
      const geomText = feature.geometry ? JSON.stringify(feature.geometry) : null;
      const propsText = canonicalJson(feature.properties);
      const before = current(feature.id);
      if (before === undefined) {
        counts.added++;
      } else if (before === `${geomText ?? ''}\u0000${propsText}`) {
        counts.unchanged++;
        continue;
      } else {
        counts.changed++;
        toClose.push(feature.id);
      }
      toInsert.push({ id: feature.id, geometry: feature.geometry, geomText, propsText });
    }
    if (replacing) {
      for (const fid of existing.keys()) {
        if (!seen.has(fid)) {
          counts.removed++;
          toClose.push(fid);
        }
      }
    }
    return { counts, toClose, toInsert };
  }

  *features(layer: LayerId, options: ReadOptions = {}): IterableIterator<StoredFeature> {
    const paged = options.limit !== undefined || options.offset !== undefined;
    let rows: IterableIterator<FeatureRow>;
    if (paged && options.bbox) {
      // A page of a box: choose the page's rows by (owner, fid) alone, then read only those
      // rows' geometry and properties — sorting 12,000 rows of a dense box with their JSON
      // attached costs more than the whole rest of the request.
      const { sql, params } = this.selectCurrent('rowid', layer, options);
      params.push(options.limit ?? -1, options.offset ?? 0);
      rows = this.cached(`SELECT layer, owner, fid, geom, props FROM features WHERE rowid IN (${sql} ORDER BY owner, fid LIMIT ? OFFSET ?) ORDER BY owner, fid`).iterate(...params) as IterableIterator<FeatureRow>;
    } else {
      const { sql, params } = this.selectCurrent('layer, owner, fid, geom, props', layer, options);
      if (paged) params.push(options.limit ?? -1, options.offset ?? 0);
      rows = this.cached(`${sql} ORDER BY owner, fid${paged ? ' LIMIT ? OFFSET ?' : ''}`).iterate(...params) as IterableIterator<FeatureRow>;
    }
    for (const row of rows) yield storedFeature(layer, row);
  }

  changes(version: number): { removed: StoredFeature[]; added: StoredFeature[] } {
    const batch = this.batch(version);
    if (!batch) return { removed: [], added: [] };
    const read = (column: 'v_from' | 'v_to') =>
      (this.db.prepare(`SELECT owner, fid, geom, props FROM features WHERE layer = ? AND ${column} = ? ORDER BY fid`).all(batch.layer, version) as FeatureRow[]).map((row) =>
        storedFeature(batch.layer, row),
      );
    return { removed: read('v_to'), added: read('v_from') };
  }

  *extents(layer: LayerId, options: { owner?: string } = {}): IterableIterator<FeatureExtent> {
    const where = options.owner === undefined ? '' : ' AND owner = ?';
    const rows = this.db
      .prepare(`SELECT owner, fid, minx, miny, maxx, maxy FROM features WHERE layer = ? AND v_to IS NULL${where}`)
      .raw()
      // all(), not iterate(): one call for the lot, several times faster for 100,000 rows of
      // six columns, and no statement is held open while the caller works.
      .all(...(options.owner === undefined ? [layer] : [layer, options.owner])) as [string, string, number | null, number | null, number | null, number | null][];
    for (const [owner, id, w, s, e, n] of rows) {
      yield { owner, id, bbox: w === null || s === null || e === null || n === null ? null : [w, s, e, n] };
    }
  }

  count(layer: LayerId, options: ReadOptions = {}): number {
    const { sql, params } = this.selectCurrent('count(*) AS n', layer, options);
    return (this.cached(sql).get(...params) as { n: number }).n;
  }

  feature(layer: LayerId, owner: string, id: string, options: Pick<ReadOptions, 'atVersion'> = {}): StoredFeature | null {
    const { sql, params } = this.selectCurrent('owner, fid, geom, props', layer, { owner, atVersion: options.atVersion });
    const row = this.cached(`${sql} AND fid = ?`).get(...params, id) as FeatureRow | undefined;
    return row ? storedFeature(layer, row) : null;
  }

  dateRange(layer: LayerId, field: string): { min: string; max: string } | null {
    const row = this.db
      .prepare('SELECT min(d) AS lo, max(d) AS hi FROM (SELECT json_extract(props, ?) AS d FROM features WHERE layer = ? AND v_to IS NULL) WHERE typeof(d) = \'text\'')
      .get(jsonPath(field), layer) as { lo: string | null; hi: string | null };
    return row.lo === null || row.hi === null ? null : { min: row.lo, max: row.hi };
  }

  private selectCurrent(columns: string, layer: LayerId, options: ReadOptions) {
    // With a box, the R*Tree must drive the query: a unary + keeps the planner from walking a
    // whole layer through the B-tree indexes instead (it would, for `layer = ?` alone).
    const c = (column: string) => (options.bbox ? `+${column}` : column);
    const params: (string | number)[] = [layer];
    let where = `${c('layer')} = ?`;
    if (options.atVersion === undefined) {
      where += ` AND ${c('v_to')} IS NULL`;
    } else {
      where += ` AND ${c('v_from')} <= ? AND (${c('v_to')} IS NULL OR ${c('v_to')} > ?)`;
      params.push(options.atVersion, options.atVersion);
    }
    if (options.owner !== undefined) {
      where += ` AND ${c('owner')} = ?`;
      params.push(options.owner);
    }
    if (options.bbox) {
      // The R*Tree finds the candidates (a few hundred rows of a million); the REAL columns
      // decide exactly. One rtree query per box (two across the antimeridian), joined by UNION.
      const candidates = options.bbox.map(() => 'SELECT id FROM features_rtree WHERE x1 >= ? AND x0 <= ? AND y1 >= ? AND y0 <= ? AND l0 = ?');
      const boxes = options.bbox.map(() => '(maxx >= ? AND minx <= ? AND maxy >= ? AND miny <= ?)');
      where += ` AND rowid IN (${candidates.join(' UNION ')}) AND (${boxes.join(' OR ')})`;
      for (const [w, s, e, n] of options.bbox) params.push(w, e, s, n, LAYER_NUMBER[layer]);
      for (const [w, s, e, n] of options.bbox) params.push(w, e, s, n);
    }
    const range = options.dateRange;
    if (range) {
      // ISO dates compare correctly as text; a row without the property gives NULL and drops out.
      where += " AND typeof(json_extract(props, ?)) = 'text'";
      params.push(jsonPath(range.field));
      if (range.from) {
        where += ' AND json_extract(props, ?) >= ?';
        params.push(jsonPath(range.field), range.from);
      }
      if (range.to) {
        where += ' AND json_extract(props, ?) <= ?';
        params.push(jsonPath(range.field), range.to);
      }
    }
    if (options.after) {
      where += ` AND (${c('owner')}, ${c('fid')}) > (?, ?)`;
      params.push(options.after.owner, options.after.id);
    }
    return { sql: `SELECT ${columns} FROM features WHERE ${where}`, params };
  }

  batches(filter: { layer?: LayerId; owner?: string } = {}): BatchRecord[] {
    const clauses: string[] = [];
    const params: string[] = [];
    if (filter.layer) {
      clauses.push('layer = ?');
      params.push(filter.layer);
    }
    if (filter.owner) {
      clauses.push('owner = ?');
      params.push(filter.owner);
    }
    const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
    const rows = this.db.prepare(`SELECT * FROM batches ${where} ORDER BY version`).all(...params);
    return rows.map((row) => toBatchRecord(row as Record<string, unknown>));
  }

  private layerVersionsCache: { version: number; layers: Readonly<Partial<Record<LayerId, number>>> } | null = null;

  layerVersions(): Readonly<Partial<Record<LayerId, number>>> {
    // Batches only ever append: the answer holds until the data version moves. Hot paths (feature
    // counts, tile keys) ask on every request; the GROUP BY reads every batch.
    const version = this.version();
    if (this.layerVersionsCache?.version === version) return this.layerVersionsCache.layers;
    const rows = this.db.prepare('SELECT layer, max(version) AS v FROM batches GROUP BY layer').all() as { layer: string; v: number }[];
    const layers = Object.freeze(Object.fromEntries(rows.filter((r) => isLayerId(r.layer)).map((r) => [r.layer, r.v])));
    this.layerVersionsCache = { version, layers };
    return layers;
  }

  layerVersionAt(layer: LayerId, version: number): number {
    return (this.cached('SELECT max(version) AS v FROM batches WHERE layer = ? AND version <= ?').get(layer, version) as { v: number | null }).v ?? 0;
  }

  batch(version: number): BatchRecord | null {
    const row = this.cached('SELECT * FROM batches WHERE version = ?').get(version);
    return row ? toBatchRecord(row as Record<string, unknown>) : null;
  }

  audit(filter: { actor?: string; limit?: number } = {}): AuditRecord[] {
    const where = filter.actor ? 'WHERE actor = ?' : '';
    const params: (string | number)[] = filter.actor ? [filter.actor] : [];
    params.push(filter.limit ?? -1);
    const rows = this.db
      .prepare(`SELECT * FROM audit ${where} ORDER BY id LIMIT ?`)
      .all(...params) as { id: number; at: string; actor: string; action: string; version: number | null; detail: string }[];
    return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
  }

  recordAudit(entry: Omit<AuditRecord, 'id' | 'at'>): void {
    this.insertAudit(this.now().toISOString(), entry);
  }

  private insertAudit(at: string, entry: Omit<AuditRecord, 'id' | 'at'>): void {
    this.db
      .prepare('INSERT INTO audit (at, actor, action, version, detail) VALUES (?, ?, ?, ?, ?)')
      .run(at, entry.actor, entry.action, entry.version, JSON.stringify(entry.detail));
  }

  layerStats(): LayerStats[] {
    // A full scan of the features (≈ 175 ms at city scale): once per data version.
    const version = this.version();
    if (this.statsCache?.version === version) return this.statsCache.stats;
    const stats = this.scanLayerStats();
    this.statsCache = { version, stats };
    return stats;
  }

  private statsCache: { version: number; stats: LayerStats[] } | null = null;

  private scanLayerStats(): LayerStats[] {
    const rows = this.db
      .prepare(
        `SELECT layer, count(*) AS n, min(minx) AS w, min(miny) AS s, max(maxx) AS e, max(maxy) AS nn,
                group_concat(DISTINCT owner) AS owners
         FROM features WHERE v_to IS NULL GROUP BY layer ORDER BY layer`,
      )
      .all() as { layer: string; n: number; w: number | null; s: number | null; e: number | null; nn: number | null; owners: string }[];
    return rows
      .filter((r) => isLayerId(r.layer))
      .map((r) => ({
        layer: r.layer as LayerId,
        count: r.n,
        bbox: r.w === null || r.s === null || r.e === null || r.nn === null ? null : [r.w, r.s, r.e, r.nn],
        owners: r.owners.split(',').sort(),
      }));
  }

  getMeta(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  close(): void {
    this.db.close();
  }

  /** Run several commits as one transaction: all of them land, or none (seeding a demo). */
  atomically<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /**
   * A consistent copy of the whole store while it keeps serving and writing: SQLite's online
   * backup API (page by page, restarting if a writer changes a page), never a file copy.
   */
  async backup(file: string): Promise<void> {
    privateFile(file);
    await this.db.backup(file);
    tighten(file);
  }
}

/** A JSON path to a top-level property, quoted so any property name is safe. */
function jsonPath(property: string): string {
  return `$.${JSON.stringify(property)}`;
}

function toBatchRecord(row: Record<string, unknown>): BatchRecord {
  return {
    version: row.version as number,
    at: row.at as string,
    actor: row.actor as string,
    layer: row.layer as LayerId,
    owner: row.owner as string,
    mode: row.mode as WriteMode,
    fileHash: (row.file_hash as string | null) ?? null,
    note: (row.note as string | null) ?? null,
    revertOf: (row.revert_of as number | null) ?? null,
    added: row.added as number,
    changed: row.changed as number,
    unchanged: row.unchanged as number,
    removed: row.removed as number,
  };
}

export class DuplicateIdError extends Error {
  constructor(
    readonly layer: LayerId,
    readonly featureId: string,
  ) {
    super(`duplicate id "${featureId}" in one batch of layer ${layer}`);
    this.name = 'DuplicateIdError';
  }
}

export class StoreCorruptError extends Error {
  constructor(detail: string) {
    super(`the database failed its integrity check: ${detail}`);
    this.name = 'StoreCorruptError';
  }
}

/** A stored row as the store's callers see it: geometry and properties parsed. */
function storedFeature(layer: LayerId, row: Pick<FeatureRow, 'owner' | 'fid' | 'geom' | 'props'>): StoredFeature {
  return {
    layer,
    owner: row.owner,
    id: row.fid,
    geometry: row.geom === null ? null : (JSON.parse(row.geom) as Geometry),
    properties: JSON.parse(row.props) as Record<string, unknown>,
  };
}
