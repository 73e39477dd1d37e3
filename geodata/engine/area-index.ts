/**
 * Point-in-area lookups for a set of polygons, without scanning every polygon or every edge.
 *
 * The areas' bounding box is cut into a grid. A grid cell that no edge crosses lies wholly
 * inside one area (or none): a point there is answered with no geometry at all. Only points in
 * border cells are tested, and then only against edges in their horizontal band of the grid
 * (the edges a horizontal ray from the point can cross), so each test touches a handful of
 * edges instead of thousands. This is the "raster of interior cells + edge test on border
 * cells" approach; it answers exactly what a full ray cast would.
 *
 * Border rule: a point exactly on an edge shared by two areas belongs to exactly one of them.
 * The crossing test is half-open (an edge counts if it spans y with min ≤ y < max, and the
 * crossing lies strictly right of x), and every edge's crossing is computed from its lower
 * endpoint, so two neighbours that share an edge compute the very same crossing and agree
 * which side the point is on (the area to its right, or above it for a horizontal edge).
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';

export type Areal = Polygon | MultiPolygon;

export interface AreaIndexOptions {
  /** Grid cells per side (the grid is gridSize × gridSize over the areas' bbox). */
  gridSize?: number;
}

const defaultOptions: Required<AreaIndexOptions> = {
  // 512² cells over a city of ~100 km a side: cells of ~200 m, interior cells the vast majority.
  gridSize: 512,
};

export class AreaIndex {
  readonly count: number;
  private readonly minX: number;
  private readonly minY: number;
  private readonly cellW: number;
  private readonly cellH: number;
  private readonly n: number;
  /** Per grid cell: the area containing it wholly (≥ 0), none (-1), or a border cell (-2). */
  private readonly cellArea: Int32Array;
  /** Border cells: candidate areas, CSR over cells (start offsets and flat area ids). */
  private readonly candStart: Int32Array;
  private readonly candIds: Int32Array;
  /** Per area, per grid row: its edges spanning that row, as flat [x1,y1,x2,y2] lower-first. */
  private readonly rowEdges: Float64Array[][];
  /** Per area: [minX, minY, maxX, maxY], to skip areas that cannot contain a point. */
  private readonly boxes: Float64Array;

  constructor(areas: readonly Areal[], options: AreaIndexOptions = {}) {
    const { gridSize } = { ...defaultOptions, ...options };
    this.count = areas.length;
    this.n = gridSize;
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    const edgeLists = areas.map((a) => edgesOf(a));
    this.boxes = new Float64Array(areas.length * 4);
    edgeLists.forEach((edges, a) => {
      let ax0 = Infinity;
      let ay0 = Infinity;
      let ax1 = -Infinity;
      let ay1 = -Infinity;
      for (let i = 0; i < edges.length; i += 4) {
        ax0 = Math.min(ax0, edges[i]!, edges[i + 2]!);
        ax1 = Math.max(ax1, edges[i]!, edges[i + 2]!);
        ay0 = Math.min(ay0, edges[i + 1]!, edges[i + 3]!);
        ay1 = Math.max(ay1, edges[i + 1]!, edges[i + 3]!);
      }
      this.boxes.set([ax0, ay0, ax1, ay1], a * 4);
      minX = Math.min(minX, ax0);
      minY = Math.min(minY, ay0);
      maxX = Math.max(maxX, ax1);
      maxY = Math.max(maxY, ay1);
    });
    if (!Number.isFinite(minX)) {
      minX = minY = 0;
      maxX = maxY = 1;
    }
    // Pad a little so points on the outer boundary still fall in a cell.
    const padX = (maxX - minX) * 1e-6 + 1e-9;
    const padY = (maxY - minY) * 1e-6 + 1e-9;
    this.minX = minX - padX;
    this.minY = minY - padY;
    this.cellW = (maxX - minX + 2 * padX) / gridSize;
    this.cellH = (maxY - minY + 2 * padY) / gridSize;

    // Edges into row bands, per area.
    this.rowEdges = edgeLists.map((edges) => {
      const rows: number[][] = Array.from({ length: gridSize }, () => []);
      for (let i = 0; i < edges.length; i += 4) {
        const y1 = edges[i + 1]!;
        const y2 = edges[i + 3]!;
        if (y1 === y2) continue; // horizontal edges never count in the crossing test
        const r0 = this.row(Math.min(y1, y2));
        const r1 = this.row(Math.max(y1, y2));
        for (let r = r0; r <= r1; r++) rows[r]!.push(edges[i]!, y1, edges[i + 2]!, y2);
      }
      return rows.map((r) => Float64Array.from(r));
    });

    // Mark border cells: every cell an edge passes through (conservatively, its bbox cells
    // along the edge, walked in small steps).
    const border: Set<number>[] = Array.from({ length: gridSize * gridSize }, () => new Set<number>());
    edgeLists.forEach((edges, id) => {
      for (let i = 0; i < edges.length; i += 4) this.markEdge(edges[i]!, edges[i + 1]!, edges[i + 2]!, edges[i + 3]!, id, border);
    });
    this.cellArea = new Int32Array(gridSize * gridSize);
    const start = new Int32Array(gridSize * gridSize + 1);
    const ids: number[] = [];
    for (let c = 0; c < gridSize * gridSize; c++) {
      start[c] = ids.length;
      const set = border[c]!;
      if (set.size > 0) {
        this.cellArea[c] = -2;
        // Border cells also need areas that wholly cover them (overlapping area sets).
        const cx = this.minX + ((c % gridSize) + 0.5) * this.cellW;
        const cy = this.minY + (Math.floor(c / gridSize) + 0.5) * this.cellH;
        for (let a = 0; a < areas.length; a++) if (set.has(a) || this.containsBanded(a, cx, cy)) ids.push(a);
      } else {
        const cx = this.minX + ((c % gridSize) + 0.5) * this.cellW;
        const cy = this.minY + (Math.floor(c / gridSize) + 0.5) * this.cellH;
        this.cellArea[c] = this.firstContaining(cx, cy, areas.length);
      }
    }
    start[gridSize * gridSize] = ids.length;
    this.candStart = start;
    this.candIds = Int32Array.from(ids);
  }

