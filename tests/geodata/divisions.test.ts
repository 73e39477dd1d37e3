import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import {
  defaultSpecialSettlement,
  townshipKind,
  townshipSettlement,
  villageKind,
  villageSettlement,
  type SettlementOverride,
} from '../../geodata/classify';
import { OUTPUT_PATH, readOverrides, type Divisions } from '../../geodata/base/build-divisions';
import { buildEmbeddedCity } from '../../geodata/base/build-city';
import { parseCsv } from '../../geodata/base/csv';
import { BASE_PINYIN, namePinyin, provincePrefixes, readingsFor, townshipShortName, villageShortName } from '../../geodata/base/place-names';
import { SETTLEMENTS, TOWNSHIP_KINDS, VILLAGE_KINDS } from '../../geodata/schema';

const committed = readFileSync(OUTPUT_PATH, 'utf8');
const data = JSON.parse(committed) as Divisions;
const DISTRICT_CODES = ['341102', '341103', '341122', '341124', '341125', '341126', '341181', '341182'];

const township = (code: string) => data.townships.find((t) => t.code === code);
const village = (code: string) => data.villages.find((v) => v.code === code);

describe('Chuzhou divisions.json', () => {
  it('has 124 township-level and 1,267 village-level units', () => {
    expect(data.townships).toHaveLength(124);
    expect(data.villages).toHaveLength(1267);
  });

  it('has unique, well-formed codes, sorted', () => {
    const tc = data.townships.map((t) => t.code);
    const vc = data.villages.map((v) => v.code);
    expect(new Set(tc).size).toBe(tc.length);
    expect(new Set(vc).size).toBe(vc.length);
    for (const c of tc) expect(c).toMatch(/^\d{9}$/);
    for (const c of vc) expect(c).toMatch(/^\d{12}$/);
    expect(tc).toEqual([...tc].sort());
    expect(vc).toEqual([...vc].sort());
    for (const c of [...tc, ...vc]) expect(c.startsWith('3411')).toBe(true);
  });

  it("puts every township in one of Chuzhou's 8 districts", () => {
    for (const t of data.townships) expect(DISTRICT_CODES).toContain(t.district_code);
    // All eight are used.
    expect(new Set(data.townships.map((t) => t.district_code)).size).toBe(8);
  });

  it('puts every village in an existing township whose code prefixes its own', () => {
    const codes = new Set(data.townships.map((t) => t.code));
    for (const v of data.villages) {
      expect(codes.has(v.township_code)).toBe(true);
      expect(v.code.startsWith(v.township_code)).toBe(true);
    }
  });

  it('uses only the schema enums, and gives every record its label fields', () => {
    for (const t of data.townships) {
      expect(TOWNSHIP_KINDS).toContain(t.kind);
      expect(SETTLEMENTS).toContain(t.settlement);
      expect(t.short_name.length).toBeGreaterThan(0);
      expect(t.name_pinyin).toMatch(/^[A-ZÜ][a-zü']*( [A-ZÜ][a-zü']*)*$/);
    }
    for (const v of data.villages) {
      expect(VILLAGE_KINDS).toContain(v.kind);
      expect(SETTLEMENTS).toContain(v.settlement);
      expect(v.short_name.length).toBeGreaterThan(0);
      expect(v.name_pinyin).toMatch(/^[A-ZÜ][a-zü']*( [A-ZÜ][a-zü']*)*$/);
    }
  });

  it('keeps the settlement rules: villages rural, communities follow their township', () => {
    const byCode = new Map(data.townships.map((t) => [t.code, t]));
    for (const v of data.villages) {
      const t = byCode.get(v.township_code);
      expect(v.settlement).toBe(v.kind === 'village' ? 'rural' : t?.settlement);
    }
  });

  it('spot-checks real units', () => {
    // A 琅琊区 subdistrict.
    expect(township('341102001')).toMatchObject({
      name: '琅琊街道',
      short_name: '琅琊',
      name_pinyin: 'Langya Jiedao',
      district_code: '341102',
      kind: 'subdistrict',
      settlement: 'urban',
    });
    // A town in 南谯区.
    expect(township('341103100')).toMatchObject({ name: '乌衣镇', kind: 'town', settlement: 'town' });
    // A township (乡) and an ethnic township (民族乡).
    expect(township('341182200')).toMatchObject({ name: '泊岗乡', kind: 'township', settlement: 'town' });
    expect(township('341125204')).toMatchObject({
      name: '二龙回族乡',
      short_name: '二龙',
      kind: 'township',
      settlement: 'town',
    });
    // A one-character town keeps its full name as label.
    expect(township('341125110')).toMatchObject({ name: '仓镇', short_name: '仓镇', name_pinyin: 'Cang Zhen' });
    // An administrative village.
    expect(village('341103105202')).toMatchObject({
      name: '华严庵村委会',
      short_name: '华严庵',
      township_code: '341103105',
      kind: 'village',
      settlement: 'rural',
    });
    // A community in a 街道 (琅琊区 清流街道) and one in a 镇 (天长市 张铺镇).
    expect(village('341102006007')).toMatchObject({
      name: '来安路社区居委会',
      short_name: '来安路',
      kind: 'community',
      settlement: 'urban',
    });
    expect(village('341181111002')).toMatchObject({ name: '平安社区居委会', kind: 'community', settlement: 'town' });
    // Special areas and their communities.
    expect(township('341102400')).toMatchObject({ name: '安徽滁州琅琊经济开发区', kind: 'special', settlement: 'urban' });
    expect(township('341103401')).toMatchObject({ name: '滁州高教科创城管委会', kind: 'special', settlement: 'town' });
    expect(township('341125402')).toMatchObject({ name: '凌家湖农场', kind: 'special', settlement: 'rural' });
    expect(village('341102400498')).toMatchObject({ name: '安徽滁州琅琊经济开发区虚拟社区', kind: 'community', settlement: 'urban' });
    expect(village('341125402001')).toMatchObject({ name: '凌家湖农场', kind: 'village', settlement: 'rural' });
    // A forest-research living quarter inside a 街道 is still rural.
    expect(village('341126001500')).toMatchObject({ name: '凤阳县农科所生活区', kind: 'village', settlement: 'rural' });
    // Functional-area townships are placed in their host district.
    expect(township('341171001')).toMatchObject({ name: '大王街道', district_code: '341103' });
    expect(township('341172001')).toMatchObject({ name: '凤凰街道', district_code: '341102' });
  });

  it('has an override for every special area, and none for anything else', () => {
    const overrides = readOverrides();
    const special = data.townships.filter((t) => t.kind === 'special').map((t) => t.code);
    expect(Object.keys(overrides.areas).sort()).toEqual(special);
    for (const [code, o] of Object.entries(overrides.areas)) {
      expect(township(code)?.settlement).toBe(o.settlement);
      // Entries still marked as the default must agree with the default rule.
      if (o.reason.startsWith('default rule')) expect(o.settlement).toBe(defaultSpecialSettlement(o.name));
    }
  });

  it('is reproduced exactly by re-running the build', { timeout: 120_000 }, () => {
    expect(buildEmbeddedCity().files['divisions.json']).toBe(committed);
  });
});

