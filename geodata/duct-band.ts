/**
 * How far the nearest duct is, as the public may be told: bounds worked out from the public
 * grid alone — which H3 cells have a duct in service (the `gis_pipe_grid` figures every map
 * shows) — and never from the duct routes. Whatever a caller collects of these bands, over as
 * many buildings as it likes, it learns nothing the grid did not already say, so the routes
 * cannot be traced from them: an exact distance per building could be (three buildings and
 * their distances place a duct; a band computed from the exact distance still draws its
 * contour around the duct, building by building).
 *
 * For a point: the nearest duct is no farther than the farthest corner of the nearest cell with
 * a duct, and no nearer than that cell (0 inside it), nor than the ring of cells just outside
 * the searched disk — less half a duct piece: the grid counts a duct in the cell holding the
 * middle of each piece of at most PIECE_M (geodata/engine/ducts.ts), so a duct may cross the
 * corner of a cell it is not counted in by up to that much. Ducts outside the city's districts
 * are not in the grid, so not in the bounds. Rounded outward to 500 m (the band a person reads: "0–1 km", "1–1.5 km"),
 * searched to RINGS cells around (≈ 3 km); past them the band is open: "more than …". Pure.
 */
import { cellToBoundary, gridDiskDistances, latLngToCell } from 'h3-js';
import { PIECE_M } from './engine/ducts';
import { distanceM, pointSegmentM } from './geometry/distance';

export interface DuctBand {
  /** The nearest duct in the city's districts is at least this far (metres, a multiple of 500). */
  min_m: number;
  /** …and at most this far; null when no cell within the searched rings has a duct. */
  max_m: number | null;
}

/** Cells searched around the point's own. */
export const RINGS = 3;
export const BAND_STEP_M = 500;

/** Ducts per cell, and each cell's corners, looked up once per request. */
export class DuctBands {
  private readonly ducts = new Map<string, boolean>();
  private readonly corners = new Map<string, [number, number][]>();

  constructor(
    private readonly resolution: number,
    /** Whether the public grid shows a duct in service in this cell. */
    private readonly hasDuct: (cell: string) => boolean,
  ) {}

  private duct(cell: string): boolean {
    let d = this.ducts.get(cell);
    if (d === undefined) this.ducts.set(cell, (d = this.hasDuct(cell)));
    return d;
  }

  /** The cell's corners as [lon, lat]. */
  private cornersOf(cell: string): [number, number][] {
    let c = this.corners.get(cell);
    if (!c) this.corners.set(cell, (c = cellToBoundary(cell, true) as [number, number][]));
    return c;
  }

  /** Rings from the point's cell to the nearest cell with a duct (RINGS + 1: none within). */
  ringsToDuct(lon: number, lat: number): number {
    const rings = gridDiskDistances(latLngToCell(lat, lon, this.resolution), RINGS);
    for (let k = 0; k < rings.length; k++) if (rings[k]!.some((c) => this.duct(c))) return k;
    return RINGS + 1;
  }

  band(lon: number, lat: number): DuctBand {
    const rings = gridDiskDistances(latLngToCell(lat, lon, this.resolution), RINGS + 1);
    let near = Infinity;
    let far = Infinity;
    for (let k = 0; k <= RINGS; k++) {
      for (const cell of rings[k]!) {
        if (!this.duct(cell)) continue;
        near = Math.min(near, k === 0 ? 0 : this.toPolygon(lon, lat, cell));
        far = Math.min(far, this.farthestCorner(lon, lat, cell));
      }
    }
    // Ducts beyond the searched disk are at least as far as the ring just outside it.
    let outside = Infinity;
    for (const cell of rings[RINGS + 1]!) outside = Math.min(outside, this.toPolygon(lon, lat, cell));
    const min = Math.max(0, Math.min(near, outside) - PIECE_M / 2);
    return {
      min_m: Math.floor(min / BAND_STEP_M) * BAND_STEP_M,
      max_m: far === Infinity ? null : Math.ceil(far / BAND_STEP_M) * BAND_STEP_M,
    };
  }

  private farthestCorner(lon: number, lat: number, cell: string): number {
    let d = 0;
    for (const [x, y] of this.cornersOf(cell)) d = Math.max(d, distanceM(lon, lat, x, y));
    return d;
  }

  /** From a point outside the cell to its boundary. */
  private toPolygon(lon: number, lat: number, cell: string): number {
    const c = this.cornersOf(cell);
    let d = Infinity;
    for (let i = 0, j = c.length - 1; i < c.length; j = i++) d = Math.min(d, pointSegmentM(lon, lat, c[j]![0], c[j]![1], c[i]![0], c[i]![1]));
    return d;
  }
}
