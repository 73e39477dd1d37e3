/**
 * Polygon repair for boundaries decoded from a quantized source (ECharts' 1/1024° grid).
 *
 * Snapping a real boundary to a ~100 m grid collapses narrow necks to a single vertex, so rings
 * come out self-touching (figure-eights), with repeated vertices and with sub-cell fragments
 * hanging off a pinch point. This module makes every polygon valid and RFC 7946-wound, and checks
 * that a set of neighbouring polygons forms a partition (no overlaps, no gaps). Pure, no I/O.
 */
import * as polyclip from 'polyclip-ts';
import { area as turfArea } from '@turf/turf';
import { poleOfInaccessibility } from '../geometry/label-points';
import { signedRingArea } from '../geometry/ring-area';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';

type Pair = [number, number];
type Ring = Pair[];
type Poly = Ring[];
type MultiPoly = Poly[];
export type Areal = Polygon | MultiPolygon;

/** The source grid: 1024 steps per degree (see echarts-decode.ts). */
export const GRID_STEPS_PER_DEGREE = 1024;

/**
 * Parts and holes smaller than this many grid cells (1 cell = (1/1024°)² ≈ 0.01 km² at 32°N)
 * are treated as quantization artefacts: a shape must span at least 2×2 grid steps to be told
 * apart from snapping noise. In the Chuzhou source this drops one half-cell lobe hanging off
 * 天长市 by a single vertex and fills one 1×2-cell hole pinched off inside 全椒县.
 */
export const MIN_FRAGMENT_CELLS = 4;

// ---------------------------------------------------------------- ring primitives

function samePos(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** Drop repeated consecutive vertices and close the ring (first position repeated last). */
export function dedupeRing(ring: readonly Position[]): Pair[] {
  const out: Pair[] = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || !samePos(last, p)) out.push([p[0]!, p[1]!]);
  }
  const first = out[0];
  if (first && out.length > 1 && samePos(first, out[out.length - 1]!)) out.pop();
  if (first) out.push([first[0], first[1]]);
  return out;
}

/**
 * Remove zero-width spikes from a closed ring: a vertex B whose neighbours A and C make the ring
 * go out and back along one line (C = A, or C on the segment A–B). Boolean operations on rings
 * with crossing points off the grid can leave such antennas, which GEOS calls self-intersections.
 * Returns the ring closed, without repeated vertices.
 */
export function removeSpikes(ring: readonly Position[]): Pair[] {
  const pts = dedupeRing(ring).slice(0, -1);
  let changed = true;
  while (changed && pts.length >= 3) {
    changed = false;
    for (let i = 0; i < pts.length && pts.length >= 3; i++) {
      const a = pts[(i - 1 + pts.length) % pts.length]!;
      const b = pts[i]!;
      const c = pts[(i + 1) % pts.length]!;
      const cross = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
      const back = (b[0] - a[0]) * (c[0] - b[0]) + (b[1] - a[1]) * (c[1] - b[1]) < 0;
      if (samePos(a, c) || (cross === 0 && back)) {
        pts.splice(i, 1);
        changed = true;
        i -= 1;
        // Removing B can leave A and C equal: drop the repeat.
        for (let k = 0; k < pts.length && pts.length > 1; k++) {
          if (samePos(pts[k]!, pts[(k + 1) % pts.length]!)) {
            pts.splice((k + 1) % pts.length, 1);
            k -= 1;
          }
        }
      }
    }
  }
  const first = pts[0];
  return first ? [...pts, [first[0], first[1]]] : [];
}

/** Return the ring wound as asked (RFC 7946: exteriors CCW, holes CW). */
export function orientRing(ring: Pair[], ccw: boolean): Pair[] {
  return signedRingArea(ring) > 0 === ccw ? ring : [...ring].reverse();
}

/**
 * Points where a closed ring touches or crosses itself (including collinear overlaps, which
 * turf's `kinks` does not see). Coordinates are scaled by `scale` and rounded to integers so the
 * orientation tests are exact: use 1024 for source-grid coordinates, 1e6 for 6-decimal output.
 * O(n²) with a bounding-box pre-check; rings here have at most a few thousand vertices.
 */
