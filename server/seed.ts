/**
 * Put the demo city into a store: one batch per layer and owner, by the actor `seed`, and a
 * `demo` marker so the UI can badge the data as synthetic.
 */
import { LAYER_IDS } from '../geodata/schema';
import type { BaseGeography } from '../geodata/base/types';
import { generateDemoCity, type Scale } from '../seeds/generate';
import type { AtlasStore, StoredFeature } from './store/types';

export interface SeedSummary {
  scale: Scale;
  seed: number;
  counts: Record<string, number>;
  version: number;
}

export function seedDemo(store: AtlasStore, base: BaseGeography, scale: Scale, seed?: number): SeedSummary {
  const city = generateDemoCity(base, scale, seed);
  const counts: Record<string, number> = {};
  // One transaction for the whole demo: a server killed while seeding leaves an empty store,
  // which the next start seeds again — never half a city.
  store.atomically(() => {
    for (const layer of LAYER_IDS) {
      const byOwner = new Map<string, StoredFeature[]>();
      for (const f of city.layers[layer]) {
        const list = byOwner.get(f.owner) ?? [];
        list.push({ layer, owner: f.owner, id: f.id, geometry: f.geometry, properties: f.properties });
        byOwner.set(f.owner, list);
      }
      for (const [owner, features] of [...byOwner].sort(([a], [b]) => a.localeCompare(b))) {
        store.commit({ actor: 'seed', layer, owner, mode: 'replace', note: `demo city, scale ${scale}, seed ${city.seed}` }, features);
      }
      counts[layer] = city.layers[layer].length;
    }
    store.setMeta('demo', JSON.stringify({ scale, seed: city.seed, profiles: city.profiles }));
  });
  return { scale, seed: city.seed, counts, version: store.version() };
}
