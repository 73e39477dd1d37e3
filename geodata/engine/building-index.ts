/**
 * A static spatial index of the buildings (Flatbush over points), for "which buildings are in
 * this polygon / within this radius" questions.
 */
import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon } from 'geojson';
import { geometryBBox } from '../geometry/bbox';
import { distanceM, radiusBox } from '../geometry/distance';
import { pointInPolygonGeometry } from '../geometry/point-in-polygon';

export class PointIndex {
  private readonly index: Flatbush | null;

  constructor(
    private readonly x: Float64Array,
    private readonly y: Float64Array,
  ) {
    if (x.length === 0) {
      this.index = null;
      return;
    }
    this.index = new Flatbush(x.length);
    for (let i = 0; i < x.length; i++) this.index.add(x[i]!, y[i]!, x[i]!, y[i]!);
    this.index.finish();
  }

  /** Indices of the points in a polygon, its outline included (pointInPolygonGeometry), ascending. */
  inPolygon(polygon: Polygon | MultiPolygon): number[] {
    const box = geometryBBox(polygon);
    if (!box || !this.index) return [];
    return this.index.search(box[0], box[1], box[2], box[3]).filter((i) => pointInPolygonGeometry(this.x[i]!, this.y[i]!, polygon)).sort((a, b) => a - b);
  }

  inBox(west: number, south: number, east: number, north: number): number[] {
    return this.index ? this.index.search(west, south, east, north) : [];
  }

  /**
   * Indices within `metres` of (cx, cy) on the ellipsoid (distanceM), boundary included: a
   * point at exactly the radius is within it. The degree box searched first is conservative
   * (radiusBox), so no point within the radius is left out at any latitude.
   */
  withinRadius(cx: number, cy: number, metres: number): number[] {
    if (!this.index) return [];
    const { dLon, dLat } = radiusBox(cy, metres);
    const { x, y } = this;
    const candidates = this.index.search(cx - dLon, cy - dLat, cx + dLon, cy + dLat);
    let n = 0;
    for (const i of candidates) if (distanceM(cx, cy, x[i]!, y[i]!) <= metres) candidates[n++] = i;
    candidates.length = n;
    return candidates;
  }
}
