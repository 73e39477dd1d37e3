/**
 * Chinese place names: their parts (specific name, ethnic groups, generic), short labels,
 * romanisation (Hanyu Pinyin in the place-name style of GB/T 16159) and English forms.
 *
 *   name_pinyin — the specific part as one capitalised word, each generic part as its own
 *                 capitalised word, apostrophe before a/o/e inside a word:
 *                 琅琊街道 → "Langya Jiedao", 新安镇 → "Xin'an Zhen", 吕赵社区 → "Lüzhao Shequ".
 *   name_en     — counties: the specific part, the ethnic groups' English names, the generic
 *                 in English: 来安县 → "Lai'an County", 石柱土家族自治县 → "Shizhu Tujia
 *                 Autonomous County"; cities: 合肥市 → "Hefei", 大理白族自治州 → "Dali Bai
 *                 Autonomous Prefecture".
 *
 * The syllables come from pinyin-pro plus the readings in place-readings.json (polyphonic
 * characters pinyin-pro reads wrongly in place names): machine-generated, to be checked locally.
 * Pure functions.
 */
import { pinyin } from 'pinyin-pro';
import type { TownshipKind } from '../schema';
import readingsFile from './place-readings.json' with { type: 'json' };

// ---------------------------------------------------------------------------------------------
// Ethnic groups (the 55 minorities' names as they appear in autonomous areas' names)

/** Chinese name without 族 → English name (the official English names of the ethnic groups). */
export const ETHNIC_GROUPS: Readonly<Record<string, string>> = {
  蒙古: 'Mongol', 回: 'Hui', 藏: 'Tibetan', 维吾尔: 'Uyghur', 苗: 'Miao', 彝: 'Yi', 壮: 'Zhuang', 布依: 'Bouyei',
  朝鲜: 'Korean', 满: 'Manchu', 侗: 'Dong', 瑶: 'Yao', 白: 'Bai', 土家: 'Tujia', 哈尼: 'Hani', 哈萨克: 'Kazakh',
  傣: 'Dai', 黎: 'Li', 傈僳: 'Lisu', 佤: 'Va', 畲: 'She', 高山: 'Gaoshan', 拉祜: 'Lahu', 水: 'Shui',
  东乡: 'Dongxiang', 纳西: 'Naxi', 景颇: 'Jingpo', 柯尔克孜: 'Kyrgyz', 土: 'Tu', 达斡尔: 'Daur', 仫佬: 'Mulao',
  羌: 'Qiang', 布朗: 'Blang', 撒拉: 'Salar', 毛南: 'Maonan', 仡佬: 'Gelao', 锡伯: 'Xibe', 阿昌: 'Achang',
  普米: 'Pumi', 塔吉克: 'Tajik', 怒: 'Nu', 乌孜别克: 'Uzbek', 俄罗斯: 'Russian', 鄂温克: 'Evenki', 德昂: "De'ang",
  保安: 'Bonan', 裕固: 'Yugur', 京: 'Gin', 塔塔尔: 'Tatar', 独龙: 'Derung', 鄂伦春: 'Oroqen', 赫哲: 'Hezhen',
  门巴: 'Monba', 珞巴: 'Lhoba', 基诺: 'Jino', 各: 'Multi-ethnic',
};
/** Longest first, so 土家 is taken before 土 and 哈萨克 before nothing shorter. */
const ETHNIC_KEYS = Object.keys(ETHNIC_GROUPS).sort((a, b) => b.length - a.length || (a < b ? -1 : 1));

/**
 * Strip trailing ethnic-group names (each with or without 族): 石柱土家族 → 石柱 [土家];
 * 积石山保安族东乡族撒拉族 → 积石山 [保安, 东乡, 撒拉]; 巴音郭楞蒙古 → 巴音郭楞 [蒙古]. A
 * one-character group (回, 水, 土 …) counts only with its 族; a name that would vanish is kept
 * whole (东乡族 stays 东乡族).
 */
