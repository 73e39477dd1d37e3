/**
 * The store interface. Callers (routes, CLI, engine) only see this: the embedded SQLite store
 * implements it today, a PostGIS store can implement it later without touching them.
 */
import type { Geometry } from 'geojson';
import type { BatchCounts, BatchRecord, WriteMode } from '../../geodata/contract';
import type { LayerId } from '../../geodata/schema';

// A batch's record is the wire contract's: the uploads API lists batches as the store keeps them.
export type { BatchCounts, BatchRecord, WriteMode };

/** A feature as the store keeps it: the owner is a carrier id, or `city` for base data. */
export interface StoredFeature {
  layer: LayerId;
  owner: string;
  id: string;
  geometry: Geometry | null;
  properties: Record<string, unknown>;
}

export interface BatchInput {
  actor: string;
  layer: LayerId;
  owner: string;
  mode: WriteMode;
  /** sha256 of the uploaded file, when the batch came from one. */
  fileHash?: string | null;
  note?: string | null;
  /** The batch this one reverts, for `mode: 'revert'`. */
  revertOf?: number | null;
}

export interface AuditRecord {
  id: number;
  at: string;
  actor: string;
  action: string;
  version: number | null;
  detail: Record<string, unknown>;
}

export interface FeatureExtent {
  owner: string;
  id: string;
  /** [west, south, east, north], or null for a feature without geometry. */
  bbox: [number, number, number, number] | null;
}

export interface LayerStats {
  layer: LayerId;
  count: number;
  /** [west, south, east, north], or null for a layer with no geometry or no features. */
  bbox: [number, number, number, number] | null;
  owners: string[];
}

export interface ReadOptions {
  /** Only this owner's features. */
  owner?: string;
  /** The layer as it was right after this data version (default: now). */
  atVersion?: number;
  /** Only features whose bbox meets one of these boxes [west, south, east, north]. */
  bbox?: readonly (readonly [number, number, number, number])[] | null;
  limit?: number;
  offset?: number;
  /**
   * Only features whose date property `field` (ISO YYYY-MM-DD, compared as text) lies from `from`
   * to `to`, both inclusive; a missing end is open. Features without the property are left out.
   */
  dateRange?: { field: string; from?: string | null; to?: string | null } | null;
  /**
   * Keyset paging: only features after this one in the read order (owner, then id). A long
   * export reads chunk after chunk with it instead of an ever deeper OFFSET.
   */
  after?: { owner: string; id: string } | null;
}

export interface AtlasStore {
  /** The current data version: the number of the last committed batch (0 when empty). */
  version(): number;
  /**
   * Commit one batch as one transaction: all of it or nothing. `replace` swaps the owner's
   * features of the layer for `features`; `append` upserts by id and keeps the rest.
   */
  commit(batch: BatchInput, features: readonly StoredFeature[]): BatchRecord;
  /** Preview a commit: the counts it would produce, without writing. */
  diff(batch: Pick<BatchInput, 'layer' | 'owner' | 'mode'>, features: readonly StoredFeature[]): BatchCounts;
  features(layer: LayerId, options?: ReadOptions): IterableIterator<StoredFeature>;
  count(layer: LayerId, options?: ReadOptions): number;
  /** The current features' owners, ids and bounding boxes, without reading geometry or
   * properties: what the upload checks need (does building B exist, where is it) at speed. */
  extents(layer: LayerId, options?: { owner?: string }): IterableIterator<FeatureExtent>;
  /** One feature by owner and id, as it is now (or right after `atVersion`), or null. */
  feature(layer: LayerId, owner: string, id: string, options?: Pick<ReadOptions, 'atVersion'>): StoredFeature | null;
  /** The earliest and latest value of a date property over the layer's current features, or null when none has it. */
  dateRange(layer: LayerId, field: string): { min: string; max: string } | null;
  /** What batch `version` did: the rows it closed (as they were) and the rows it wrote. */
  changes(version: number): { removed: StoredFeature[]; added: StoredFeature[] };
  batches(filter?: { layer?: LayerId; owner?: string }): BatchRecord[];
  batch(version: number): BatchRecord | null;
  /** Each layer's latest batch version: what changed since a cache was filled. */
  layerVersions(): Readonly<Partial<Record<LayerId, number>>>;
  /** The version of the layer's last batch at or before data version `version` (0: none). */
  layerVersionAt(layer: LayerId, version: number): number;
  audit(filter?: { actor?: string; limit?: number }): AuditRecord[];
  recordAudit(entry: Omit<AuditRecord, 'id' | 'at'>): void;
  layerStats(): LayerStats[];
  getMeta(key: string): string | null;
  setMeta(key: string, value: string): void;
  /** Run several commits as one transaction: all of them land, or none. */
  atomically<T>(fn: () => T): T;
  /** A consistent copy of the store, taken while it serves and writes. */
  backup(file: string): Promise<void>;
  close(): void;
}
