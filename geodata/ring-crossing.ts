/**
 * Where a closed ring crosses or touches itself, in O(n log n) whatever the ring: a plane sweep
 * (Shamos–Hoey) over the edges with a balanced ordered structure (a treap) for the edges the
 * sweep line cuts, and exact orientation tests (Shewchuk's predicates), so collinear touches
 * and vertices lying on other edges are decided exactly, never by rounding.
 *
 * The answer is the one the former pairwise check gave (kept for small rings, and as the
 * reference in tests/hardening/ring-crossing.test.ts): edges sorted by their west end, the
 * first edge in that order that meets a later one, and the first such later one. Once the sweep
 * knows a ring is not simple, that pair is looked up with a spatial index over the edges
 * (flatbush), within a work budget; past the budget (a ring built to make every edge's box
 * overlap every other's), the pair the sweep found is given instead: still a real crossing,
 * located by its two edges and the point.
 *
 * Edges that share a vertex (neighbours, and the last with the first) are never compared:
 * exports often repeat positions, and a neighbour folding back over its neighbour always makes
 * a non-neighbour pair meet too (a ring of four or more edges), which is what is reported.
 */
import Flatbush from 'flatbush';
import { orient2d } from 'robust-predicates';

export interface Crossing {
  /** Indices of the two crossing edges (edge i runs from vertex i to i + 1). */
  a: number;
  b: number;
  point: [number, number];
}

type Pos = readonly number[];

/** Rings up to this many edges are compared pairwise, exactly as before. */
const PAIRWISE_EDGES = 32;

/** Work budget of the lookup of the reported pair: index visits per edge (plus a floor). */
const LOCATE_TESTS_PER_EDGE = 16;
const LOCATE_TESTS_FLOOR = 1 << 16;

export function selfIntersection(input: readonly Pos[]): Crossing | null {
  // Repeated consecutive positions are harmless (exports often have them) but would make two
  // edges that are not neighbours share a vertex: drop them first, keeping original indices.
  const ring: Pos[] = [];
  const original: number[] = [];
  input.forEach((p, i) => {
    const last = ring[ring.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) {
      ring.push(p);
      original.push(i);
    }
  });
  const n = ring.length - 1; // edges; the last position repeats the first
  if (n < 3) return null;
  const answer = (lo: number, hi: number, point: [number, number]): Crossing => ({ a: original[lo]!, b: original[hi]!, point });
  if (n <= PAIRWISE_EDGES) {
    const hit = firstPairwise(ring, n);
    return hit && answer(hit.lo, hit.hi, hit.point);
  }
  const found = sweep(ring, n);
  if (!found) return null;
  const order = westOrder(ring, n);
  const hit = firstByIndex(ring, n, order) ?? reportable(ring, n, found);
  return answer(hit.lo, hit.hi, hit.point);
}

interface Hit {
  lo: number;
  hi: number;
  point: [number, number];
}

/** Edges by their west end (stable: ties keep ring order), as the former check sorted them. */
function westOrder(ring: Pos[], n: number): number[] {
  const minX = (i: number) => Math.min(ring[i]![0]!, ring[i + 1]![0]!);
  return Array.from({ length: n }, (_, i) => i).sort((a, b) => minX(a) - minX(b));
}

/** Thrown from inside a flatbush search to stop it when the lookup's budget is spent. */
const SPENT = Symbol('budget spent');

const neighbours = (i: number, j: number, n: number) => {
  const lo = Math.min(i, j);
  const hi = Math.max(i, j);
  return hi - lo === 1 || (lo === 0 && hi === n - 1);
};

function meet(ring: Pos[], i: number, j: number): Hit | null {
  const lo = Math.min(i, j);
  const hi = Math.max(i, j);
  const p = crossing(ring[lo]!, ring[lo + 1]!, ring[hi]!, ring[hi + 1]!);
  return p ? { lo, hi, point: p } : null;
}

/** The former check on a small ring: the first edge meeting a later one, in ring order. */
function firstPairwise(ring: Pos[], n: number): Hit | null {
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (neighbours(i, j, n)) continue;
      const hit = meet(ring, i, j);
      if (hit) return hit;
    }
  }
  return null;
}

