/**
 * Chuzhou district boundaries (geodata/base/chuzhou/districts.geojson): decoding, validity,
 * winding, partition, area, and that the committed file is exactly the build script's output.
 */
import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { area, kinks } from '@turf/turf';
import type { Position } from 'geojson';
import { decodeEChartsGeoJSON, decodeRing, type EncodedFeatureCollection } from '../../geodata/base/echarts-decode';
import { checkPartition, repairGeometry, selfIntersections, signedArea } from '../../geodata/base/ring-repair';
import {
  buildDistricts,
  CHUZHOU_DISTRICTS,
  loadEChartsMap,
  OUTPUT_FILE,
  serialize,
  SOURCE_FILE,
  type DistrictCollection,
} from '../../geodata/base/build-districts';

const committedText = readFileSync(OUTPUT_FILE, 'utf8');
const committed = JSON.parse(committedText) as DistrictCollection;
const sourceScript = readFileSync(SOURCE_FILE, 'utf8');

/** All polygons of a feature as arrays of rings, whatever its geometry type. */
const polygonsOf = (g: DistrictCollection['features'][number]['geometry']): Position[][][] =>
  g.type === 'Polygon' ? [g.coordinates] : g.coordinates;

/**
 * One source grid cell is (1/1024°)² ≈ 108 m × 92 m ≈ 10,000 m² at 32°N, and the smallest
 * shape the grid can express is half a cell (~5,000 m²). Any overlap or gap that is real at the
 * source precision is therefore thousands of m²; 1 % of a cell (100 m²) can only be numerical
 * noise (e.g. 6-decimal rounding, ≤ 0.1 m per vertex).
 */
const PARTITION_TOLERANCE_M2 = 100;

describe('decodeEChartsGeoJSON', () => {
  // Each char encodes zigzag(delta) + 64: '@' = 0, 'B' = +1, 'A' = -1, 'd' = zigzag⁻¹(36) = +18,
  // 'c' = zigzag⁻¹(35) = -18. Offsets are in 1/1024° units: [1024, 2048] is (1°, 2°).
  it('decodes a hand-made unit square ring', () => {
    const ring = decodeRing('@@B@@BA@@A', [1024, 2048]);
    expect(ring).toEqual([
      [1, 2],
      [1025 / 1024, 2],
      [1025 / 1024, 2049 / 1024],
      [1, 2049 / 1024],
      [1, 2],
    ]);
  });

  it('decodes Polygon and MultiPolygon features, larger deltas, and leaves the input alone', () => {
    const fc: EncodedFeatureCollection = {
      type: 'FeatureCollection',
      UTF8Encoding: true,
      features: [
        { type: 'Feature', id: 'a', properties: { name: 'A' }, geometry: { type: 'Polygon', coordinates: ['@@d@@dc@'], encodeOffsets: [[0, 0]] } },
        { type: 'Feature', properties: { name: 'B' }, geometry: { type: 'MultiPolygon', coordinates: [['@@B@'], ['@@@B']], encodeOffsets: [[[10, 20]], [[-30, 40]]] } },
      ],
    };
    const before = JSON.stringify(fc);
    const out = decodeEChartsGeoJSON(fc);
    expect(JSON.stringify(fc)).toBe(before);
    expect(out.features[0]).toEqual({
      type: 'Feature',
      id: 'a',
      properties: { name: 'A' },
      geometry: { type: 'Polygon', coordinates: [[[0, 0], [18 / 1024, 0], [18 / 1024, 18 / 1024], [0, 18 / 1024]]] },
    });
    expect(out.features[1]?.geometry).toEqual({
      type: 'MultiPolygon',
      coordinates: [[[[10 / 1024, 20 / 1024], [11 / 1024, 20 / 1024]]], [[[-30 / 1024, 40 / 1024], [-30 / 1024, 41 / 1024]]]],
    });
  });

  it('puts the package source on Chuzhou', () => {
    const decoded = decodeEChartsGeoJSON(loadEChartsMap(sourceScript).geoJson);
    expect(decoded.features).toHaveLength(8);
    const all = decoded.features.flatMap((f) => polygonsOf(f.geometry).flat(2));
    const xs = all.map((p) => p[0]!);
    const ys = all.map((p) => p[1]!);
    expect(Math.min(...xs)).toBeGreaterThan(117.1);
    expect(Math.max(...xs)).toBeLessThan(119.3);
    expect(Math.min(...ys)).toBeGreaterThan(31.8);
    expect(Math.max(...ys)).toBeLessThan(33.3);
  });
});

