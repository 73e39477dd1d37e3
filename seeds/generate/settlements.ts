/**
 * Village seats and the buildings around them. Buildings cluster as real settlements do: big,
 * dense communities in the urban cores, smaller ones in town seats, hamlets scattered in the
 * countryside. Every building lies inside the township its village belongs to.
 */
import type { Position } from 'geojson';
import type { BuildingUse, Settlement } from '../../geodata/schema';
import type { VillageRecord } from '../../geodata/base/types';
import type { Rng } from '../rng';
import { bestCandidate, round6, roundPosition } from './geo';
import type { TownshipArea } from './townships';

export interface VillageSeat {
  record: VillageRecord;
  township: TownshipArea;
  seat: Position;
}

export interface BuildingSeed {
  id: string;
  position: Position;
  use: BuildingUse;
  households: number;
  settlement: Settlement;
  districtCode: string;
}

export function placeVillages(townships: TownshipArea[], villages: VillageRecord[], rng: Rng): VillageSeat[] {
  const byTownship = new Map<string, VillageRecord[]>();
  for (const v of villages) {
    const list = byTownship.get(v.township_code) ?? [];
    list.push(v);
    byTownship.set(v.township_code, list);
  }
  const out: VillageSeat[] = [];
  for (const t of townships) {
    const list = byTownship.get(t.record.code) ?? [];
    const r = rng.fork(`villages:${t.record.code}`);
    const communities = list.filter((v) => v.kind === 'community');
    const rural = list.filter((v) => v.kind !== 'community');
    // Communities gather round the township seat; administrative villages spread over the rest.
    const nearSeat = (): Position => {
      for (let i = 0; ; i++) {
        const s = 0.006 + 0.002 * Math.sqrt(communities.length);
        const p: Position = [t.seat[0]! + r.normal() * s, t.seat[1]! + r.normal() * s];
        if (t.region.contains(p[0]!, p[1]!) || i > 200) return t.region.contains(p[0]!, p[1]!) ? p : t.seat;
      }
    };
    const communitySeats = bestCandidate(r, communities.length, nearSeat, [], 6);
    const villageSeats = bestCandidate(r, rural.length, () => t.region.randomPoint(r), [t.seat, ...communitySeats], 10);
    communities.forEach((record, i) => out.push({ record, township: t, seat: roundPosition(communitySeats[i]!) }));
    rural.forEach((record, i) => out.push({ record, township: t, seat: roundPosition(villageSeats[i]!) }));
  }
  return out.sort((a, b) => a.record.code.localeCompare(b.record.code));
}

/** Relative size of a settlement (share of the city's buildings) and its spread in degrees. */
const CLUSTER: Record<Settlement, { weight: number; spread: number }> = {
  urban: { weight: 40, spread: 0.0045 },
  town: { weight: 12, spread: 0.003 },
  rural: { weight: 3, spread: 0.0018 },
};

/** Households per building and the mix of uses, by settlement class. */
const USES: Record<Settlement, { uses: BuildingSeed['use'][]; weights: number[]; households: [number, number] }> = {
  urban: { uses: ['residential', 'commercial', 'mixed', 'public', 'industrial'], weights: [78, 12, 5, 3, 2], households: [12, 96] },
  town: { uses: ['residential', 'commercial', 'mixed', 'public', 'industrial'], weights: [85, 7, 4, 2, 2], households: [2, 24] },
  rural: { uses: ['residential', 'commercial', 'public', 'industrial'], weights: [95, 2, 2, 1], households: [1, 4] },
};

export function generateBuildings(villages: VillageSeat[], totalBuildings: number, rng: Rng): BuildingSeed[] {
  const weights = villages.map((v) => CLUSTER[v.record.settlement].weight);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  // Largest-remainder apportionment, so the total is exact and the split deterministic.
  const exact = weights.map((w) => (w / totalWeight) * totalBuildings);
  const counts = exact.map(Math.floor);
  let left = totalBuildings - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    counts[i]!++;
  }

  const out: BuildingSeed[] = [];
  const width = String(totalBuildings).length;
  villages.forEach((v, vi) => {
    const r = rng.fork(`buildings:${v.record.code}`);
    const { spread } = CLUSTER[v.record.settlement];
    const mix = USES[v.record.settlement];
    for (let n = 0; n < counts[vi]!; n++) {
      let p: Position = v.seat;
      for (let attempt = 0; attempt < 30; attempt++) {
        const q: Position = [v.seat[0]! + r.normal() * spread, v.seat[1]! + r.normal() * spread * 0.9];
        if (v.township.region.contains(q[0]!, q[1]!)) {
          p = q;
          break;
        }
      }
      const use = r.weighted(mix.uses, mix.weights);
      const households = use === 'residential' || use === 'mixed' ? r.int(mix.households[0], mix.households[1]) : 0;
      out.push({
        id: '',
        position: [round6(p[0]!), round6(p[1]!)],
        use,
        households,
        settlement: v.record.settlement,
        districtCode: v.township.record.district_code,
      });
    }
  });
  out.forEach((b, i) => (b.id = `B${String(i + 1).padStart(width, '0')}`));
  return out;
}
