/**
 * The ring self-crossing check (geodata/ring-crossing.ts) against two references no code of the
 * new check computes: the former pairwise check (below, verbatim but for names) — the same
 * answer, pair and point, on random rings, degenerate rings on an integer grid, and adversarial
 * rings small enough for it — and GEOS (ST_IsSimple through GDAL's ogrinfo) for the verdict.
 * Adversarial rings too big for either (zigzags, combs, spirals and stars of 100,000+
 * vertices, the shapes that made the former check quadratic) must still be answered, with a
 * crossing placed by hand found at its edges.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { selfIntersection } from '../../geodata/ring-crossing';
import { checkGeometry } from '../../geodata/validate-geometry';
import { Rng } from '../../seeds/rng';

type Ring = number[][];

// ------------------------------------------------------------------ the former check

function formerCheck(input: readonly (readonly number[])[]): { a: number; b: number; point: [number, number] } | null {
  const ring: (readonly number[])[] = [];
  const original: number[] = [];
  input.forEach((p, i) => {
    const last = ring[ring.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) {
      ring.push(p);
      original.push(i);
    }
  });
  const n = ring.length - 1;
  if (n < 3) return null;
  const order = Array.from({ length: n }, (_, i) => i);
  const minX = (i: number) => Math.min(ring[i]![0]!, ring[i + 1]![0]!);
  const maxX = (i: number) => Math.max(ring[i]![0]!, ring[i + 1]![0]!);
  if (n > 32) order.sort((a, b) => minX(a) - minX(b));
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const right = maxX(i);
    for (let m = k + 1; m < n; m++) {
      const j = order[m]!;
      if (n > 32 && minX(j) > right) break;
      const lo = Math.min(i, j);
      const hi = Math.max(i, j);
      if (hi - lo === 1 || (lo === 0 && hi === n - 1)) continue;
      const p = formerCrossing(ring[lo]!, ring[lo + 1]!, ring[hi]!, ring[hi + 1]!);
      if (p) return { a: original[lo]!, b: original[hi]!, point: p };
    }
  }
  return null;
}

function formerCrossing(p1: readonly number[], p2: readonly number[], p3: readonly number[], p4: readonly number[]): [number, number] | null {
  const [x1, y1] = p1 as [number, number];
  const [x2, y2] = p2 as [number, number];
  const [x3, y3] = p3 as [number, number];
  const [x4, y4] = p4 as [number, number];
  const d1 = orient(x3, y3, x4, y4, x1, y1);
  const d2 = orient(x3, y3, x4, y4, x2, y2);
  const d3 = orient(x1, y1, x2, y2, x3, y3);
  const d4 = orient(x1, y1, x2, y2, x4, y4);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
    const t = d1 / (d1 - d2);
    return [x1 + t * (x2 - x1), y1 + t * (y2 - y1)];
  }
  if (d1 === 0 && onSegment(x3, y3, x4, y4, x1, y1)) return [x1, y1];
  if (d2 === 0 && onSegment(x3, y3, x4, y4, x2, y2)) return [x2, y2];
  if (d3 === 0 && onSegment(x1, y1, x2, y2, x3, y3)) return [x3, y3];
  if (d4 === 0 && onSegment(x1, y1, x2, y2, x4, y4)) return [x4, y4];
  return null;
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

function onSegment(ax: number, ay: number, bx: number, by: number, px: number, py: number): boolean {
  return Math.min(ax, bx) <= px && px <= Math.max(ax, bx) && Math.min(ay, by) <= py && py <= Math.max(ay, by);
}

// ------------------------------------------------------------------ rings

const close = (ring: Ring): Ring => [...ring, ring[0]!];

/** Random points in random order: crossings almost everywhere. */
const scrambled = (r: Rng, n: number): Ring => close(Array.from({ length: n }, () => [r.range(118, 119), r.range(32, 33)]));

/** Points sorted by angle around a centre with random radii: simple (a star-shaped polygon). */
function starShaped(r: Rng, n: number): Ring {
  const angles = Array.from({ length: n }, () => r.range(0, 2 * Math.PI)).sort((a, b) => a - b);
  return close(angles.map((a) => [118.5 + r.range(0.05, 0.5) * Math.cos(a), 32.5 + r.range(0.05, 0.5) * Math.sin(a)]));
}

/** A random walk on a small integer grid: touches, vertices on edges, folds, collinear overlaps. */
function gridWalk(r: Rng, n: number): Ring {
  const ring: Ring = [[r.int(0, 5), r.int(0, 5)]];
  for (let i = 1; i < n; i++) ring.push([r.int(0, 5), r.int(0, 5)]);
  return close(ring);
}

