/**
 * Small geometric helpers for the demo generator. Metres are turned into degrees with the
 * atlas's own ellipsoid (geodata/geometry/ellipsoid.ts), as every other distance is.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { pointInPolygonGeometry } from '../../geodata/geometry/point-in-polygon';
import { geometryBBox, type BBox } from '../../geodata/geometry/bbox';
import { metresPerDegreeLatitude, metresPerDegreeLongitude } from '../../geodata/geometry/ellipsoid';
import type { Rng } from '../rng';

export type Area = Polygon | MultiPolygon;

export function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

export function roundPosition(p: Position): Position {
  return [round6(p[0]!), round6(p[1]!)];
}

/** A polygon area with its bbox, for fast repeated "is this point inside?" questions. */
export class Region {
  readonly bbox: BBox;
  constructor(readonly geometry: Area) {
    this.bbox = geometryBBox(geometry)!;
  }

  contains(x: number, y: number): boolean {
    const b = this.bbox;
    return x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3] && pointInPolygonGeometry(x, y, this.geometry);
  }

  /** A uniform random point inside (rejection sampling in the bbox). */
  randomPoint(rng: Rng): Position {
    const b = this.bbox;
    for (let i = 0; i < 10_000; i++) {
      const x = rng.range(b[0], b[2]);
      const y = rng.range(b[1], b[3]);
      if (this.contains(x, y)) return [x, y];
    }
    throw new Error('could not place a point inside a region: is it empty?');
  }
}

/**
 * Squared planar distance in degrees, x scaled for latitude: only to rank candidates (which is
 * farther, which is nearer) when placing synthetic seats and routes, never as a length. Kept
 * planar on purpose: the ranking decides where every demo seat and building lies, and the
 * committed upload fixtures name real demo buildings by position.
 */
export function dist2(a: Position, b: Position, cosLat: number): number {
  const dx = (a[0]! - b[0]!) * cosLat;
  const dy = a[1]! - b[1]!;
  return dx * dx + dy * dy;
}

/**
 * Mitchell's best-candidate sampling: each new point is the candidate farthest from those
 * already placed, which spreads seats out like real settlements rather than clumping.
 */
export function bestCandidate(
  rng: Rng,
  count: number,
  sample: () => Position,
  existing: Position[] = [],
  candidates = 12,
): Position[] {
  const placed = [...existing];
  const out: Position[] = [];
  const cosLat = Math.cos(((placed[0] ?? sample())[1]! * Math.PI) / 180);
  for (let n = 0; n < count; n++) {
    let best: Position | null = null;
    let bestD = -1;
    for (let c = 0; c < candidates; c++) {
      const p = sample();
      let d = Infinity;
      for (const q of placed) d = Math.min(d, dist2(p, q, cosLat));
      if (d > bestD) {
        bestD = d;
        best = p;
      }
    }
    placed.push(best!);
    out.push(best!);
  }
  return out;
}

/** A regular polygon of `sides` around a centre, radius in metres: a synthetic service area. */
export function circlePolygon(center: Position, radiusM: number, sides: number, rotation = 0): Polygon {
  const perLon = metresPerDegreeLongitude(center[1]!);
  const perLat = metresPerDegreeLatitude(center[1]!);
  const ring: Position[] = [];
  for (let i = 0; i < sides; i++) {
    const a = rotation + (2 * Math.PI * i) / sides; // counter-clockwise (RFC 7946 exterior)
    ring.push(
      roundPosition([center[0]! + (radiusM * Math.cos(a)) / perLon, center[1]! + (radiusM * Math.sin(a)) / perLat]),
    );
  }
  ring.push(ring[0]!);
  return { type: 'Polygon', coordinates: [ring] };
}

/** A date string between two dates (inclusive), uniformly. */
export function randomDate(rng: Rng, from: string, to: string): string {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  const day = 86_400_000;
  const t = a + Math.floor(rng.next() * ((b - a) / day + 1)) * day;
  return new Date(t).toISOString().slice(0, 10);
}
