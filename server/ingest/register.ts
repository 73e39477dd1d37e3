/**
 * What the place checks compare uploads with: the building register (id → position) and the
 * city's extent. Read from the store through `extents` (ids and boxes only, no JSON), and kept
 * until the buildings or districts layer gets a new batch.
 */
import { geometryBBox, unionBBox, type BBox } from '../../geodata/geometry/bbox';
import type { LayerId } from '../../geodata/schema';
import type { Atlas } from '../atlas';

export class Registers {
  private buildingCache: { version: number; byId: Map<string, [number, number]> } | null = null;
  private extentCache: { version: number; bbox: BBox } | null = null;

  constructor(private readonly atlas: Atlas) {}

  private lastVersion(layer: LayerId): number {
    return this.atlas.store.layerVersions()[layer] ?? 0;
  }

  /** Building id → the middle of its box (the point itself for a point building). */
  buildings(): Map<string, [number, number]> {
    const version = this.lastVersion('buildings');
    if (this.buildingCache?.version === version) return this.buildingCache.byId;
    const byId = new Map<string, [number, number]>();
    for (const e of this.atlas.store.extents('buildings')) {
      if (e.bbox) byId.set(e.id, [(e.bbox[0] + e.bbox[2]) / 2, (e.bbox[1] + e.bbox[3]) / 2]);
    }
    this.buildingCache = { version, byId };
    return byId;
  }

  /** The districts' extent from the store, or the shipped base geography's when none are stored. */
  cityExtent(): BBox {
    const version = this.lastVersion('districts');
    if (this.extentCache?.version === version) return this.extentCache.bbox;
    let box: BBox | null = null;
    for (const e of this.atlas.store.extents('districts')) box = unionBBox(box, e.bbox);
    if (!box) for (const f of this.atlas.base.districts.features) box = unionBBox(box, geometryBBox(f.geometry));
    // No district anywhere: an empty box, which every position lies outside.
    const bbox: BBox = box ?? [Infinity, Infinity, -Infinity, -Infinity];
    this.extentCache = { version, bbox };
    return bbox;
  }
}
