/**
 * Keeps one compliance engine in step with the store. The first use builds it from the store;
 * after that, each committed batch of a carrier layer is applied incrementally (the store says
 * exactly which rows the batch closed and wrote), and a batch of base data, or an edited
 * targets file, rebuilds it. Callers always get an engine at the store's current version.
 */
import { createHash } from 'node:crypto';
import { ComplianceEngine } from '../geodata/engine/engine';
import { LAYER_IDS, type LayerId } from '../geodata/schema';
import type { FeatureRecord, LayerData } from '../geodata/engine/input';
import type { Atlas } from './atlas';

export interface EngineState {
  engine: ComplianceEngine;
  /** The data version the engine reflects. */
  version: number;
  /** Hash of the targets in force: part of every cache key and ETag. */
  targetsHash: string;
  /** Which build of the engine this is (a new one after base data or targets change). */
  build: number;
}

/** What changed in the engine's figures over a run of versions (see `changesSince`). */
export interface EngineChanges {
  /** Buildings whose offers or coverage moved (engine indices; may repeat). Shared: do not change. */
  buildings: readonly number[];
  /** True when the change may reach anything: a rebuild, ducts, WiFi, or versions too old to know. */
  everything: boolean;
}

/** Versions whose changes are remembered; a cache entry older than that is simply redone. */
const CHANGE_LOG_VERSIONS = 4096;
/**
 * Touched buildings remembered in all (4 bytes each). A write touching more than a tenth of
 * that is logged as "everything": checking a cached tile against it would cost more than
 * making the tile again.
 */
const CHANGE_LOG_BUILDINGS = 1_000_000;

export class EngineService {
  private state: EngineState | null = null;
  /** Per applied version since the last build, what it changed. */
  private changeLog: { version: number; buildings: Int32Array; everything: boolean }[] = [];
  private changeLogBuildings = 0;
  /** Changes are known for versions after this one. */
  private changeLogFrom = 0;
  /** The last answer of `changesSince`: every cached tile of an older version asks the same. */
  private lastChanges: { since: number; version: number; changes: EngineChanges } | null = null;
  private builds = 0;
  /** How the engine was last brought up to date, for logs and the benchmark. */
  lastUpdate: { kind: 'build' | 'incremental'; ms: number; items: number } | null = null;

  constructor(
    private readonly atlas: Atlas,
    private readonly options: { h3Resolution?: number } = {},
  ) {}

  private hashed: { targets: object; hash: string } | null = null;

  current(): EngineState {
    const targets = this.atlas.targets();
    // The same parsed object until the file changes: hash it once per change, not per request.
    if (this.hashed?.targets !== targets) this.hashed = { targets, hash: createHash('sha256').update(JSON.stringify(targets)).digest('hex').slice(0, 16) };
    const targetsHash = this.hashed.hash;
    const version = this.atlas.store.version();
    if (!this.state || this.state.targetsHash !== targetsHash) return this.build(targetsHash);
    if (this.state.version === version) return this.state;
    const started = performance.now();
    let items = 0;
    for (let v = this.state.version + 1; v <= version; v++) {
      const batch = this.atlas.store.batch(v);
      if (!batch) continue;
      const { removed, added } = this.atlas.store.changes(v);
      const change = this.state.engine.applyChanges(batch.layer, removed, added);
      if (change === null) return this.build(targetsHash);
      items += change.items;
      this.logChange(v, change);
    }
    this.state = { ...this.state, version };
    this.lastUpdate = { kind: 'incremental', ms: performance.now() - started, items };
    return this.state;
  }

  /**
   * What changed between data version `since` and the engine's current version, so a cache
   * of derived views (a map tile) can tell whether its entry still holds. Call after `current()`.
   */
  changesSince(since: number): EngineChanges {
    const version = this.state?.version ?? 0;
    if (this.lastChanges?.since === since && this.lastChanges.version === version) return this.lastChanges.changes;
    const buildings: number[] = [];
    let everything = since < this.changeLogFrom;
    for (const change of everything ? [] : this.changeLog) {
      if (change.version <= since) continue;
      if (change.everything) {
        everything = true;
        break;
      }
      for (const b of change.buildings) buildings.push(b);
    }
    const changes: EngineChanges = everything ? { buildings: [], everything } : { buildings, everything };
    this.lastChanges = { since, version, changes };
    return changes;
  }

  private logChange(version: number, change: { buildings: readonly number[]; everything: boolean }): void {
    const everything = change.everything || change.buildings.length > CHANGE_LOG_BUILDINGS / 10;
    const buildings = everything ? new Int32Array(0) : Int32Array.from(change.buildings);
    this.changeLog.push({ version, buildings, everything });
    this.changeLogBuildings += buildings.length;
    // Bounded in versions and in buildings: what falls off is "unknown", i.e. redo the tile.
    while (this.changeLog.length > CHANGE_LOG_VERSIONS || this.changeLogBuildings > CHANGE_LOG_BUILDINGS) {
      const dropped = this.changeLog.shift()!;
      this.changeLogBuildings -= dropped.buildings.length;
      this.changeLogFrom = dropped.version;
    }
  }

  private build(targetsHash: string): EngineState {
    const started = performance.now();
    const version = this.atlas.store.version();
    const layers = Object.fromEntries(LAYER_IDS.map((l) => [l, [...this.atlas.store.features(l as LayerId)] as FeatureRecord[]])) as unknown as LayerData;
    const city = this.atlas.base.city;
    const engine = new ComplianceEngine(layers, this.atlas.targets(), {
      ...(this.options.h3Resolution ? { h3Resolution: this.options.h3Resolution } : {}),
      city: { code: city.code, name: city.name.zh, nameEn: city.name.en },
    });
    this.builds++;
    this.state = { engine, version, targetsHash, build: this.builds };
    this.changeLog = [];
    this.changeLogBuildings = 0;
    this.changeLogFrom = version;
    this.lastChanges = null;
    this.lastUpdate = { kind: 'build', ms: performance.now() - started, items: engine.stats().buildings };
    return this.state;
  }
}