export function stripEthnic(s: string): { stem: string; groups: string[] } {
  let stem = s;
  const groups: string[] = [];
  for (;;) {
    const zu = stem.endsWith('族');
    const body = zu ? stem.slice(0, -1) : stem;
    // A one-character group name counts only with its 族 (清水 is not 清 + 水族).
    const k = ETHNIC_KEYS.find((e) => body.endsWith(e) && body.length > e.length && (zu || e.length > 1));
    if (!k) break;
    groups.unshift(k);
    stem = body.slice(0, -k.length);
  }
  return { stem, groups };
}

// ---------------------------------------------------------------------------------------------
// County- and city-level names

/** County-level generics, longest first, with their romanised and English forms. */
const COUNTY_GENERICS: readonly { zh: string; pinyin: string; en: string }[] = [
  { zh: '自治县', pinyin: 'Zizhixian', en: 'Autonomous County' },
  { zh: '自治旗', pinyin: 'Zizhiqi', en: 'Autonomous Banner' },
  { zh: '新区', pinyin: 'Xinqu', en: 'New Area' },
  { zh: '林区', pinyin: 'Linqu', en: 'Forestry District' },
  { zh: '特区', pinyin: 'Tequ', en: 'Special District' },
  { zh: '区', pinyin: 'Qu', en: 'District' },
  { zh: '县', pinyin: 'Xian', en: 'County' },
  { zh: '市', pinyin: 'Shi', en: 'City' },
  { zh: '旗', pinyin: 'Qi', en: 'Banner' },
];

export interface CountyNameParts {
  /** The specific part: 琅琊 in 琅琊区, 石柱 in 石柱土家族自治县. */
  stem: string;
  groups: string[];
  generic: string;
}

export function countyNameParts(name: string): CountyNameParts {
  const g = COUNTY_GENERICS.find((x) => name.endsWith(x.zh) && name.length > x.zh.length);
  if (!g) return { stem: name, groups: [], generic: '' };
  const { stem, groups } = g.zh.startsWith('自治') ? stripEthnic(name.slice(0, -g.zh.length)) : { stem: name.slice(0, -g.zh.length), groups: [] };
  return { stem, groups, generic: g.zh };
}

/**
 * English name of a county-level division. A one-character specific part keeps its generic as
 * part of the name for a district (城区 → "Chengqu District", 郊区 → "Jiaoqu District"), the
 * usual form; a county keeps the short form (沙县 → "Sha County").
 */
export function countyNameEn(name: string, readings: Readings = NO_READINGS): string {
  const { stem, groups, generic } = countyNameParts(name);
  const g = COUNTY_GENERICS.find((x) => x.zh === generic);
  if (!g) return pinyinWord(name, readings);
  // The specific part's syllables are read within the whole name (歙 is shè in 歙县).
  const all = pinyinSyllables(name, readings);
  const n = [...stem].length;
  const specific = n === 1 && generic === '区' ? joinSyllables(all) : joinSyllables(all.slice(0, n));
  return [specific, ...groups.map((e) => ETHNIC_GROUPS[e]!), g.en].join(' ');
}

/** Prefecture-level generics, longest first. 市 is dropped in English (合肥市 → Hefei). */
const CITY_GENERICS: readonly { zh: string; en: string }[] = [
  { zh: '自治州', en: 'Autonomous Prefecture' },
  { zh: '地区', en: 'Prefecture' },
  { zh: '盟', en: 'League' },
  { zh: '市', en: '' },
];

/** 合肥市 → 合肥, 大理白族自治州 → 大理, 阿里地区 → 阿里, 兴安盟 → 兴安 (a one-character stem keeps its generic). */
export function cityStem(name: string): string {
  const g = CITY_GENERICS.find((x) => name.endsWith(x.zh) && name.length > x.zh.length);
  if (!g) return name;
  const body = name.slice(0, -g.zh.length);
  const stem = g.zh === '自治州' ? stripEthnic(body).stem : body;
  return [...stem].length >= 2 ? stem : name;
}