  private row(y: number): number {
    return Math.min(this.n - 1, Math.max(0, Math.floor((y - this.minY) / this.cellH)));
  }

  private col(x: number): number {
    return Math.min(this.n - 1, Math.max(0, Math.floor((x - this.minX) / this.cellW)));
  }

  private markEdge(x1: number, y1: number, x2: number, y2: number, id: number, border: Set<number>[]): void {
    // Step along the edge at a quarter cell, marking each cell and its 4-neighbours' overlap
    // through the cell bbox of each step: conservative, so no crossed cell is missed.
    const steps = Math.max(1, Math.ceil(Math.max(Math.abs(x2 - x1) / this.cellW, Math.abs(y2 - y1) / this.cellH) * 4));
    let prevC = this.col(x1);
    let prevR = this.row(y1);
    for (let s = 0; s <= steps; s++) {
      const t = s / steps;
      const c = this.col(x1 + (x2 - x1) * t);
      const r = this.row(y1 + (y2 - y1) * t);
      for (let rr = Math.min(r, prevR); rr <= Math.max(r, prevR); rr++) {
        for (let cc = Math.min(c, prevC); cc <= Math.max(c, prevC); cc++) border[rr * this.n + cc]!.add(id);
      }
      prevC = c;
      prevR = r;
    }
  }

  /** Exact even-odd test of one area, using only the edges of the point's row band. */
  private containsBanded(area: number, x: number, y: number): boolean {
    const b = this.boxes;
    const o = area * 4;
    if (x < b[o]! || y < b[o + 1]! || x > b[o + 2]! || y > b[o + 3]!) return false;
    const edges = this.rowEdges[area]![this.row(y)]!;
    let inside = false;
    for (let i = 0; i < edges.length; i += 4) {
      const x1 = edges[i]!;
      const y1 = edges[i + 1]!;
      const x2 = edges[i + 2]!;
      const y2 = edges[i + 3]!;
      // Edges are stored lower endpoint first; half-open in y.
      if (y1 <= y && y < y2 && x < x1 + ((y - y1) * (x2 - x1)) / (y2 - y1)) inside = !inside;
    }
    return inside;
  }

  private firstContaining(x: number, y: number, count: number): number {
    for (let a = 0; a < count; a++) if (this.containsBanded(a, x, y)) return a;
    return -1;
  }

  /** The area containing the point: the first in input order if areas overlap; -1 if none. */
  find(x: number, y: number): number {
    if (x < this.minX || y < this.minY) return -1;
    const c = Math.floor((x - this.minX) / this.cellW);
    const r = Math.floor((y - this.minY) / this.cellH);
    if (c >= this.n || r >= this.n) return -1;
    const cell = r * this.n + c;
    const owner = this.cellArea[cell]!;
    if (owner !== -2) return owner;
    for (let i = this.candStart[cell]!; i < this.candStart[cell + 1]!; i++) {
      const a = this.candIds[i]!;
      if (this.containsBanded(a, x, y)) return a;
    }
    return -1;
  }

  /** Every area containing the point (for overlapping areas such as service polygons). */
  findAll(x: number, y: number, out: number[] = []): number[] {
    out.length = 0;
    if (x < this.minX || y < this.minY) return out;
    const c = Math.floor((x - this.minX) / this.cellW);
    const r = Math.floor((y - this.minY) / this.cellH);
    if (c >= this.n || r >= this.n) return out;
    const cell = r * this.n + c;
    const owner = this.cellArea[cell]!;
    if (owner >= 0) {
      // An interior cell knows only its first area; with overlaps, test the others too.
      out.push(owner);
      for (let a = owner + 1; a < this.count; a++) if (this.containsBanded(a, x, y)) out.push(a);
      return out;
    }
    if (owner === -1) return out;
    for (let i = this.candStart[cell]!; i < this.candStart[cell + 1]!; i++) {
      const a = this.candIds[i]!;
      if (this.containsBanded(a, x, y)) out.push(a);
    }
    return out;
  }
}

/** All edges of an areal geometry as flat [x1,y1,x2,y2], each with its lower endpoint first. */
function edgesOf(area: Areal): number[] {
  const out: number[] = [];
  const polygons = area.type === 'Polygon' ? [area.coordinates] : area.coordinates;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (let i = 0; i + 1 < ring.length; i++) pushEdge(out, ring[i]!, ring[i + 1]!);
      // Tolerate unclosed rings: close them.
      const first = ring[0];
      const last = ring[ring.length - 1];
      if (first && last && (first[0] !== last[0] || first[1] !== last[1])) pushEdge(out, last, first);
    }
  }
  return out;
}

function pushEdge(out: number[], a: Position, b: Position): void {
  if (a[1]! <= b[1]!) out.push(a[0]!, a[1]!, b[0]!, b[1]!);
  else out.push(b[0]!, b[1]!, a[0]!, a[1]!);
}
