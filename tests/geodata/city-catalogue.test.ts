/**
 * Which city a user means (names, codes, pinyin), the cases the packages cannot serve (each with
 * its own code and a message that says why, in Chinese and English), the county join's rules on
 * hand-made inputs, and the repair's rules for small shapes on hand-made rings.
 */
import { describe, expect, it } from 'vitest';
import { buildCity } from '../../geodata/base/build-city';
import { cityCatalogue, provinceCities, resolveCity, resolveProvince } from '../../geodata/base/catalogue';
import { CityError, type CityErrorCode } from '../../geodata/base/city-error';
import { joinCounties, sameCountyRenamed } from '../../geodata/base/join';
import { cityNameEn, cityStem, countyNameEn, countyNameParts, latinKey, readingsFor } from '../../geodata/base/place-names';
import { fillSmallGaps, isGridArtefact, removeSpikes, repairSet, thicknessSteps } from '../../geodata/base/ring-repair';

/** The CityError a call throws (fails the test if it throws anything else, or nothing). */
function refusal(f: () => unknown): CityError {
  try {
    f();
  } catch (e) {
    if (e instanceof CityError) return e;
    throw e;
  }
  throw new Error('expected a CityError, got a result');
}
const refuse = (query: string) => refusal(() => buildCity(resolveCity(query)));

describe('resolveCity: names, codes and pinyin', () => {
  it.each([
    ['合肥市', '3401'],
    ['合肥', '3401'],
    ['3401', '3401'],
    ['340100', '3401'],
    ['hefei', '3401'],
    ['He Fei', '3401'],
    ['  合肥市 ', '3401'],
    ['六安', '3415'],
    ["Lu'an", '3415'],
    ['bengbu', '3403'],
    ['大理', '5329'],
    ['大理白族自治州', '5329'],
    ['dali', '5329'],
    ['兴安盟', '1522'],
    ['北京', '1100'],
    ['beijing', '1100'],
    ['110000', '1100'],
    ['1101', '1100'],
    ['5002', '5000'],
  ])('%s → %s', (query, code) => {
    expect(resolveCity(query).code).toBe(code);
  });

  it('lists the candidates of an ambiguous pinyin', () => {
    const e = refusal(() => resolveCity('suzhou'));
    expect(e.code).toBe('city_ambiguous');
    expect(e.en).toContain('苏州市 (3205');
    expect(e.en).toContain('宿州市 (3413');
    expect(e.zh).toContain('苏州市');
    expect((e.details as { candidates: { code: string }[] }).candidates.map((c) => c.code)).toEqual(['3205', '3413']);
    expect(refusal(() => resolveCity('fuzhou')).code).toBe('city_ambiguous');
    expect(refusal(() => resolveCity('taizhou')).code).toBe('city_ambiguous');
  });

  it('says a county-level unit is not a city, and names its city', () => {
    const e = refusal(() => resolveCity('巢湖'));
    expect(e.code).toBe('city_is_county');
    expect(e.en).toMatch(/巢湖市 \(340181\) is a county-level unit of 合肥市 \(3401\)/);
    expect(refusal(() => resolveCity('340181')).code).toBe('city_is_county');
  });

  it('refuses what is no city at all', () => {
    expect(refusal(() => resolveCity('xyzzy')).code).toBe('city_unknown');
    expect(refusal(() => resolveCity('不存在市')).code).toBe('city_unknown');
    expect(refusal(() => resolveCity('9999')).code).toBe('city_unknown');
    expect(refusal(() => resolveCity('')).code).toBe('city_unknown');
    expect(refusal(() => resolveCity('34')).en).toMatch(/province code .*--province 34/);
  });

  it('finds provinces by name, short name, pinyin or code, and lists their cities', () => {
    for (const q of ['安徽省', '安徽', 'anhui', '34', '340000']) expect(resolveProvince(q).code).toBe('34');
    expect(resolveProvince('shaanxi').code).toBe('61');
    expect(refusal(() => resolveProvince('shanxi')).code).toBe('province_unknown'); // 山西 or 陕西
    expect(refusal(() => resolveProvince('火星')).code).toBe('province_unknown');
    expect(provinceCities(resolveProvince('安徽')).cities.map((c) => c.code)).toEqual(
      ['3401', '3402', '3403', '3404', '3405', '3406', '3407', '3408', '3410', '3411', '3412', '3413', '3415', '3416', '3417', '3418'],
    );
  });

  it('knows every NBS prefecture-level city and municipality, and where the boundary package files it', () => {
    const cat = cityCatalogue();
    expect(cat.cities.length).toBe(337); // 333 prefecture-level divisions + 4 municipalities in the 2023 codes
    expect(cat.cities.find((c) => c.code === '3411')!.boundary).toEqual({ path: 'src/安徽/滁州市.js', format: 'echarts-script' });
    expect(cat.cities.find((c) => c.code === '1100')!.boundary).toMatchObject({ path: 'geojson/shape-with-internal-borders/beijing.geojson', format: 'geojson' });
    // Renamed since the boundaries were drawn: found by its stem.
    expect(cat.cities.find((c) => c.code === '5406')!.boundary).toMatchObject({ path: 'src/西藏/那曲地区.js', renamedFrom: '那曲地区' });
  });
});