export function cityNameEn(name: string, readings: Readings = NO_READINGS): string {
  const g = CITY_GENERICS.find((x) => name.endsWith(x.zh) && name.length > x.zh.length);
  const stem = cityStem(name);
  if (!g || stem === name) return pinyinWord(stem, readings);
  const groups = g.zh === '自治州' ? stripEthnic(name.slice(0, -g.zh.length)).groups : [];
  return [pinyinWord(stem, readings), ...groups.map((e) => ETHNIC_GROUPS[e]!), g.en].filter(Boolean).join(' ');
}

/** Province names without their generic, as the boundary package names its folders: 安徽省 → 安徽, 广西壮族自治区 → 广西. */
export function provinceShortName(name: string): string {
  const m = /^(.+?)(?:(?:壮族|回族|维吾尔)?自治区|省|市|特别行政区)$/.exec(name);
  return m ? m[1]! : name;
}

/** Letters only, lower case: what a typed pinyin (`Hefei`, `he fei`, `Lu'an`) is compared on. */
export function latinKey(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ü/g, 'v')
    .replace(/[^a-z]/g, '');
}

// ---------------------------------------------------------------------------------------------
// Short names (map labels)

/** A province's name and its short form, longest first: what special areas' names may begin with (安徽省, 安徽). */
export function provincePrefixes(province: string): string[] {
  const short = provinceShortName(province);
  return short === province ? [province] : [province, short];
}

const TOWNSHIP_SUFFIXES: Readonly<Record<TownshipKind, readonly string[]>> = {
  subdistrict: ['街道'],
  town: ['镇'],
  township: ['乡', '苏木'],
  special: ['管理委员会', '管委会'],
};
/** Longest first: exactly one is stripped. */
const VILLAGE_SUFFIXES = [
  '社区居民委员会',
  '社区居委会',
  '居民委员会',
  '村民委员会',
  '虚拟生活区',
  '虚拟社区',
  '村民委会',
  '居委会',
  '村委会',
  '生活区',
  '社区',
  '村',
];

function stripPrefix(name: string, prefixes: readonly string[]): string {
  for (const p of prefixes) if (name.startsWith(p) && name.length > p.length) return name.slice(p.length);
  return name;
}
function stripSuffix(name: string, suffixes: readonly string[]): string {
  for (const s of suffixes) if (name.endsWith(s) && name.length > s.length) return name.slice(0, -s.length);
  return name;
}
/** Keep the full name when stripping would leave a one-character label (仓镇, not 仓). */
function atLeastTwo(short: string, full: string): string {
  return [...short].length >= 2 ? short : full;
}

/**
 * The name without its generic suffix: 琅琊街道 → 琅琊, 乌衣镇 → 乌衣, 二龙回族乡 → 二龙 (an ethnic
 * township loses its group too, and 民族乡 its 民族); special areas lose a leading province name
 * (`prefixes`, from provincePrefixes) and a trailing 管委会/管理委员会.
 */
export function townshipShortName(name: string, kind: TownshipKind, prefixes: readonly string[] = []): string {
  let s = name;
  if (kind === 'special') s = stripPrefix(s, prefixes);
  s = stripSuffix(s, TOWNSHIP_SUFFIXES[kind]);
  if (kind === 'township' && s !== name) {
    s = stripEthnic(s).stem;
    if (s.endsWith('民族') && s.length > 2) s = s.slice(0, -2);
  }
  return atLeastTwo(s, name);
}

/** 花园街社区居委会 → 花园街, 大王村 → 大王, 复兴国有林场生活区 → 复兴国有林场 (and no leading province name). */
export function villageShortName(name: string, prefixes: readonly string[] = []): string {
  const s = stripSuffix(stripPrefix(name, prefixes), VILLAGE_SUFFIXES);
  return atLeastTwo(s, name);
}

// ---------------------------------------------------------------------------------------------
// Pinyin

