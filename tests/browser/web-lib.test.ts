/**
 * The web app's pure modules (web/src/shared, web/src/pages/map/lib and map/legends.ts),
 * without a browser: the address format, the time slider's calendar, number formatting, search, tile URLs, the
 * basemap setting, ground scale, what-if rows and the gap ranking. The browser tests
 * (planner.test.ts) drive the same code through the page.
 */
import { describe, it, expect } from 'vitest';
import { buildTimeBasemap, chooseBasemap, tiandituBasemap } from '../../web/src/pages/map/lib/basemap';
import { clampDate, monthEnd, monthIndex, positionOf, sliderRange, stepDate } from '../../web/src/shared/dates';
import { formatFraction, formatPoints, formatShare, formatTarget, shareDigits } from '../../web/src/shared/format';
import { buildGazetteer, looksLikeBuildingId, normalise, searchPlaces } from '../../web/src/pages/map/lib/gazetteer';
import { areasBelowTarget, hasItemGaps } from '../../web/src/pages/map/lib/gaps';
import { metresPerPixel, metresPerPixelNorthSouth, metresToPixelsExpression } from '../../web/src/pages/map/lib/ground-scale';
import { geodesicM } from '../support/geodesic';
import { isDated, tileUrls } from '../../web/src/pages/map/lib/tiles';
import { DEFAULT_VIEW, formatUrlView, parseUrlView, type UrlView } from '../../web/src/shared/url-state';
import { parseSpeed, whatIfAreas } from '../../web/src/pages/map/lib/whatif';
import type { ComplianceResponse, TileJson, WhatIfResponse } from '../../geodata/contract';
import { messages } from '../../web/src/pages/map/lib/i18n';
import { shareClassLabels } from '../../web/src/pages/map/map/legends';

describe('the address (url-state)', () => {
  it('writes a view and reads it back', () => {
    const view: UrlView = {
      lang: 'en',
      date: '2015-12-31',
      indicator: 'urban_20m',
      level: 'township',
      overlays: ['ducts', 'buildings'],
      colour: 'carrier',
      view: 'planned',
      step: 'quarter',
      camera: { center: [118.31051, 32.30123], zoom: 11.5 },
      selection: { kind: 'area', code: '341102' },
    };
    const search = formatUrlView(view);
    expect(search).toBe('?lang=en&date=2015-12-31&ind=urban_20m&level=township&layers=buildings,ducts&colour=carrier&view=planned&step=quarter&map=11.50/32.30123/118.31051&sel=area:341102');
    expect(parseUrlView(search)).toEqual({ ...view, overlays: ['buildings', 'ducts'] });
  });

  it('leaves defaults out and ignores what it does not know', () => {
    expect(formatUrlView(DEFAULT_VIEW)).toBe('');
    const parsed = parseUrlView('?date=2015-02-30&level=city&layers=buildings,nope&map=99/0/0&sel=drop:table&lang=fr&ind=x%3Cy');
    expect(parsed).toEqual({ ...DEFAULT_VIEW, overlays: ['buildings'] });
  });
});

describe('the time slider (dates)', () => {
  const today = '2026-11-28';
  it('maps months to month ends, today for the current month', () => {
    expect(monthIndex('2012-01-15')).toBe(0);
    expect(monthEnd(0, today)).toBe('2012-01-31');
    expect(monthEnd(1, today)).toBe('2012-02-29'); // a leap year
    expect(monthEnd(monthIndex(today), today)).toBe(today);
    expect(clampDate('2001-01-01', today)).toBe('2012-01-01');
  });

  it('steps by quarter through quarter ends', () => {
    expect(sliderRange('quarter', today)).toEqual({ min: 2, max: monthIndex(today) + 1, step: 3 });
    expect(positionOf('2015-11-02', 'quarter')).toBe(monthIndex('2015-12-01'));
    expect(stepDate('2015-12-31', 'quarter', 1, today)).toBe('2016-03-31');
    expect(stepDate('2015-11-02', 'quarter', 1, today)).toBe('2015-12-31');
    expect(stepDate('2015-12-31', 'quarter', -1, today)).toBe('2015-09-30');
    expect(stepDate('2015-12-31', 'month', -1, today)).toBe('2015-11-30');
    expect(stepDate('2026-10-31', 'quarter', 1, today)).toBe(today);
    expect(stepDate('2012-01-20', 'month', -1, today)).toBe('2012-01-01');
  });
});

