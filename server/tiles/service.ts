/**
 * Vector tiles from the in-memory data.
 *
 * - Polygons, lines and the small point layers: a geojson-vt index per source, built on first
 *   use for the geometry it is cut from (the engine build, or the carrier layer's last batch);
 *   the date filter and the date-dependent figures are applied when a tile is encoded, so one
 *   index serves every date of the time slider and every upload that leaves the geometry alone.
 * - Buildings (up to a million): no geojson-vt; each tile asks the engine's point index for its
 *   box. Below z13 the points are aggregated into 64-pixel bins with counts per speed tier, so a
 *   z8 tile of a million buildings stays a few thousand features.
 * Encoded tiles (raw and gzip) are kept in an LRU by bytes, keyed by content (`contentKeys`),
 * date and tile, with the data version they were made at; a tile showing figures is checked
 * against what later versions touched before it is served again (`stillValid`).
 */
import { gzipSync } from 'node:zlib';
import GeoJSONVT, { type LegacyTile } from 'geojson-vt';
import { cellToBoundary } from 'h3-js';
import type { Feature, FeatureCollection } from 'geojson';
import { dayNumber } from '../../geodata/engine/dates';
import { SPEED_TIERS, type ComplianceEngine, type Level } from '../../geodata/engine/engine';
import { STATION_CRITERIA_COUNT, stationCriteriaMet } from '../../geodata/engine/items';
import type { View } from '../../geodata/engine/fixed-service';
import { labelPoints } from '../../geodata/geometry/label-points';
import { BUILDING_USES, LAYERS, SETTLEMENTS, type LayerId } from '../../geodata/schema';
import type { Atlas } from '../atlas';
import type { EngineState } from '../engine-service';
import type { TileSource } from './catalogue';
import { encodeTile, type PointColumnsLayer, type TileFeature, type TileLayer, type TileValue } from './mvt';
import { EXTENT, tileBounds, toTilePixel } from './tile-math';

export interface TileRequest {
  source: TileSource;
  z: number;
  x: number;
  y: number;
  asOf: string;
  view: View;
}

export interface EncodedTile {
  raw: Uint8Array;
  gzip: Uint8Array;
}

export interface TileServiceOptions {
  /** Bytes of encoded tiles kept in memory. */
  cacheBytes?: number;
}

const defaultOptions: Required<TileServiceOptions> = {
  cacheBytes: 256 * 2 ** 20,
};

const AREA_LEVEL: Record<string, Exclude<Level, 'city'>> = { districts: 'district', townships: 'township', grid: 'grid' };
/** Below this zoom, buildings are binned. */
const BUILDING_POINT_ZOOM = 13;
const BIN_PX = 64;

/**
 * What a source's tiles depend on, so a write invalidates only what it changed:
 * - `index`: the geometry an index is cut from (base layers and the grid: the engine build; a
 *   carrier layer: that layer's latest batch);
 * - `tile`: the key of a cached tile apart from its position and date;
 * - `figures`: true when the tile also shows figures, tiers or cover that any write may move.
 *   Such a tile is kept across data versions and checked against what each version changed
 *   (`stillValid`), instead of being thrown away with every carrier's upload.
 */
function contentKeys(source: string, engine: EngineState, layers: Readonly<Partial<Record<LayerId, number>>>): { index: string; tile: string; figures: boolean } {
  const base = `b${engine.build}-${engine.targetsHash}`;
  switch (source) {
    case 'districts':
    case 'townships':
    case 'grid':
    case 'villages':
      return { index: base, tile: base, figures: source !== 'villages' };
    case 'buildings': // straight from the engine (no index): only the build
      return { index: base, tile: base, figures: true };
    case 'public_places': {
      const own = `${base}-l${layers.public_places ?? 0}`;
      return { index: own, tile: own, figures: true };
    }
    default: {
      const own = `${base}-l${layers[source as LayerId] ?? 0}`;
      return { index: own, tile: own, figures: false };
    }
  }
}

/** A cached tile and the data version it was made (or last confirmed) at. */
interface CachedTile {
  tile: EncodedTile | null;
  version: number;
}

export class TileService {
  private readonly options: Required<TileServiceOptions>;
  private readonly indexes = new Map<string, GeoJSONVT>();
  private readonly cache = new Map<string, CachedTile>();
  private areaChanges: { version: number; sets: Map<string, Set<string>> } = { version: -1, sets: new Map() };
  private cachedBytes = 0;

  constructor(
    private readonly atlas: Atlas,
    options: TileServiceOptions = {},
  ) {
    this.options = { ...defaultOptions, ...options };
  }

  /** The key of the data a tile reflects: data version and targets. Part of every ETag. */
  versionKey(state: EngineState = this.atlas.engine.current()): string {
    return `${state.version}-${state.targetsHash}`;
  }

