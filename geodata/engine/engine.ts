/**
 * The coverage and compliance engine: every indicator of the targets file, per city, district,
 * township and grid cell, as of any date, in the "in service" or the "planned" view.
 *
 * Built once from the layers (spatial assignment, per-item "since" days), then:
 * - a query sums item sets per area for the asked day (aggregate.ts), cached per day and view;
 * - a carrier's write updates only the items it touches, and patches every cached sum by the
 *   difference of those items alone (no area is recomputed from scratch);
 * - a write to the base geography or the building register rebuilds everything.
 * Pure: layers in, numbers out. The server keeps one engine per data version.
 */
import { cellToLatLng } from 'h3-js';
import type { MultiPolygon, Polygon } from 'geojson';
import { FIBRE_TECHNOLOGIES, SETTLEMENTS, type LayerId } from '../schema';
import { targetById, type IndicatorId, type TargetSpec, type TargetsFile } from '../targets';
import { aggregate, applyItem, type LevelSums, type Placement, type Sums } from './aggregate';
import { DaySlots, SinceTotals, ductSeries, levelMembers, setSeries, type DuctFigures, type LevelMembers } from './area-series';
import { PointIndex } from './building-index';
import { coveredSince, sitesOf } from './coverage';
import { NEVER, dayNumber } from './dates';
import { cutDucts, DuctDistance, type DuctPieces } from './ducts';
import { FixedService, VIEWS, type View } from './fixed-service';
import { Geography } from './geography';
import {
  buildingItemSet,
  isBuildingIndicator,
  stationItemSet,
  fillBuildingItems,
  wifiItemSet,
  type Facts,
  type ItemSet,
} from './indicators';
import { num, str, type FeatureRecord, type LayerData } from './input';
import { buildBuildings, buildPlaces, buildVillages } from './items';

/** The map's tiers of best offered downstream, Mbit/s, highest first (issue: the planner's map). */
export const SPEED_TIERS = [100, 20, 12, 4, 1] as const;

export type Level = 'city' | 'district' | 'township' | 'grid';
export const LEVELS: readonly Level[] = ['city', 'district', 'township', 'grid'];
export type Status = 'met' | 'not_met' | 'no_data' | 'informational' | 'not_applicable';

export interface IndicatorResult {
  id: IndicatorId;
  numerator: number | null;
  denominator: number | null;
  /** numerator / denominator (a share), or the measured quantity (Gbit/s for egress). */
  value: number | null;
  target: number | null;
  unit: TargetSpec['unit'];
  /** What the numerator and denominator count. */
  counts: 'households' | 'buildings' | 'places' | 'villages' | 'grid_cells' | 'gbit/s';
  status: Status;
  deadline: string;
  /** True from the deadline on (as of the deadline day itself, the target is due): "not met" is then missed, not pending. */
  due: boolean;
  /** Extra figures (duct lengths, egress by carrier). */
  figures?: Record<string, number>;
}

export interface AreaResult {
  level: Level;
  code: string;
  name: string;
  /** Latin name for the English interface ('' when unknown). */
  name_en: string;
  /** The parent area's code (a township's district, a cell's district), if any. */
  parent: string | null;
  indicators: IndicatorResult[];
}

export interface ComplianceResult {
  asOf: string;
  view: View;
  level: Level;
  areas: AreaResult[];
  /** Items outside every district, per building indicator: counted, never dropped. */
  outside: { buildings: number; households: number };
  /** Service point records whose building is not in the register. */
  orphanRecords: number;
}

export interface EngineOptions {
  h3Resolution?: number;
  city?: { code: string; name: string; nameEn?: string };
  /** Called after each build phase with its duration (the benchmark prints them). */
  onPhase?: (phase: string, ms: number) => void;
}

const defaultOptions: Required<EngineOptions> = {
  // H3 resolution 8 (≈ 0.74 km² a cell), as the FCC's broadband map uses.
  h3Resolution: 8,
  city: { code: 'city', name: 'city', nameEn: 'city' },
  onPhase: () => {},
};

interface DuctSums {
  lengthM: Float64Array;
  ductM: Float64Array;
  spareM: Float64Array;
  cells: Int32Array;
  withDuct: Int32Array;
}

interface Cache {
  day: number;
  view: View;
  sums: Map<IndicatorId, Sums>;
}

export class ComplianceEngine {
  readonly options: typeof defaultOptions;
  private geo!: Geography;
  private facts!: Facts;
  private buildingIndex!: PointIndex;
  private placeIndex!: PointIndex;
  private ducts!: DuctPieces;
  private ductDistance!: DuctDistance;
  private itemSets = new Map<string, ItemSet>();
  /** Per grid cell: district and township of its centre (for the duct summary per area). */
  private cellDistrict!: Int32Array;
  private cellTownship!: Int32Array;
  private caches: Cache[] = [];
  private ductCache = new Map<number, Record<Level, DuctSums>>();
  /** Per kind of item (and duct pieces, grid cells): the members of every area, for one area's series. */
  private members = new Map<'buildings' | 'places' | 'villages' | 'pieces' | 'cells', LevelMembers>();
  /** Per `view:indicator:level` (city and district): weight by since day, for their series. */
  private sinceTotals = new Map<string, SinceTotals>();
  /** Per grid cell: the first day a duct piece inside a district was in service in it (NEVER if none). */
  private cellFirstDuct: Int32Array | null = null;
  /** The small carrier layers, kept to recompute coverage after a write. */
  private small: Record<'mobile_sites' | 'wifi_hotspots' | 'ducts' | 'egress', FeatureRecord[]>;