describe('numbers (format)', () => {
  it('never rounds a share up to 100 % or down to 0 %', () => {
    expect(shareDigits(0.9996)).toBe(99.9);
    expect(shareDigits(1)).toBe(100);
    expect(shareDigits(0.0004)).toBe(0.1);
    expect(shareDigits(0)).toBe(0);
    expect(formatShare(0.9996, 'zh')).toBe('99.9%');
    expect(formatShare(0.981, 'en')).toBe('98.1%');
    expect(formatShare(null, 'en')).toBe('—');
  });

  it('formats targets, fractions and changes in the reader language', () => {
    expect(formatTarget({ target: 0.95, unit: 'share' }, 'zh')).toBe('≥ 95.0%');
    expect(formatTarget({ target: 500, unit: 'Gbit/s' }, 'en')).toBe('≥ 500 Gbit/s');
    expect(formatFraction({ numerator: 40875, denominator: 41000 }, 'en')).toBe('40,875 / 41,000');
    expect(formatPoints(0.0123, 'zh')).toBe('+1.2 个百分点');
    expect(formatPoints(0.0123, 'en')).toBe('+1.2 pp');
  });

  it('labels the share classes of the legend', () => {
    expect(shareClassLabels('zh')).toEqual(['< 50%', '50% – 80%', '80% – 95%', '95% – < 100%', '100%']);
  });
});

describe('search (gazetteer)', () => {
  const square = (x: number, y: number) => ({ type: 'Polygon' as const, coordinates: [[[x, y], [x + 0.1, y], [x + 0.1, y + 0.1], [x, y]]] });
  const fc = (features: ({ code: string; name: string; geometry: object } & Record<string, unknown>)[]) => ({
    type: 'FeatureCollection' as const,
    features: features.map(({ geometry, ...properties }) => ({ type: 'Feature' as const, geometry: geometry as never, properties })),
  });
  const g = buildGazetteer(
    fc([{ code: '341102', name: '琅琊区', name_en: 'Langya District', geometry: square(118.2, 32.2) }]),
    fc([{ code: '341102001', name: '琅琊街道', short_name: '琅琊', name_pinyin: 'Langya Jiedao', geometry: square(118.25, 32.28) }]),
    fc([{ code: '341102001002', name: '花园街社区居委会', short_name: '花园街', name_pinyin: 'Huayuanjie Shequ Juweihui', township_code: '341102001', geometry: { type: 'Point', coordinates: [118.27, 32.29] } }]),
  );

  it('finds Chinese names, short names and pinyin, districts first', () => {
    expect(normalise('Lángyá Jiēdào')).toBe('langyajiedao');
    expect(searchPlaces(g, 'langya').map((p) => p.code)).toEqual(['341102', '341102001']);
    expect(searchPlaces(g, 'langya jiedao')[0]!.code).toBe('341102001');
    // An exact short name beats a prefix: 琅琊 is the township's own short name.
    expect(searchPlaces(g, '琅琊').map((p) => p.code)).toEqual(['341102001', '341102']);
    expect(searchPlaces(g, '琅琊区')[0]!.code).toBe('341102');
    expect(searchPlaces(g, '花园街')[0]).toMatchObject({ kind: 'village', parent: '341102001' });
    expect(g.byCode.get('341102001')!.bbox).toEqual([118.25, 32.28, 118.35, 32.38]);
  });

  it('tells a building id from a name or an area code', () => {
    expect(looksLikeBuildingId('B3077')).toBe(true);
    expect(looksLikeBuildingId('琅琊')).toBe(false);
    expect(looksLikeBuildingId('341102')).toBe(false);
  });
});

describe('tile URLs for a date (tiles)', () => {
  const tj = (url: string) => ({ tiles: [url] }) as TileJson;
  it('rewrites asOf and view, keeps the version and the template', () => {
    const dated = tj('http://x/tiles/districts/{z}/{x}/{y}.mvt?v=21-abc&asOf=2026-11-28');
    expect(isDated(dated)).toBe(true);
    expect(tileUrls(dated, '2013-06-30', 'planned')).toEqual(['http://x/tiles/districts/{z}/{x}/{y}.mvt?v=21-abc&asOf=2013-06-30&view=planned']);
    expect(tileUrls(dated, '2013-06-30', 'in_service')).toEqual(['http://x/tiles/districts/{z}/{x}/{y}.mvt?v=21-abc&asOf=2013-06-30']);
    const undated = tj('http://x/tiles/villages/{z}/{x}/{y}.mvt?v=21-abc');
    expect(isDated(undated)).toBe(false);
    expect(tileUrls(undated, '2013-06-30', 'planned')).toEqual(undated.tiles);
  });
});

describe('the optional basemap', () => {
  it('is off unless configured', () => {
    expect(buildTimeBasemap({})).toBeNull();
    expect(buildTimeBasemap({ VITE_ATLAS_BASEMAP: 'not a url' })).toBeNull();
  });

  it('takes any XYZ template, or Tianditu by key; the server wins', () => {
    const xyz = buildTimeBasemap({ VITE_ATLAS_BASEMAP: 'https://tiles.example.org/{z}/{x}/{y}.png', VITE_ATLAS_BASEMAP_ATTRIBUTION: '© Example' });
    expect(xyz).toEqual({ tiles: ['https://tiles.example.org/{z}/{x}/{y}.png'], attribution: '© Example' });
    const tdt = tiandituBasemap('KEY');
    expect(tdt.tiles).toHaveLength(8);
    expect(tdt.tiles[0]).toContain('TILEMATRIXSET=w');
    expect(tdt.tiles[0]).toContain('tk=KEY');
    expect(tdt.labels![0]).toContain('LAYER=cva');
    expect(chooseBasemap({ tiles: ['https://server/{z}/{x}/{y}.png'], attribution: 'S' }, xyz)!.attribution).toBe('S');
    expect(chooseBasemap(null, xyz)).toBe(xyz);
  });
});