  /** The encoded tile, or null for an empty tile; `engineState` if the caller already has it. */
  tile(req: TileRequest, engineState: EngineState = this.atlas.engine.current()): EncodedTile | null {
    const keys = contentKeys(req.source.id, engineState, this.atlas.store.layerVersions());
    const key = `${keys.tile}|${req.source.id}|${req.source.dated ? req.asOf : ''}|${req.view}|${req.z}/${req.x}/${req.y}`;
    const hit = this.cache.get(key);
    if (hit && (hit.version === engineState.version || !keys.figures || this.stillValid(req, keys.index, hit.version, engineState))) {
      hit.version = engineState.version;
      // Refresh its place in the LRU.
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit.tile;
    }
    if (hit) this.forget(key, hit);
    const layers = this.build(req, keys.index, engineState);
    const encoded = layers.some((l) => ('columns' in l ? l.count : l.features.length) > 0) ? this.encode(layers) : null;
    this.remember(key, { tile: encoded, version: engineState.version });
    return encoded;
  }

  /**
   * Does a tile made at data version `since` still show the current figures? Yes unless a
   * later write moved a building inside it (buildings), or the figures of an area it shows
   * (districts, townships, grid cells): the engine says which buildings each write touched.
   */
  private stillValid(req: TileRequest, indexKey: string, since: number, state: EngineState): boolean {
    const changes = this.atlas.engine.changesSince(since);
    if (changes.everything) return false;
    if (changes.buildings.length === 0) return true;
    const id = req.source.id;
    if (id === 'public_places') return true; // a place's cover changes only with WiFi (everything)
    const B = state.engine.buildingFacts;
    if (id === 'buildings') {
      const [w, s, e, n] = tileBounds(req.z, req.x, req.y);
      const pad = ((e - w) / EXTENT) * 8; // as buildingLayers reads them
      return !changes.buildings.some((b) => B.x[b]! >= w - pad && B.x[b]! <= e + pad && B.y[b]! >= s - pad && B.y[b]! <= n + pad);
    }
    const level = AREA_LEVEL[id];
    if (!level) return true;
    const changed = this.changedAreas(level, since, state);
    const shown = this.index(id, indexKey, () => this.areaCollection(id, state.engine)).getTile(req.z, req.x, req.y);
    return !(shown?.features ?? []).some((f) => changed.has(String(f.tags?.code)));
  }

  /** Codes of the areas of a level whose figures moved since a version (one set per version asked). */
  private changedAreas(level: Exclude<Level, 'city'>, since: number, state: EngineState): Set<string> {
    if (this.areaChanges.version !== state.version) this.areaChanges = { version: state.version, sets: new Map() };
    const key = `${level}|${since}`;
    let set = this.areaChanges.sets.get(key);
    if (!set) {
      set = new Set<string>();
      for (const b of this.atlas.engine.changesSince(since).buildings) {
        const code = state.engine.buildingArea(level, b);
        if (code !== undefined) set.add(code);
      }
      this.areaChanges.sets.set(key, set);
    }
    return set;
  }

  private encode(layers: (TileLayer | PointColumnsLayer)[]): EncodedTile {
    const raw = encodeTile(layers);
    // Level 4: the same size as the default 6 on our tiles (20 KB of a 62 KB z13 tile) in half the time.
    return { raw, gzip: gzipSync(raw, { level: 4 }) };
  }

  private static size(entry: CachedTile): number {
    return entry.tile ? entry.tile.raw.byteLength + entry.tile.gzip.byteLength : 16;
  }

  private forget(key: string, entry: CachedTile): void {
    this.cache.delete(key);
    this.cachedBytes -= TileService.size(entry);
  }

  private remember(key: string, entry: CachedTile): void {
    this.cache.set(key, entry);
    this.cachedBytes += TileService.size(entry);
    for (const [k, t] of this.cache) {
      if (this.cachedBytes <= this.options.cacheBytes) break;
      this.forget(k, t);
    }
  }

  private build(req: TileRequest, indexKey: string, state: EngineState): (TileLayer | PointColumnsLayer)[] {
    const id = req.source.id;
    if (id === 'buildings') return this.buildingLayers(req, state.engine);
    const level = AREA_LEVEL[id];
    if (level) return this.areaLayers(req, indexKey, state, level);
    return [this.pointOrLineLayer(req, indexKey, state.engine)];
  }

  // ---------------------------------------------------------------- indexes

  /** A geojson-vt index per source and content key; superseded keys are dropped. */
  private index(name: string, contentKey: string, make: () => FeatureCollection): GeoJSONVT {
    const key = `${name}|${contentKey}`;
    let index = this.indexes.get(key);
    if (!index) {
      for (const k of this.indexes.keys()) if (k.startsWith(`${name}|`)) this.indexes.delete(k);
      index = new GeoJSONVT(make(), { maxZoom: 16, indexMaxZoom: 5, tolerance: 3, extent: EXTENT, buffer: 64 });
      this.indexes.set(key, index);
    }
    return index;
  }

