/**
 * The first map page in a real browser against the real server: districts, townships and labels
 * render (asked of MapLibre itself through the window.__atlasMap test hook), the demo badge shows,
 * the language switch changes labels and UI, and nothing errors or leaves the atlas server.
 *
 * Run: npx vite build && npx vitest run tests/browser/map.test.ts
 * Needs Chromium at /usr/bin/chromium (or CHROMIUM_PATH) and CJK fonts (fonts-noto-cjk).
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  ARTIFACTS_DIR,
  REPO_ROOT,
  ensureWebBuilt,
  launchChromium,
  startApiDownServer,
  startAtlasServer,
  waitForMapIdle,
  watchPage,
  type AtlasServer,
  type PageProblems,
} from './harness';

const LAYERS = {
  districtFill: 'districts-fill',
  districtLine: 'districts-line',
  districtLabel: 'districts-label',
  townshipLine: 'townships-line',
  townshipLabel: 'townships-label',
};
const ALL_LAYERS = Object.values(LAYERS);

interface Collection {
  features: { properties: Record<string, string> }[];
}

let server: AtlasServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: PageProblems;
let districtCodes: string[];
let townshipCodes: string[];

/** Distinct values of a property among the features MapLibre rendered in these layers. */
function renderedValues(layers: string[], property: string): Promise<string[]> {
  return page.evaluate(
    ({ layers, property }) => {
      const map = window.__atlasMap!;
      const values = new Set<string>();
      for (const f of map.queryRenderedFeatures({ layers })) values.add(String(f.properties[property]));
      return [...values].sort();
    },
    { layers, property },
  );
}