describe('the cases the packages cannot serve, each with its own code and reason', () => {
  const cases: [string, CityErrorCode, RegExp][] = [
    ['东莞', 'city_no_county_level', /no county level: its towns report to the city directly/],
    ['中山市', 'city_no_county_level', /no county level/],
    ['嘉峪关', 'city_no_county_level', /no county level/],
    ['儋州', 'city_no_county_level', /no county level/],
    ['三沙', 'city_no_county_boundaries', /only the city's outline, no county-level boundaries/],
    ['仙桃', 'city_province_administered', /administered directly by 湖北省, not a prefecture-level city/],
    ['济源', 'city_province_administered', /administered directly by 河南省/],
    ['shihezi', 'city_province_administered', /administered directly by 新疆维吾尔自治区/],
    ['琼海', 'city_province_administered', /administered directly by 海南省/],
    ['香港', 'city_outside_nbs', /Hong Kong, Macao and Taiwan are not in the NBS statistical division codes/],
    ['aomen', 'city_outside_nbs', /not in the NBS/],
    ['台湾', 'city_outside_nbs', /not in the NBS/],
    ['臺北市', 'city_outside_nbs', /not in the NBS/],
    ['莱芜', 'city_not_in_divisions', /src\/山东\/莱芜市\.js .* no such prefecture-level city .* 钢城区 is now in 济南市 \(370117\)/],
    ['东沙群岛', 'city_not_in_divisions', /no such prefecture-level city/],
    ['伊春', 'city_county_mismatch', /do not match the boundary file .*伊春区 \(230702\).*伊美区 \(230717\)/],
    ['那曲', 'city_county_mismatch', /那曲县 \(542421\).*色尼区 \(540602\)/],
    ['天津', 'city_checks_failed', /蓟州区 \(120119\) has no geometry in the boundary file geojson\/shape-with-internal-borders\/tianjin\.geojson/],
  ];
  it.each(cases)('%s → %s', (query, code, why) => {
    const e = refuse(query);
    expect(e.code).toBe(code);
    expect(e.en).toMatch(why);
    expect(e.zh).toMatch(/\p{Script=Han}{4}/u);
    expect(e.toJSON()).toMatchObject({ error: { code, message: { zh: e.zh, en: e.en } } });
  });
});

describe('place names', () => {
  it('parts, stems and English names of counties and cities', () => {
    expect(countyNameParts('石柱土家族自治县')).toEqual({ stem: '石柱', groups: ['土家'], generic: '自治县' });
    expect(countyNameParts('积石山保安族东乡族撒拉族自治县')).toEqual({ stem: '积石山', groups: ['保安', '东乡', '撒拉'], generic: '自治县' });
    expect(countyNameParts('清水县')).toEqual({ stem: '清水', groups: [], generic: '县' });
    expect(countyNameEn('来安县')).toBe("Lai'an County");
    expect(countyNameEn('石柱土家族自治县')).toBe('Shizhu Tujia Autonomous County');
    expect(countyNameEn('城区')).toBe('Chengqu District');
    expect(countyNameEn('沙县')).toBe('Sha County');
    expect(countyNameEn('歙县', readingsFor('34'))).toBe('She County');
    expect(countyNameEn('浦东新区')).toBe('Pudong New Area');
    expect(cityStem('大理白族自治州')).toBe('大理');
    expect(cityStem('巴音郭楞蒙古自治州')).toBe('巴音郭楞');
    expect(cityStem('阿里地区')).toBe('阿里');
    expect(cityNameEn('大理白族自治州')).toBe('Dali Bai Autonomous Prefecture');
    expect(cityNameEn('兴安盟')).toBe("Xing'an League");
    expect(cityNameEn('蚌埠市', readingsFor('34'))).toBe('Bengbu');
    expect(latinKey("Lu'an")).toBe('luan');
  });
});

describe('joinCounties', () => {
  const nbs = (pairs: [string, string][]) => pairs.map(([code, name]) => ({ code, name }));
  it('matches identical names, and notes a changed code', () => {
    const r = joinCounties([{ name: '琅琊区', id: '341102' }, { name: '肥乡区', id: '130428' }], nbs([['341102', '琅琊区'], ['130407', '肥乡区']]), []);
    expect(r.matches.map((m) => [m.code, m.how])).toEqual([['130407', 'name'], ['341102', 'name']]);
    expect(r.idNotes).toEqual([{ name: '肥乡区', sourceId: '130428', code: '130407' }]);
    expect(r.unmatchedSource).toEqual([]);
    expect(r.unmatchedNbs).toEqual([]);
  });

  it('matches a county that only changed its generic, one to one', () => {
    expect(sameCountyRenamed('平泉县', '平泉市')).toBe(true);
    expect(sameCountyRenamed('即墨市', '即墨区')).toBe(true);
    expect(sameCountyRenamed('沙县', '沙县区')).toBe(true);
    expect(sameCountyRenamed('滦县', '滦州市')).toBe(true);
    expect(sameCountyRenamed('九江县', '柴桑区')).toBe(false);
    expect(sameCountyRenamed('城区', '郊区')).toBe(false);
    const r = joinCounties([{ name: '梁平县' }, { name: '武隆县' }], nbs([['500155', '梁平区'], ['500156', '武隆区']]), []);
    expect(r.matches.map((m) => [m.sourceName, m.name, m.how])).toEqual([['梁平县', '梁平区', 'renamed'], ['武隆县', '武隆区', 'renamed']]);
  });

  it('leaves out a county the NBS moved to another city of the province', () => {
    const r = joinCounties([{ name: '铁西区' }, { name: '公主岭市' }], nbs([['220302', '铁西区']]), [{ code: '220184', name: '公主岭市', cityCode: '2201', cityName: '长春市' }]);
    expect(r.movedOut).toEqual([{ sourceName: '公主岭市', to: { code: '220184', name: '公主岭市', cityCode: '2201', cityName: '长春市' } }]);
    expect(r.unmatchedSource).toEqual([]);
  });

  it('does not guess: a merge, a new name or an ambiguous rename stays unmatched', () => {
    // 孟津县 + 吉利区 → 孟津区 (2021): the rename matches, 吉利区 is left over, so the join fails.
    const merge = joinCounties([{ name: '孟津县' }, { name: '吉利区' }], nbs([['410308', '孟津区']]), []);
    expect(merge.unmatchedSource.map((s) => s.name)).toEqual(['吉利区']);
    const renamed = joinCounties([{ name: '九江县' }], nbs([['360404', '柴桑区']]), []);
    expect(renamed.unmatchedSource.map((s) => s.name)).toEqual(['九江县']);
    expect(renamed.unmatchedNbs.map((s) => s.name)).toEqual(['柴桑区']);
    // Two old names could each be the new one: no pairing.
    const two = joinCounties([{ name: '潞城县' }, { name: '潞城市' }], nbs([['140406', '潞城区']]), []);
    expect(two.matches).toEqual([]);
  });
});

describe('repair rules for small shapes (grid units: 1 step = 1/1024°)', () => {
  const s = 1 / 1024;
  const sq = (x: number, y: number, w: number, h: number): [number, number][] => [[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]];
  const ring = (r: [number, number][]) => r.map(([x, y]) => [x * s, y * s] as [number, number]);

  it('thickness: a one-cell sliver is thin however long, a 2×2 square is not', () => {
    expect(thicknessSteps([ring(sq(0, 0, 40, 1))])).toBeCloseTo(0.5, 1);
    expect(thicknessSteps([ring(sq(0, 0, 2, 2))])).toBeCloseTo(1, 1);
    expect(isGridArtefact([ring(sq(0, 0, 40, 1))])).toBe(true); // 40 cells, but a sliver
    expect(isGridArtefact([ring(sq(0, 0, 1, 3))])).toBe(true); // 3 cells
    expect(isGridArtefact([ring(sq(0, 0, 3, 3))])).toBe(false);
  });

  it('removes zero-width spikes', () => {
    expect(removeSpikes([[0, 0], [4, 0], [4, 4], [5, 5], [4, 4], [0, 4], [0, 0]])).toEqual([[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]]);
    expect(removeSpikes([[0, 0], [4, 0], [6, 0], [4, 0], [4, 4], [0, 4], [0, 0]])).toEqual([[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]]);
  });

  it('drops a lobe pinched off at a vertex, keeps an island, and keeps a hole another feature lies in', () => {
    // A: a 16×16 county with a 1×1 lobe touching its corner (16,16) and a separate 1×1 island.
    const main = ring(sq(0, 0, 16, 16));
    const lobe = ring([[16, 16], [17, 16], [17, 17], [16, 16]]);
    const island = ring(sq(30, 30, 1, 1));
    // B: a 16×16 county east of A with a 1×1 hole, in which C (a 1×1 county) lies.
    const bHole = ring([[21, 5], [21, 6], [22, 6], [22, 5], [21, 5]]);
    const b = ring(sq(16, 0, 16, 16));
    const c = ring(sq(21, 5, 1, 1));
    const [ra, rb, rc] = repairSet([
      { type: 'MultiPolygon', coordinates: [[main], [lobe], [island]] },
      { type: 'Polygon', coordinates: [b, bHole] },
      { type: 'Polygon', coordinates: [c] },
    ]);
    expect(ra!.report.droppedParts).toEqual([0.5]);
    expect(ra!.report.keptSmallParts).toEqual([1]);
    expect(ra!.geometry.type).toBe('MultiPolygon');
    expect(rb!.report.keptSmallHoles).toEqual([1]);
    expect(rb!.report.filledHoles).toEqual([]);
    expect(rc!.report.droppedParts).toEqual([]);
    // Alone, the same hole is filled: nothing lies in it.
    const [alone] = repairSet([{ type: 'Polygon', coordinates: [b, bHole] }]);
    expect(alone!.report.filledHoles).toEqual([1]);
  });

  it('gives a small gap between two counties to the one with the longer shared border', () => {
    // Two 8×8 counties side by side leaving a 1×2 gap cut into the left one's edge.
    const left = ring([[0, 0], [8, 0], [8, 3], [7, 3], [7, 5], [8, 5], [8, 8], [0, 8], [0, 0]]);
    const right = ring(sq(8, 0, 8, 8));
    const features = [
      { type: 'Feature' as const, properties: { code: 'L' }, geometry: { type: 'Polygon' as const, coordinates: [left] } },
      { type: 'Feature' as const, properties: { code: 'R' }, geometry: { type: 'Polygon' as const, coordinates: [right] } },
    ];
    const { fills } = fillSmallGaps(features);
    expect(fills.map((f) => [f.to, f.cells])).toEqual([['L', 2]]);
  });
});

describe('a county that moved between cities', () => {
  it('长春 borrows 公主岭市 from 四平市.js, which leaves it out (NBS: 四平 → 长春, 2020)', { timeout: 180_000 }, () => {
    const changchun = buildCity(resolveCity('长春'));
    expect(changchun.borrowed).toEqual([{ name: '公主岭市', file: 'src/吉林/四平市.js' }]);
    expect(changchun.join.matches.find((m) => m.code === '220184')).toMatchObject({ name: '公主岭市', how: 'name' });
    expect(changchun.files['SOURCES.md']).toContain('公主岭市 from `src/吉林/四平市.js`');
    const siping = buildCity(resolveCity('四平'));
    expect(siping.join.movedOut.map((m) => [m.sourceName, m.to.cityName])).toEqual([['公主岭市', '长春市']]);
    expect(siping.districts.collection.features.map((f) => f.properties.name)).not.toContain('公主岭市');
  });
});

describe("a city's own data: joins the rules cannot make", () => {
  it('takes a stated rename and a stated merge, and refuses a statement the package contradicts', () => {
    const nbs = [
      { code: '340209', name: '弋江区' },
      { code: '340210', name: '湾沚区' },
    ];
    const source = [{ name: '弋江区', id: '340203' }, { name: '三山区', id: '340208' }, { name: '芜湖县', id: '340221' }];
    const curated = {
      '340209': { from: ['弋江区', '三山区'], reason: 'merged' },
      '340210': { from: ['芜湖县'], reason: 'renamed' },
    };
    const r = joinCounties(source, nbs, [], curated);
    expect(r.matches.map((m) => [m.code, m.sourceNames, m.how])).toEqual([
      ['340209', ['弋江区', '三山区'], 'curated'],
      ['340210', ['芜湖县'], 'curated'],
    ]);
    expect(r.unmatchedSource).toEqual([]);
    expect(r.unmatchedNbs).toEqual([]);
    // Without the statements, the same input is a mismatch: nothing is guessed.
    const bare = joinCounties(source, nbs, []);
    expect(bare.unmatchedSource.map((s) => s.name)).toEqual(['三山区', '芜湖县']);
    expect(() => joinCounties(source, nbs, [], { '340210': { from: ['不存在县'], reason: 'x' } })).toThrow(/does not have/);
  });

  it('builds 芜湖市 with geodata/base/wuhu/build.json: 弋江区 is the old 弋江区 and 三山区 together', { timeout: 120_000 }, () => {
    const b = buildCity(resolveCity('芜湖'));
    // Deterministic: a second build gives the same bytes, file for file.
    expect(buildCity(resolveCity('3402')).files).toEqual(b.files);
    const yijiang = b.join.matches.find((m) => m.code === '340209')!;
    expect(yijiang).toMatchObject({ how: 'curated', sourceNames: ['弋江区', '三山区'] });
    expect(b.city.counts.counties).toBe(7);
    expect(b.files['SOURCES.md']).toContain('弋江区 + 三山区 → 弋江区 (340209)');
  });
});