describe('classify', () => {
  it('townshipKind', () => {
    expect(townshipKind('琅琊街道')).toBe('subdistrict');
    expect(townshipKind('乌衣镇')).toBe('town');
    expect(townshipKind('界牌集镇')).toBe('town');
    expect(townshipKind('六镇镇')).toBe('town');
    expect(townshipKind('杨郢乡')).toBe('township');
    expect(townshipKind('二龙回族乡')).toBe('township');
    expect(townshipKind('安徽滁州琅琊经济开发区')).toBe('special');
    expect(townshipKind('南谯工业园区')).toBe('special');
    expect(townshipKind('滁州高教科创城管委会')).toBe('special');
    expect(townshipKind('安徽凤阳经济开发区管理委员会')).toBe('special');
    expect(townshipKind('凌家湖农场')).toBe('special');
  });

  it('villageKind', () => {
    expect(villageKind('花园街社区居委会')).toBe('community');
    expect(villageKind('奇辉居委会')).toBe('community');
    expect(villageKind('金港湾居民委员会')).toBe('community');
    expect(villageKind('天河社区居民委员会')).toBe('community');
    expect(villageKind('文昌花园社区')).toBe('community');
    expect(villageKind('章广街道社区')).toBe('community');
    expect(villageKind('康乐新村社区')).toBe('community');
    expect(villageKind('滁州高教科创城管理服务中心虚拟社区')).toBe('community');
    expect(villageKind('华严庵村委会')).toBe('village');
    expect(villageKind('城西村民委员会')).toBe('village');
    expect(villageKind('八里村民委会')).toBe('village');
    expect(villageKind('大王村')).toBe('village');
    expect(villageKind('固镇村委会')).toBe('village');
    expect(villageKind('复兴国有林场生活区')).toBe('village');
    expect(villageKind('定远盐化工业园虚拟生活区')).toBe('village');
    expect(villageKind('凌家湖农场')).toBe('village');
    expect(() => villageKind('某某场部')).toThrow(/unrecognised/);
    expect(() => villageKind('某某管委会')).toThrow(/unrecognised/);
  });

  it('townshipSettlement', () => {
    const overrides: Record<string, SettlementOverride> = {
      '341125402': { name: '凌家湖农场', settlement: 'rural', reason: 'test' },
    };
    expect(townshipSettlement('subdistrict', '341102001', overrides)).toBe('urban');
    expect(townshipSettlement('town', '341103100', overrides)).toBe('town');
    expect(townshipSettlement('township', '341182200', overrides)).toBe('town');
    expect(townshipSettlement('special', '341125402', overrides)).toBe('rural');
    expect(() => townshipSettlement('special', '341102400', overrides)).toThrow(/no settlement override/);
    // An inherited key is not an override.
    expect(() => townshipSettlement('special', 'toString', overrides)).toThrow(/no settlement override/);
  });

  it('villageSettlement', () => {
    expect(villageSettlement('village', 'urban')).toBe('rural');
    expect(villageSettlement('village', 'town')).toBe('rural');
    expect(villageSettlement('community', 'urban')).toBe('urban');
    expect(villageSettlement('community', 'town')).toBe('town');
    expect(villageSettlement('community', 'rural')).toBe('rural');
  });

  it('defaultSpecialSettlement', () => {
    expect(defaultSpecialSettlement('安徽定远经济开发区')).toBe('urban');
    expect(defaultSpecialSettlement('滁州市经济技术开发区')).toBe('urban');
    expect(defaultSpecialSettlement('某高新区')).toBe('urban');
    expect(defaultSpecialSettlement('凌家湖农场')).toBe('rural');
    expect(defaultSpecialSettlement('某国有林场')).toBe('rural');
    expect(defaultSpecialSettlement('定远盐化工业园')).toBe('town');
    expect(defaultSpecialSettlement('滁州高教科创城管委会')).toBe('town');
  });
});