  /** A store layer as GeoJSON for geojson-vt, with the tile fields and an internal `_day`. */
  private layerCollection(layer: LayerId, props: (p: Record<string, unknown>, owner: string) => Record<string, unknown>): FeatureCollection {
    const dateField = LAYERS[layer].dateField;
    const features: Feature[] = [];
    for (const f of this.atlas.store.features(layer)) {
      if (!f.geometry) continue;
      const p = f.properties;
      const date = dateField ? p[dateField] : null;
      features.push({
        type: 'Feature',
        geometry: f.geometry,
        properties: { ...props(p, f.owner), ...(typeof date === 'string' ? { _day: dayNumber(date) } : {}) },
      });
    }
    return { type: 'FeatureCollection', features };
  }

  // ---------------------------------------------------------------- areas with figures

  private areaLayers(req: TileRequest, indexKey: string, state: EngineState, level: Level): TileLayer[] {
    const id = req.source.id;
    const engine = state.engine;
    const index = this.index(id, indexKey, () => this.areaCollection(id, engine));
    // Figures of the areas this tile shows, one by one (a tile shows dozens of cells, the city has 24,000).
    const figuresOf = engine.figuresOf(level, req.asOf, req.view);
    const withFigures = (tags: Record<string, unknown>) => {
      const props: Record<string, TileValue | null> = { ...(tags as Record<string, TileValue>) };
      for (const r of figuresOf(String(tags.code)) ?? []) {
        props[r.id] = r.value;
        props[`${r.id}_status`] = r.status;
      }
      return props;
    };
    const layers = [toLayer(id, index.getTile(req.z, req.x, req.y), withFigures)];
    if (id !== 'grid') {
      const labels = this.index(`${id}_labels`, indexKey, () => labelPoints(this.areaCollection(id, engine)) as FeatureCollection);
      layers.push(toLayer(`${id}_labels`, labels.getTile(req.z, req.x, req.y), (t) => t as Record<string, TileValue>));
    }
    return layers;
  }