export function selfIntersections(ring: readonly Position[], scale = 1e6): Pair[] {
  const pts = ring.map((p): Pair => [Math.round(p[0]! * scale), Math.round(p[1]! * scale)]);
  const n = pts.length - 1; // number of segments in the closed ring
  const found = new Map<string, Pair>();
  const cross = (o: Pair, a: Pair, b: Pair) => Math.sign((a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]));
  const within = (a: Pair, b: Pair, p: Pair) =>
    Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1]);
  const add = (x: number, y: number) => found.set(`${x},${y}`, [x / scale, y / scale]);
  for (let i = 0; i < n; i++) {
    const a = pts[i]!;
    const b = pts[i + 1]!;
    for (let j = i + 1; j < n; j++) {
      // Neighbouring segments share a vertex by construction (segment n-1 neighbours segment 0).
      if (j === i + 1 || (i === 0 && j === n - 1)) continue;
      const c = pts[j]!;
      const d = pts[j + 1]!;
      if (Math.max(c[0], d[0]) < Math.min(a[0], b[0]) || Math.max(a[0], b[0]) < Math.min(c[0], d[0])) continue;
      if (Math.max(c[1], d[1]) < Math.min(a[1], b[1]) || Math.max(a[1], b[1]) < Math.min(c[1], d[1])) continue;
      const d1 = cross(a, b, c);
      const d2 = cross(a, b, d);
      const d3 = cross(c, d, a);
      const d4 = cross(c, d, b);
      if (d1 * d2 < 0 && d3 * d4 < 0) {
        // Proper crossing: report the (approximate) crossing point.
        const t = ((c[0] - a[0]) * (d[1] - c[1]) - (c[1] - a[1]) * (d[0] - c[0])) / ((b[0] - a[0]) * (d[1] - c[1]) - (b[1] - a[1]) * (d[0] - c[0]));
        add(Math.round(a[0] + t * (b[0] - a[0])), Math.round(a[1] + t * (b[1] - a[1])));
        continue;
      }
      // Touching or collinear overlap: report each endpoint lying on the other segment.
      if (d1 === 0 && within(a, b, c)) add(c[0], c[1]);
      if (d2 === 0 && within(a, b, d)) add(d[0], d[1]);
      if (d3 === 0 && within(c, d, a)) add(a[0], a[1]);
      if (d4 === 0 && within(c, d, b)) add(b[0], b[1]);
    }
  }
  return [...found.values()];
}

/**
 * How thick a polygon is, in grid steps: the distance from its pole of inaccessibility (the inside
 * point farthest from the edge) to its nearest edge, i.e. the radius of the largest circle inside
 * it. A sliver one cell wide, however long, is 0.5; a 2 × 2 square is 1.
 */
export function thicknessSteps(poly: readonly Position[][]): number {
  const [px, py] = poleOfInaccessibility(poly as Position[][]);
  let best = Infinity;
  for (const ring of poly) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const [ax, ay] = ring[i]!;
      const [bx, by] = ring[i + 1]!;
      const dx = bx! - ax!;
      const dy = by! - ay!;
      const len2 = dx * dx + dy * dy;
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px! - ax!) * dx + (py! - ay!) * dy) / len2));
      best = Math.min(best, Math.hypot(px! - (ax! + t * dx), py! - (ay! + t * dy)));
    }
  }
  return best * GRID_STEPS_PER_DEGREE;
}

/**
 * A shape the grid cannot tell from snapping noise: smaller than `minCells`, or thinner than two
 * grid steps (its largest inscribed circle has a radius under one step) — a sliver along a border.
 */
export function isGridArtefact(poly: readonly Position[][], minCells = MIN_FRAGMENT_CELLS): boolean {
  const size = cells(poly[0]!) - poly.slice(1).reduce((s, h) => s + cells(h), 0);
  return size < minCells || thicknessSteps(poly) < 1;
}

// ---------------------------------------------------------------- single-geometry repair