/** Word readings (whole words, anywhere) and character readings by province. */
export interface Readings {
  words: Readonly<Record<string, string>>;
  chars: Readonly<Record<string, string>>;
}
const NO_READINGS: Readings = { words: {}, chars: {} };

interface ReadingsFile {
  words: Record<string, { reading: string; why: string }>;
  chars: Record<string, { reading: string; provinces: string[]; why: string }>;
}

/** The readings that apply in a province (its 2-digit code), from place-readings.json. */
export function readingsFor(provinceCode: string): Readings {
  const file = readingsFile as ReadingsFile;
  const words = Object.fromEntries(Object.entries(file.words).map(([w, r]) => [w, r.reading]));
  const chars = Object.fromEntries(
    Object.entries(file.chars)
      .filter(([, r]) => r.provinces.includes(provinceCode))
      .map(([c, r]) => [c, r.reading]),
  );
  return { words, chars };
}

function capitalise(w: string): string {
  const first = w.charAt(0);
  return first.toUpperCase() + w.slice(1);
}

const HAN = /\p{Script=Han}/u;

/**
 * Syllables of a text, lower case, one per character: pinyin-pro's, with the readings applied —
 * character readings, then word readings (longest first) for the characters they cover.
 */
export function pinyinSyllables(text: string, readings: Readings = NO_READINGS): string[] {
  const chars = [...text];
  const syllables = pinyin(text, { toneType: 'none', type: 'array' });
  if (syllables.length !== chars.length) {
    throw new Error(`pinyin: ${chars.length} characters but ${syllables.length} syllables in "${text}"`);
  }
  const parts = chars.map((c, k) => (readings.chars[c] ?? syllables[k] ?? '').toLowerCase());
  const wordKeys = Object.keys(readings.words).sort((a, b) => b.length - a.length);
  for (let k = 0; k < chars.length; k++) {
    const rest = chars.slice(k).join('');
    const w = wordKeys.find((key) => rest.startsWith(key));
    if (!w) continue;
    const syl = readings.words[w]!.split(' ');
    for (let j = 0; j < syl.length; j++) parts[k + j] = syl[j]!;
    k += syl.length - 1;
  }
  return parts;
}

/** One word of pinyin from syllables: joined, apostrophe before a/o/e, capitalised. */
function joinSyllables(parts: readonly string[]): string {
  return capitalise(parts.map((p, k) => (k > 0 && /^[aoe]/.test(p) ? `'${p}` : p)).join(''));
}

/** One word of pinyin for a run of characters (see pinyinSyllables). */
export function pinyinWord(run: string, readings: Readings = NO_READINGS): string {
  return joinSyllables(pinyinSyllables(run, readings));
}

/**
 * Generic parts romanised as separate words (matched anywhere, longest first). Single-character
 * generics (镇, 乡, 村) are separated only at the end of a name, since they also occur inside
 * specific names (固镇村委会, 六镇镇, 杨村镇).
 */
const GENERIC_WORDS: Readonly<Record<string, string>> = {
  街道: 'Jiedao',
  回族乡: 'Huizu Xiang',
  社区: 'Shequ',
  居委会: 'Juweihui',
  居民委员会: 'Jumin Weiyuanhui',
  村委会: 'Cunweihui',
  村民委员会: 'Cunmin Weiyuanhui',
  村民委会: 'Cunmin Weihui',
  虚拟: 'Xuni',
  生活区: 'Shenghuoqu',
  经济技术开发区: 'Jingji Jishu Kaifaqu',
  经济开发区: 'Jingji Kaifaqu',
  开发区: 'Kaifaqu',
  工业园区: 'Gongye Yuanqu',
  工业园: 'Gongyeyuan',
  科创城: 'Kechuangcheng',
  管理委员会: 'Guanli Weiyuanhui',
  管理服务中心: 'Guanli Fuwu Zhongxin',
  管委会: 'Guanweihui',
  国有: 'Guoyou',
  国营: 'Guoying',
  农场: 'Nongchang',
  林场: 'Linchang',
};
const FINAL_GENERICS: Readonly<Record<string, string>> = { 镇: 'Zhen', 乡: 'Xiang', 村: 'Cun' };