describe('labels', () => {
  it('short names strip the generic suffix', () => {
    expect(townshipShortName('琅琊街道', 'subdistrict')).toBe('琅琊');
    expect(townshipShortName('六镇镇', 'town')).toBe('六镇');
    expect(townshipShortName('仓镇', 'town')).toBe('仓镇');
    expect(townshipShortName('二龙回族乡', 'township')).toBe('二龙');
    expect(townshipShortName('安徽凤阳经济开发区管理委员会', 'special', provincePrefixes('安徽省'))).toBe('凤阳经济开发区');
    expect(villageShortName('潘村村委会')).toBe('潘村');
    expect(villageShortName('天河社区居民委员会')).toBe('天河');
    expect(villageShortName('大王村')).toBe('大王');
    expect(villageShortName('复兴国有林场生活区')).toBe('复兴国有林场');
  });

  it('pinyin is readable place-name style', () => {
    expect(namePinyin('琅琊街道')).toBe('Langya Jiedao');
    expect(namePinyin('新安镇')).toBe("Xin'an Zhen");
    // 圩 is wéi (polder) in Jianghuai names, xū (market) in the south: a reading by province.
    expect(namePinyin('吴圩镇', { ...BASE_PINYIN, readings: readingsFor('34') })).toBe('Wuwei Zhen');
    expect(namePinyin('吴圩镇', { ...BASE_PINYIN, readings: readingsFor('44') })).toBe('Wuxu Zhen');
    expect(namePinyin('六镇镇')).toBe('Liuzhen Zhen');
    expect(namePinyin('固镇村委会')).toBe('Guzhen Cunweihui');
    expect(namePinyin('二龙回族乡')).toBe('Erlong Huizu Xiang');
    expect(namePinyin('花园街社区居委会')).toBe('Huayuanjie Shequ Juweihui');
    expect(namePinyin('女山湖镇')).toBe('Nüshanhu Zhen');
  });
});

describe('parseCsv', () => {
  it('handles quotes, escaped quotes, embedded commas and newlines, CRLF', () => {
    expect(parseCsv('a,b\r\n1,"x, ""y"""\n2,"line\nbreak"\n')).toEqual([
      ['a', 'b'],
      ['1', 'x, "y"'],
      ['2', 'line\nbreak'],
    ]);
    expect(parseCsv('a,b\n1,')).toEqual([
      ['a', 'b'],
      ['1', ''],
    ]);
    expect(() => parseCsv('a\n"open')).toThrow(/unterminated/);
  });
});
