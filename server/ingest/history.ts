/**
 * Upload history and revert. A revert restores the owner's features of the layer as they were
 * just before the batch, committed as a new version (mode `revert`): history is never
 * rewritten, and the revert itself can be reverted. Reverting a batch that later batches of
 * the same layer and owner built on would silently undo them too, so it is refused (409)
 * naming them, unless they left nothing behind (reverted since, or changed nothing): revert
 * the latest first.
 */
import type { Atlas } from '../atlas';
import { ApiError, notFound } from '../errors';
import type { BatchCounts, BatchRecord } from '../store/types';

function sameRows(atlas: Atlas, batch: BatchRecord, version: number): boolean {
  // Read each list whole: better-sqlite3 allows no other statement while an iterator is open.
  const key = (f: { id: string; geometry: unknown; properties: unknown }) => `${f.id}\u0000${JSON.stringify(f.geometry)}\u0000${JSON.stringify(f.properties)}`;
  const then = [...atlas.store.features(batch.layer, { owner: batch.owner, atVersion: version })].map(key);
  const now = [...atlas.store.features(batch.layer, { owner: batch.owner })].map(key);
  return then.length === now.length && then.every((k, i) => k === now[i]);
}

export function revertBatch(atlas: Atlas, version: number, actor: string, dryRun: boolean): { reverted: BatchRecord; counts: BatchCounts; batch: BatchRecord | null } {
  const store = atlas.store;
  const target = store.batch(version);
  if (!target) throw notFound(`version ${version}`, `版本 ${version}`);
  const later = store.batches({ layer: target.layer, owner: target.owner }).filter((b) => b.version > version).map((b) => b.version);
  // Later batches are harmless when they left nothing of their own (reverted, or unchanged):
  // the owner's features now are exactly those right after `version`.
  if (later.length && !sameRows(atlas, target, version)) {
    throw new ApiError(
      409,
      'later_batches',
      `版本 ${version} 之后 ${target.owner} 在图层 ${target.layer} 上还有版本 ${later.join(', ')}；请先撤销最新的`,
      `${target.owner} has later batches of ${target.layer} (${later.join(', ')}) after version ${version}: revert the latest first`,
      { later },
    );
  }
  const features = [...store.features(target.layer, { owner: target.owner, atVersion: version - 1 })];
  const input = { layer: target.layer, owner: target.owner, mode: 'revert' as const };
  if (dryRun) return { reverted: target, counts: store.diff(input, features), batch: null };
  const batch = store.commit({ ...input, actor, revertOf: version, note: `revert of version ${version}` }, features);
  return { reverted: target, counts: { added: batch.added, changed: batch.changed, unchanged: batch.unchanged, removed: batch.removed }, batch };
}
