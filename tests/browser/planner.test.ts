/**
 * The planner's map in a real browser against the real server (issue 6): every layer draws from
 * vector tiles (asked of MapLibre itself with queryRenderedFeatures), a click on a district opens
 * its figures and they agree with /api/compliance to the digit, the time slider moves tiles and
 * figures together, search lands on a township, the gap finder flies to what it lists, a drawn
 * what-if polygon shows a positive change, the address restores the view, Escape closes panels —
 * with no console errors and no failed requests throughout.
 *
 * Run: npx vite build && npx vitest run tests/browser/planner.test.ts
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { formatFraction, formatValue } from '../../web/src/shared/format';
import {
  ARTIFACTS_DIR,
  clickMap,
  ensureWebBuilt,
  jumpMap,
  launchChromium,
  mapPointOnPage,
  startAtlasServer,
  waitForMapIdle,
  watchPage,
  type AtlasServer,
  type PageProblems,
} from './harness';

/** 定远县: a large district, easy to hit at the city's zoom. */
const DISTRICT = '341125';
/** The city centre, where the demo has buildings, places, hotspots, sites and ducts. */
const CENTRE: [number, number] = [118.31, 32.3];

interface IndicatorRow {
  id: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  unit: 'share' | 'Gbit/s' | 'informational';
  status: string;
}
interface Compliance {
  indicators: { id: string; clause: { section: string; text: string } }[];
  areas: { code: string; name: string; indicators: IndicatorRow[] }[];
}

let server: AtlasServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: PageProblems;