function toMultiPoly(g: Areal): MultiPoly {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const out: MultiPoly = [];
  for (const poly of polys) {
    const [shell, ...holes] = poly.map(dedupeRing);
    // A shell that collapses to fewer than 4 positions (3 distinct vertices) drops its polygon.
    if (shell && shell.length >= 4) out.push([shell, ...holes.filter((r) => r.length >= 4)]);
  }
  return out;
}

function cells(ring: readonly Position[]): number {
  return Math.abs(signedRingArea(ring)) * GRID_STEPS_PER_DEGREE ** 2;
}

export interface RepairReport {
  /** Repeated consecutive vertices removed. */
  duplicatesRemoved: number;
  /** Distinct self-touch/crossing points per input ring (after de-duplication), on the source grid. */
  selfIntersectionsBefore: number;
  /** Areas (in grid cells) of parts dropped and holes filled as artefacts. */
  droppedParts: number[];
  filledHoles: number[];
  /** Areas (cells) of parts below the threshold kept because they touch nothing else of their feature (islands, exclaves). */
  keptSmallParts: number[];
  /** Areas (cells) of holes below the threshold kept because another feature of the set lies in them. */
  keptSmallHoles: number[];
}

function emptyReport(): RepairReport {
  return { duplicatesRemoved: 0, selfIntersectionsBefore: 0, droppedParts: [], filledHoles: [], keptSmallParts: [], keptSmallHoles: [] };
}

const key = (p: Position) => `${p[0]},${p[1]}`;

/**
 * Drop fragment parts and fill fragment holes, keep the largest part, wind per RFC 7946.
 *
 * Which small shapes are artefacts of the grid:
 *   - a part below `minCells` that shares a vertex with another part of the same feature is a
 *     lobe the snapping pinched off (a figure-eight split by the self-union): dropped. One that
 *     touches nothing of its feature is an island or an exclave, which a coast or an enclave
 *     really has (舟山's islets, 铜官区's pockets inside 义安区): kept, whatever its size;
 *   - a hole below `minCells` is filled, unless `occupied(hole)` says another feature of the
 *     set lies in it (then it is that feature's exclave, and filling it would make an overlap).
 */
function tidy(mp: MultiPoly, report: RepairReport, minCells: number, occupied: (hole: Ring) => boolean = () => false): MultiPoly {
  // Spikes out; rings that collapse (fewer than 3 distinct vertices, no area) go.
  const clean = mp
    .map((poly) => poly.map(removeSpikes))
    .filter((poly) => poly[0]!.length >= 4 && cells(poly[0]!) > 0)
    .map(([shell, ...holes]) => [shell!, ...holes.filter((h) => h.length >= 4 && cells(h) > 0)]);
  // Largest part first: deterministic order, and the main part is never dropped.
  const parts = clean.map((poly) => ({ poly, size: cells(poly[0] ?? []) })).sort((a, b) => b.size - a.size);
  const touchesOtherPart = (i: number): boolean => {
    const own = new Set(parts[i]!.poly[0]!.map(key));
    return parts.some((p, j) => j !== i && p.poly.some((ring) => ring.some((v) => own.has(key(v)))));
  };
  const out: MultiPoly = [];
  for (const [i, { poly, size }] of parts.entries()) {
    const [shell, ...holes] = poly;
    if (!shell) continue;
    if (i > 0 && size < minCells) {
      if (touchesOtherPart(i)) {
        report.droppedParts.push(size);
        continue;
      }
      report.keptSmallParts.push(size);
    }
    const kept: Ring[] = [];
    for (const h of holes) {
      if (cells(h) >= minCells) kept.push(orientRing(h, false));
      else if (occupied(h)) {
        report.keptSmallHoles.push(cells(h));
        kept.push(orientRing(h, false));
      } else report.filledHoles.push(cells(h));
    }
    out.push([orientRing(shell, true), ...kept]);
  }
  return out;
}

/** After the first repair, every hole left is deliberate (another feature's exclave lies in it). */
const KEEP_HOLES = () => true;