/**
 * The same pair as the former check gave for a large ring — the first edge in west order that
 * meets a later one, and the first such later one — found with an index over the edges' boxes.
 * Null when the budget runs out first.
 */
function firstByIndex(ring: Pos[], n: number, order: number[]): Hit | null {
  const rank = new Int32Array(n);
  order.forEach((edge, k) => (rank[edge] = k));
  const index = new Flatbush(n);
  for (let i = 0; i < n; i++) {
    const [ax, ay] = ring[i] as [number, number];
    const [bx, by] = ring[i + 1] as [number, number];
    index.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
  }
  index.finish();
  // Every box the index hands out counts, tested or not: that is the work a hostile ring inflates.
  let visits = Math.max(LOCATE_TESTS_FLOOR, LOCATE_TESTS_PER_EDGE * n);
  try {
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      const [ax, ay] = ring[i] as [number, number];
      const [bx, by] = ring[i + 1] as [number, number];
      let best: Hit | null = null;
      let bestRank = Infinity;
      index.search(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by), (j) => {
        if (--visits < 0) throw SPENT;
        if (rank[j]! <= k || rank[j]! >= bestRank || neighbours(i, j, n)) return false;
        const hit = meet(ring, i, j);
        if (hit) {
          best = hit;
          bestRank = rank[j]!;
        }
        return false;
      });
      if (best) return best;
    }
  } catch (e) {
    if (e === SPENT) return null;
    throw e;
  }
  return null;
}

/**
 * The sweep's find as a pair the report can name: two edges that are not neighbours. A
 * neighbour folding back along its neighbour (a spike) always makes one of the two pairs
 * around it meet: the edge after next starts on the first, or the edge before ends on the second.
 */
function reportable(ring: Pos[], n: number, found: [number, number]): Hit {
  const [i, j] = found;
  if (!neighbours(i, j, n)) return meet(ring, i, j)!;
  const first = (i + 1) % n === j ? i : j; // the pair runs first → first + 1
  const candidates: [number, number][] = [
    [first, (first + 2) % n],
    [(first + n - 1) % n, (first + 1) % n],
  ];
  for (const [x, y] of candidates) {
    const hit = !neighbours(x, y, n) && meet(ring, x, y);
    if (hit) return hit;
  }
  throw new Error('ring crossing: a folded neighbour pair without a crossing pair around it');
}

// ------------------------------------------------------------------ the sweep

/** Orientation of c against the directed line a→b: > 0 left, < 0 right, 0 on it (exact). */
function orient(a: Pos, b: Pos, c: Pos): number {
  // robust-predicates' sign is the other way round (positive: clockwise).
  return -orient2d(a[0]!, a[1]!, b[0]!, b[1]!, c[0]!, c[1]!);
}

function approximateOrient(a: Pos, b: Pos, c: Pos): number {
  return (b[0]! - a[0]!) * (c[1]! - a[1]!) - (b[1]! - a[1]!) * (c[0]! - a[0]!);
}

const lexLess = (p: Pos, q: Pos) => p[0]! < q[0]! || (p[0] === q[0] && p[1]! < q[1]!);
const same = (p: Pos, q: Pos) => p[0] === q[0] && p[1] === q[1];

/**
 * Does any pair of edges meet other than neighbours at their shared vertex? Returns one such
 * pair (possibly two neighbours overlapping along a line), or null for a simple ring.
 *
 * Events are the edges' ends in lexicographic order (x, then y: a sweep line turned a hair, so
 * vertical edges need no special case); at each point the edges ending there leave the status
 * before those starting there enter it. Each insertion compares the new edge's west end with
 * the edges it passes (exactly); a zero means the end lies on that edge: a touch. After every
 * change the edges that became adjacent are tested. If the ring is not simple, the edges of the
 * lexicographically first meeting point are adjacent before the sweep passes it, so they are
 * tested: the classic argument, which needs nothing but exact tests.
 */
