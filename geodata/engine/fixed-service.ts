/**
 * Fixed broadband at each building: from point records (by building_id) and service-area
 * polygons that contain the building. What the indicators need is, per building, the first
 * day it had fibre and the first day its best offer reached each speed threshold — records
 * have no end date, so the best offer only ever grows and one date per threshold says it all.
 * Two views: records in service, and (the "planned" view) planned records counted as well.
 *
 * Per building, a linked list (typed arrays) of the records that reach it, so a carrier's
 * write recomputes only the buildings it touches, and finding a record to retire means walking
 * one building's short list rather than keeping a map of millions of ids.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { FIBRE_TECHNOLOGIES, TECHNOLOGIES, type Technology } from '../schema';
import { NEVER, dayNumber } from './dates';
import { isAreal, num, str, type FeatureRecord } from './input';
import type { Buildings } from './items';
import type { PointIndex } from './building-index';

export type View = 'in_service' | 'planned';
export const VIEWS: readonly View[] = ['in_service', 'planned'];

export interface Offer {
  record: string;
  carrier: string;
  technology: Technology;
  down_mbps: number;
  up_mbps: number;
  in_service: string;
  status: 'in_service' | 'planned';
  /** A service-area polygon rather than a record at the building. */
  area: boolean;
}

export class FixedService {
  /** Per view: first day with fibre; per threshold (Mbit/s): first day the best offer ≥ it. */
  readonly fibreSince: Record<View, Int32Array>;
  readonly speedSince: Record<View, Map<number, Int32Array>>;
  /** Point records whose building_id is not in the register: counted, never silently dropped. */
  private readonly orphanRecords = new Set<number>();

  private readonly records: FeatureRecord[] = [];
  private readonly alive: boolean[] = [];
  private readonly day: number[] = [];
  private readonly down: number[] = [];
  private readonly planned: boolean[] = [];
  private readonly fibre: boolean[] = [];
  /** Service-area polygon records (few): retired by scanning this list. */
  private readonly areaRecords: number[] = [];
  /** Linked lists of record indices per building. */
  private head: Int32Array;
  private nodeRecord: Int32Array = new Int32Array(1024);
  private nodeNext: Int32Array = new Int32Array(1024);
  private nodes = 0;

  constructor(
    private readonly buildings: Buildings,
    private readonly buildingIndex: PointIndex,
    readonly thresholds: readonly number[],
    records: readonly FeatureRecord[],
  ) {
    const n = buildings.count;
    this.head = new Int32Array(n).fill(-1);
    this.fibreSince = { in_service: new Int32Array(n).fill(NEVER), planned: new Int32Array(n).fill(NEVER) };
    this.speedSince = {
      in_service: new Map(thresholds.map((t) => [t, new Int32Array(n).fill(NEVER)])),
      planned: new Map(thresholds.map((t) => [t, new Int32Array(n).fill(NEVER)])),
    };
    for (const r of records) this.add(r);
    for (let b = 0; b < n; b++) this.recompute(b);
  }

  /** Live point records whose building_id is not in the building register. */
  get orphans(): number {
    return this.orphanRecords.size;
  }

  private add(f: FeatureRecord): number {
    const r = this.records.length;
    this.records.push(f);
    this.alive.push(true);
    this.day.push(dayNumber(str(f, 'in_service')));
    this.down.push(num(f, 'down_mbps'));
    this.planned.push(str(f, 'status') === 'planned');
    this.fibre.push((FIBRE_TECHNOLOGIES as readonly string[]).includes(str(f, 'technology')));
    if (isAreal(f.geometry)) this.areaRecords.push(r);
    const reached = this.buildingsOf(f);
    if (reached === null) this.orphanRecords.add(r);
    else for (const b of reached) this.link(b, r);
    return r;
  }

  /** Buildings a record reaches: its building, or the buildings inside its service area. */
  private buildingsOf(f: FeatureRecord): number[] | null {
    if (isAreal(f.geometry)) return this.buildingIndex.inPolygon(f.geometry as Polygon | MultiPolygon);
    const b = this.buildings.byId.get(str(f, 'building_id'));
    return b === undefined ? null : [b];
  }