function fromMultiPoly(mp: MultiPoly): Areal {
  return mp.length === 1 ? { type: 'Polygon', coordinates: mp[0]! } : { type: 'MultiPolygon', coordinates: mp };
}

function startReport(g: Areal, deduped: MultiPoly): RepairReport {
  const rawRings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
  return {
    ...emptyReport(),
    duplicatesRemoved: rawRings.reduce((s, r) => s + r.filter((p, i) => i > 0 && samePos(p, r[i - 1]!)).length, 0),
    selfIntersectionsBefore: deduped.flat().reduce((s, r) => s + selfIntersections(r, GRID_STEPS_PER_DEGREE).length, 0),
  };
}

/**
 * Make one (Multi)Polygon valid. polyclip's union of a geometry with itself re-nodes it under the
 * non-zero rule, splitting figure-eights into separate parts or shell+hole, removing repeated and
 * collinear vertices and closing rings; `tidy` then removes sub-`minCells` artefacts and fixes
 * winding. A crossing in mid-segment would add a new (off-grid) vertex, which is still valid; in
 * the Chuzhou source every self-intersection is at an existing vertex, so the output stays on
 * the 1/1024° grid and shared boundaries stay vertex-identical between neighbours.
 * Alone, a geometry has no neighbours, so every small hole is filled; `repairSet` repairs
 * neighbours together.
 */
export function repairGeometry(g: Areal, minCells = MIN_FRAGMENT_CELLS): { geometry: Areal; report: RepairReport } {
  const [out] = repairSet([g], minCells);
  return out!;
}

function ringBox(r: readonly Position[]): [number, number, number, number] {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of r) {
    x0 = Math.min(x0, p[0]!);
    y0 = Math.min(y0, p[1]!);
    x1 = Math.max(x1, p[0]!);
    y1 = Math.max(y1, p[1]!);
  }
  return [x0, y0, x1, y1];
}

/**
 * `repairGeometry` for a set of neighbours (a city's counties), so that a small hole of one that
 * holds a piece of another is kept rather than filled over it. Same order as the input.
 */
export function repairSet(geoms: readonly Areal[], minCells = MIN_FRAGMENT_CELLS): { geometry: Areal; report: RepairReport }[] {
  const deduped = geoms.map(toMultiPoly);
  const unioned = deduped.map((mp) => polyclip.union(mp));
  const boxes = unioned.map((mp) => mp.map((poly) => ringBox(poly[0]!)));
  return geoms.map((g, i) => {
    const report = startReport(g, deduped[i]!);
    const occupied = (hole: Ring): boolean => {
      const [x0, y0, x1, y1] = ringBox(hole);
      const shell: MultiPoly = [[orientRing(hole, true)]];
      return unioned.some(
        (other, j) =>
          j !== i &&
          other.some((poly, k) => {
            const b = boxes[j]![k]!;
            if (b[0] >= x1 || b[2] <= x0 || b[1] >= y1 || b[3] <= y0) return false;
            return polyclip.intersection(shell, [poly]).some((q) => cells(q[0]!) > 0);
          }),
      );
    };
    return { geometry: fromMultiPoly(tidy(unioned[i]!, report, minCells, occupied)), report };
  });
}

// ---------------------------------------------------------------- partitions

export type ArealFeature = Feature<Areal>;

function label(f: ArealFeature, i: number): string {
  const p = f.properties ?? {};
  return String(p['code'] ?? p['name'] ?? f.id ?? i);
}

function areaM2(mp: MultiPoly): number {
  return mp.length ? turfArea({ type: 'MultiPolygon', coordinates: mp }) : 0;
}

/** Whether two geometries' bounding boxes share interior (no overlap is possible otherwise: a cheap pre-check). */
function boxesMeet(a: Areal, b: Areal): boolean {
  const box = (g: Areal) => ringBox((g.type === 'Polygon' ? g.coordinates : g.coordinates.flat()).flat());
  const [ax0, ay0, ax1, ay1] = box(a);
  const [bx0, by0, bx1, by1] = box(b);
  return ax0 < bx1 && bx0 < ax1 && ay0 < by1 && by0 < ay1;
}