/** A zigzag: teeth from y = 0.1 to y = 1 and back along the bottom: simple, every edge tall. */
function zigzag(teeth: number): Ring {
  const ring: Ring = [];
  for (let i = 0; i <= teeth; i++) ring.push([i, i % 2 ? 1 : 0.1]);
  ring.push([teeth, 0], [0, 0]);
  return close(ring);
}

/** A comb: long horizontal teeth, so the sweep line cuts every one of them at once. */
function comb(teeth: number): Ring {
  const ring: Ring = [[0, 0]];
  for (let i = 0; i < teeth; i++) ring.push([1000, 2 * i], [1000, 2 * i + 1], [1, 2 * i + 1], [1, 2 * i + 2]);
  ring.push([0, 2 * teeth]);
  return close(ring);
}

/** Long thin spikes out from a centre: every edge's box overlaps most others' (a box index's worst case). */
function spikes(n: number): Ring {
  const ring: Ring = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    const b = (2 * Math.PI * (i + 0.5)) / n;
    ring.push([Math.cos(a) * 0.001, Math.sin(a) * 0.001], [Math.cos(b) * 10, Math.sin(b) * 10]);
  }
  return close(ring);
}

/**
 * An Archimedean spiral band: out along r = θ, back along r = θ + π (half-way to the next turn),
 * 64 vertices a turn. Simple, with every turn's edges wrapped around the ones inside.
 */
function spiral(turns: number): Ring {
  const steps = turns * 64;
  const at = (k: number, shift: number): number[] => {
    const a = (2 * Math.PI * k) / 64 + 2 * Math.PI;
    return [(a + shift) * Math.cos(a), (a + shift) * Math.sin(a)];
  };
  const out = Array.from({ length: steps + 1 }, (_, k) => at(k, 0));
  const back = Array.from({ length: steps + 1 }, (_, k) => at(steps - k, Math.PI));
  return close([...out, ...back]);
}

/** Edges (i, j) of a ring that meet, i among `edges`, j any other edge but a neighbour. */
function meetings(ring: Ring, edges: number[]): [number, number][] {
  const n = ring.length - 1;
  const out: [number, number][] = [];
  for (const i of edges)
    for (let j = 0; j < n; j++) {
      const lo = Math.min(i, j);
      const hi = Math.max(i, j);
      if (hi - lo <= 1 || (lo === 0 && hi === n - 1)) continue;
      if (formerCrossing(ring[lo]!, ring[lo + 1]!, ring[hi]!, ring[hi + 1]!)) out.push([lo, hi]);
    }
  return out;
}

/** The ring with vertex k moved to a random place inside its box where its two edges meet others. */
function breakAt(ring: Ring, k: number, r: Rng): Ring {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const [x, y] of ring as [number, number][]) [x0, x1, y0, y1] = [Math.min(x0, x), Math.max(x1, x), Math.min(y0, y), Math.max(y1, y)];
  for (;;) {
    const broken = ring.map((p) => [...p]);
    broken[k] = [r.range(x0, x1), r.range(y0, y1)];
    if (meetings(broken, [k - 1, k]).length > 0) return broken;
  }
}

// ------------------------------------------------------------------ tests

describe('the same answers as the former check', () => {
  it('on random rings: scrambled, star-shaped, and star-shaped with one vertex moved', () => {
    const r = new Rng(12);
    let crossings = 0;
    let simple = 0;
    for (let t = 0; t < 600; t++) {
      const n = r.pick([4, 5, 8, 20, 33, 40, 64, 200, 1000]);
      const kind = t % 3;
      const ring = kind === 0 ? scrambled(r, n) : starShaped(r, n);
      if (kind === 2) {
        const k = r.int(1, n - 2);
        ring[k] = [r.range(118, 119), r.range(32, 33)];
      }
      const want = formerCheck(ring);
      expect(selfIntersection(ring), `ring ${t} (${n} vertices, kind ${kind})`).toEqual(want);
      if (want) crossings++;
      else simple++;
    }
    // Both answers well represented, so the comparison means something.
    expect(crossings).toBeGreaterThan(200);
    expect(simple).toBeGreaterThan(80);
  });

  it('on degenerate rings on an integer grid (touches, vertices on edges, folds, overlaps)', () => {
    const r = new Rng(7);
    const seen = new Set<string>();
    for (let t = 0; t < 3000; t++) {
      const ring = gridWalk(r, r.pick([4, 5, 6, 9, 34, 40, 80]));
      const want = formerCheck(ring);
      expect(selfIntersection(ring), JSON.stringify(ring)).toEqual(want);
      seen.add(want ? 'crossing' : 'simple');
    }
    expect(seen).toEqual(new Set(['crossing', 'simple']));
    // Two long edges that become neighbours in the sweep only when a spike between them ends,
    // and cross after it: found only by testing the pair a removal leaves adjacent. Padded to
    // more than 32 edges (collinear vertices along the vertical) so the sweep, not the pairwise
    // path, answers.
    const late: Ring = close([[0, 2], [10, 0], ...Array.from({ length: 40 }, (_, i) => [10, (i + 1) / 21]), [10, 2], [0, 0], [-1, 0.5], [2, 1], [-1, 1.5]]);
    expect(formerCheck(late)).not.toBeNull();
    expect(selfIntersection(late)).toEqual(formerCheck(late));
    // Rectangles traced with collinear extra vertices: simple, whatever the order of events.
    const rect = close([[0, 0], [1, 0], [2, 0], [3, 0], [3, 1], [3, 2], [2, 2], [1, 2], [0, 2], [0, 1]]);
    expect(selfIntersection(rect)).toBeNull();
  });

  it('on adversarial rings small enough for the former check', () => {
    const rings: [string, Ring][] = [
      ['zigzag', zigzag(3000)],
      ['comb', comb(400)],
      ['spikes', spikes(1500)],
      ['spiral', spiral(40)],
    ];
    for (const [name, ring] of rings) {
      expect(formerCheck(ring), name).toBeNull();
      expect(selfIntersection(ring), name).toBeNull();
      // The same ring broken: one vertex moved to where its edges cross others.
      const broken = breakAt(ring, Math.floor(ring.length / 2), new Rng(ring.length));
      const want = formerCheck(broken);
      expect(want, `${name}, broken`).not.toBeNull();
      expect(selfIntersection(broken), `${name}, broken`).toEqual(want);
    }
  });
});

