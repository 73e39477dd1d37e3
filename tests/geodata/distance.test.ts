/**
 * The atlas's distances (geodata/geometry/distance.ts, ellipsoid.ts) against GeographicLib's
 * geodesic on WGS 84 — an independent reference no code of ours computes.
 *
 * - distanceM: pairs at 0–20 km in every direction (every 5°) from origins across the city's
 *   latitudes (31.5°–33.5° N): the largest relative error must stay under 0.01 % (the
 *   contract) and under 5 × 10⁻⁷ (what distance.ts says: 3 × 10⁻⁷ measured, at 20 km);
 * - pointSegmentM against a brute-force minimum of geodesic distances along the segment;
 * - the degree boxes around a radius hold every position within it (at any latitude), and the
 *   "outside the square" bound never exceeds a real distance;
 * - metres per degree of latitude and longitude against short geodesic steps.
 */
import { describe, expect, it } from 'vitest';
import { METRES_PER_DEGREE_APART, distanceM, metresOutsideSquare, pointSegmentM, radiusBox } from '../../geodata/geometry/distance';
import { MIN_METRES_PER_DEGREE_LATITUDE, metresPerDegreeLatitude, metresPerDegreeLongitude } from '../../geodata/geometry/ellipsoid';
import { Rng } from '../../seeds/rng';
import { geodesicDirect, geodesicM } from '../support/geodesic';

const DISTANCES = [0.5, 1, 10, 50, 100, 300, 500, 1000, 2000, 2500, 3500, 5000, 7500, 10_000, 15_000, 20_000];

/** Origins over the city's latitudes and a little beyond its longitudes. */
function origins(): [number, number][] {
  const out: [number, number][] = [];
  for (let lat = 31.5; lat <= 33.5 + 1e-9; lat += 0.125) for (const lon of [117.0, 118.3, 119.5]) out.push([lon, lat]);
  return out;
}

describe('distanceM against GeographicLib', () => {
  it('is within 0.01 % (and within 5 × 10⁻⁷) at 0–20 km in every direction across 31.5°–33.5° N', () => {
    let worst = 0;
    let pairs = 0;
    for (const o of origins()) {
      for (let azimuth = 0; azimuth < 360; azimuth += 5) {
        for (const s of DISTANCES) {
          const p = geodesicDirect(o, azimuth, s);
          const reference = geodesicM(o, p);
          const error = Math.abs(distanceM(o[0], o[1], p[0], p[1]) - reference) / reference;
          worst = Math.max(worst, error);
          pairs++;
        }
      }
    }
    expect(pairs).toBeGreaterThan(30_000);
    expect(worst).toBeLessThan(1e-4);
    expect(worst).toBeLessThan(5e-7);
    // Not vacuous: the error is measured, not zero (a mid-latitude approximation, not a geodesic).
    expect(worst).toBeGreaterThan(1e-8);
  });

  it('is as good on random pairs (seeded) up to 20 km apart', () => {
    const rng = new Rng(13);
    for (let i = 0; i < 20_000; i++) {
      const a: [number, number] = [rng.range(117, 119.5), rng.range(31.5, 33.5)];
      const b = geodesicDirect(a, rng.range(0, 360), rng.range(0, 20_000));
      const reference = geodesicM(a, b);
      const d = distanceM(a[0], a[1], b[0], b[1]);
      expect(Math.abs(d - reference), `${a} → ${b}`).toBeLessThanOrEqual(Math.max(5e-7 * reference, 1e-9));
    }
  });

  it('is zero for a point and itself, and the same both ways round (to the last bit)', () => {
    expect(distanceM(118.3, 32.3, 118.3, 32.3)).toBe(0);
    const rng = new Rng(7);
    for (let i = 0; i < 1000; i++) {
      const [x1, y1, x2, y2] = [rng.range(117, 119), rng.range(31.5, 33.5), rng.range(117, 119), rng.range(31.5, 33.5)];
      expect(distanceM(x1, y1, x2, y2)).toBe(distanceM(x2, y2, x1, y1));
    }
  });

  it('puts the old metric’s error right: a degree of latitude is 110.89 km at 32° N, not 111.32 km', () => {
    // North–south distances were 0.39 % long under the old metric's one constant (the equator's degree of longitude).
    const north = distanceM(118, 32, 118, 32.01);
    expect(Math.abs(north / geodesicM([118, 32], [118, 32.01]) - 1)).toBeLessThan(1e-9);
    expect(north).toBeCloseTo(1108.869, 3);
  });
});

describe('metres per degree', () => {
  it('of latitude and longitude match short geodesic steps at the city’s latitudes and elsewhere', () => {
    for (const lat of [0, 20, 31.5, 32.3, 33.5, 45, 60, 80]) {
      const h = 1e-4;
      const ns = geodesicM([118, lat - h / 2], [118, lat + h / 2]) / h;
      const ew = geodesicM([118 - h / 2, lat], [118 + h / 2, lat]) / h;
      expect(Math.abs(metresPerDegreeLatitude(lat) / ns - 1), `lat ${lat}`).toBeLessThan(1e-8);
      expect(Math.abs(metresPerDegreeLongitude(lat) / ew - 1), `lon ${lat}`).toBeLessThan(1e-8);
    }
    expect(MIN_METRES_PER_DEGREE_LATITUDE).toBeCloseTo(metresPerDegreeLatitude(0), 9);
  });
});