export interface OverlapFix {
  kept: string;
  trimmed: string;
  areaM2: number;
  /** Pieces (in grid cells) the trimmed feature lost as pinched-off lobes of what was left. */
  droppedParts: number[];
}

/**
 * Remove pairwise overlaps deterministically: features are taken in the given order (the build
 * sorts by code) and an overlap is subtracted from the LATER feature, i.e. the lower code keeps
 * the disputed area. Geometries that overlap nothing are returned untouched (same object).
 */
export function resolveOverlaps(features: ArealFeature[], minCells = MIN_FRAGMENT_CELLS): { features: ArealFeature[]; fixes: OverlapFix[] } {
  const out = features.map((f) => ({ ...f }));
  const fixes: OverlapFix[] = [];
  for (let j = 1; j < out.length; j++) {
    for (let i = 0; i < j; i++) {
      const a = out[i]!;
      const b = out[j]!;
      if (!boxesMeet(a.geometry, b.geometry)) continue;
      const inter = polyclip.intersection(toMultiPoly(a.geometry), toMultiPoly(b.geometry));
      if (!inter.length) continue;
      const trimmed = polyclip.difference(toMultiPoly(b.geometry), toMultiPoly(a.geometry));
      // Holes the difference leaves are where the kept feature lies (its exclave): keep them all.
      const report = emptyReport();
      out[j] = { ...b, geometry: fromMultiPoly(tidy(trimmed, report, minCells, KEEP_HOLES)) };
      fixes.push({ kept: label(a, i), trimmed: label(b, j), areaM2: areaM2(inter), droppedParts: report.droppedParts });
    }
  }
  return { features: out, fixes };
}

export interface PartitionReport {
  /** Every pair whose interiors intersect, with the intersection's geodesic area (m²). */
  overlaps: { a: string; b: string; areaM2: number }[];
  maxOverlapM2: number;
  /** Holes in the union of all features (gaps between or inside them), largest first. */
  gaps: { areaM2: number; at: Position }[];
  totalGapM2: number;
  /** Number of disjoint pieces the union falls into (1 for a contiguous city). */
  unionParts: number;
}

/** Pairwise overlap areas and the union's holes: how far a feature set is from a clean partition. */
export function checkPartition(features: ArealFeature[]): PartitionReport {
  const geoms = features.map((f) => toMultiPoly(f.geometry));
  const overlaps: PartitionReport['overlaps'] = [];
  for (let i = 0; i < geoms.length; i++) {
    for (let j = i + 1; j < geoms.length; j++) {
      if (!boxesMeet(features[i]!.geometry, features[j]!.geometry)) continue;
      const inter = polyclip.intersection(geoms[i]!, geoms[j]!);
      if (inter.length) overlaps.push({ a: label(features[i]!, i), b: label(features[j]!, j), areaM2: areaM2(inter) });
    }
  }
  const [first, ...rest] = geoms;
  const union = first ? polyclip.union(first, ...rest) : [];
  const gaps = union
    .flatMap((poly) => poly.slice(1))
    .map((hole) => ({ areaM2: areaM2([[hole]]), at: hole[0] as Position }))
    .sort((x, y) => y.areaM2 - x.areaM2);
  return {
    overlaps,
    maxOverlapM2: Math.max(0, ...overlaps.map((o) => o.areaM2)),
    gaps,
    totalGapM2: gaps.reduce((s, g) => s + g.areaM2, 0),
    unionParts: union.length,
  };
}

export interface GapFill {
  /** The feature the gap was given to. */
  to: string;
  cells: number;
  at: Position;
}

/**
 * Holes of the union that are grid artefacts (`isGridArtefact`: a neighbour's pinched-off lobe
 * that was dropped, a sliver between two rings the snapping left unclaimed) are each given to the
 * feature with the most vertices on its ring (the longest shared border; ties to the earlier
 * feature, i.e. the lower code), so the set covers what its outline covers. Other holes are left
 * for the caller to judge (an enclave of another city, or a real gap). Work on grid coordinates,
 * before any transform.
 */