describe('the verdict agrees with GEOS (ST_IsSimple through GDAL)', () => {
  it('on random, degenerate and adversarial rings', async () => {
    const r = new Rng(99);
    const rings: Ring[] = [];
    for (let t = 0; t < 150; t++) rings.push(t % 3 === 0 ? scrambled(r, r.pick([5, 40, 300])) : t % 3 === 1 ? starShaped(r, r.pick([6, 50, 500])) : gridWalk(r, r.pick([5, 8, 40])));
    rings.push(zigzag(500), comb(100), spikes(300), spiral(12));
    const dir = mkdtempSync(join(tmpdir(), 'atlas-rings-'));
    try {
      const file = join(dir, 'rings.geojson');
      const features = rings.map((ring, id) => ({ type: 'Feature', properties: { id }, geometry: { type: 'LineString', coordinates: ring } }));
      writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features }));
      const { stdout } = await promisify(execFile)('ogrinfo', ['-q', '-dialect', 'SQLite', '-sql', 'SELECT id, ST_IsSimple(geometry) AS simple FROM rings', file], { maxBuffer: 1 << 26 });
      const geos = new Map([...stdout.matchAll(/id \(Integer\) = (\d+)\s+simple \(Integer\) = (\d)/g)].map((m) => [Number(m[1]), m[2] === '1']));
      expect(geos.size).toBe(rings.length);
      const verdicts = new Set<boolean>();
      rings.forEach((ring, id) => {
        expect(selfIntersection(ring) === null, `ring ${id}: ${JSON.stringify(ring).slice(0, 200)}`).toBe(geos.get(id));
        verdicts.add(geos.get(id)!);
      });
      expect(verdicts).toEqual(new Set([true, false]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('adversarial rings too big for the former check', () => {
  const big: [string, Ring][] = [
    ['zigzag of 200,000 vertices', zigzag(200_000)],
    ['comb of 40,000 teeth (160,000 vertices)', comb(40_000)],
    ['100,000 spikes (200,000 vertices)', spikes(100_000)],
    ['spiral of 2,000 turns (256,000 vertices)', spiral(2_000)],
  ];
  it.each(big)('%s: simple, and answered', (_name, ring) => {
    expect(selfIntersection(ring)).toBeNull();
  });

  it.each(big)("%s, with one vertex moved across: a crossing of that vertex's edges is named", (_name, ring) => {
    const k = Math.floor(ring.length / 3);
    const broken = breakAt(ring, k, new Rng(k));
    const hit = selfIntersection(broken);
    expect(hit).not.toBeNull();
    // Only edges k − 1 and k moved: every crossing of the broken ring involves one of them.
    const real = meetings(broken, [k - 1, k]).map(([a, b]) => `${a}-${b}`);
    expect(real).toContain(`${hit!.a}-${hit!.b}`);
  });

  it('the upload check gives a located self_intersection on a 150,000-vertex zigzag district', () => {
    const ring = zigzag(150_000).map(([x, y]) => [118 + x! * 1e-5, 32 + y! * 0.1]);
    expect(checkGeometry('districts', { type: 'Polygon', coordinates: [ring] }).problems).toEqual([]);
    ring[1000] = [ring[1003]![0]! + 1e-6, ring[1003]![1]!];
    const problems = checkGeometry('districts', { type: 'Polygon', coordinates: [ring] }).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'self_intersection', path: 'geometry.coordinates[0]' });
  });
});