  constructor(
    layers: LayerData,
    private readonly targets: TargetsFile,
    options: EngineOptions = {},
  ) {
    this.options = { ...defaultOptions, ...options };
    this.small = { mobile_sites: [...layers.mobile_sites], wifi_hotspots: [...layers.wifi_hotspots], ducts: [...layers.ducts], egress: [...layers.egress] };
    this.build(layers);
  }

  get geography(): Geography {
    return this.geo;
  }

  /** Build every index and fact from the layers. */
  private build(L: LayerData): void {
    let t = performance.now();
    const phase = (name: string) => {
      const now = performance.now();
      this.options.onPhase(name, now - t);
      t = now;
    };
    this.geo = new Geography(L.districts, L.townships, L.villages, { h3Resolution: this.options.h3Resolution });
    phase('geography (area indexes, grid cells)');
    const buildings = buildBuildings(L.buildings, this.geo);
    phase('buildings → district, township, settlement, H3 cell');
    const places = buildPlaces(L.public_places, this.geo);
    const villages = buildVillages(L.villages, this.geo);
    this.buildingIndex = new PointIndex(buildings.x, buildings.y);
    this.placeIndex = new PointIndex(places.x, places.y);
    phase('places, villages, building index');
    // The targets' thresholds, plus the map's speed tiers (≥ 1 Mbit/s tells "below 4M" from none).
    const thresholds = [...new Set([...this.targets.indicators.flatMap((t) => (t.threshold_mbps ? [t.threshold_mbps] : [])), ...SPEED_TIERS])].sort((a, b) => b - a);
    const fixed = new FixedService(buildings, this.buildingIndex, thresholds, L.fixed_service);
    phase('fixed service: offers per building');
    this.facts = { buildings, places, villages, fixed, ...this.mobileCoverage(buildings.count), wifi: this.wifiCoverage(places.count) };
    phase('3G/4G and WiFi coverage');
    this.ducts = cutDucts(L.ducts, this.geo);
    this.ductDistance = new DuctDistance(L.ducts);
    this.placeCells();
    this.ductCache.clear();
    this.members.clear();
    this.cellFirstDuct = null;
    phase('ducts per cell and area');
    this.rebuildItemSets();
    phase('indicator item sets');
  }

  private mobileCoverage(count: number): { mobile3g: Int32Array; mobile4g: Int32Array } {
    const sites = this.small.mobile_sites;
    const gen = (g: string) => sitesOf(sites, (f) => str(f, 'generation') === g);
    return {
      mobile3g: coveredSince(count, gen('3g'), this.buildingIndex),
      mobile4g: coveredSince(count, gen('4g'), this.buildingIndex),
    };
  }

  private wifiCoverage(count: number): Int32Array {
    return coveredSince(count, sitesOf(this.small.wifi_hotspots), this.placeIndex);
  }

  private placeCells(): void {
    const n = this.geo.cellIds.length;
    this.cellDistrict = new Int32Array(n);
    this.cellTownship = new Int32Array(n);
    for (let c = 0; c < n; c++) {
      const [lat, lng] = cellToLatLng(this.geo.cellIds[c]!);
      const loc = this.geo.locate(lng, lat);
      this.cellDistrict[c] = loc.district;
      this.cellTownship[c] = loc.township;
    }
  }

  private rebuildItemSets(): void {
    this.itemSets.clear();
    this.caches = [];
    this.sinceTotals.clear();
    for (const view of VIEWS) {
      for (const t of this.targets.indicators) {
        let set: ItemSet | null = null;
        if (isBuildingIndicator(t.id)) set = buildingItemSet(this.facts, t, view);
        else if (t.id === 'wifi_public_places') set = wifiItemSet(this.facts, t);
        else if (t.id === 'village_info_stations') set = stationItemSet(this.facts, t);
        if (set) this.itemSets.set(`${view}:${t.id}`, set);
      }
    }
  }

  private placementOf(set: ItemSet) {
    return set.kind === 'buildings' ? this.facts.buildings : set.kind === 'places' ? this.facts.places : this.facts.villages;
  }

  private sizes() {
    return { district: this.geo.districts.length, township: this.geo.townships.length, grid: this.geo.cellIds.length };
  }

  /** Sums for every item-set indicator at a day and view, from the cache or one pass each. */
  private sumsAt(day: number, view: View): Map<IndicatorId, Sums> {
    const hit = this.caches.find((c) => c.day === day && c.view === view);
    if (hit) return hit.sums;
    const sums = new Map<IndicatorId, Sums>();
    for (const t of this.targets.indicators) {
      const set = this.itemSets.get(`${view}:${t.id}`);
      if (set) sums.set(t.id, aggregate(set, this.placementOf(set), day, this.sizes()));
    }
    this.caches.push({ day, view, sums });
    // A series asks for up to ~20 dates; keep a few more than that, oldest out first.
    if (this.caches.length > 48) this.caches.shift();
    return sums;
  }