  private areaCollection(id: string, engine: ComplianceEngine): FeatureCollection {
    if (id === 'grid') {
      const features: Feature[] = [];
      for (const area of engine.compliance('grid', '1970-01-01').areas) {
        if (!area.parent) continue; // cells outside every district: not part of the city
        // H3 boundaries are [lat, lng]; closed ring for GeoJSON.
        const ring = cellToBoundary(area.code, true);
        features.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]!]] }, properties: { code: area.code, district_code: area.parent } });
      }
      return { type: 'FeatureCollection', features };
    }
    const layer = id as LayerId;
    return this.layerCollection(layer, (p) => {
      const keep = layer === 'districts' ? ['code', 'name', 'name_en'] : ['code', 'name', 'short_name', 'name_pinyin', 'district_code', 'kind', 'settlement'];
      return Object.fromEntries(keep.filter((k) => p[k] !== undefined).map((k) => [k, p[k]]));
    });
  }

  // ---------------------------------------------------------------- other store layers

  private pointOrLineLayer(req: TileRequest, indexKey: string, engine: ComplianceEngine): TileLayer {
    const id = req.source.id as LayerId;
    const fields = Object.keys(req.source.vectorLayers[0]!.fields);
    const index = this.index(id, indexKey, () =>
      this.layerCollection(id, (p, owner) => {
        const out: Record<string, unknown> = Object.fromEntries(fields.filter((k) => p[k] !== undefined).map((k) => [k, p[k]]));
        if (id === 'villages') Object.assign(out, stationStatus(p));
        if (id === 'ducts' && out.owner === undefined) out.owner = owner;
        return out;
      }),
    );
    const day = dayNumber(req.asOf);
    const tile = index.getTile(req.z, req.x, req.y);
    // Dated features appear from their date on; planned service areas only in the planned view.
    const keep = (tags: Record<string, unknown>) => {
      if (typeof tags._day === 'number' && tags._day > day) return false;
      if (id === 'fixed_service' && req.view === 'in_service' && tags.status === 'planned') return false;
      if (id === 'fixed_service' && tags.technology === undefined) return false;
      return true;
    };
    const props = (tags: Record<string, unknown>) => {
      const { _day: _ignored, ...rest } = tags;
      if (id === 'public_places') rest.covered = engine.placeCoveredSince(String(rest.id)) <= day;
      return rest as Record<string, TileValue>;
    };
    return toLayer(id, tile, props, keep);
  }

  // ---------------------------------------------------------------- buildings

  private buildingLayers(req: TileRequest, engine: ComplianceEngine): (TileLayer | PointColumnsLayer)[] {
    const [w, s, e, n] = tileBounds(req.z, req.x, req.y);
    // A pixel's worth of buffer so points on a tile edge are drawn by both tiles.
    const pad = ((e - w) / EXTENT) * 8;
    const found = engine.buildingsInBox(w - pad, s - pad, e + pad, n + pad);
    const B = engine.buildingFacts;
    const day = dayNumber(req.asOf);
    const tierOf = engine.tierReader(day, req.view);
    if (req.z >= BUILDING_POINT_ZOOM) {
      // Columns, not an object per building: a z14 tile of a city centre holds 10,000 of them.
      const order = Int32Array.from(found).sort();
      const n = order.length;
      const x = new Float64Array(n);
      const y = new Float64Array(n);
      const columns = { id: new Array<string>(n), use: new Array<string>(n), households: new Array<number>(n), settlement: new Array<string | null>(n), tier: new Array<number>(n), fibre: new Array<boolean>(n), carrier: new Array<string | null>(n) };
      for (let i = 0; i < n; i++) {
        const b = order[i]!;
        const [px, py] = toTilePixel(B.x[b]!, B.y[b]!, req.z, req.x, req.y);
        x[i] = px;
        y[i] = py;
        columns.id[i] = B.ids[b]!;
        columns.use[i] = BUILDING_USES[B.use[b]!] ?? BUILDING_USES[0];
        columns.households[i] = B.households[b]!;
        columns.settlement[i] = SETTLEMENTS[B.settlement[b]!] ?? null;
        columns.tier[i] = tierOf(b);
        columns.fibre[i] = engine.fibreAt(b, day, req.view);
        columns.carrier[i] = engine.bestCarrierAt(b, day, req.view) || null;
      }
      return [{ name: 'buildings', extent: EXTENT, count: n, x, y, columns: Object.entries(columns).map(([key, values]) => ({ key, values })) }];
    }
    const bins = new Map<number, { x: number; y: number; count: number; households: number; tiers: number[] }>();
    const perSide = EXTENT / BIN_PX;
    for (const b of found) {
      const [px, py] = toTilePixel(B.x[b]!, B.y[b]!, req.z, req.x, req.y);
      if (px < 0 || py < 0 || px >= EXTENT || py >= EXTENT) continue; // bins are not shared across tiles
      const key = Math.floor(py / BIN_PX) * perSide + Math.floor(px / BIN_PX);
      let bin = bins.get(key);
      if (!bin) bins.set(key, (bin = { x: 0, y: 0, count: 0, households: 0, tiers: [0, 0, 0, 0, 0, 0] }));
      bin.x += px;
      bin.y += py;
      bin.count++;
      bin.households += B.households[b]!;
      bin.tiers[TIER_INDEX.get(tierOf(b))!]!++;
    }
    const features: TileFeature[] = [...bins.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, bin]) => {
        const [t100, t20, t12, t4, t1, t0] = bin.tiers as [number, number, number, number, number, number];
        const dominant = TIERS[bin.tiers.indexOf(Math.max(...bin.tiers))]!;
        return {
          type: 1 as const,
          geometry: [[[bin.x / bin.count, bin.y / bin.count] as [number, number]]],
          properties: { count: bin.count, households: bin.households, tier: dominant, t100, t20, t12, t4, t1, t0 },
        };
      });
    return [{ name: 'buildings_binned', extent: EXTENT, features }];
  }
}

/** The engine's speed tiers, then 0 for no service. */
const TIERS = [...SPEED_TIERS, 0];
const TIER_INDEX = new Map(TIERS.map((t, i) => [t, i]));

function stationStatus(p: Record<string, unknown>): Record<string, unknown> {
  if (p.kind !== 'village') return { station: 'n/a', criteria_met: 0 };
  const met = stationCriteriaMet(p.info_station);
  return { station: met === STATION_CRITERIA_COUNT ? 'full' : met > 0 ? 'partial' : 'none', criteria_met: met };
}

/** A geojson-vt tile as an MVT layer, with properties mapped (and features filtered). */
function toLayer(
  name: string,
  tile: LegacyTile | null,
  props: (tags: Record<string, unknown>) => Record<string, TileValue | null>,
  keep: (tags: Record<string, unknown>) => boolean = () => true,
): TileLayer {
  const features: TileFeature[] = [];
  for (const f of tile?.features ?? []) {
    const tags = f.tags ?? {};
    if (!keep(tags)) continue;
    features.push({
      type: f.type,
      geometry: f.type === 1 ? [f.geometry] : f.geometry,
      properties: props(tags),
    });
  }
  return { name, extent: EXTENT, features };
}
