/**
 * The store interface. Callers (routes, CLI, engine) only see this: the embedded SQLite store
 * implements it today, a PostGIS store can implement it later without touching them.
 */
import type { Geometry } from 'geojson';
import type { LayerId } from '../../geodata/schema';

/** A feature as the store keeps it: the owner is a carrier id, or `city` for base data. */
export interface StoredFeature {
  layer: LayerId;
  owner: string;
  id: string;
  geometry: Geometry | null;
  properties: Record<string, unknown>;
}

export type WriteMode = 'replace' | 'append' | 'revert';

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

export interface BatchCounts {
  added: number;
  changed: number;
  unchanged: number;
  removed: number;
}

export interface BatchRecord extends BatchCounts {
  version: number;
  at: string;
  actor: string;
  layer: LayerId;
  owner: string;
  mode: WriteMode;
  fileHash: string | null;
  note: string | null;
  revertOf: number | null;
}

export interface AuditRecord {
  id: number;
  at: string;
  actor: string;
  action: string;
  version: number | null;
  detail: Record<string, unknown>;
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
  /** What batch `version` did: the rows it closed (as they were) and the rows it wrote. */
  changes(version: number): { removed: StoredFeature[]; added: StoredFeature[] };
  batches(filter?: { layer?: LayerId; owner?: string }): BatchRecord[];
  batch(version: number): BatchRecord | null;
  audit(filter?: { actor?: string; limit?: number }): AuditRecord[];
  recordAudit(entry: Omit<AuditRecord, 'id' | 'at'>): void;
  layerStats(): LayerStats[];
  getMeta(key: string): string | null;
  setMeta(key: string, value: string): void;
  close(): void;
}