  compliance(level: Level, asOf: string, view: View = 'in_service'): ComplianceResult {
    const day = dayNumber(asOf);
    const sums = this.sumsAt(day, view);
    const makers = this.targets.indicators.map((t) => this.resultMaker(t, level, day, asOf, sums));
    const areas = this.areasOf(level).map(({ index, ...area }) => ({ ...area, indicators: makers.map((make) => make(index)) }));
    const fibre = sums.get('fiber_transformation');
    return {
      asOf,
      view,
      level,
      areas,
      outside: { buildings: fibre?.outside.items ?? 0, households: this.outsideHouseholds() },
      orphanRecords: this.facts.fixed.orphans,
    };
  }

  /**
   * One area's indicators at a level, date and view, by area code: the same results as
   * `compliance(level, …)` gives for that area, without building every area's (a map tile
   * asks for the few dozen cells it shows, not the city's 24,000). Null for an unknown code.
   */
  figuresOf(level: Level, asOf: string, view: View = 'in_service'): (code: string) => IndicatorResult[] | null {
    const day = dayNumber(asOf);
    const sums = this.sumsAt(day, view);
    const makers = this.targets.indicators.map((t) => this.resultMaker(t, level, day, asOf, sums));
    const indexOf = this.areaIndexOf(level);
    return (code) => {
      const index = indexOf(code);
      return index === undefined ? null : makers.map((make) => make(index));
    };
  }

  private areaIndexes: Partial<Record<Level, Map<string, number>>> = {};

  private areaIndexOf(level: Level): (code: string) => number | undefined {
    if (level === 'city') return (code) => (code === this.options.city.code ? 0 : undefined);
    if (level === 'grid') return (code) => this.geo.cellIndexOf(code);
    let map = this.areaIndexes[level];
    if (!map) this.areaIndexes[level] = map = new Map((level === 'district' ? this.geo.districts : this.geo.townships).map((a, i) => [a.code, i]));
    return (code) => map.get(code);
  }

  private outsideHouseholdsOnce: number | null = null;

  /** Households of buildings outside every district: fixed per build (a write to buildings rebuilds). */
  private outsideHouseholds(): number {
    if (this.outsideHouseholdsOnce !== null) return this.outsideHouseholdsOnce;
    const b = this.facts.buildings;
    let h = 0;
    for (let i = 0; i < b.count; i++) if (b.district[i]! < 0) h += b.households[i]!;
    return (this.outsideHouseholdsOnce = h);
  }

  private areaCount(level: Level): number {
    return level === 'city' ? 1 : level === 'district' ? this.geo.districts.length : level === 'township' ? this.geo.townships.length : this.geo.cellIds.length;
  }

  private areasOf(level: Level): (AreaHead & { index: number })[] {
    return Array.from({ length: this.areaCount(level) }, (_, index) => Object.assign(this.areaHead(level, index), { index }));
  }

  /** An area's code, names and parent, by its index at a level. */
  private areaHead(level: Level, index: number): AreaHead {
    const g = this.geo;
    switch (level) {
      case 'city':
        return { level, code: this.options.city.code, name: this.options.city.name, name_en: this.options.city.nameEn ?? '', parent: null };
      case 'district': {
        const d = g.districts[index]!;
        return { level, code: d.code, name: d.name, name_en: d.nameEn, parent: this.options.city.code };
      }
      case 'township': {
        const t = g.townships[index]!;
        return { level, code: t.code, name: t.name, name_en: t.nameEn, parent: g.districts[t.parent]?.code ?? null };
      }
      case 'grid': {
        const h3 = g.cellIds[index]!;
        const d = this.cellDistrict[index]!;
        return { level, code: h3, name: h3, name_en: h3, parent: d >= 0 ? g.districts[d]!.code : null };
      }
    }
  }

  /** A function from an area's index to its result for one indicator at one level and day. */
  private resultMaker(t: TargetSpec, level: Level, day: number, asOf: string, sums: Map<IndicatorId, Sums>): (area: number) => IndicatorResult {
    const due = asOf >= t.deadline;
    const s = sums.get(t.id);
    if (s) {
      const sumsOfLevel: LevelSums = level === 'city' ? s.city : level === 'district' ? s.district : level === 'township' ? s.township : s.grid;
      const counts = this.unitOf(t);
      return (area) => shareResult(t, due, counts, sumsOfLevel.num[area] ?? 0, sumsOfLevel.den[area] ?? 0);
    }
    if (t.id === 'egress_500g') {
      const egress = this.egressResult(t, level, day, due);
      return () => egress;
    }
    if (t.id === 'gis_pipe_grid') {
      const ducts = this.ductSumsAt(day)[level];
      return (area) => this.ductResult(t, due, ductFiguresOf(ducts, area));
    }
    return () => noDataResult(t, due);
  }

  /** What an item-set indicator counts (households, buildings, places, villages). */
  private unitOf(t: TargetSpec): ItemSet['unit'] {
    return this.itemSets.get(`in_service:${t.id}`)!.unit;
  }