const api = async <T>(path: string): Promise<T> => (await (await fetch(`${server.url}${path}`)).json()) as T;
const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`) });

/** How many features MapLibre drew in a layer. */
function rendered(layer: string): Promise<number> {
  return page.evaluate((id) => (window.__atlasMap!.getLayer(id) ? window.__atlasMap!.queryRenderedFeatures({ layers: [id] }).length : -1), layer);
}

/** A spot where a layer has something to draw: its feature nearest the city centre (the vertices' mean for an area). */
async function nearestFeature(layer: string): Promise<[number, number]> {
  const box = [CENTRE[0] - 0.15, CENTRE[1] - 0.15, CENTRE[0] + 0.15, CENTRE[1] + 0.15].join(',');
  const fc = await api<{ features: { geometry: { type: string; coordinates: unknown } }[] }>(`/api/layers/${layer}/features?bbox=${box}&limit=2000`);
  const spots = fc.features
    .filter((f) => layer !== 'fixed_service' || f.geometry.type !== 'Point') // point records are drawn on buildings
    .map((f) => {
      const xy = JSON.stringify(f.geometry.coordinates).match(/-?\d+(\.\d+)?,-?\d+(\.\d+)?/g)!.map((p) => p.split(',').map(Number));
      return [xy.reduce((a, p) => a + p[0]!, 0) / xy.length, xy.reduce((a, p) => a + p[1]!, 0) / xy.length] as [number, number];
    });
  spots.sort((a, b) => Math.hypot(a[0] - CENTRE[0], a[1] - CENTRE[1]) - Math.hypot(b[0] - CENTRE[0], b[1] - CENTRE[1]));
  return spots[0]!;
}

/** The panel's figures for every indicator, as shown. */
async function panelFigures(): Promise<Record<string, { value: string; fraction: string | null; status: string }>> {
  return page.evaluate(() => {
    const out: Record<string, { value: string; fraction: string | null; status: string }> = {};
    for (const li of document.querySelectorAll<HTMLElement>('[data-testid="area-figures"] li[data-indicator]')) {
      out[li.dataset.indicator!] = {
        value: li.querySelector('[data-testid="indicator-value"]')!.textContent!.trim(),
        fraction: li.querySelector('[data-testid="indicator-fraction"]')?.textContent?.trim() ?? null,
        status: li.dataset.status!,
      };
    }
    return out;
  });
}

/** Check the panel against /api/compliance for an area and date, to the digit. */
async function expectPanelMatches(code: string, asOf: string): Promise<void> {
  await page.locator(`[data-testid="area-figures"][data-code="${code}"][data-as-of="${asOf}"]`).waitFor({ timeout: 15_000 });
  const compliance = await api<Compliance>(`/api/compliance?level=district&asOf=${asOf}`);
  const area = compliance.areas.find((a) => a.code === code)!;
  const shown = await panelFigures();
  expect(Object.keys(shown).sort()).toEqual(area.indicators.map((r) => r.id).sort());
  for (const r of area.indicators) {
    const row = shown[r.id]!;
    expect(row.value, r.id).toBe(formatValue(r.value, r.unit, 'zh'));
    expect(row.status, r.id).toBe(r.status);
    if (r.unit !== 'Gbit/s' && r.denominator !== null) expect(row.fraction, r.id).toBe(formatFraction(r, 'zh'));
  }
}

beforeAll(async () => {
  ensureWebBuilt();
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  [server, browser] = await Promise.all([startAtlasServer(), launchChromium()]);
  // A little smaller than map.test.ts's 1440×900: SwiftShader's cost grows with the pixels.
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  page = await context.newPage();
  problems = watchPage(page);
  await page.goto(server.url, { waitUntil: 'load' });
  await waitForMapIdle(page, ['districts-fill', 'townships-fill', 'districts-label']);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

describe("the planner's map (real server, real Chromium)", () => {
  it('colours the districts by the first indicator, with a legend of its classes', async () => {
    expect(await rendered('districts-fill')).toBeGreaterThanOrEqual(8);
    const legend = page.getByTestId('choropleth-legend');
    expect(await legend.textContent()).toContain('< 50%');
    expect(await legend.textContent()).toContain('无数据');
    // The fill colour is the indicator's class expression, on the indicator's own tile field.
    const fill = await page.evaluate(() => JSON.stringify(window.__atlasMap!.getPaintProperty('districts-fill', 'fill-color')));
    expect(fill).toContain('"fiber_transformation"');
    await shot('map-choropleth');
  });

  it('keeps duct routes behind a sign-in, and signs in with a token', async () => {
    expect(await page.getByTestId('overlay-ducts').isDisabled()).toBe(true);
    expect(problems.requests.some((u) => u.includes('/tiles/ducts'))).toBe(false);
    // The planner's demo token, as the server wrote it on first start (development only).
    const line = readFileSync(join(server.dataDir, 'demo-tokens.txt'), 'utf8').split('\n').find((l) => /^planner\s/.test(l))!;
    const token = line.trim().split(/\s+/).pop()!;
    await page.getByTestId('locked-sign-in').click();
    await page.getByTestId('token-input').fill(token);
    await page.getByTestId('token-input').press('Enter');
    await page.getByTestId('token-input').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('overlay-ducts').isDisabled()).toBe(false);
    expect(await page.getByTestId('sign-in').textContent()).toMatch(/planner/);
    expect(await page.evaluate(() => sessionStorage.getItem('atlas.token'))).toBe(token);
  });

  it('colours townships and grid cells too, and bins the buildings below z13', async () => {
    // Zoomed in a little: the city's ~17,000 H3 cells at once are slow to draw in SwiftShader.
    await jumpMap(page, CENTRE, 11);
    await page.getByTestId('level-township').click();
    await waitForMapIdle(page, ['townships-fill']);
    expect(await rendered('townships-fill')).toBeGreaterThan(3);
    expect(await page.evaluate(() => JSON.stringify(window.__atlasMap!.getPaintProperty('townships-fill', 'fill-color')))).toContain('"fiber_transformation"');
    await page.getByTestId('level-grid').click();
    await waitForMapIdle(page, ['grid-fill']);
    expect(await rendered('grid-fill')).toBeGreaterThan(0);
    expect(await rendered('townships-fill')).toBe(0);
    await page.getByTestId('level-district').click();
    // Below z13 the buildings come binned: counts per tier in 64-pixel bins.
    await page.getByTestId('overlay-buildings').check({ force: true });
    await waitForMapIdle(page, ['buildings-binned']);
    expect(await rendered('buildings-binned')).toBeGreaterThan(0);
  });

  it('toggles every layer and each one draws (queryRenderedFeatures)', async () => {
    const overlays: [string, string[]][] = [
      ['buildings', ['buildings-points']],
      ['fixed_service', ['service-fill']],
      ['wifi_hotspots', ['wifi-reach', 'wifi-point']],
      ['public_places', ['places-point']],
      ['mobile_sites', ['mobile-reach', 'mobile-point']],
      ['villages', ['villages-point']],
      ['ducts', ['ducts-line']],
    ];
    await jumpMap(page, CENTRE, 14);
    // One at a time, where each has data; the big areal ones (service areas, reach circles) off
    // again after their check, since SwiftShader draws large overlapping circles slowly.
    const areal = ['fixed_service', 'wifi_hotspots', 'mobile_sites'];
    for (const [overlay, layers] of overlays) {
      const input = page.getByTestId(`overlay-${overlay}`);
      if (!(await input.isChecked())) {
        // Not drawn yet (-1: not even on the map; its TileJSON comes when first shown).
        for (const layer of layers) expect(await rendered(layer), `${layer} before`).toBeLessThanOrEqual(0);
        await input.check({ force: true });
      }
      await waitForMapIdle(page, layers);
      if ((await rendered(layers[0]!)) === 0) await jumpMap(page, await nearestFeature(overlay), 14, layers);
      for (const layer of layers) expect(await rendered(layer), layer).toBeGreaterThan(0);
      expect(await page.getByTestId(`legend-${overlay}`).isVisible()).toBe(true);
      if (areal.includes(overlay)) await input.uncheck({ force: true });
    }
    await shot('map-layers');
    for (const overlay of ['public_places', 'villages', 'ducts']) await page.getByTestId(`overlay-${overlay}`).uncheck({ force: true });
    // Buildings by carrier instead of tier: the same layer, a new colour expression.
    await page.getByTestId('colour-carrier').click();
    await waitForMapIdle(page, ['buildings-points']);
    expect(await page.evaluate(() => JSON.stringify(window.__atlasMap!.getPaintProperty('buildings-points', 'circle-color')))).toContain('"carrier"');
    await page.getByTestId('overlay-buildings').uncheck({ force: true });
    await page.getByTestId('colour-carrier').waitFor({ state: 'detached' });
  });

  it('a click on a district opens its figures, equal to /api/compliance to the digit', async () => {
    const bbox = (await api<{ layers: { id: string; bbox: number[] }[] }>('/api/layers')).layers.find((l) => l.id === 'districts')!.bbox;
    await page.evaluate((b) => window.__atlasMap!.fitBounds([b[0]!, b[1]!, b[2]!, b[3]!], { animate: false, padding: 40 }), bbox);
    await waitForMapIdle(page, ['districts-fill']);
    const labelPoint = await page.evaluate((code) => {
      const f = window.__atlasMap!.querySourceFeatures('districts', { sourceLayer: 'districts_labels', filter: ['==', ['get', 'code'], code] })[0]!;
      return (f.geometry as unknown as { coordinates: [number, number] }).coordinates;
    }, DISTRICT);
    // Hover first: the district under the pointer is highlighted.
    const { x, y } = await mapPointOnPage(page, labelPoint);
    await page.mouse.move(x, y);
    await expect
      .poll(() => page.evaluate((code) => window.__atlasMap!.getFeatureState({ source: 'districts', sourceLayer: 'districts', id: code }).hover, DISTRICT))
      .toBe(true);
    await clickMap(page, labelPoint);
    await page.getByTestId('feature-panel').waitFor();
    expect(await page.getByTestId('panel-title').textContent()).toBe('定远县');
    const today = await page.evaluate(() => new URL(window.location.href).searchParams.get('date'));
    expect(today).toBeNull(); // today's figures: no date in the address
    const asOf = await page.locator('[data-testid="area-figures"]').getAttribute('data-as-of');
    await expectPanelMatches(DISTRICT, asOf!);
    // The clause, in the policy's own words, and the target.
    const clause = (await api<Compliance>(`/api/compliance?level=district&asOf=${asOf}`)).indicators.find((i) => i.id === 'fiber_transformation')!.clause;
    const first = page.locator('li[data-indicator="fiber_transformation"]');
    expect(await first.locator('.clause').textContent()).toContain(clause.text);
    expect(await first.getByTestId('indicator-target').textContent()).toBe('≥ 100.0%');
    // Selected on the map.
    expect(await page.evaluate((code) => window.__atlasMap!.getFeatureState({ source: 'districts', sourceLayer: 'districts', id: code }).selected, DISTRICT)).toBe(true);
    await shot('map-district');
  });

  it('the time slider moves the tiles and the figures together', async () => {
    const before = await panelFigures();
    // Mark the live layer: if it were removed and added again, the mark would be gone.
    await page.evaluate(() => Object.assign(window.__atlasMap!.getLayer('districts-fill')!, { testMark: true }));
    // June 2013: month 17 from January 2012.
    await page.getByTestId('time-slider').fill('17');
    await page.locator('[data-testid="area-figures"][data-as-of="2013-06-30"]').waitFor({ timeout: 15_000 });
    await waitForMapIdle(page, ['districts-fill']);
    expect(await page.getByTestId('as-of-label').textContent()).toBe('2013年6月30日');
    await expectPanelMatches(DISTRICT, '2013-06-30');
    const after = await panelFigures();
    expect(after.fiber_transformation!.value).not.toBe(before.fiber_transformation!.value);
    // Same source and layers, new tile URLs.
    const tiles = await page.evaluate(() => (window.__atlasMap!.getSource('districts') as unknown as { tiles: string[] }).tiles[0]);
    expect(tiles).toMatch(/[?&]asOf=2013-06-30/);
    expect(tiles).toMatch(/[?&]v=/);
    expect(await page.evaluate(() => (window.__atlasMap!.getLayer('districts-fill') as unknown as { testMark?: boolean }).testMark)).toBe(true);
    // The rendered tiles carry the date's figures.
    const compliance = await api<Compliance>('/api/compliance?level=district&asOf=2013-06-30');
    const value = compliance.areas.find((a) => a.code === DISTRICT)!.indicators.find((r) => r.id === 'fiber_transformation')!.value;
    const tileValue = await page.evaluate(
      (code) => window.__atlasMap!.querySourceFeatures('districts', { sourceLayer: 'districts', filter: ['==', ['get', 'code'], code] })[0]?.properties.fiber_transformation,
      DISTRICT,
    );
    expect(tileValue).toBeCloseTo(value!, 9);
    // A date typed in: the same.
    await page.getByTestId('date-input').fill('2014-12-31');
    await page.locator('[data-testid="area-figures"][data-as-of="2014-12-31"]').waitFor({ timeout: 15_000 });
    await expectPanelMatches(DISTRICT, '2014-12-31');
    expect(new URL(page.url()).searchParams.get('date')).toBe('2014-12-31');
    await shot('map-time');
    // Counting planned service too: the same sources, the view in their tile URLs.
    await page.getByTestId('view-planned').click();
    await expect.poll(() => page.evaluate(() => (window.__atlasMap!.getSource('districts') as unknown as { tiles: string[] }).tiles[0])).toMatch(/[?&]view=planned/);
    expect(new URL(page.url()).searchParams.get('view')).toBe('planned');
    await page.getByRole('button', { name: '已开通' }).click();
    await page.locator('[data-testid="area-figures"][data-as-of="2014-12-31"]').waitFor({ timeout: 15_000 });
  });

  it('search by pinyin lands on the township and opens its figures', async () => {
    const townships = await api<{ features: { properties: { code: string; name: string }; geometry: { type: string; coordinates: unknown } }[] }>(
      '/api/layers/townships/features?limit=10000',
    );
    const langya = townships.features.find((f) => f.properties.name === '琅琊街道')!;
    const points = JSON.stringify(langya.geometry.coordinates).match(/-?\d+\.\d+,-?\d+\.\d+/g)!.map((p) => p.split(',').map(Number) as [number, number]);
    const box = [Math.min(...points.map((p) => p[0])), Math.min(...points.map((p) => p[1])), Math.max(...points.map((p) => p[0])), Math.max(...points.map((p) => p[1]))];
    const input = page.getByTestId('search-input');
    await input.click();
    await input.fill('langya jiedao');
    await page.getByRole('option', { name: /琅琊街道/ }).first().waitFor();
    await input.press('Enter');
    await page.locator(`[data-testid="area-figures"][data-code="${langya.properties.code}"]`).waitFor({ timeout: 15_000 });
    await waitForMapIdle(page, ['townships-fill']);
    const centre = await page.evaluate(() => window.__atlasMap!.getCenter().toArray());
    expect(centre[0]).toBeGreaterThan(box[0]!);
    expect(centre[0]).toBeLessThan(box[2]!);
    expect(centre[1]).toBeGreaterThan(box[1]!);
    expect(centre[1]).toBeLessThan(box[3]!);
    expect(await page.getByTestId('panel-title').textContent()).toBe('琅琊街道');
    // Chinese short names find villages too.
    await input.fill('花园街');
    expect(await page.getByRole('option', { name: /花园街/ }).count()).toBeGreaterThan(0);
    await input.press('Escape');
    await input.press('Escape');
    await shot('map-search');
  });

  it('the gap finder lists areas and items below target and flies to them', async () => {
    await page.getByTestId('tab-gaps').click();
    const areaRow = page.locator('[data-testid="gaps-areas"] button.row').first();
    await areaRow.waitFor({ timeout: 15_000 });
    const code = await areaRow.getAttribute('data-code');
    await areaRow.click();
    await page.locator(`[data-testid="area-figures"][data-code="${code}"]`).waitFor({ timeout: 15_000 });
    const itemRow = page.locator('[data-testid="gaps-items"] button.row').first();
    await itemRow.waitFor({ timeout: 15_000 });
    const [kind, id] = await Promise.all([itemRow.getAttribute('data-kind'), itemRow.getAttribute('data-id')]);
    await itemRow.click();
    if (kind === 'buildings') await page.locator(`[data-testid="building-figures"][data-id="${id}"] [data-testid="best-down"]`).waitFor({ timeout: 15_000 });
    else await page.locator(`[data-testid="feature-figures"][data-id="${id}"] [data-testid="panel-title"]`).waitFor({ timeout: 15_000 });
    await waitForMapIdle(page, []);
    expect(await page.evaluate(() => window.__atlasMap!.getZoom())).toBeGreaterThan(13);
    await shot('map-gaps');
  });

  it('what-if: a drawn polygon and a promise show each indicator now → with the promise, a positive change', async () => {
    await page.getByTestId('tab-whatif').click();
    await jumpMap(page, CENTRE, 12.5);
    await page.getByTestId('whatif-draw').click();
    const d = 0.02; // about 200 px each way at z12.5: clear of the time bar
    const corners: [number, number][] = [
      [CENTRE[0] - d, CENTRE[1] - d],
      [CENTRE[0] + d, CENTRE[1] - d],
      [CENTRE[0] + d, CENTRE[1] + d],
      [CENTRE[0] - d, CENTRE[1] + d],
    ];
    for (const c of corners) {
      await clickMap(page, c);
      await page.waitForTimeout(350); // apart, so no two clicks make a double click
    }
    await clickMap(page, corners[0]!); // the first corner closes the ring
    await page.getByTestId('whatif-run').waitFor();
    await page.getByTestId('whatif-speed').fill('1000');
    await page.getByTestId('whatif-run').click();
    const results = page.getByTestId('whatif-results');
    await results.locator('[data-testid="whatif-inside"]').waitFor({ timeout: 15_000 });
    const deltas = await results.locator('tr[data-delta]').evaluateAll((rows) => rows.map((r) => Number((r as HTMLElement).dataset.delta)));
    expect(deltas.length).toBeGreaterThan(0);
    expect(Math.max(...deltas)).toBeGreaterThan(0);
    expect(await results.locator('tr.changed [data-testid="whatif-delta"]').first().textContent()).toMatch(/^\+/);
    expect(await page.evaluate(() => window.__atlasMap!.queryRenderedFeatures({ layers: ['whatif-area'] }).length)).toBeGreaterThan(0);
    await shot('map-whatif');
  });

  it('the address holds the view: reloading it restores date, indicator, layers, camera and selection', async () => {
    await page.getByTestId('tab-layers').click();
    await page.getByTestId('indicator-select').selectOption('urban_20m');
    await page.getByTestId('overlay-ducts').check({ force: true });
    await jumpMap(page, CENTRE, 12);
    await page.getByTestId('search-input').fill('定远县');
    await page.getByRole('option', { name: /定远县/ }).first().waitFor();
    await page.getByTestId('search-input').press('Enter');
    await page.locator(`[data-testid="area-figures"][data-code="${DISTRICT}"]`).waitFor({ timeout: 15_000 });
    await waitForMapIdle(page, []);
    const url = new URL(page.url());
    expect(url.searchParams.get('ind')).toBe('urban_20m');
    expect(url.searchParams.get('layers')?.split(',')).toContain('ducts');
    expect(url.searchParams.get('sel')).toBe(`area:${DISTRICT}`);
    const camera = await page.evaluate(() => ({ zoom: window.__atlasMap!.getZoom(), centre: window.__atlasMap!.getCenter().toArray() }));
    await page.goto(url.toString(), { waitUntil: 'load' });
    await waitForMapIdle(page, ['districts-fill', 'ducts-line']);
    await page.locator(`[data-testid="area-figures"][data-code="${DISTRICT}"][data-as-of="2014-12-31"]`).waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('overlay-ducts').isChecked()).toBe(true);
    expect(await page.getByTestId('indicator-select').inputValue()).toBe('urban_20m');
    expect(await page.getByTestId('as-of-label').textContent()).toBe('2014年12月31日');
    const restored = await page.evaluate(() => ({ zoom: window.__atlasMap!.getZoom(), centre: window.__atlasMap!.getCenter().toArray() }));
    expect(restored.zoom).toBeCloseTo(camera.zoom, 1);
    expect(restored.centre[0]).toBeCloseTo(camera.centre[0]!, 3);
    expect(restored.centre[1]).toBeCloseTo(camera.centre[1]!, 3);
    expect(await page.evaluate(() => JSON.stringify(window.__atlasMap!.getPaintProperty('districts-fill', 'fill-color')))).toContain('"urban_20m"');
  });

  it('is usable with the keyboard: Escape closes the panel, tabs move with arrows, focus is visible', async () => {
    // Keyboard focus (Tab), not a programmatic one: :focus-visible is for keyboard users.
    await page.getByTestId('panel-close').focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('panel-close');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Escape');
    await page.getByTestId('feature-panel').waitFor({ state: 'detached' });
    expect(new URL(page.url()).searchParams.get('sel')).toBeNull();
    await page.getByTestId('tab-layers').focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByTestId('tab-gaps').getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('tab-gaps');
    await page.keyboard.press('ArrowLeft');
    // A district chosen from the keyboard, through search: Enter opens it.
    await page.getByTestId('search-input').focus();
    await page.keyboard.type('凤阳');
    await page.getByRole('option', { name: /凤阳县/ }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('feature-panel').waitFor();
  });

  it('switches the panel and legends to English, numbers and dates through Intl', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.locator('[data-testid="area-figures"] li[data-indicator]').first().waitFor();
    expect(await page.getByTestId('as-of-label').textContent()).toBe('31 Dec 2014');
    expect(await page.getByTestId('time-bar').textContent()).toContain('2014');
    expect(await page.getByTestId('tab-layers').textContent()).toBe('Layers');
    expect(await page.locator('[data-testid="area-figures"] .as-of').textContent()).toContain('as of 31 Dec 2014');
    expect(await page.getByTestId('choropleth-legend').textContent()).toContain('No data');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    await waitForMapIdle(page, ['districts-label']);
    await shot('map-planner-en');
    await page.getByRole('button', { name: '中文' }).click();
  });

  it('had no console errors, no failed requests, and asked nothing of any other host', () => {
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
    const elsewhere = problems.requests.filter((u) => !u.startsWith(`${server.url}/`) && !u.startsWith('data:') && !u.startsWith('blob:'));
    expect(elsewhere).toEqual([]);
    // Layers came as vector tiles; GeoJSON only for the place names (search) and a point looked up by position.
    const allowed = ['/api/layers/districts/features', '/api/layers/townships/features', '/api/layers/villages/features', '/api/layers/public_places/features'];
    const geojson = new Set(problems.requests.filter((u) => u.includes('/features')).map((u) => new URL(u).pathname));
    expect([...geojson].filter((p) => !allowed.includes(p))).toEqual([]);
    expect(problems.requests.some((u) => /\/tiles\/buildings\/\d+\/\d+\/\d+\.mvt/.test(u))).toBe(true);
  });
});
