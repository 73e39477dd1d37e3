/**
 * One label point per polygon feature.
 *
 * MapLibre labels a polygon once per tile it falls in, so a district that spans four tiles would
 * be named four times. Labelling a separate point layer instead puts each name once, at the
 * polygon's pole of inaccessibility — the inside point farthest from the edge — of its largest
 * part, which stays inside odd shapes where a centroid would not (the "polylabel" algorithm,
 * Agafonkin 2016).
 */
import type { Feature, FeatureCollection, Geometry, Point, Position } from 'geojson';
import { metresPerDegreeLatitude, metresPerDegreeLongitude } from './ellipsoid';
import { pointInRings } from './point-in-polygon';
import { signedRingArea } from './ring-area';

type Ring = Position[];
type Polygon = Ring[];

/** A point per Polygon/MultiPolygon feature, carrying the feature's id and properties. */
export function labelPoints<P>(collection: FeatureCollection<Geometry, P>): FeatureCollection<Point, P> {
  const features: Feature<Point, P>[] = [];
  for (const f of collection.features) {
    const polygons: Polygon[] =
      f.geometry?.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry?.type === 'MultiPolygon' ? f.geometry.coordinates : [];
    const largest = largestPolygon(polygons);
    if (!largest) continue;
    features.push({
      type: 'Feature',
      ...(f.id === undefined ? {} : { id: f.id }),
      geometry: { type: 'Point', coordinates: poleOfInaccessibility(largest) },
      properties: f.properties,
    });
  }
  return { type: 'FeatureCollection', features };
}

/** The polygon with the largest outer-ring area (in degrees², good enough to compare parts). */
function largestPolygon(polygons: Polygon[]): Polygon | null {
  let best: Polygon | null = null;
  let bestArea = -1;
  for (const p of polygons) {
    const outer = p[0];
    if (!outer || outer.length < 4) continue;
    const a = Math.abs(signedRingArea(outer));
    if (a > bestArea) {
      bestArea = a;
      best = p;
    }
  }
  return best;
}

interface Cell {
  x: number;
  y: number;
  /** Half the cell's side. */
  h: number;
  /** Signed distance from the cell's centre to the polygon's edge (negative outside). */
  d: number;
  /** The best distance any point in the cell could reach. */
  max: number;
}

/**
 * Pole of inaccessibility of a polygon with holes, to within `precisionFraction` of its size.
 * Computed in a local frame of ground metres (x scaled by the ellipsoid's metres per degree of
 * longitude over those of latitude, at the polygon's middle latitude) so that "farthest from the
 * edge" means the same in every direction.
 */
export function poleOfInaccessibility(polygon: Polygon, precisionFraction = 0.002): Position {
  const outer = polygon[0]!;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x = 0, y = 0] of outer) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  const midLatitude = (minY + maxY) / 2;
  const k = metresPerDegreeLongitude(midLatitude) / metresPerDegreeLatitude(midLatitude);
  const rings: Ring[] = polygon.map((r) => r.map(([x = 0, y = 0]) => [x * k, y]));
  const x0 = minX * k;
  const x1 = maxX * k;
  const width = x1 - x0;
  const height = maxY - minY;
  const cellSize = Math.min(width, height);
  if (cellSize === 0) return [minX, minY];
  const precision = Math.max(width, height) * precisionFraction;

  const makeCell = (x: number, y: number, h: number): Cell => {
    const d = signedDistance(x, y, rings);
    return { x, y, h, d, max: d + h * Math.SQRT2 };
  };

  const queue = new MaxHeap<Cell>((a, b) => a.max - b.max);
  let h = cellSize / 2;
  for (let x = x0; x < x1; x += cellSize) {
    for (let y = minY; y < maxY; y += cellSize) queue.push(makeCell(x + h, y + h, h));
  }

  // Start from the centroid, and from the box's centre; keep whichever is better.
  let best = makeCell(...centroid(rings[0]!), 0);
  const boxCell = makeCell(x0 + width / 2, minY + height / 2, 0);
  if (boxCell.d > best.d) best = boxCell;

  for (let cell = queue.pop(); cell; cell = queue.pop()) {
    if (cell.d > best.d) best = cell;
    if (cell.max - best.d <= precision) continue;
    h = cell.h / 2;
    queue.push(makeCell(cell.x - h, cell.y - h, h));
    queue.push(makeCell(cell.x + h, cell.y - h, h));
    queue.push(makeCell(cell.x - h, cell.y + h, h));
    queue.push(makeCell(cell.x + h, cell.y + h, h));
  }
  return [best.x / k, best.y];
}

function centroid(ring: Ring): [number, number] {
  let area = 0;
  let x = 0;
  let y = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [ax = 0, ay = 0] = ring[i]!;
    const [bx = 0, by = 0] = ring[j]!;
    const f = ax * by - bx * ay;
    x += (ax + bx) * f;
    y += (ay + by) * f;
    area += f * 3;
  }
  if (area === 0) {
    const [fx = 0, fy = 0] = ring[0] ?? [];
    return [fx, fy];
  }
  return [x / area, y / area];
}

/** Distance from (x, y) to the nearest ring edge; positive inside the polygon, negative outside. */
function signedDistance(x: number, y: number, rings: Ring[]): number {
  let minSq = Infinity;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [ax = 0, ay = 0] = ring[i]!;
      const [bx = 0, by = 0] = ring[j]!;
      minSq = Math.min(minSq, segmentDistanceSq(x, y, ax, ay, bx, by));
    }
  }
  return (pointInRings(x, y, rings) ? 1 : -1) * Math.sqrt(minSq);
}

function segmentDistanceSq(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  let x = ax;
  let y = ay;
  let dx = bx - x;
  let dy = by - y;
  if (dx !== 0 || dy !== 0) {
    const t = ((px - x) * dx + (py - y) * dy) / (dx * dx + dy * dy);
    if (t > 1) {
      x = bx;
      y = by;
    } else if (t > 0) {
      x += dx * t;
      y += dy * t;
    }
  }
  dx = px - x;
  dy = py - y;
  return dx * dx + dy * dy;
}

/** A binary max-heap; small and enough for a few thousand cells. */
class MaxHeap<T> {
  private items: T[] = [];
  constructor(private readonly compare: (a: T, b: T) => number) {}

  push(item: T): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.compare(items[i]!, items[parent]!) <= 0) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let largest = i;
        if (l < items.length && this.compare(items[l]!, items[largest]!) > 0) largest = l;
        if (r < items.length && this.compare(items[r]!, items[largest]!) > 0) largest = r;
        if (largest === i) break;
        [items[i], items[largest]] = [items[largest]!, items[i]!];
        i = largest;
      }
    }
    return top;
  }
}