beforeAll(async () => {
  ensureWebBuilt();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe('map page (real server, real Chromium)', () => {
  beforeAll(async () => {
    server = await startAtlasServer();
    const [districts, townships] = await Promise.all(
      ['districts', 'townships'].map(async (layer) => (await (await fetch(`${server.url}/api/layers/${layer}/features?limit=10000`)).json()) as Collection),
    );
    districtCodes = districts!.features.map((f) => f.properties.code!).sort();
    townshipCodes = townships!.features.map((f) => f.properties.code!).sort();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    page = await context.newPage();
    problems = watchPage(page);
    await page.goto(server.url, { waitUntil: 'load' });
    await waitForMapIdle(page, ALL_LAYERS);
  });

  afterAll(async () => {
    await context?.close();
    await server?.stop();
  });

  it('renders WebGL (SwiftShader) and fits the city', async () => {
    const info = await page.evaluate(() => {
      const map = window.__atlasMap!;
      const b = map.getBounds();
      return { webgl2: map.painter.context.gl instanceof WebGL2RenderingContext, zoom: map.getZoom(), bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] };
    });
    expect(info.webgl2).toBe(true);
    // The view holds the whole city (districts bbox from /api/layers).
    const layers = (await (await fetch(`${server.url}/api/layers`)).json()) as { layers: { id: string; bbox: number[] }[] };
    const bbox = layers.layers.find((l) => l.id === 'districts')!.bbox;
    expect(info.bounds[0]).toBeLessThanOrEqual(bbox[0]!);
    expect(info.bounds[1]).toBeLessThanOrEqual(bbox[1]!);
    expect(info.bounds[2]).toBeGreaterThanOrEqual(bbox[2]!);
    expect(info.bounds[3]).toBeGreaterThanOrEqual(bbox[3]!);
    expect(info.zoom).toBeGreaterThan(6);
  });

  it('renders all eight districts and every township', async () => {
    expect(districtCodes).toHaveLength(8);
    expect(await renderedValues([LAYERS.districtFill], 'code')).toEqual(districtCodes);
    expect(await renderedValues([LAYERS.districtLine], 'code')).toEqual(districtCodes);
    expect(townshipCodes.length).toBeGreaterThan(100);
    expect(await renderedValues([LAYERS.townshipLine], 'code')).toEqual(townshipCodes);
  });

  it('renders labels as symbol layers, in Chinese by default', async () => {
    const districtLabels = await renderedValues([LAYERS.districtLabel], 'name');
    const townshipLabels = await renderedValues([LAYERS.townshipLabel], 'short_name');
    expect(districtLabels.length).toBeGreaterThanOrEqual(1);
    expect(townshipLabels.length).toBeGreaterThanOrEqual(1);
    expect(districtLabels.every((name) => /[\u4e00-\u9fff]/.test(name))).toBe(true);
    const field = await page.evaluate((id) => JSON.stringify(window.__atlasMap!.getLayoutProperty(id, 'text-field')), LAYERS.districtLabel);
    expect(field).toMatch(/^\["format",\["get","name"\]/);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.getByTestId('app-name').textContent()).toBe('宽带地图');
    expect(await page.getByTestId('city-name').textContent()).toBe('滁州市');
  });

  it('draws Latin glyphs through the offline atlas-glyphs:// protocol and CJK with local fonts', async () => {
    const glyphs = await page.evaluate(() => {
      const manager = window.__atlasMap!.style.glyphManager;
      const describe = (stack: string, char: string) => {
        const glyph = manager.entries[stack]?.glyphs.default?.[char];
        return glyph ? { fromPbf: !glyph.metrics.isDoubleResolution, width: glyph.metrics.width, advance: glyph.metrics.advance } : null;
      };
      const stacks = Object.keys(manager.entries);
      const stack = stacks[0] ?? '';
      return {
        url: manager.url,
        stacks,
        ranges: Object.keys(manager.entries[stack]?.requests ?? {}),
        latin: describe(stack, 'C'),
        cjk: describe(stack, '州'),
      };
    });
    expect(glyphs.url).toBe('atlas-glyphs://{fontstack}/{range}.pbf');
    expect(glyphs.stacks).toHaveLength(1);
    expect(glyphs.ranges).toContain('0');
    // 'C' (Chuzhou …) came from a PBF range the protocol built; '州' was drawn by MapLibre itself.
    expect(glyphs.latin).toMatchObject({ fromPbf: true });
    expect(glyphs.latin!.width).toBeGreaterThan(5);
    expect(glyphs.latin!.advance).toBeGreaterThan(5);
    expect(glyphs.cjk).toMatchObject({ fromPbf: false });
    expect(problems.consoleWarnings.filter((w) => /glyph/i.test(w))).toEqual([]);
  });

  it('shows the demo-data badge', async () => {
    const badge = page.getByTestId('demo-badge');
    expect(await badge.isVisible()).toBe(true);
    expect(await badge.textContent()).toContain('演示数据 · Demo data');
    expect(await page.getByTestId('loading').count()).toBe(0);
  });

  it('looks right (screenshot to tests/artifacts/map.png and docs/screenshot.png)', async () => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    const file = join(ARTIFACTS_DIR, 'map.png');
    await page.screenshot({ path: file });
    mkdirSync(join(REPO_ROOT, 'docs'), { recursive: true });
    copyFileSync(file, join(REPO_ROOT, 'docs/screenshot.png'));
  });

  it('switches to English: UI strings and label fields', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await page.getByTestId('app-name').textContent()).toBe('Broadband Atlas');
    expect(await page.getByTestId('city-name').textContent()).toBe('Chuzhou');
    await waitForMapIdle(page, ALL_LAYERS);
    const [districtField, townshipField] = await page.evaluate(
      (ids) => ids.map((id) => JSON.stringify(window.__atlasMap!.getLayoutProperty(id, 'text-field'))),
      [LAYERS.districtLabel, LAYERS.townshipLabel],
    );
    expect(districtField).toMatch(/^\["format",\["get","name_en"\]/);
    expect(townshipField).toBe('["get","name_pinyin"]');
    const labels = await renderedValues([LAYERS.districtLabel], 'name_en');
    expect(labels.length).toBeGreaterThanOrEqual(1);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'map-en.png') });
  });

  it('had no console errors, no failed requests, and asked nothing of any other host', () => {
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
    const elsewhere = problems.requests.filter((u) => !u.startsWith(`${server.url}/`) && !u.startsWith('data:') && !u.startsWith('blob:'));
    expect(elsewhere).toEqual([]);
  });
});

describe('when the atlas API is unreachable', () => {
  it('says so clearly, in Chinese, and offers a retry', async () => {
    const down = await startApiDownServer();
    const ctx = await browser.newContext({ viewport: { width: 1024, height: 700 } });
    try {
      const p = await ctx.newPage();
      const seen = watchPage(p);
      await p.goto(down.url, { waitUntil: 'load' });
      const alert = p.getByTestId('error');
      await alert.waitFor({ state: 'visible', timeout: 15_000 });
      expect(await alert.textContent()).toContain('无法连接到地图服务器');
      expect(await p.getByRole('button', { name: '重试' }).isVisible()).toBe(true);
      expect(await p.getByTestId('loading').count()).toBe(0);
      await p.getByRole('button', { name: 'English' }).click();
      expect(await alert.textContent()).toContain('Cannot reach the atlas server');
      // Only the API calls failed; the page itself loaded and threw nothing.
      expect(seen.pageErrors).toEqual([]);
      expect(seen.failedRequests.every((r) => r.includes('/api/'))).toBe(true);
      await p.screenshot({ path: join(ARTIFACTS_DIR, 'unreachable.png') });
    } finally {
      await ctx.close();
      await down.stop();
    }
  });
});