  /**
   * City egress: for each carrier, its records of the latest `as_of` on or before the day,
   * summed (a carrier may report several links on one date); then summed over carriers.
   * Order-independent by construction. City-wide only.
   */
  private egressResult(t: TargetSpec, level: Level, day: number, due: boolean): IndicatorResult {
    const base = { id: t.id, target: t.target, unit: t.unit, deadline: t.deadline, due };
    if (level !== 'city') {
      return { ...base, numerator: null, denominator: null, value: null, counts: 'gbit/s', status: 'not_applicable' };
    }
    const latest = new Map<string, { day: number; gbps: number }>();
    for (const f of this.small.egress) {
      const d = dayNumber(str(f, 'as_of'));
      if (d > day) continue;
      const carrier = str(f, 'carrier') || f.owner;
      const prev = latest.get(carrier);
      if (!prev || d > prev.day) latest.set(carrier, { day: d, gbps: num(f, 'gbps') });
      else if (d === prev.day) prev.gbps += num(f, 'gbps');
    }
    const figures = Object.fromEntries([...latest].sort(([a], [b]) => a.localeCompare(b)).map(([c, v]) => [c, v.gbps]));
    const total = [...latest.values()].reduce((s, v) => s + v.gbps, 0);
    const value = latest.size ? total : null;
    return { ...base, numerator: value, denominator: null, value, counts: 'gbit/s', status: statusOf(value, t.target), figures };
  }

  /** Duct network summary for an area: cells with a duct in service, lengths and duct-km. */
  private ductResult(t: TargetSpec, due: boolean, f: DuctFigures): IndicatorResult {
    const km = (m: number) => Math.round(m) / 1000;
    return {
      id: t.id,
      target: t.target,
      unit: t.unit,
      deadline: t.deadline,
      due,
      numerator: f.withDuct,
      denominator: f.cells,
      value: f.cells > 0 ? f.withDuct / f.cells : null,
      counts: 'grid_cells',
      status: f.cells > 0 ? 'informational' : 'no_data',
      figures: { length_km: km(f.lengthM), duct_km: km(f.ductM), spare_duct_km: km(f.spareM), cells_without_duct: f.cells - f.withDuct },
    };
  }

  /** One pass over the duct pieces and the cells, for every area of every level at a day. */
  private ductSumsAt(day: number): Record<Level, DuctSums> {
    const hit = this.ductCache.get(day);
    if (hit) return hit;
    const g = this.geo;
    const n = { city: 1, district: g.districts.length, township: g.townships.length, grid: g.cellIds.length };
    const make = (k: number): DuctSums => ({ lengthM: new Float64Array(k), ductM: new Float64Array(k), spareM: new Float64Array(k), cells: new Int32Array(k), withDuct: new Int32Array(k) });
    const out: Record<Level, DuctSums> = { city: make(n.city), district: make(n.district), township: make(n.township), grid: make(n.grid) };
    const p = this.ducts;
    const cellHas = new Uint8Array(n.grid);
    for (let i = 0; i < p.count; i++) {
      if (p.day[i]! > day || p.district[i]! < 0) continue;
      const len = p.lengthM[i]!;
      const add = (s: DuctSums, a: number) => {
        s.lengthM[a] = s.lengthM[a]! + len;
        s.ductM[a] = s.ductM[a]! + len * p.ducts[i]!;
        s.spareM[a] = s.spareM[a]! + len * p.spare[i]!;
      };
      add(out.city, 0);
      add(out.district, p.district[i]!);
      if (p.township[i]! >= 0) add(out.township, p.township[i]!);
      add(out.grid, p.cell[i]!);
      cellHas[p.cell[i]!] = 1;
    }
    // A cell belongs to the area holding its centre; cells outside every district are not counted.
    for (let c = 0; c < n.grid; c++) {
      const d = this.cellDistrict[c]!;
      if (d < 0) continue;
      const t = this.cellTownship[c]!;
      const has = cellHas[c]!;
      for (const [s, a] of [[out.city, 0], [out.district, d], [out.township, t], [out.grid, c]] as const) {
        if (a < 0) continue;
        s.cells[a] = s.cells[a]! + 1;
        s.withDuct[a] = s.withDuct[a]! + has;
      }
    }
    this.ductCache.set(day, out);
    if (this.ductCache.size > 48) this.ductCache.delete(this.ductCache.keys().next().value!);
    return out;
  }

  // ------------------------------------------------------------------ writes

  /**
   * Bring the engine up to date with a committed batch of a carrier layer: `removed` are the
   * rows the batch closed (old versions), `added` the rows it wrote. Returns what moved (see
   * `AppliedChange`), or null when the layer is base data (geography, buildings, places): then
   * the caller builds a new engine, because every assignment may have moved.
   */
  applyChanges(layer: LayerId, removed: readonly FeatureRecord[], added: readonly FeatureRecord[]): AppliedChange | null {
    switch (layer) {
      case 'fixed_service': {
        const touched = this.facts.fixed.apply(removed, added);
        this.patchBuildings(touched, (t) => isBuildingIndicator(t.id) && t.id !== 'mobile_3g4g');
        return { items: touched.size, buildings: [...touched], everything: false };
      }
      case 'mobile_sites': {
        this.small.mobile_sites = replaced(this.small.mobile_sites, removed, added);
        const touched = this.applyMobile();
        return { items: touched.size, buildings: [...touched], everything: false };
      }
      case 'wifi_hotspots':
        this.small.wifi_hotspots = replaced(this.small.wifi_hotspots, removed, added);
        // Places' cover, and the WiFi figure of their areas.
        return { items: this.applyWifi(), buildings: [], everything: true };
      case 'ducts':
        this.small.ducts = replaced(this.small.ducts, removed, added);
        this.ductCache.clear();
        this.members.delete('pieces');
        this.cellFirstDuct = null;
        this.ducts = cutDucts(this.small.ducts, this.geo);
        this.ductDistance = new DuctDistance(this.small.ducts);
        // Pieces in cells never seen before register them: place those cells too (one outside
        // every district counts nowhere), as a build would.
        if (this.cellDistrict.length !== this.geo.cellIds.length) {
          this.placeCells();
          this.members.clear();
        }
        // The duct figures of every area.
        return { items: this.ducts.count, buildings: [], everything: true };
      case 'egress':
        // City-wide only: no building and no area's figures move.
        this.small.egress = replaced(this.small.egress, removed, added);
        return { items: this.small.egress.length, buildings: [], everything: false };
      default:
        return null;
    }
  }