/** What a city adds to the generic words: its province's, its own and its counties' names. */
export interface PinyinContext {
  words: Readonly<Record<string, string>>;
  readings: Readings;
}

export const BASE_PINYIN: PinyinContext = { words: GENERIC_WORDS, readings: NO_READINGS };

const PROVINCE_GENERICS: Readonly<Record<string, string>> = { 省: 'Sheng', 市: 'Shi', 自治区: 'Zizhiqu' };

/**
 * The words of one city: the province's full and short name (安徽省 → "Anhui Sheng", 安徽 →
 * "Anhui"), the city's (滁州市 → "Chuzhou Shi", 滁州 → "Chuzhou") and each county's full name
 * (凤阳县 → "Fengyang Xian"), each romanised as its specific word plus its generic word.
 */
export function pinyinContext(place: { provinceCode: string; province: string; city: string; counties: readonly string[] }): PinyinContext {
  const readings = readingsFor(place.provinceCode);
  const words: Record<string, string> = { ...GENERIC_WORDS };
  const short = provinceShortName(place.province);
  const pg = Object.keys(PROVINCE_GENERICS).find((g) => place.province === short + g);
  words[short] = pinyinWord(short, readings);
  if (pg) words[place.province] = `${pinyinWord(short, readings)} ${PROVINCE_GENERICS[pg]}`;
  const cityShort = cityStem(place.city);
  if (place.city.endsWith('市') && cityShort !== place.city) {
    words[cityShort] = pinyinWord(cityShort, readings);
    words[place.city] = `${pinyinWord(cityShort, readings)} Shi`;
  }
  for (const county of place.counties) {
    const { stem, groups, generic } = countyNameParts(county);
    const g = COUNTY_GENERICS.find((x) => x.zh === generic);
    if (!g || [...stem].length < 2) continue;
    words[county] = [pinyinWord(stem, readings), ...groups.map((e) => pinyinWord(`${e}族`, readings)), g.pinyin].join(' ');
  }
  return { words, readings };
}

/** Hanyu Pinyin of a township- or village-level name in place-name style (see the module comment). */
export function namePinyin(name: string, ctx: PinyinContext = BASE_PINYIN): string {
  const keys = Object.keys(ctx.words).sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  let body = name;
  let finalWord: string | undefined;
  const last = name.slice(-1);
  const finalGeneric = FINAL_GENERICS[last];
  if (finalGeneric && name.length > 1 && !keys.some((k) => name.endsWith(k))) {
    body = name.slice(0, -1);
    finalWord = finalGeneric;
  }
  const words: string[] = [];
  let run = '';
  const flush = () => {
    if (run) words.push(pinyinWord(run, ctx.readings));
    run = '';
  };
  let i = 0;
  while (i < body.length) {
    const key = keys.find((k) => body.startsWith(k, i));
    if (key) {
      flush();
      words.push(ctx.words[key] ?? '');
      i += key.length;
      continue;
    }
    const c = body[i]!;
    if (HAN.test(c)) run += c;
    else {
      // Digits and Latin letters (甲7号院, G312) are kept as they are; brackets and other marks
      // only separate words.
      flush();
      const latin = /^[0-9A-Za-z]+/.exec(body.slice(i).normalize('NFKC'));
      if (latin) {
        words.push(latin[0]);
        i += body.slice(i).normalize('NFKC').startsWith(latin[0]) ? countSource(body.slice(i), latin[0].length) : 1;
        continue;
      }
    }
    i += 1;
  }
  flush();
  if (finalWord) words.push(finalWord);
  return words.join(' ');
}

/** How many source characters make up the first `n` characters of their NFKC form (full-width digits are one each). */
function countSource(s: string, n: number): number {
  let k = 0;
  let len = 0;
  while (k < s.length && len < n) {
    len += s[k]!.normalize('NFKC').length;
    k += 1;
  }
  return k;
}
