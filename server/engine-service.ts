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
  /** Buildings whose offers or coverage moved (engine indices; may repeat). */
  buildings: number[];
  /** True when the change may reach anything: a rebuild, ducts, WiFi, or versions too old to know. */
  everything: boolean;
}

/** Versions whose changes are remembered; a cache entry older than that is simply redone. */
const CHANGE_LOG_VERSIONS = 4096;

export class EngineService {
  private state: EngineState | null = null;
  /** Per applied version since the last build, what it changed. */
  private changeLog: { version: number; buildings: number[]; everything: boolean }[] = [];
  /** Changes are known for versions after this one. */
  private changeLogFrom = 0;
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
      const done = this.state.engine.applyChanges(batch.layer, removed, added);
      if (done === null) return this.build(targetsHash);
      items += done;
      this.changeLog.push({ version: v, ...this.state.engine.lastChange });
    }
    if (this.changeLog.length > CHANGE_LOG_VERSIONS) {
      const dropped = this.changeLog.splice(0, this.changeLog.length - CHANGE_LOG_VERSIONS);
      this.changeLogFrom = dropped.at(-1)!.version;
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
    if (since < this.changeLogFrom) return { buildings: [], everything: true };
    const buildings: number[] = [];
    for (const change of this.changeLog) {
      if (change.version <= since) continue;
      if (change.everything) return { buildings: [], everything: true };
      for (const b of change.buildings) buildings.push(b);
    }
    return { buildings, everything: false };
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
    this.changeLogFrom = version;
    this.lastUpdate = { kind: 'build', ms: performance.now() - started, items: engine.stats().buildings };
    return this.state;
  }
}