  /** Buildings whose 3G/4G cover moved, after the sites changed; their sums patched. */
  private applyMobile(): Set<number> {
    const before = this.facts;
    const next = this.mobileCoverage(before.buildings.count);
    const touched = new Set<number>();
    for (let b = 0; b < before.buildings.count; b++) {
      if (next.mobile3g[b] !== before.mobile3g[b] || next.mobile4g[b] !== before.mobile4g[b]) touched.add(b);
    }
    before.mobile3g.set(next.mobile3g);
    before.mobile4g.set(next.mobile4g);
    this.patchBuildings(touched, (t) => t.id === 'mobile_3g4g');
    return touched;
  }

  private applyWifi(): number {
    const next = this.wifiCoverage(this.facts.places.count);
    let changed = 0;
    for (let i = 0; i < next.length; i++) if (next[i] !== this.facts.wifi[i]) changed++;
    this.facts.wifi.set(next);
    // Few places: rebuild the one item set and drop its cached sums.
    for (const view of VIEWS) {
      const t = this.targets.indicators.find((x) => x.id === 'wifi_public_places');
      if (t) this.itemSets.set(`${view}:${t.id}`, wifiItemSet(this.facts, t));
    }
    for (const level of ['city', 'district']) for (const view of VIEWS) this.sinceTotals.delete(`${view}:wifi_public_places:${level}`);
    for (const c of this.caches) c.sums.delete('wifi_public_places');
    this.caches = this.caches.filter((c) => c.sums.size > 0);
    for (const c of this.caches) {
      const set = this.itemSets.get(`${c.view}:wifi_public_places`);
      if (set) c.sums.set('wifi_public_places', aggregate(set, this.facts.places, c.day, this.sizes()));
    }
    return changed;
  }

  /** Recompute touched buildings' items, and patch every cached sum by their difference. */
  private patchBuildings(touched: Set<number>, which: (t: TargetSpec) => boolean): void {
    for (const view of VIEWS) {
      for (const t of this.targets.indicators) {
        if (!which(t)) continue;
        const set = this.itemSets.get(`${view}:${t.id}`);
        if (!set) continue;
        const cached = this.caches.filter((c) => c.view === view);
        const order = [...touched];
        const oldWeight = order.map((b) => set.weight[b]!);
        const oldSince = order.map((b) => set.since[b]!);
        fillBuildingItems(set, this.facts, t, view, order);
        for (const level of ['city', 'district']) {
          const totals = this.sinceTotals.get(`${view}:${t.id}:${level}`);
          order.forEach((b, k) => {
            totals?.apply(b, oldWeight[k]!, oldSince[k]!, -1);
            totals?.apply(b, set.weight[b]!, set.since[b]!, 1);
          });
        }
        for (const c of cached) {
          const s = c.sums.get(t.id);
          if (!s) continue;
          order.forEach((b, k) => {
            applyItem(s, this.facts.buildings, b, oldWeight[k]!, oldSince[k]!, c.day, -1);
            applyItem(s, this.facts.buildings, b, set.weight[b]!, set.since[b]!, c.day, 1);
          });
        }
      }
    }
  }

  // ------------------------------------------------------------------ what-if