function sweep(ring: Pos[], n: number): [number, number] | null {
  const west = new Int32Array(n);
  const east = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const forward = lexLess(ring[i]!, ring[i + 1]!);
    west[i] = forward ? i : i + 1;
    east[i] = forward ? i + 1 : i;
  }
  // Events: edge i's west end (2i) and east end (2i + 1), by point; at a point, ends first.
  const events = Int32Array.from({ length: 2 * n }, (_, k) => k);
  const pointOf = (e: number) => ring[e & 1 ? east[e >> 1]! : west[e >> 1]!]!;
  events.sort((a, b) => {
    const p = pointOf(a);
    const q = pointOf(b);
    return p[0]! - q[0]! || p[1]! - q[1]! || (b & 1) - (a & 1);
  });
  const status = new Treap();
  const nodes: (TreapNode | null)[] = new Array(n).fill(null);
  const test = (i: number, j: number): boolean => {
    if (neighbours(i, j, n)) return foldsBack(ring, i, j);
    return meet(ring, i, j) !== null;
  };
  for (let k = 0; k < events.length; ) {
    // Every event at this point.
    const at = pointOf(events[k]!);
    let end = k;
    while (end < events.length && same(pointOf(events[end]!), at)) end++;
    if (end - k > 2) {
      // The same position at two vertices of the ring: the ring touches itself there.
      const edges = Array.from(events.subarray(k, end), (e) => e >> 1);
      for (let x = 0; x < edges.length; x++) for (let y = x + 1; y < edges.length; y++) if (!neighbours(edges[x]!, edges[y]!, n)) return [edges[x]!, edges[y]!];
    }
    for (let e = k; e < end; e++) {
      const ev = events[e]!;
      const edge = ev >> 1;
      if (ev & 1) {
        const node = nodes[edge]!;
        const below = status.prev(node);
        const above = status.next(node);
        status.remove(node);
        nodes[edge] = null;
        if (below && above && test(below.edge, above.edge)) return [below.edge, above.edge];
      } else {
        let touched: number | null = null;
        const node = status.insert(edge, (other) => {
          const c = compareAtWestEnd(ring, west, east, edge, other);
          if (c === 0) touched = other;
          return c;
        });
        if (touched !== null) return [edge, touched];
        nodes[edge] = node!;
        const below = status.prev(node!);
        const above = status.next(node!);
        if (below && test(edge, below.edge)) return [edge, below.edge];
        if (above && test(edge, above.edge)) return [edge, above.edge];
      }
    }
    k = end;
  }
  return null;
}

/**
 * Where edge s (entering at its west end) goes against edge t (in the status): > 0 above,
 * < 0 below, 0 when s's west end lies on t (a touch), or both start at the same point along
 * the same line (a fold).
 */
function compareAtWestEnd(ring: Pos[], west: Int32Array, east: Int32Array, s: number, t: number): number {
  const p = ring[west[s]!]!;
  const tw = ring[west[t]!]!;
  const te = ring[east[t]!]!;
  const o = orient(tw, te, p);
  if (o !== 0) return o;
  // On t's line, and t spans the sweep point: on t itself. Only the edge starting at the same
  // vertex is no touch: order the two by their east ends.
  if (!same(tw, p)) return 0;
  return orient(tw, te, ring[east[s]!]!);
}

/** Two neighbour edges overlapping along a line beyond their shared vertex (a spike). */
function foldsBack(ring: Pos[], i: number, j: number): boolean {
  // The shared vertex and each edge's other end.
  const [a0, a1, b0, b1] = [ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!];
  const v = same(a0, b0) || same(a0, b1) ? a0 : a1;
  const p = same(v, a0) ? a1 : a0;
  const q = same(v, b0) ? b1 : b0;
  if (orient(v, p, q) !== 0) return false;
  // Collinear: they overlap when both run the same way from v.
  return (p[0]! - v[0]!) * (q[0]! - v[0]!) + (p[1]! - v[1]!) * (q[1]! - v[1]!) > 0;
}

