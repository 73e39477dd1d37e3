/**
 * What the place checks compare uploads with: the building register (id → position) and the
 * city's extent. Read from the store through `extents` (ids and boxes only, no JSON), and kept
 * until the buildings or districts layer gets a new batch.
 */
import type { BBox } from '../../geodata/geometry/bbox';
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
    const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
    const grow = (b: readonly number[]) => {
      box[0] = Math.min(box[0], b[0]!);
      box[1] = Math.min(box[1], b[1]!);
      box[2] = Math.max(box[2], b[2]!);
      box[3] = Math.max(box[3], b[3]!);
    };
    for (const e of this.atlas.store.extents('districts')) if (e.bbox) grow(e.bbox);
    if (box[0] > box[2]) {
      for (const f of this.atlas.base.districts.features) {
        const rings = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
        for (const poly of rings) for (const ring of poly) for (const p of ring) grow([p[0]!, p[1]!, p[0]!, p[1]!]);
      }
    }
    this.extentCache = { version, bbox: box };
    return box;
  }
}