/** Brute force: the least geodesic distance from p to the lon/lat-straight segment a–b. */
function geodesicToSegment(p: [number, number], a: [number, number], b: [number, number]): number {
  const at = (t: number) => geodesicM(p, [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]);
  const n = 400;
  let bestT = 0;
  for (let k = 0; k <= n; k++) if (at(k / n) < at(bestT)) bestT = k / n;
  // Golden-section refinement around the best sample.
  let lo = Math.max(0, bestT - 1 / n);
  let hi = Math.min(1, bestT + 1 / n);
  const g = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 80; i++) {
    const m1 = hi - g * (hi - lo);
    const m2 = lo + g * (hi - lo);
    if (at(m1) < at(m2)) hi = m2;
    else lo = m1;
  }
  return Math.min(at((lo + hi) / 2), at(0), at(1));
}

describe('pointSegmentM against GeographicLib', () => {
  it('is within 0.01 % of the least geodesic distance to the segment (seeded random segments and points)', () => {
    const rng = new Rng(21);
    let worst = 0;
    for (let i = 0; i < 300; i++) {
      const a: [number, number] = [rng.range(117.5, 119), rng.range(31.5, 33.5)];
      const b = geodesicDirect(a, rng.range(0, 360), rng.range(0, 5000));
      const p = geodesicDirect(a, rng.range(0, 360), rng.range(0, 6000));
      const reference = geodesicToSegment(p, a, b);
      const d = pointSegmentM(p[0], p[1], a[0], a[1], b[0], b[1]);
      const error = Math.abs(d - reference) / Math.max(reference, 1);
      worst = Math.max(worst, error);
    }
    expect(worst).toBeLessThan(1e-4);
  });

  it('is the distance to an end when the nearest point is an end, and 0 on the segment', () => {
    expect(pointSegmentM(118, 32, 118.01, 32, 118.02, 32)).toBe(distanceM(118, 32, 118.01, 32));
    expect(pointSegmentM(118.015, 32, 118.01, 32, 118.02, 32)).toBe(0);
    // A degenerate segment is its point.
    expect(pointSegmentM(118, 32, 118.01, 32.01, 118.01, 32.01)).toBe(distanceM(118, 32, 118.01, 32.01));
  });
});

describe('degree boxes', () => {
  it('radiusBox holds every position within the radius, in every direction, at any latitude', () => {
    for (const lat of [-60, -1e-9, 0, 0.001, 31.5, 32.3, 33.5, 60, 84]) {
      for (const r of [1, 50, 2522, 20_000]) {
        const { dLon, dLat } = radiusBox(lat, r);
        for (let azimuth = 0; azimuth < 360; azimuth += 3) {
          // The farthest position along this azimuth still within r by distanceM (bisection).
          let lo = 0;
          let hi = r * 1.01;
          for (let i = 0; i < 60; i++) {
            const mid = (lo + hi) / 2;
            const p = geodesicDirect([118, lat], azimuth, mid);
            if (distanceM(118, lat, p[0], p[1]) <= r) lo = mid;
            else hi = mid;
          }
          const p = geodesicDirect([118, lat], azimuth, lo);
          expect(distanceM(118, lat, p[0], p[1])).toBeLessThanOrEqual(r);
          expect(Math.abs(p[0] - 118), `lat ${lat} r ${r} az ${azimuth}`).toBeLessThanOrEqual(dLon);
          expect(Math.abs(p[1] - lat), `lat ${lat} r ${r} az ${azimuth}`).toBeLessThanOrEqual(dLat);
        }
      }
    }
  });

  it('radiusBox is not loose in the city: within 0.5 % of the reach’s true extent', () => {
    const r = 2522;
    const { dLon, dLat } = radiusBox(32.3, r);
    expect(dLat / (geodesicDirect([118, 32.3], 0, r)[1] - 32.3)).toBeLessThan(1.005);
    expect(dLon / (geodesicDirect([118, 32.3], 90, r)[0] - 118)).toBeLessThan(1.005);
  });

  it('|Δlat| × METRES_PER_DEGREE_APART never exceeds distanceM, at any latitude (the seat search prunes with it)', () => {
    const rng = new Rng(9);
    for (let i = 0; i < 20_000; i++) {
      const lat = rng.range(-89, 89);
      const [dx, dy] = [rng.range(-0.3, 0.3), rng.range(-0.3, 0.3) * (rng.chance(0.5) ? 1 : 1e-6)];
      expect(Math.abs(dy) * METRES_PER_DEGREE_APART).toBeLessThanOrEqual(distanceM(118, lat, 118 + dx, lat + dy));
    }
    // Due north at the equator, where the bound is tightest.
    expect(0.01 * METRES_PER_DEGREE_APART).toBeLessThanOrEqual(distanceM(0, 0, 0, 0.01));
  });

  it('metresOutsideSquare never exceeds the distance to a position outside the square', () => {
    const rng = new Rng(5);
    for (let i = 0; i < 20_000; i++) {
      const lat = rng.range(31.5, 33.5);
      const deg = rng.range(0.001, 0.2);
      const bound = metresOutsideSquare(lat, deg);
      // A position on or past the square's edge, in longitude or in latitude.
      const beyond = deg * (1 + rng.range(0, 0.5));
      const across = rng.range(-deg, deg);
      const [dx, dy] = rng.chance(0.5) ? [rng.chance(0.5) ? beyond : -beyond, across] : [across, rng.chance(0.5) ? beyond : -beyond];
      expect(distanceM(118, lat, 118 + dx, lat + dy)).toBeGreaterThanOrEqual(bound);
    }
  });
});
