/**
 * The deterministic demo city: from the real base geography (district boundaries, township and
 * village names) and a seed number, a believable rollout of every layer. Same seed and scale,
 * byte-identical output (tests/seeds/generate.test.ts holds it to that).
 */
import { INFO_STATION_CRITERIA, type LayerId } from '../../geodata/schema';
import type { BaseGeography } from '../../geodata/base/types';
import { Rng } from '../rng';
import { Region } from './geo';
import { generateDucts } from './ducts';
import { PROFILES, profileOf, type Profile } from './profiles';
import { generateFixedService, generateServiceAreas } from './service';
import { generateBuildings, placeVillages } from './settlements';
import { generateTownships } from './townships';
import type { GeneratedFeature } from './types';
import { generateHotspots, generateMobileSites, generatePublicPlaces } from './wireless';

export type { GeneratedFeature } from './types';

export const SCALES = { small: 5_000, city: 100_000, large: 1_000_000 } as const;
export type Scale = keyof typeof SCALES;
export const DEFAULT_SEED = 20151231;

export interface DemoCity {
  scale: Scale;
  seed: number;
  profiles: Record<string, Profile>;
  layers: Record<LayerId, GeneratedFeature[]>;
}

export function isScale(value: string): value is Scale {
  return Object.hasOwn(SCALES, value);
}

export function generateDemoCity(base: BaseGeography, scale: Scale, seed = DEFAULT_SEED): DemoCity {
  const rng = new Rng(seed);
  const districtCodes = base.districts.features.map((f) => f.properties.code);
  const profiles = new Map(districtCodes.map((c) => [c, profileOf(districtCodes, c)] as const));

  const townships = generateTownships(base, rng);
  const villages = placeVillages(townships, base.villages, rng);
  const buildings = generateBuildings(villages, SCALES[scale], rng);
  const { features: places, places: placeSeeds } = generatePublicPlaces(townships, rng);
  const districtRegions = base.districts.features.map((f) => ({ code: f.properties.code, region: new Region(f.geometry) }));

  const stations = rng.fork('stations');
  const layers: Record<LayerId, GeneratedFeature[]> = {
    districts: base.districts.features.map((f) => ({
      owner: 'city',
      id: f.properties.code,
      geometry: f.geometry,
      properties: { code: f.properties.code, name: f.properties.name, name_en: f.properties.name_en },
    })),
    townships: townships.map((t) => ({
      owner: 'city',
      id: t.record.code,
      geometry: t.region.geometry,
      properties: {
        code: t.record.code,
        name: t.record.name,
        short_name: t.record.short_name,
        name_pinyin: t.record.name_pinyin,
        district_code: t.record.district_code,
        kind: t.record.kind,
        settlement: t.record.settlement,
      },
    })),
    villages: villages.map((v) => {
      const full = PROFILES[profiles.get(v.township.record.district_code) ?? 'average'].fullStations;
      return {
        owner: 'city',
        id: v.record.code,
        geometry: { type: 'Point', coordinates: v.seat },
        properties: {
          code: v.record.code,
          name: v.record.name,
          short_name: v.record.short_name,
          name_pinyin: v.record.name_pinyin,
          township_code: v.record.township_code,
          kind: v.record.kind,
          settlement: v.record.settlement,
          // Only administrative villages are asked to have a station (clause (四)1).
          ...(v.record.kind === 'village' ? { info_station: station(stations, full) } : {}),
        },
      };
    }),
    buildings: buildings.map((b) => ({
      owner: 'city',
      id: b.id,
      geometry: { type: 'Point', coordinates: b.position },
      properties: { id: b.id, use: b.use, households: b.households },
    })),
    fixed_service: [...generateFixedService(buildings, profiles, rng), ...generateServiceAreas(townships, rng)],
    wifi_hotspots: generateHotspots(placeSeeds, profiles, rng),
    public_places: places,
    mobile_sites: generateMobileSites(districtRegions, profiles, rng),
    ducts: generateDucts(townships, rng),
    egress: egressRecords(),
  };
  return { scale, seed, profiles: Object.fromEntries(profiles), layers };
}

/** The contract's five criteria, in its order (a site and equipment come first). */
const CRITERIA = Object.keys(INFO_STATION_CRITERIA);

function station(rng: Rng, fullShare: number): Record<string, boolean> {
  if (rng.chance(fullShare)) return Object.fromEntries(CRITERIA.map((c) => [c, true]));
  // Usually a site and equipment exist first; officers, rules and mechanisms come later.
  const met = rng.int(0, 4);
  return Object.fromEntries(CRITERIA.map((c, i) => [c, i < met]));
}

/** Each carrier's city egress at each year end: the city passes 500 Gbit/s during 2015. */
function egressRecords(): GeneratedFeature[] {
  const yearly: Record<string, number[]> = {
    telecom: [60, 100, 160, 240, 320],
    mobile: [30, 60, 110, 170, 240],
    unicom: [20, 40, 70, 110, 150],
  };
  const out: GeneratedFeature[] = [];
  for (const [carrier, values] of Object.entries(yearly)) {
    values.forEach((gbps, i) => {
      const year = 2012 + i;
      const id = `${carrier}-${year}`;
      out.push({ owner: carrier, id, geometry: null, properties: { id, carrier, gbps, as_of: `${year}-12-31` } });
    });
  }
  return out;
}