export function fillSmallGaps(features: ArealFeature[], minCells = MIN_FRAGMENT_CELLS): { features: ArealFeature[]; fills: GapFill[] } {
  const geoms = features.map((f) => toMultiPoly(f.geometry));
  const [first, ...rest] = geoms;
  const union = first ? polyclip.union(first, ...rest) : [];
  const holes = union.flatMap((poly) => poly.slice(1)).filter((h) => cells(h) > 0 && isGridArtefact([h], minCells));
  const fills: GapFill[] = [];
  const out = features.map((f) => ({ ...f }));
  for (const hole of holes) {
    const ring = new Set(hole.map(key));
    let best = -1;
    let bestCount = 0;
    out.forEach((f, i) => {
      let n = 0;
      for (const poly of toMultiPoly(f.geometry)) for (const r of poly) for (const v of r.slice(0, -1)) if (ring.has(key(v))) n += 1;
      if (n > bestCount) [best, bestCount] = [i, n];
    });
    if (best < 0) continue;
    const f = out[best]!;
    const merged = polyclip.union(toMultiPoly(f.geometry), [[orientRing(hole, true)]]);
    out[best] = { ...f, geometry: fromMultiPoly(tidy(merged, emptyReport(), minCells, KEEP_HOLES)) };
    fills.push({ to: label(f, best), cells: cells(hole), at: hole[0] as Position });
  }
  return { features: out, fills };
}

export interface OutlineReport {
  /** Area (m²) inside the outline that no feature covers, and its pieces in grid cells, largest first. */
  uncoveredM2: number;
  uncoveredPieces: { cells: number; at: Position; artefact: boolean }[];
  /** Area (m²) the features cover outside the outline, and its pieces. */
  outsideM2: number;
  outsidePieces: { cells: number; at: Position; artefact: boolean }[];
  /** Holes of the union that are holes of the outline too: another unit's enclave, as the source draws it. */
  enclaves: { areaM2: number; at: Position; ring: Position[] }[];
  /** Holes of the union the outline covers: gaps between the features. */
  gaps: { areaM2: number; at: Position }[];
}

/**
 * Compare a set of features with the outline they should fill (the package's dissolved city
 * shape), on grid coordinates. Every piece of either difference is measured, so a caller can
 * tell grid artefacts (under `MIN_FRAGMENT_CELLS`) from a real disagreement.
 */
export function compareWithOutline(features: ArealFeature[], outline: Areal): OutlineReport {
  const geoms = features.map((f) => toMultiPoly(f.geometry));
  const [first, ...rest] = geoms;
  const union = first ? polyclip.union(first, ...rest) : [];
  const shape = polyclip.union(toMultiPoly(outline));
  const pieces = (mp: MultiPoly) =>
    mp
      .map((poly) => ({ cells: cells(poly[0]!) - poly.slice(1).reduce((s, h) => s + cells(h), 0), at: poly[0]![0] as Position, artefact: isGridArtefact(poly) }))
      .sort((a, b) => b.cells - a.cells);
  const uncovered = polyclip.difference(shape, union);
  const outside = polyclip.difference(union, shape);
  const enclaves: OutlineReport['enclaves'] = [];
  const gaps: OutlineReport['gaps'] = [];
  for (const hole of union.flatMap((poly) => poly.slice(1))) {
    const disc: MultiPoly = [[orientRing(hole, true)]];
    const inside = polyclip.intersection(disc, shape).reduce((s, poly) => s + cells(poly[0]!) - poly.slice(1).reduce((t, h) => t + cells(h), 0), 0);
    const entry = { areaM2: areaM2(disc), at: hole[0] as Position };
    if (inside < cells(hole) / 2) enclaves.push({ ...entry, ring: hole });
    else gaps.push(entry);
  }
  return {
    uncoveredM2: areaM2(uncovered),
    uncoveredPieces: pieces(uncovered),
    outsideM2: areaM2(outside),
    outsidePieces: pieces(outside),
    enclaves: enclaves.sort((a, b) => b.areaM2 - a.areaM2),
    gaps: gaps.sort((a, b) => b.areaM2 - a.areaM2),
  };
}