/** Where segments p1p2 and p3p4 meet (a proper crossing, or a touch/overlap), else null. */
function crossing(p1: Pos, p2: Pos, p3: Pos, p4: Pos): [number, number] | null {
  const d1 = orient(p3, p4, p1);
  const d2 = orient(p3, p4, p2);
  const d3 = orient(p1, p2, p3);
  const d4 = orient(p1, p2, p4);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
    // Where: by the plain determinants, as the report always placed it (the signs above are exact).
    const f1 = approximateOrient(p3, p4, p1);
    const t = f1 / (f1 - approximateOrient(p3, p4, p2));
    return [p1[0]! + t * (p2[0]! - p1[0]!), p1[1]! + t * (p2[1]! - p1[1]!)];
  }
  // Touching or collinear overlap: a vertex of one edge lying on the other.
  if (d1 === 0 && onSegment(p3, p4, p1)) return [p1[0]!, p1[1]!];
  if (d2 === 0 && onSegment(p3, p4, p2)) return [p2[0]!, p2[1]!];
  if (d3 === 0 && onSegment(p1, p2, p3)) return [p3[0]!, p3[1]!];
  if (d4 === 0 && onSegment(p1, p2, p4)) return [p4[0]!, p4[1]!];
  return null;
}

function onSegment(a: Pos, b: Pos, p: Pos): boolean {
  return Math.min(a[0]!, b[0]!) <= p[0]! && p[0]! <= Math.max(a[0]!, b[0]!) && Math.min(a[1]!, b[1]!) <= p[1]! && p[1]! <= Math.max(a[1]!, b[1]!);
}

// ------------------------------------------------------------------ the ordered structure

interface TreapNode {
  edge: number;
  priority: number;
  left: TreapNode | null;
  right: TreapNode | null;
  parent: TreapNode | null;
}

/**
 * A treap (a binary search tree kept balanced by random priorities: O(log n) expected per
 * operation): the edges the sweep line cuts, bottom to top. Insertion descends by comparing the
 * new edge with the nodes it meets; removal and neighbours go by node, never by comparison, so
 * the order only ever has to be decided at the point where an edge enters.
 */
class Treap {
  private root: TreapNode | null = null;
  // A fixed-seed generator: the same ring takes the same shape every time.
  private seed = 0x2545f491;

  private random(): number {
    let x = this.seed;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.seed = x >>> 0;
    return this.seed;
  }

  /** Insert `edge`; `compare(other)` > 0 puts it above `other`. Null (nothing inserted) on a 0. */
  insert(edge: number, compare: (other: number) => number): TreapNode | null {
    const node: TreapNode = { edge, priority: this.random(), left: null, right: null, parent: null };
    if (!this.root) return (this.root = node);
    let at = this.root;
    for (;;) {
      const c = compare(at.edge);
      if (c === 0) return null;
      const next = c < 0 ? at.left : at.right;
      if (!next) {
        if (c < 0) at.left = node;
        else at.right = node;
        node.parent = at;
        break;
      }
      at = next;
    }
    while (node.parent && node.parent.priority < node.priority) this.rotateUp(node);
    return node;
  }

  remove(node: TreapNode): void {
    // Rotate it down to a leaf, then cut it off.
    while (node.left || node.right) {
      const child = !node.left ? node.right! : !node.right ? node.left : node.left.priority > node.right.priority ? node.left : node.right;
      this.rotateUp(child);
    }
    const parent = node.parent;
    if (!parent) this.root = null;
    else if (parent.left === node) parent.left = null;
    else parent.right = null;
    node.parent = null;
  }

  prev(node: TreapNode): TreapNode | null {
    if (node.left) {
      let x = node.left;
      while (x.right) x = x.right;
      return x;
    }
    let x: TreapNode = node;
    while (x.parent && x.parent.left === x) x = x.parent;
    return x.parent;
  }

  next(node: TreapNode): TreapNode | null {
    if (node.right) {
      let x = node.right;
      while (x.left) x = x.left;
      return x;
    }
    let x: TreapNode = node;
    while (x.parent && x.parent.right === x) x = x.parent;
    return x.parent;
  }

  /** Lift `x` above its parent, keeping the order. */
  private rotateUp(x: TreapNode): void {
    const p = x.parent!;
    const g = p.parent;
    if (p.left === x) {
      p.left = x.right;
      if (x.right) x.right.parent = p;
      x.right = p;
    } else {
      p.right = x.left;
      if (x.left) x.left.parent = p;
      x.left = p;
    }
    p.parent = x;
    x.parent = g;
    if (!g) this.root = x;
    else if (g.left === p) g.left = x;
    else g.right = x;
  }
}