  /**
   * "What if a carrier offered this in this area?": every building inside the polygon gets the
   * offer from `from` (default: the as-of date); each affected indicator's figures now → with the
   * promise, for the city and every district and township touched. Nothing is written: the
   * change is computed as a difference over the buildings inside, from the engine's facts.
   */
  whatIf(promise: WhatIfPromise, asOf: string, view: View = 'in_service'): WhatIfResult {
    const day = dayNumber(asOf);
    const from = promise.from ? dayNumber(promise.from) : day;
    const inside = this.buildingIndex.inPolygon(promise.geometry).filter((b) => this.facts.buildings.district[b]! >= 0);
    const fibre = (FIBRE_TECHNOLOGIES as readonly string[]).includes(promise.technology);
    const sums = this.sumsAt(day, view);
    const B = this.facts.buildings;
    const districts = new Set(inside.map((b) => B.district[b]!));
    const townships = new Set(inside.map((b) => B.township[b]!).filter((t) => t >= 0));
    const areas: WhatIfResult['areas'] = [
      { level: 'city', code: this.options.city.code, name: this.options.city.name, indicators: [] },
      ...[...districts].sort((a, b) => a - b).map((d) => ({ level: 'district' as Level, code: this.geo.districts[d]!.code, name: this.geo.districts[d]!.name, indicators: [] })),
      ...[...townships].sort((a, b) => a - b).map((t) => ({ level: 'township' as Level, code: this.geo.townships[t]!.code, name: this.geo.townships[t]!.name, indicators: [] })),
    ];
    const indexOf = (level: Level, code: string) =>
      level === 'city' ? 0 : level === 'district' ? this.geo.districts.findIndex((d) => d.code === code) : this.geo.townships.findIndex((t) => t.code === code);
    for (const t of this.targets.indicators) {
      if (!isBuildingIndicator(t.id) || t.id === 'mobile_3g4g') continue;
      const set = this.itemSets.get(`${view}:${t.id}`)!;
      const s = sums.get(t.id)!;
      const meets = t.id === 'fiber_transformation' || t.id === 'commercial_fttb' ? fibre : promise.down_mbps >= (t.threshold_mbps ?? Infinity);
      if (!meets) continue;
      // Gains per area: weight of buildings that newly meet the indicator by the day.
      const gainCity = [0];
      const gainD = new Map<number, number>();
      const gainT = new Map<number, number>();
      for (const b of inside) {
        const w = set.weight[b]!;
        if (w === 0 || set.since[b]! <= day || from > day) continue;
        gainCity[0]! += w;
        gainD.set(B.district[b]!, (gainD.get(B.district[b]!) ?? 0) + w);
        if (B.township[b]! >= 0) gainT.set(B.township[b]!, (gainT.get(B.township[b]!) ?? 0) + w);
      }
      for (const area of areas) {
        const i = indexOf(area.level, area.code);
        const level = area.level === 'city' ? s.city : area.level === 'district' ? s.district : s.township;
        const gain = area.level === 'city' ? gainCity[0]! : area.level === 'district' ? (gainD.get(i) ?? 0) : (gainT.get(i) ?? 0);
        const num = level.num[i] ?? 0;
        const den = level.den[i] ?? 0;
        const before = den > 0 ? num / den : null;
        const after = den > 0 ? (num + gain) / den : null;
        area.indicators.push({
          id: t.id,
          denominator: den,
          before: { numerator: num, value: before, status: statusOf(before, t.target) },
          after: { numerator: num + gain, value: after, status: statusOf(after, t.target) },
        });
      }
    }
    return { asOf, view, buildings: inside.length, households: inside.reduce((h, b) => h + B.households[b]!, 0), areas };
  }

  // ------------------------------------------------------------------ for the tiles

  /** The building register as located by the engine (positions, ids, districts…). */
  get buildingFacts() {
    return this.facts.buildings;
  }

  /** The code of the area of a level that holds building `b` (undefined outside every area). */
  buildingArea(level: Exclude<Level, 'city'>, b: number): string | undefined {
    const B = this.facts.buildings;
    if (level === 'district') return this.geo.districts[B.district[b]!]?.code;
    if (level === 'township') return this.geo.townships[B.township[b]!]?.code;
    return this.geo.cellIds[B.cell[b]!];
  }

  /** Buildings whose point lies in a box, by index. */
  buildingsInBox(west: number, south: number, east: number, north: number): number[] {
    return this.buildingIndex.inBox(west, south, east, north);
  }

  /** The best offered tier of a building as of a day: a SPEED_TIERS value, or 0 for no service. */
  tierAt(b: number, day: number, view: View = 'in_service'): number {
    return this.tierReader(day, view)(b);
  }

  /** `tierAt` for many buildings at one day and view (a map tile): the lookups done once. */
  tierReader(day: number, view: View = 'in_service'): (b: number) => number {
    const since = this.facts.fixed.speedSince[view];
    const columns = SPEED_TIERS.map((t) => since.get(t)!);
    return (b) => {
      for (let k = 0; k < columns.length; k++) if (columns[k]![b]! <= day) return SPEED_TIERS[k]!;
      return 0;
    };
  }

  fibreAt(b: number, day: number, view: View = 'in_service'): boolean {
    return this.facts.fixed.fibreSince[view][b]! <= day;
  }

  /** The carrier of a building's best offer as of a day ('' when none). */
  bestCarrierAt(b: number, day: number, view: View = 'in_service'): string {
    return this.facts.fixed.bestCarrierAt(b, day, view);
  }

  /** First day a public place was within a hotspot's reach (for the map's covered/not covered). */
  placeCoveredSince(id: string): number {
    const i = this.facts.places.byId.get(id);
    return i === undefined ? NEVER : this.facts.wifi[i]!;
  }

  // ------------------------------------------------------------------ single items and gaps

  /** A building's figures: where it is, its offers by carrier, coverage, as of a day. */
  building(id: string, asOf: string, view: View = 'in_service') {
    const b = this.facts.buildings.byId.get(id);
    if (b === undefined) return null;
    const day = dayNumber(asOf);
    const B = this.facts.buildings;
    return {
      id,
      position: [B.x[b]!, B.y[b]!] as [number, number],
      district: this.buildingArea('district', b) ?? null,
      township: this.buildingArea('township', b) ?? null,
      settlement: settlementName(B.settlement[b]!),
      households: B.households[b]!,
      offers: this.facts.fixed.offersAt(b, day, view),
      best_down_mbps: this.facts.fixed.bestDownAt(b, day, view),
      mobile: { '3g': this.facts.mobile3g[b]! <= day, '4g': this.facts.mobile4g[b]! <= day },
      nearest_duct_m: roundMetres(this.ductDistance.nearest(B.x[b]!, B.y[b]!, day)),
    };
  }