/**
 * Overlaps and gaps at or below this many m² are numerical noise, not disagreement: one source
 * grid cell is (1/1024°)² ≈ 108 m × 92 m ≈ 10,000 m² at 32°N and the smallest shape the grid can
 * express is half a cell, so anything real is thousands of m²; 1 % of a cell can only come from
 * rounding (6 decimals, ≤ 0.1 m per vertex) or from the datum shift.
 */
export const PARTITION_TOLERANCE_M2 = 100;

/**
 * Give neighbours the same vertices along their shared borders: wherever a vertex of one feature
 * lies on (inside) an edge of another, insert it into that edge. Polygon clipping drops collinear
 * midpoints on one side of a border but not the other; that is harmless on the source grid, but
 * any non-linear transform afterwards (GCJ-02 → WGS 84) would bend the two sides apart into
 * slivers. With identical vertex runs, both sides transform identically and stay one border.
 * Collinearity is tested in grid units, where it is exact for on-grid vertices.
 */
export function alignSharedVertices(features: ArealFeature[], scale = GRID_STEPS_PER_DEGREE): ArealFeature[] {
  const vertices: Pair[] = [];
  const seen = new Set<string>();
  for (const f of features) {
    for (const poly of toMultiPoly(f.geometry)) {
      for (const ring of poly) {
        for (const p of ring) {
          const key = `${p[0]},${p[1]}`;
          if (!seen.has(key)) {
            seen.add(key);
            vertices.push([p[0], p[1]]);
          }
        }
      }
    }
  }
  // Bucket vertices on a coarse grid so each edge only tests the vertices near it.
  const cell = 0.05;
  const buckets = new Map<string, Pair[]>();
  for (const v of vertices) {
    const key = `${Math.floor(v[0] / cell)},${Math.floor(v[1] / cell)}`;
    const list = buckets.get(key) ?? [];
    list.push(v);
    buckets.set(key, list);
  }
  const onEdge = (p: Pair, q: Pair): Pair[] => {
    const found: Pair[] = [];
    const [x0, x1] = [Math.min(p[0], q[0]), Math.max(p[0], q[0])];
    const [y0, y1] = [Math.min(p[1], q[1]), Math.max(p[1], q[1])];
    for (let bx = Math.floor(x0 / cell); bx <= Math.floor(x1 / cell); bx++) {
      for (let by = Math.floor(y0 / cell); by <= Math.floor(y1 / cell); by++) {
        for (const v of buckets.get(`${bx},${by}`) ?? []) {
          if (v[0] < x0 || v[0] > x1 || v[1] < y0 || v[1] > y1) continue;
          if ((v[0] === p[0] && v[1] === p[1]) || (v[0] === q[0] && v[1] === q[1])) continue;
          const cross = ((q[0] - p[0]) * (v[1] - p[1]) - (q[1] - p[1]) * (v[0] - p[0])) * scale * scale;
          if (Math.abs(cross) < 1e-6) found.push(v);
        }
      }
    }
    // Order along the edge, from p to q.
    const t = (v: Pair) => (Math.abs(q[0] - p[0]) >= Math.abs(q[1] - p[1]) ? (v[0] - p[0]) / (q[0] - p[0]) : (v[1] - p[1]) / (q[1] - p[1]));
    return found.sort((a, b) => t(a) - t(b));
  };
  const densify = (ring: Ring): Ring => {
    const out: Ring = [];
    for (let i = 0; i + 1 < ring.length; i++) {
      out.push(ring[i]!);
      out.push(...onEdge(ring[i]!, ring[i + 1]!));
    }
    out.push(ring[ring.length - 1]!);
    return out;
  };
  return features.map((f) => ({ ...f, geometry: fromMultiPoly(toMultiPoly(f.geometry).map((poly) => poly.map(densify))) }));
}
