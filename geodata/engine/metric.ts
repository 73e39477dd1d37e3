/**
 * Distances in metres on a local equirectangular plane: x scaled by cos(latitude) of the city.
 * Over a city (≈ 150 km) the error against the geodesic is under 0.1 %, far below the radii
 * and distances the indicators compare (tens of metres to kilometres).
 */
export const METRES_PER_DEGREE = 111_320;

export class LocalMetric {
  /** Metres per degree of longitude and of latitude at the reference latitude. */
  readonly mx: number;
  readonly my: number;
  constructor(referenceLatitude: number) {
    this.mx = METRES_PER_DEGREE * Math.cos((referenceLatitude * Math.PI) / 180);
    this.my = METRES_PER_DEGREE;
  }

  distance(x1: number, y1: number, x2: number, y2: number): number {
    const dx = (x2 - x1) * this.mx;
    const dy = (y2 - y1) * this.my;
    return Math.sqrt(dx * dx + dy * dy);
  }

  /** Distance from a point to a segment, in metres. */
  pointSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
    const x = (px - ax) * this.mx;
    const y = (py - ay) * this.my;
    const ux = (bx - ax) * this.mx;
    const uy = (by - ay) * this.my;
    const len2 = ux * ux + uy * uy;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, (x * ux + y * uy) / len2));
    const dx = x - t * ux;
    const dy = y - t * uy;
    return Math.sqrt(dx * dx + dy * dy);
  }

  /** Half-size in degrees of a box that holds a circle of `metres` radius. */
  degreesX(metres: number): number {
    return metres / this.mx;
  }
  degreesY(metres: number): number {
    return metres / this.my;
  }
}
