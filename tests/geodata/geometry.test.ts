/**
 * geodata/geometry's planar facts, each with one home: ring area (shoelace) and point in
 * polygon (boundary included, exact), hand-checked and against Turf (booleanClockwise,
 * booleanPointInPolygon — robust predicates of its own; its default counts the boundary as
 * inside, as ours does); bounding boxes and their union.
 */
import { booleanClockwise, booleanPointInPolygon, point, polygon as turfPolygon } from '@turf/turf';
import type { Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { geometryBBox, unionBBox } from '../../geodata/geometry/bbox';
import { pointInPolygonGeometry, pointInRings } from '../../geodata/geometry/point-in-polygon';
import { signedRingArea } from '../../geodata/geometry/ring-area';
import { Rng } from '../../seeds/rng';

const square: Position[] = [
  [0, 0],
  [2, 0],
  [2, 2],
  [0, 2],
  [0, 0],
];

describe('signedRingArea', () => {
  it('is the area, positive counter-clockwise, negative clockwise, closed or not', () => {
    expect(signedRingArea(square)).toBe(4);
    expect(signedRingArea([...square].reverse())).toBe(-4);
    expect(signedRingArea(square.slice(0, 4))).toBe(4);
    // A right triangle of legs 3 and 4.
    expect(signedRingArea([[0, 0], [3, 0], [0, 4]])).toBe(6);
    expect(signedRingArea([])).toBe(0);
  });

  it('winds as Turf says on random rings (seeded)', () => {
    const rng = new Rng(3);
    for (let i = 0; i < 500; i++) {
      const n = 3 + Math.floor(rng.range(0, 8));
      // A star-shaped ring (angles in order) is simple; reversed half the time.
      const angles = Array.from({ length: n }, () => rng.range(0, 2 * Math.PI)).sort((a, b) => a - b);
      let ring: Position[] = angles.map((a) => [118 + rng.range(0.1, 1) * Math.cos(a), 32 + rng.range(0.1, 1) * Math.sin(a)]);
      if (rng.chance(0.5)) ring = ring.reverse();
      ring.push(ring[0]!);
      const area = signedRingArea(ring);
      if (area === 0) continue;
      expect(area < 0).toBe(booleanClockwise(ring));
    }
  });
});

describe('pointInRings: boundary included, exact', () => {
  const rect: Position[][] = [[[118.12, 32.02], [118.14, 32.02], [118.14, 32.04], [118.12, 32.04], [118.12, 32.02]]];

  it('counts every edge and every corner of a rectangle (not only the west and south ones)', () => {
    const cases: [string, number, number, boolean][] = [
      ['inside', 118.13, 32.03, true],
      ['west edge', 118.12, 32.03, true],
      ['east edge', 118.14, 32.03, true],
      ['south edge', 118.13, 32.02, true],
      ['north edge', 118.13, 32.04, true],
      ['south-west corner', 118.12, 32.02, true],
      ['south-east corner', 118.14, 32.02, true],
      ['north-east corner', 118.14, 32.04, true],
      ['north-west corner', 118.12, 32.04, true],
      ['just west', 118.1199999, 32.03, false],
      ['just east', 118.1400001, 32.03, false],
      ['just south', 118.13, 32.0199999, false],
      ['just north', 118.13, 32.0400001, false],
      ['on the east edge line, beyond the corner', 118.14, 32.0400001, false],
    ];
    for (const [name, x, y, inside] of cases) {
      expect(pointInRings(x, y, rect), name).toBe(inside);
      expect(booleanPointInPolygon(point([x, y]), turfPolygon(rect)), `${name} (Turf)`).toBe(inside);
    }
  });

  it('decides a point on a slanted edge exactly, and a point one unit in the last place off it', () => {
    // The diagonal from (0.125, 0.125) to (0.1875, 0.1875) holds (0.15625, 0.15625) exactly.
    const tri: Position[][] = [[[0.125, 0.125], [0.25, 0.125], [0.1875, 0.1875], [0.125, 0.125]]];
    const onEdge: [number, number] = [0.15625, 0.15625];
    const below = 0.15625 - 2 ** -55; // inside: the triangle lies below the diagonal
    const above = 0.15625 + 2 ** -55;
    expect(pointInRings(...onEdge, tri)).toBe(true);
    expect(pointInRings(0.15625, below, tri)).toBe(true);
    expect(pointInRings(0.15625, above, tri)).toBe(false);
    expect(booleanPointInPolygon(point(onEdge), turfPolygon(tri))).toBe(true);
    expect(booleanPointInPolygon(point([0.15625, above]), turfPolygon(tri))).toBe(false);
  });

  it('leaves a point in a hole outside, and a point on the hole’s edge inside', () => {
    const withHole: Polygon = { type: 'Polygon', coordinates: [square, [[0.5, 0.5], [0.5, 1.5], [1.5, 1.5], [1.5, 0.5], [0.5, 0.5]]] };
    expect(pointInPolygonGeometry(1, 1, withHole)).toBe(false);
    expect(pointInPolygonGeometry(0.5, 1, withHole)).toBe(true);
    expect(pointInPolygonGeometry(0.25, 1, withHole)).toBe(true);
  });

  it('agrees with Turf on random points near random polygons, and on their vertices', () => {
    const rng = new Rng(11);
    let insides = 0;
    let boundary = 0;
    for (let i = 0; i < 200; i++) {
      const n = 3 + Math.floor(rng.range(0, 7));
      const angles = Array.from({ length: n }, () => rng.range(0, 2 * Math.PI)).sort((a, b) => a - b);
      const ring: Position[] = angles.map((a) => [118 + rng.range(0.2, 1) * Math.cos(a), 32 + rng.range(0.2, 1) * Math.sin(a)]);
      ring.push(ring[0]!);
      const poly = turfPolygon([ring]);
      for (let k = 0; k < 50; k++) {
        const [x, y] = [118 + rng.range(-1.1, 1.1), 32 + rng.range(-1.1, 1.1)];
        const ours = pointInRings(x, y, [ring]);
        expect(ours, `${x} ${y}`).toBe(booleanPointInPolygon(point([x, y]), poly));
        if (ours) insides++;
      }
      for (const v of ring) {
        expect(pointInRings(v[0]!, v[1]!, [ring])).toBe(true);
        boundary++;
      }
    }
    expect(insides).toBeGreaterThan(1000);
    expect(boundary).toBeGreaterThan(1000);
  });
});

describe('bounding boxes', () => {
  it('unionBBox covers both boxes; null is the empty box', () => {
    expect(unionBBox([0, 0, 1, 1], [2, -1, 3, 0.5])).toEqual([0, -1, 3, 1]);
    expect(unionBBox(null, [1, 2, 3, 4])).toEqual([1, 2, 3, 4]);
    expect(unionBBox(null, null)).toBeNull();
    expect(geometryBBox({ type: 'MultiPolygon', coordinates: [[square], [[[5, 5], [6, 5], [6, 7], [5, 5]]]] })).toEqual([0, 0, 6, 7]);
  });
});