  private link(b: number, r: number): void {
    if (this.nodes === this.nodeRecord.length) {
      const grow = (a: Int32Array) => {
        const bigger = new Int32Array(a.length * 2);
        bigger.set(a);
        return bigger;
      };
      this.nodeRecord = grow(this.nodeRecord);
      this.nodeNext = grow(this.nodeNext);
    }
    this.nodeRecord[this.nodes] = r;
    this.nodeNext[this.nodes] = this.head[b]!;
    this.head[b] = this.nodes++;
  }

  private forEachBuilding(r: number, fn: (b: number) => void): void {
    for (const b of this.buildingsOf(this.records[r]!) ?? []) fn(b);
  }

  /** Lower building b's "since" dates with record r. */
  private raise(b: number, r: number): void {
    if (!this.alive[r]) return;
    const day = this.day[r]!;
    for (const view of VIEWS) {
      if (view === 'in_service' && this.planned[r]) continue;
      if (this.fibre[r] && day < this.fibreSince[view][b]!) this.fibreSince[view][b] = day;
      for (const [t, since] of this.speedSince[view]) if (this.down[r]! >= t && day < since[b]!) since[b] = day;
    }
  }

  private recompute(b: number): void {
    for (const view of VIEWS) {
      this.fibreSince[view][b] = NEVER;
      for (const since of this.speedSince[view].values()) since[b] = NEVER;
    }
    for (let node = this.head[b]!; node >= 0; node = this.nodeNext[node]!) this.raise(b, this.nodeRecord[node]!);
  }

  /**
   * Apply a committed batch: `removed` are the rows it closed (old versions, as they were),
   * `added` the rows it wrote. Returns the buildings whose figures may have changed.
   */
  apply(removed: readonly FeatureRecord[], added: readonly FeatureRecord[]): Set<number> {
    const touched = new Set<number>();
    for (const f of removed) {
      const r = this.find(f);
      if (r < 0) continue;
      this.alive[r] = false;
      this.orphanRecords.delete(r);
      for (const b of this.buildingsOf(f) ?? []) touched.add(b);
    }
    for (const f of added) {
      const r = this.add(f);
      for (const b of this.buildingsOf(this.records[r]!) ?? []) touched.add(b);
    }
    for (const b of touched) this.recompute(b);
    return touched;
  }

  /** The live record with this owner and id, found through its building (or the area list). */
  private find(f: FeatureRecord): number {
    const same = (r: number) => this.alive[r] && this.records[r]!.owner === f.owner && this.records[r]!.id === f.id;
    if (isAreal(f.geometry)) return this.areaRecords.find(same) ?? -1;
    const b = this.buildings.byId.get(str(f, 'building_id'));
    if (b === undefined) return [...this.orphanRecords].find(same) ?? -1;
    for (let node = this.head[b]!; node >= 0; node = this.nodeNext[node]!) if (same(this.nodeRecord[node]!)) return this.nodeRecord[node]!;
    return -1;
  }

  /** The offers at a building as of a day (for its figures and the gap list), best first. */
  offersAt(b: number, day: number, view: View): Offer[] {
    const out: Offer[] = [];
    for (let node = this.head[b]!; node >= 0; node = this.nodeNext[node]!) {
      const r = this.nodeRecord[node]!;
      if (!this.alive[r] || this.day[r]! > day || (view === 'in_service' && this.planned[r])) continue;
      const f = this.records[r]!;
      const technology = str(f, 'technology');
      out.push({
        record: f.id,
        carrier: str(f, 'carrier') || f.owner,
        technology: ((TECHNOLOGIES as readonly string[]).includes(technology) ? technology : 'lan') as Technology,
        down_mbps: num(f, 'down_mbps'),
        up_mbps: num(f, 'up_mbps'),
        in_service: str(f, 'in_service'),
        status: this.planned[r] ? 'planned' : 'in_service',
        area: isAreal(f.geometry),
      });
    }
    return out.sort((a, b) => b.down_mbps - a.down_mbps || a.carrier.localeCompare(b.carrier) || a.record.localeCompare(b.record));
  }

  bestDownAt(b: number, day: number, view: View): number {
    let best = 0;
    for (let node = this.head[b]!; node >= 0; node = this.nodeNext[node]!) {
      const r = this.nodeRecord[node]!;
      if (this.alive[r] && this.day[r]! <= day && (view === 'planned' || !this.planned[r]) && this.down[r]! > best) best = this.down[r]!;
    }
    return best;
  }
}