describe('repairGeometry', () => {
  it('splits a bow-tie into valid CCW parts and drops repeated vertices', () => {
    const s = 8 / 1024; // 8 grid steps: each half of the bow-tie is 16 cells, well above the fragment threshold
    const bowtie = { type: 'Polygon' as const, coordinates: [[[0, 0], [s, s], [s, s], [s, 0], [0, s], [0, 0]]] };
    const { geometry, report } = repairGeometry(bowtie);
    expect(report.duplicatesRemoved).toBe(1);
    expect(report.selfIntersectionsBefore).toBe(1);
    expect(geometry.type).toBe('MultiPolygon');
    expect(polygonsOf(geometry)).toHaveLength(2);
    for (const poly of polygonsOf(geometry)) {
      expect(signedArea(poly[0]!)).toBeGreaterThan(0);
      expect(selfIntersections(poly[0]!)).toHaveLength(0);
    }
  });
});

describe('districts.geojson', () => {
  const features = committed.features;

  it('has the 8 districts with the right codes and names, sorted by code, no crs', () => {
    expect(Object.keys(committed).sort()).toEqual(['features', 'type']);
    expect(features.map((f) => f.properties)).toEqual([...CHUZHOU_DISTRICTS].sort((a, b) => a.code.localeCompare(b.code)));
    expect(features.map((f) => f.properties.code)).toEqual(['341102', '341103', '341122', '341124', '341125', '341126', '341181', '341182']);
  });

  it('has closed rings of ≥ 4 positions, exteriors CCW and holes CW (RFC 7946)', () => {
    for (const f of features) {
      for (const [shell, ...holes] of polygonsOf(f.geometry)) {
        for (const ring of [shell!, ...holes]) {
          expect(ring.length).toBeGreaterThanOrEqual(4);
          expect(ring[0]).toEqual(ring[ring.length - 1]);
        }
        expect(signedArea(shell!), f.properties.name).toBeGreaterThan(0);
        for (const h of holes) expect(signedArea(h), f.properties.name).toBeLessThan(0);
      }
    }
  });

  it('has valid polygons: no kinks, no self-touching or collinear-overlapping rings', () => {
    for (const f of features) {
      for (const poly of polygonsOf(f.geometry)) {
        expect(kinks({ type: 'Polygon', coordinates: poly }).features, f.properties.name).toHaveLength(0);
        for (const ring of poly) expect(selfIntersections(ring), f.properties.name).toHaveLength(0);
      }
    }
  });

  it('forms a partition: overlaps and gaps below the source precision', () => {
    const p = checkPartition(features);
    expect(p.maxOverlapM2).toBeLessThan(PARTITION_TOLERANCE_M2);
    for (const g of p.gaps) expect(g.areaM2).toBeLessThan(PARTITION_TOLERANCE_M2);
    expect(p.unionParts).toBe(1);
  });

  it('covers about the published 13,523 km² (within 3 %)', () => {
    const km2 = features.reduce((s, f) => s + area(f), 0) / 1e6;
    expect(Math.abs(km2 - 13_523) / 13_523).toBeLessThan(0.03);
  });

  it('is exactly what the build produces from the package source (and the build is deterministic)', () => {
    const once = serialize(buildDistricts(sourceScript).collection);
    const twice = serialize(buildDistricts(sourceScript).collection);
    expect(twice).toBe(once);
    expect(once).toBe(committedText);
  });
});
