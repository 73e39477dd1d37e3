/**
 * Ducts along a plausible road graph: a minimum spanning tree joining the township seats of each
 * district (plus a few extra links, as real networks have loops), trunk routes between district
 * seats, and a street grid in each urban core. Lines wiggle a little, as roads do.
 */
import type { Position } from 'geojson';
import type { Rng } from '../rng';
import { dist2, randomDate, roundPosition } from './geo';
import type { GeneratedFeature } from './types';
import type { TownshipArea } from './townships';

interface Edge {
  a: Position;
  b: Position;
  trunk: boolean;
}

export function generateDucts(townships: TownshipArea[], rng: Rng): GeneratedFeature[] {
  const r = rng.fork('ducts');
  const edges: Edge[] = [];
  const byDistrict = new Map<string, TownshipArea[]>();
  for (const t of townships) {
    const list = byDistrict.get(t.record.district_code) ?? [];
    list.push(t);
    byDistrict.set(t.record.district_code, list);
  }
  const hubs: Position[] = [];
  for (const [, list] of [...byDistrict].sort(([a], [b]) => a.localeCompare(b))) {
    const seats = list.map((t) => t.seat);
    for (const [i, j] of spanningTree(seats)) edges.push({ a: seats[i]!, b: seats[j]!, trunk: false });
    // A few loops: join some seats to their second-nearest neighbour.
    for (let i = 0; i < seats.length; i++) {
      if (!r.chance(0.2)) continue;
      const j = nearest(seats, i, 2);
      if (j >= 0) edges.push({ a: seats[i]!, b: seats[j]!, trunk: false });
    }
    const urban = list.filter((t) => t.record.settlement === 'urban');
    const hub = (urban[0] ?? list[0]!).seat;
    hubs.push(hub);
    for (const t of urban) edges.push(...streetGrid(t.seat, r));
  }
  for (const [i, j] of spanningTree(hubs)) edges.push({ a: hubs[i]!, b: hubs[j]!, trunk: true });

  return edges.map((e, i) => {
    const id = `D${String(i + 1).padStart(5, '0')}`;
    const ducts = e.trunk ? r.int(12, 36) : r.int(2, 12);
    const owner = r.weighted(['city', 'telecom', 'mobile', 'unicom'], [2, 4, 2, 2]);
    return {
      owner,
      id,
      geometry: { type: 'LineString', coordinates: wiggle(e.a, e.b, r) },
      properties: {
        id,
        owner,
        ducts,
        spare_ducts: r.int(0, Math.floor(ducts / 2)),
        in_service: randomDate(r, '2008-01-01', '2016-12-31'),
      },
    };
  });
}

/** Prim's algorithm on planar distance: index pairs of the tree's edges. */
function spanningTree(points: Position[]): [number, number][] {
  if (points.length < 2) return [];
  const cosLat = Math.cos((points[0]![1]! * Math.PI) / 180);
  const inTree = new Array<boolean>(points.length).fill(false);
  const best = new Array<number>(points.length).fill(Infinity);
  const parent = new Array<number>(points.length).fill(-1);
  best[0] = 0;
  const edges: [number, number][] = [];
  for (let k = 0; k < points.length; k++) {
    let u = -1;
    for (let i = 0; i < points.length; i++) if (!inTree[i] && (u < 0 || best[i]! < best[u]!)) u = i;
    inTree[u] = true;
    if (parent[u]! >= 0) edges.push([parent[u]!, u]);
    for (let v = 0; v < points.length; v++) {
      if (inTree[v]) continue;
      const d = dist2(points[u]!, points[v]!, cosLat);
      if (d < best[v]!) {
        best[v] = d;
        parent[v] = u;
      }
    }
  }
  return edges;
}

function nearest(points: Position[], i: number, rank: number): number {
  const cosLat = Math.cos((points[i]![1]! * Math.PI) / 180);
  const order = points
    .map((p, j) => [dist2(points[i]!, p, cosLat), j] as const)
    .filter(([, j]) => j !== i)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return order[rank - 1]?.[1] ?? -1;
}

/** A 3×3 block of streets (~600 m apart) around an urban seat. */
function streetGrid(center: Position, r: Rng): Edge[] {
  const step = 0.006;
  const edges: Edge[] = [];
  for (let k = -1; k <= 1; k++) {
    const o = k * step + r.range(-0.001, 0.001);
    edges.push({ a: [center[0]! - 1.5 * step, center[1]! + o], b: [center[0]! + 1.5 * step, center[1]! + o], trunk: false });
    edges.push({ a: [center[0]! + o, center[1]! - 1.5 * step], b: [center[0]! + o, center[1]! + 1.5 * step], trunk: false });
  }
  return edges;
}

function wiggle(a: Position, b: Position, r: Rng): Position[] {
  const n = 4;
  const line: Position[] = [roundPosition(a)];
  const nx = -(b[1]! - a[1]!);
  const ny = b[0]! - a[0]!;
  for (let i = 1; i < n; i++) {
    const t = i / n;
    const off = r.range(-0.04, 0.04);
    line.push(roundPosition([a[0]! + (b[0]! - a[0]!) * t + nx * off, a[1]! + (b[1]! - a[1]!) * t + ny * off]));
  }
  line.push(roundPosition(b));
  return line;
}
