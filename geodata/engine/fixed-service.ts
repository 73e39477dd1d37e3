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

const FIBRE = new Set<string>(FIBRE_TECHNOLOGIES);

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
  /** The same arrays indexed by view (0 in service, 1 planned) and threshold position. */
  private readonly fibreByView: Int32Array[];
  private readonly speedByView: Int32Array[][];
  /** Point records whose building_id is not in the register: counted, never silently dropped. */
  private readonly orphanRecords = new Set<number>();

  private readonly records: FeatureRecord[] = [];
  /** Per record, in flat typed arrays (grown by doubling): millions of records at start. */
  private alive = new Uint8Array(0);
  private day = new Int32Array(0);
  /** Downstream Mbit/s as offered (a fraction stays a fraction: 4.5 is not 4). */
  private down = new Float64Array(0);
  /** Carrier of each record, as a number into `carrierNames` (the carrier property, else the owner). */
  private carrier = new Uint16Array(0);
  private readonly carrierNames: string[] = [];
  private readonly carrierNumbers = new Map<string, number>();
  private planned = new Uint8Array(0);
  private fibre = new Uint8Array(0);
  /** Service-area polygon records (few): retired by scanning this list. */
  private readonly areaRecords: number[] = [];
  /** Linked lists of record indices per building. */
  private head: Int32Array;
  private nodeRecord: Int32Array = new Int32Array(1024);
  private nodeNext: Int32Array = new Int32Array(1024);
  /** The building of each list node (for the one-pass start). */
  private nodeOwner: Int32Array = new Int32Array(1024);
  private nodes = 0;

  constructor(
    private readonly buildings: Buildings,
    private readonly buildingIndex: PointIndex,
    readonly thresholds: readonly number[],
    records: readonly FeatureRecord[],
  ) {
    const n = buildings.count;
    this.head = new Int32Array(n).fill(-1);
    this.fibreByView = [new Int32Array(n).fill(NEVER), new Int32Array(n).fill(NEVER)];
    this.speedByView = [thresholds.map(() => new Int32Array(n).fill(NEVER)), thresholds.map(() => new Int32Array(n).fill(NEVER))];
    this.fibreSince = { in_service: this.fibreByView[0]!, planned: this.fibreByView[1]! };
    this.speedSince = {
      in_service: new Map(thresholds.map((t, k) => [t, this.speedByView[0]![k]!])),
      planned: new Map(thresholds.map((t, k) => [t, this.speedByView[1]![k]!])),
    };
    this.growRecords(records.length + 1024);
    for (const r of records) this.add(r);
    // The arrays start at NEVER: one pass over the records lowers them (cheaper than walking
    // every building's list).
    for (let node = 0; node < this.nodes; node++) this.raise(this.nodeOwner[node]!, this.nodeRecord[node]!);
  }

  /** Live point records whose building_id is not in the building register. */
  get orphans(): number {
    return this.orphanRecords.size;
  }

  private add(f: FeatureRecord): number {
    const r = this.records.length;
    this.records.push(f);
    if (r >= this.alive.length) this.growRecords(Math.max(1024, r * 2));
    this.alive[r] = 1;
    this.day[r] = dayNumber(str(f, 'in_service'));
    this.down[r] = num(f, 'down_mbps');
    this.carrier[r] = this.carrierNumber(str(f, 'carrier') || f.owner);
    this.planned[r] = str(f, 'status') === 'planned' ? 1 : 0;
    this.fibre[r] = FIBRE.has(str(f, 'technology')) ? 1 : 0;
    if (isAreal(f.geometry)) this.areaRecords.push(r);
    const reached = this.buildingsOf(f);
    if (reached === null) this.orphanRecords.add(r);
    else for (const b of reached) this.link(b, r);
    return r;
  }

  private carrierNumber(name: string): number {
    let n = this.carrierNumbers.get(name);
    if (n === undefined) {
      n = this.carrierNames.length;
      if (n > 65535) throw new Error('more than 65,536 carriers');
      this.carrierNames.push(name);
      this.carrierNumbers.set(name, n);
    }
    return n;
  }

  private growRecords(capacity: number): void {
    const grow = <T extends Uint8Array | Uint16Array | Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const bigger = make(capacity);
      bigger.set(a);
      return bigger;
    };
    this.alive = grow(this.alive, (n) => new Uint8Array(n));
    this.day = grow(this.day, (n) => new Int32Array(n));
    this.down = grow(this.down, (n) => new Float64Array(n));
    this.carrier = grow(this.carrier, (n) => new Uint16Array(n));
    this.planned = grow(this.planned, (n) => new Uint8Array(n));
    this.fibre = grow(this.fibre, (n) => new Uint8Array(n));
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
      this.nodeOwner = grow(this.nodeOwner);
    }
    this.nodeOwner[this.nodes] = b;
    this.nodeRecord[this.nodes] = r;
    this.nodeNext[this.nodes] = this.head[b]!;
    this.head[b] = this.nodes++;
  }

  private forEachBuilding(r: number, fn: (b: number) => void): void {
    for (const b of this.buildingsOf(this.records[r]!) ?? []) fn(b);
  }

  /**
   * Lower building b's "since" days with record r. Hot (runs millions of times at start):
   * flat arrays per view and threshold, no iterators.
   */
  private raise(b: number, r: number): void {
    if (!this.alive[r]) return;
    const day = this.day[r]!;
    const down = this.down[r]!;
    const fibre = this.fibre[r]!;
    // View 1 ("planned") counts every record; view 0 ("in service") skips planned ones.
    for (let v = this.planned[r] ? 1 : 0; v < 2; v++) {
      const fibreSince = this.fibreByView[v]!;
      if (fibre && day < fibreSince[b]!) fibreSince[b] = day;
      const speeds = this.speedByView[v]!;
      for (let k = 0; k < this.thresholds.length; k++) {
        const since = speeds[k]!;
        if (down >= this.thresholds[k]! && day < since[b]!) since[b] = day;
      }
    }
  }

  private recompute(b: number): void {
    for (let v = 0; v < 2; v++) {
      this.fibreByView[v]![b] = NEVER;
      for (const since of this.speedByView[v]!) since[b] = NEVER;
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
      this.alive[r] = 0;
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

  /**
   * The carrier of `offersAt(b, day, view)[0]` ('' when none), without building the offers:
   * a map tile asks for it for every one of thousands of buildings. Same order: fastest first,
   * then carrier, then record id.
   */
  bestCarrierAt(b: number, day: number, view: View): string {
    let best = -1;
    for (let node = this.head[b]!; node >= 0; node = this.nodeNext[node]!) {
      const r = this.nodeRecord[node]!;
      if (!this.alive[r] || this.day[r]! > day || (view === 'in_service' && this.planned[r])) continue;
      if (best < 0 || this.offeredBefore(r, best)) best = r;
    }
    return best < 0 ? '' : this.carrierNames[this.carrier[best]!]!;
  }

  /** offersAt's order between two records: fastest first, then carrier, then record id. */
  private offeredBefore(r: number, q: number): boolean {
    if (this.down[r] !== this.down[q]) return this.down[r]! > this.down[q]!;
    const byCarrier = this.carrierNames[this.carrier[r]!]!.localeCompare(this.carrierNames[this.carrier[q]!]!);
    return byCarrier !== 0 ? byCarrier < 0 : this.records[r]!.id.localeCompare(this.records[q]!.id) < 0;
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
