/**
 * A static spatial index of the buildings (Flatbush over points), for "which buildings are in
 * this polygon / within this radius" questions.
 */
import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon } from 'geojson';
import { geometryBBox } from '../geometry/bbox';
import { pointInPolygonGeometry } from '../geometry/point-in-polygon';
import type { LocalMetric } from './metric';

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

  inPolygon(polygon: Polygon | MultiPolygon): number[] {
    const box = geometryBBox(polygon);
    if (!box || !this.index) return [];
    return this.index.search(box[0], box[1], box[2], box[3]).filter((i) => pointInPolygonGeometry(this.x[i]!, this.y[i]!, polygon)).sort((a, b) => a - b);
  }

  inBox(west: number, south: number, east: number, north: number): number[] {
    return this.index ? this.index.search(west, south, east, north) : [];
  }

  /** Indices within `metres` of (cx, cy), boundary included. */
  withinRadius(cx: number, cy: number, metres: number, metric: LocalMetric): number[] {
    if (!this.index) return [];
    const dx = metric.degreesX(metres);
    const dy = metric.degreesY(metres);
    return this.index.search(cx - dx, cy - dy, cx + dx, cy + dy).filter((i) => metric.distance(cx, cy, this.x[i]!, this.y[i]!) <= metres);
  }
}