  /**
   * Items below an indicator's target as of a day (buildings, places or villages), within an
   * area if given, each with its shortfall and the distance to the nearest duct in service.
   */
  gaps(id: IndicatorId, asOf: string, options: { area?: string; view?: View } = {}) {
    const view = options.view ?? 'in_service';
    const set = this.itemSets.get(`${view}:${id}`);
    if (!set) return null;
    const t = targetById(this.targets, id);
    const day = dayNumber(asOf);
    const where = this.placementOf(set);
    const filter = this.areaFilter(options.area);
    const out: GapItem[] = [];
    for (let i = 0; i < set.weight.length; i++) {
      if (set.weight[i] === 0 || set.since[i]! <= day || where.district[i]! < 0) continue;
      if (filter && !filter(where.district[i]!, where.township[i]!, where.cell[i]!)) continue;
      const x = where.x[i]!;
      const y = where.y[i]!;
      const item: GapItem = {
        kind: set.kind,
        id: where.ids[i]!,
        position: [x, y],
        district: this.geo.districts[where.district[i]!]!.code,
        township: this.geo.townships[where.township[i]!]?.code ?? null,
        weight: set.weight[i]!,
        nearest_duct_m: roundMetres(this.ductDistance.nearest(x, y, day)),
      };
      if (set.kind === 'buildings' && t.threshold_mbps) {
        const best = this.facts.fixed.bestDownAt(i, day, view);
        item.best_down_mbps = best;
        item.shortfall_mbps = t.threshold_mbps - best;
      }
      if (set.kind === 'villages') item.criteria_met = this.facts.villages.criteriaMet[i]!;
      out.push(item);
    }
    return out;
  }

  private areaFilter(code: string | undefined): ((d: number, t: number, c: number) => boolean) | null {
    if (!code || code === this.options.city.code) return null;
    const d = this.areaIndexOf('district')(code);
    if (d !== undefined) return (dd) => dd === d;
    const t = this.areaIndexOf('township')(code);
    if (t !== undefined) return (_d, tt) => tt === t;
    const c = this.areaIndexOf('grid')(code);
    if (c !== undefined) return (_d, _t, cc) => cc === c;
    throw new UnknownAreaError(code);
  }

  /** Does an area with this code exist, and at which level? */
  levelOf(code: string): Level | null {
    for (const level of LEVELS) if (this.areaIndexOf(level)(code) !== undefined) return level;
    return null;
  }

  /** One area's figures over time: each indicator at each date (what `compliance` gives for it). */
  series(code: string, dates: readonly string[], view: View = 'in_service'): { asOf: string; indicators: IndicatorResult[] }[] {
    const level = this.levelOf(code);
    if (!level) throw new UnknownAreaError(code);
    const index = this.areaIndexOf(level)(code)!;
    const results = this.areaResults(level, index, dates, view);
    return dates.map((asOf, k) => ({ asOf, indicators: results[k]! }));
  }

  /**
   * One area's figures as of a date and its series over `dates`, by code (GET /api/areas/:code):
   * the same results `compliance(level, date)` gives for that area, computed from the area's own
   * items (area-series.ts) — a grid cell's series reads the cell's buildings, not the city's
   * million, whatever dates the day cache holds. Null for an unknown code.
   */
  area(code: string, asOf: string, dates: readonly string[], view: View = 'in_service') {
    const level = this.levelOf(code);
    if (!level) return null;
    const index = this.areaIndexOf(level)(code)!;
    const results = this.areaResults(level, index, [asOf, ...dates], view);
    return { ...this.areaHead(level, index), indicators: results[0]!, series: dates.map((d, k) => ({ asOf: d, indicators: results[k + 1]! })) };
  }

  /** Every indicator of one area at each of `dates` (any order, repeats allowed). */
  private areaResults(level: Level, area: number, dates: readonly string[], view: View): IndicatorResult[][] {
    const days = Int32Array.from(new Set(dates.map(dayNumber))).sort();
    const slot = new Map(Array.from(days, (d, k) => [d, k]));
    const slots = new DaySlots(days);
    const at = this.targets.indicators.map((t): ((k: number, due: boolean) => IndicatorResult) => {
      const set = this.itemSets.get(`${view}:${t.id}`);
      if (set) {
        // The city and its districts are large: their totals by day; smaller areas: their items.
        const { num, den } =
          level === 'city' || level === 'district' ? this.totalsOf(set, view, level).series(area, slots) : setSeries(set, this.membersOf(set.kind)[level], area, slots);
        const counts = this.unitOf(t);
        return (k, due) => shareResult(t, due, counts, num[k]!, den);
      }
      if (t.id === 'gis_pipe_grid') {
        const figures = ductSeries(this.ducts, this.membersOf('pieces')[level], this.membersOf('cells')[level], this.firstDuctDays(), area, days);
        return (k, due) => this.ductResult(t, due, figures[k]!);
      }
      if (t.id === 'egress_500g') return (k, due) => this.egressResult(t, level, days[k]!, due);
      return (_k, due) => noDataResult(t, due);
    });
    return dates.map((asOf) => {
      const k = slot.get(dayNumber(asOf))!;
      return this.targets.indicators.map((t, i) => at[i]!(k, asOf >= t.deadline));
    });
  }