describe('ground scale', () => {
  it('metres per pixel as MapLibre draws (512-pixel world): the equator at zoom 0', () => {
    // 2πa / 512 with a = 6,378,137 m: Web Mercator's world width over MapLibre's 512 pixels.
    expect(metresPerPixel(0, 0)).toBeCloseTo(78271.517, 2);
  });

  it('a pixel east–west and north–south is what GeographicLib measures on the ground, to 0.01 %', () => {
    for (const [zoom, lat] of [[12, 31.5], [14, 32.3], [16, 33.5], [14, 60], [18, 0]] as const) {
      // One pixel spans 360°/(512·2^z) of longitude, and cos φ times that of latitude.
      const dLon = 360 / (512 * 2 ** zoom);
      const dLat = dLon * Math.cos((lat * Math.PI) / 180);
      const eastWest = geodesicM([118, lat], [118 + dLon, lat]);
      const northSouth = geodesicM([118, lat - dLat / 2], [118, lat + dLat / 2]);
      expect(Math.abs(metresPerPixel(zoom, lat) / eastWest - 1), `${zoom} ${lat} E–W`).toBeLessThan(1e-4);
      expect(Math.abs(metresPerPixelNorthSouth(zoom, lat) / northSouth - 1), `${zoom} ${lat} N–S`).toBeLessThan(1e-4);
    }
  });

  it('draws a reach with the mean of the two scales', () => {
    const expr = metresToPixelsExpression('radius_m', 32.3) as [string, unknown, unknown, number, [string, unknown, number], number, [string, unknown, number]];
    const px = 2500 * expr[4][2] * 2 ** 14;
    // 2.5 km at z14 in Chuzhou: about 619 px, between the east–west and the north–south scale.
    expect(px).toBeGreaterThan(2500 / metresPerPixel(14, 32.3));
    expect(px).toBeLessThan(2500 / metresPerPixelNorthSouth(14, 32.3));
    expect(px).toBeCloseTo(2500 / Math.sqrt(metresPerPixel(14, 32.3) * metresPerPixelNorthSouth(14, 32.3)), 6);
    expect(expr[6][2]).toBeCloseTo(expr[4][2] * 2 ** 24, 0);
  });
});

describe('what-if rows and the gap ranking', () => {
  it('turns the answer into changes per indicator', () => {
    const answer = {
      areas: [
        {
          level: 'city',
          code: '3411',
          name: '滁州市',
          indicators: [
            { id: 'urban_20m', denominator: 1000, before: { numerator: 700, value: 0.7, status: 'not_met' }, after: { numerator: 750, value: 0.75, status: 'not_met' } },
            { id: 'rural_4m', denominator: 10, before: { numerator: 5, value: 0.5, status: 'not_met' }, after: { numerator: 5, value: 0.5, status: 'not_met' } },
          ],
        },
      ],
    } as unknown as WhatIfResponse;
    const [city] = whatIfAreas(answer);
    expect(city!.changed).toBe(true);
    expect(city!.rows[0]!.delta).toBeCloseTo(0.05, 12);
    expect(city!.rows[0]!.gained).toBe(50);
    expect(city!.rows[1]!.gained).toBe(0);
    expect([parseSpeed('100'), parseSpeed('1.5'), parseSpeed('0'), parseSpeed(' 20 '), parseSpeed('100001')]).toEqual([100, null, null, 20, null]);
  });

  it('ranks areas below target by how far they are from it', () => {
    const r = (value: number | null, status: string) => ({ id: 'urban_20m', value, target: 0.95, status });
    const compliance = {
      areas: [
        { level: 'district', code: 'a', name: 'A', parent: null, indicators: [r(0.9, 'not_met')] },
        { level: 'district', code: 'b', name: 'B', parent: null, indicators: [r(0.5, 'not_met')] },
        { level: 'district', code: 'c', name: 'C', parent: null, indicators: [r(0.99, 'met')] },
        { level: 'district', code: 'd', name: 'D', parent: null, indicators: [r(null, 'no_data')] },
      ],
    } as unknown as ComplianceResponse;
    expect(areasBelowTarget(compliance, 'urban_20m').map((a) => a.code)).toEqual(['b', 'a']);
    expect(hasItemGaps({ id: 'egress_500g', unit: 'Gbit/s' })).toBe(false);
    expect(hasItemGaps({ id: 'urban_20m', unit: 'share' })).toBe(true);
  });

  it('has every UI string in both languages', () => {
    expect(Object.keys(messages('en')).sort()).toEqual(Object.keys(messages('zh')).sort());
    expect(Object.values(messages('en')).every((v) => v.length > 0)).toBe(true);
  });
});
