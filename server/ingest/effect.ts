/**
 * The effect of an upload on the indicators, for a dry run: city and district figures before
 * and after, as of today, for the indicators the layer feeds.
 *
 * Carrier layers: a private engine (a second EngineService, kept in step with the store like
 * the live one, never seen by the API) gets the change applied, is asked for the figures, and
 * gets the change un-applied — the engine's own incremental path, well under a second at city
 * scale once built. If un-applying does not give the same figures back, the private engine is
 * dropped and rebuilt on next use. The live engine is never touched.
 * Base layers (buildings, places, geography) move every assignment: a throwaway engine is
 * built from the store with the change in place (a few seconds at city scale).
 */
import type { Effect, EffectArea, EffectFigure as Figure } from '../../geodata/contract';
import { ComplianceEngine } from '../../geodata/engine/engine';
import { today } from '../../geodata/engine/dates';
import type { FeatureRecord, LayerData } from '../../geodata/engine/input';
import { canonicalJson } from '../../geodata/canonical-json';
import { LAYER_IDS, type LayerId } from '../../geodata/schema';
import type { IndicatorId } from '../../geodata/targets';
import type { Atlas } from '../atlas';
import { EngineService } from '../engine-service';
import type { StoredFeature, WriteMode } from '../store/types';

/** Which indicators each carrier layer feeds (the engine's applyChanges cases). */
const FEEDS: Partial<Record<LayerId, IndicatorId[]>> = {
  fixed_service: ['fiber_transformation', 'commercial_fttb', 'commercial_100m', 'urban_20m', 'town_12m', 'rural_4m'],
  mobile_sites: ['mobile_3g4g'],
  wifi_hotspots: ['wifi_public_places'],
  ducts: ['gis_pipe_grid'],
  egress: ['egress_500g'],
};

// The effect's shape is the wire contract's (the upload report carries it).
export type { Effect };

type Figures = Map<string, Figure>; // `${indicator}|${level}|${code}`

/** The rows a batch would close (old versions) and write: what the engine applies. */
export function changeSet(atlas: Atlas, layer: LayerId, owner: string, mode: WriteMode, features: readonly StoredFeature[]) {
  const current = new Map<string, StoredFeature>();
  for (const f of atlas.store.features(layer, { owner })) current.set(f.id, f);
  const removed: StoredFeature[] = [];
  const added: StoredFeature[] = [];
  const seen = new Set<string>();
  for (const f of features) {
    seen.add(f.id);
    const before = current.get(f.id);
    if (!before) added.push(f);
    else if (JSON.stringify(before.geometry) !== JSON.stringify(f.geometry) || canonicalJson(before.properties) !== canonicalJson(f.properties)) {
      removed.push(before);
      added.push(f);
    }
  }
  if (mode !== 'append') for (const [id, f] of current) if (!seen.has(id)) removed.push(f);
  return { removed, added };
}

export class EffectCalculator {
  private scratch: EngineService | null = null;
  private uses = 0;

  constructor(private readonly atlas: Atlas) {}

  compute(layer: LayerId, owner: string, mode: WriteMode, features: readonly StoredFeature[]): Effect {
    const started = performance.now();
    const asOf = today();
    const { removed, added } = changeSet(this.atlas, layer, owner, mode, features);
    const feeds = FEEDS[layer];
    let before: Figures;
    let after: Figures;
    let method: Effect['method'];
    if (feeds) {
      method = 'incremental';
      // The private engine's fixed-service table only grows with apply/un-apply: renew it now and then.
      if (!this.scratch || this.uses++ > 20) {
        this.scratch = new EngineService(this.atlas);
        this.uses = 0;
      }
      const engine = this.scratch.current().engine;
      before = figures(engine, asOf);
      try {
        engine.applyChanges(layer, removed, added);
        after = figures(engine, asOf);
      } finally {
        engine.applyChanges(layer, added, removed);
        const back = figures(engine, asOf);
        if (!sameFigures(back, before)) this.scratch = null;
      }
    } else {
      method = 'rebuild';
      before = figures(this.atlas.engine.current().engine, asOf);
      after = figures(this.throwawayEngine(layer, owner, mode, features), asOf);
    }
    const targets = this.atlas.targets().indicators;
    const wanted = feeds ?? targets.map((t) => t.id);
    const indicators = targets
      .filter((t) => wanted.includes(t.id))
      .map((t) => ({ id: t.id, label: t.label, areas: areasOf(t.id, before, after) }))
      // For a base layer every indicator is computed; report the ones that move.
      .filter((i) => feeds || i.areas.some((a) => a.changed));
    return { asOf, view: 'in_service', method, ms: Math.round(performance.now() - started), indicators };
  }

  private throwawayEngine(layer: LayerId, owner: string, mode: WriteMode, features: readonly StoredFeature[]): ComplianceEngine {
    const layers = {} as Record<LayerId, FeatureRecord[]>;
    for (const l of LAYER_IDS) {
      if (l !== layer) {
        layers[l] = [...this.atlas.store.features(l)];
        continue;
      }
      const incoming = new Set(features.map((f) => f.id));
      const kept = [...this.atlas.store.features(l)].filter((f) => f.owner !== owner || (mode === 'append' && !incoming.has(f.id)));
      layers[l] = [...kept, ...features];
    }
    const city = this.atlas.base.city;
    return new ComplianceEngine(layers as LayerData, this.atlas.targets(), { city: { code: city.code, name: city.name.zh } });
  }
}

function figures(engine: ComplianceEngine, asOf: string): Figures {
  const out: Figures = new Map();
  for (const level of ['city', 'district'] as const) {
    for (const area of engine.compliance(level, asOf).areas) {
      for (const r of area.indicators) {
        out.set(`${r.id}|${level}|${area.code}|${area.name}`, { value: r.value, numerator: r.numerator, denominator: r.denominator, status: r.status });
      }
    }
  }
  return out;
}

function sameFigures(a: Figures, b: Figures): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (JSON.stringify(v) !== JSON.stringify(b.get(k))) return false;
  return true;
}

function areasOf(id: IndicatorId, before: Figures, after: Figures): EffectArea[] {
  const out: EffectArea[] = [];
  for (const [key, b] of before) {
    const [ind, level, code, name] = key.split('|') as [string, 'city' | 'district', string, string];
    if (ind !== id) continue;
    const a = after.get(key) ?? b;
    out.push({ level, code, name, before: b, after: a, changed: JSON.stringify(a) !== JSON.stringify(b) });
  }
  return out;
}