  /** The members of every area of every level, per kind of item (built on first use, kept until a rebuild). */
  private membersOf(kind: 'buildings' | 'places' | 'villages' | 'pieces' | 'cells'): LevelMembers {
    let m = this.members.get(kind);
    if (m) return m;
    const cells = this.geo.cellIds.length;
    const placement: Placement =
      kind === 'pieces'
        ? this.ducts
        : kind === 'cells'
          ? { district: this.cellDistrict, township: this.cellTownship, cell: Int32Array.from({ length: cells }, (_, c) => c) }
          : this.facts[kind];
    m = levelMembers(placement, { district: this.geo.districts.length, township: this.geo.townships.length, grid: cells });
    this.members.set(kind, m);
    return m;
  }

  private totalsOf(set: ItemSet, view: View, level: 'city' | 'district'): SinceTotals {
    const key = `${view}:${set.id}:${level}`;
    let totals = this.sinceTotals.get(key);
    if (!totals) {
      const where = this.placementOf(set);
      totals = new SinceTotals(set, where.district, level === 'city' ? null : where.district, level === 'city' ? 1 : this.geo.districts.length);
      this.sinceTotals.set(key, totals);
    }
    return totals;
  }

  /** Per grid cell, the first day a duct piece inside a district was in service in it. */
  private firstDuctDays(): Int32Array {
    if (this.cellFirstDuct) return this.cellFirstDuct;
    const first = new Int32Array(this.geo.cellIds.length).fill(NEVER);
    const p = this.ducts;
    for (let i = 0; i < p.count; i++) if (p.district[i]! >= 0 && p.day[i]! < first[p.cell[i]!]!) first[p.cell[i]!] = p.day[i]!;
    return (this.cellFirstDuct = first);
  }

  /** Counts for the closing figures and the health page. */
  stats() {
    return {
      buildings: this.facts.buildings.count,
      places: this.facts.places.count,
      villages: this.facts.villages.count,
      cells: this.geo.cellIds.length,
      ductPieces: this.ducts.count,
      orphanRecords: this.facts.fixed.orphans,
    };
  }
}

/**
 * What a carrier's batch moved, for caches of derived views (map tiles): the items recomputed,
 * the buildings whose offers or coverage moved, or `everything` when the change reaches every
 * area (ducts, WiFi). Egress is city-wide only: it moves no building and no area.
 */
export interface AppliedChange {
  items: number;
  buildings: number[];
  everything: boolean;
}

export interface WhatIfPromise {
  geometry: Polygon | MultiPolygon;
  technology: string;
  down_mbps: number;
  /** The date the promised service starts (default: the as-of date). */
  from?: string;
}

export interface WhatIfResult {
  asOf: string;
  view: View;
  /** Buildings inside the promised area (and inside the city). */
  buildings: number;
  households: number;
  areas: {
    level: Level;
    code: string;
    name: string;
    indicators: {
      id: IndicatorId;
      denominator: number;
      before: { numerator: number; value: number | null; status: Status };
      after: { numerator: number; value: number | null; status: Status };
    }[];
  }[];
}

export interface GapItem {
  kind: 'buildings' | 'places' | 'villages';
  id: string;
  position: [number, number];
  district: string;
  township: string | null;
  /** Households (or 1 for a building, place or village counted by number). */
  weight: number;
  nearest_duct_m: number | null;
  best_down_mbps?: number;
  shortfall_mbps?: number;
  criteria_met?: number;
}

export class UnknownAreaError extends Error {
  constructor(readonly code: string) {
    super(`no area with code ${code}`);
    this.name = 'UnknownAreaError';
  }
}

/** A layer's features after a batch: the removed rows out (by owner and id), the added in. */
function replaced(current: FeatureRecord[], removed: readonly FeatureRecord[], added: readonly FeatureRecord[]): FeatureRecord[] {
  const gone = new Set(removed.map((f) => `${f.owner}\u0000${f.id}`));
  return [...current.filter((f) => !gone.has(`${f.owner}\u0000${f.id}`)), ...added];
}

/** The head of an area's result: level, code, names and parent. */
interface AreaHead {
  level: Level;
  code: string;
  name: string;
  name_en: string;
  parent: string | null;
}

/** An item-set indicator's result from its numerator and denominator (a share of items). */
function shareResult(t: TargetSpec, due: boolean, counts: ItemSet['unit'], numerator: number, denominator: number): IndicatorResult {
  const value = denominator > 0 ? numerator / denominator : null;
  return { id: t.id, numerator, denominator, value, target: t.target, unit: t.unit, counts, status: statusOf(value, t.target), deadline: t.deadline, due };
}

function ductFiguresOf(s: DuctSums, area: number): DuctFigures {
  return { lengthM: s.lengthM[area] ?? 0, ductM: s.ductM[area] ?? 0, spareM: s.spareM[area] ?? 0, cells: s.cells[area] ?? 0, withDuct: s.withDuct[area] ?? 0 };
}

function noDataResult(t: TargetSpec, due: boolean): IndicatorResult {
  return { id: t.id, target: t.target, unit: t.unit, deadline: t.deadline, due, numerator: null, denominator: null, value: null, counts: 'buildings', status: 'no_data' };
}

function statusOf(value: number | null, target: number | null): Status {
  if (value === null) return 'no_data';
  if (target === null) return 'informational';
  return value >= target ? 'met' : 'not_met';
}

function settlementName(code: number): string | null {
  return SETTLEMENTS[code] ?? null;
}

function roundMetres(m: number): number | null {
  return Number.isFinite(m) ? Math.round(m * 10) / 10 : null;
}

