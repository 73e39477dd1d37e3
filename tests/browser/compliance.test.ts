/**
 * The officials' compliance view in a real browser against the real server: every cell of the
 * table matches /api/compliance on two dates (the raw figures on the cell and the numbers the
 * reader sees), the CSV and Excel exports download and read back to the same numbers, a district
 * opens to its townships, the clause tooltip comes on keyboard focus, the progress charts follow
 * the series API, and the print view renders to PDF with the controls hidden.
 *
 * Run: npx vite build && npx vitest run tests/browser/compliance.test.ts
 * Needs Chromium at /usr/bin/chromium (or CHROMIUM_PATH) and CJK fonts (fonts-noto-cjk).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { shareDigits as sharePercent } from '../../web/src/shared/format';
import { ARTIFACTS_DIR, ensureWebBuilt, launchChromium, startAtlasServer, watchPage, type AtlasServer, type PageProblems } from './harness';

interface Result {
  id: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  target: number | null;
  unit: string;
  status: string;
  due: boolean;
}
interface Area {
  level: string;
  code: string;
  name: string;
  parent: string | null;
  indicators: Result[];
}
interface Compliance {
  version: number;
  asOf: string;
  areas: Area[];
  indicators: { id: string; label: { zh: string; en: string }; clause: { section: string; text: string } }[];
}

/** What the page shows in one cell: the figures it carries, and the text a reader sees. */
interface Cell {
  area: string;
  indicator: string;
  status: string;
  numerator: string;
  denominator: string;
  value: string;
  target: string;
  due: string;
  valueText: string;
  fractionText: string | null;
  overdue: boolean;
}

let server: AtlasServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: PageProblems;

const DATES = ['2014-06-30', '2015-12-31'] as const;

async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${server.url}${path}`);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

const compliance = (level: string, asOf: string) => api<Compliance>(`/api/compliance?level=${level}&asOf=${asOf}`);

async function waitForTable(asOf: string): Promise<void> {
  await page.waitForSelector(`[data-testid=compliance-page][data-as-of="${asOf}"]`, { timeout: 30_000 });
}

function readCells(selector = 'tbody tr[data-area]'): Promise<Cell[]> {
  return page.$$eval(selector, (rows) =>
    rows.flatMap((row) =>
      [...row.querySelectorAll<HTMLElement>('td[data-indicator]')].map((td) => ({
        area: (row as HTMLElement).dataset.area!,
        indicator: td.dataset.indicator!,
        status: td.dataset.status ?? '',
        numerator: td.dataset.numerator ?? '',
        denominator: td.dataset.denominator ?? '',
        value: td.dataset.value ?? '',
        target: td.dataset.target ?? '',
        due: td.dataset.due ?? '',
        valueText: td.querySelector('[data-testid=cell-value]')?.textContent?.trim() ?? '',
        fractionText: td.querySelector('[data-testid=cell-fraction]')?.textContent?.trim() ?? null,
        overdue: td.querySelector('[data-testid=overdue]') !== null,
      })),
    ),
  );
}

const field = (v: number | null) => (v === null ? '' : String(v));

/** Every cell against the API: the raw figures exactly, and the shown text by the display rule. */
function expectCellsMatch(cells: Cell[], areas: Area[]): void {
  const byKey = new Map(cells.map((c) => [`${c.area}|${c.indicator}`, c]));
  let compared = 0;
  for (const area of areas) {
    for (const r of area.indicators) {
      const cell = byKey.get(`${area.code}|${r.id}`);
      expect(cell, `cell ${area.code} × ${r.id}`).toBeDefined();
      const where = `${area.code} × ${r.id}`;
      expect(cell!.status, where).toBe(r.status);
      expect(cell!.numerator, where).toBe(field(r.numerator));
      expect(cell!.denominator, where).toBe(field(r.denominator));
      expect(cell!.value, where).toBe(field(r.value));
      expect(cell!.target, where).toBe(field(r.target));
      expect(cell!.due, where).toBe(String(r.due));
      expect(cell!.overdue, where).toBe(r.status === 'not_met' && r.due);
      // What the reader sees: the share to one decimal (never rounded to 100 % when below),
      // Gbit/s to one decimal, "—" without a value; and the counts behind a share.
      if (r.value === null) expect(cell!.valueText, where).toBe('—');
      else {
        const shown = Number(cell!.valueText.replace(/[^\d.]/g, ''));
        expect(shown, `${where}: ${cell!.valueText}`).toBeCloseTo(r.unit === 'Gbit/s' ? Math.round(r.value * 10) / 10 : sharePercent(r.value), 6);
      }
      if (r.numerator !== null && r.denominator !== null) {
        expect(cell!.fractionText?.replace(/[^\d/]/g, ''), where).toBe(`${r.numerator}/${r.denominator}`);
      }
      compared++;
    }
  }
  expect(cells.length).toBe(compared);
}

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\n') row.push(cell.replace(/\r$/, '')), rows.push(row), (row = []), (cell = '');
    else cell += ch;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

beforeAll(async () => {
  ensureWebBuilt(['index.html', 'compliance.html']);
  server = await startAtlasServer();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1500, height: 1000 }, locale: 'zh-CN', acceptDownloads: true });
  page = await context.newPage();
  problems = watchPage(page);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

describe('compliance view', () => {
  it('shows every district and the city total against every indicator, matching /api/compliance on two dates', async () => {
    // The first date from the address, the second through the date picker.
    await page.goto(`${server.url}/compliance?asOf=${DATES[0]}`);
    for (const [i, asOf] of DATES.entries()) {
      if (i > 0) await page.getByTestId('as-of').fill(asOf);
      await waitForTable(asOf);
      const [city, districts] = await Promise.all([compliance('city', asOf), compliance('district', asOf)]);
      const rows = await page.$$eval('tbody tr[data-area]', (trs) => trs.map((tr) => `${(tr as HTMLElement).dataset.level}:${(tr as HTMLElement).dataset.area}`));
      expect(rows).toEqual([...city.areas, ...districts.areas.sort((a, b) => a.code.localeCompare(b.code))].map((a) => `${a.level}:${a.code}`));
      const columns = await page.$$eval('thead th[data-indicator]', (ths) => ths.map((th) => (th as HTMLElement).dataset.indicator));
      expect(columns).toEqual(city.indicators.map((s) => s.id));
      expectCellsMatch(await readCells(), [...city.areas, ...districts.areas]);
      await expect.poll(() => page.getByTestId('report-date').textContent()).toContain(asOf.slice(0, 4));
      expect(await page.getByTestId('data-version').textContent()).toBe(String(city.version));
    }
    // Both states are in the address, so a link reproduces the report.
    expect(new URL(page.url()).searchParams.get('asOf')).toBe(DATES[1]);
    // Status is written out, not only coloured, and overdue targets are marked.
    const statuses = await page.$$eval('td[data-status=not_met] .mark', (marks) => marks.map((m) => m.textContent?.trim()));
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['未达标']));
    expect(await page.getByTestId('overdue').count()).toBeGreaterThan(0);

    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await page.waitForSelector(`[data-testid=compliance-page][data-charts="${DATES[1]}|in_service|year"]`, { timeout: 60_000 });
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'compliance.png') });
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'compliance-full.png'), fullPage: true });
  });

  it('links every cell to the map showing that area and indicator on that date', async () => {
    const href = await page.locator('tr[data-level=district] td[data-indicator=urban_20m] a').first().getAttribute('href');
    const url = new URL(href!, server.url);
    expect(url.pathname).toBe('/');
    expect(url.searchParams.get('ind')).toBe('urban_20m');
    expect(url.searchParams.get('date')).toBe(DATES[1]);
    expect(url.searchParams.get('sel')).toMatch(/^area:\d{6}$/);
  });

  it('shows the clause in the policy’s own words on keyboard focus, moves with the arrow keys, closes on Escape', async () => {
    const city = await compliance('city', DATES[1]);
    const first = page.locator('tbody tr[data-level=city] td[data-indicator] a').first();
    await first.focus();
    const tip = page.getByTestId('clause-tooltip');
    await expect.poll(() => tip.textContent()).toContain(city.indicators[0]!.clause.text);
    // The cell is described by the clause for screen readers too.
    const described = await first.getAttribute('aria-describedby');
    expect(await page.locator(`#${described}`).textContent()).toContain(city.indicators[0]!.clause.text);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => tip.textContent()).toContain(city.indicators[1]!.clause.text);
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => (document.activeElement?.closest('tr') as HTMLElement | null)?.dataset.level)).toBe('district');
    await page.keyboard.press('Escape');
    await expect.poll(() => tip.count()).toBe(0);
  });

  it('opens a district to its townships, matching /api/compliance?level=township', async () => {
    const townships = await compliance('township', DATES[1]);
    const district = townships.areas[0]!.parent!;
    const toggle = page.getByTestId(`drill-${district}`);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    await page.waitForSelector(`tr[data-parent="${district}"]`);
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const mine = townships.areas.filter((a) => a.parent === district);
    const codes = await page.$$eval(`tr[data-parent="${district}"]`, (trs) => trs.map((tr) => (tr as HTMLElement).dataset.area));
    expect(codes).toEqual(mine.map((a) => a.code).sort());
    expectCellsMatch(await readCells(`tr[data-parent="${district}"]`), mine);
    // Keyboard: the toggle is a button; Enter closes it again.
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator(`tr[data-parent="${district}"]`).count()).toBe(0);
    await toggle.click();
    await page.waitForSelector(`tr[data-parent="${district}"]`);
  });

  it('draws a progress chart per indicator from /api/areas, one line per area and the target as a line', async () => {
    const [city, series] = await Promise.all([compliance('district', DATES[1]), api<{ series: { asOf: string }[] }>(`/api/areas/3411?asOf=${DATES[1]}&step=year`)]);
    const charts = page.getByTestId('progress-chart');
    expect(await charts.count()).toBe(city.indicators.length);
    const fibre = page.locator('[data-testid=progress-chart][data-indicator=fiber_transformation]');
    expect(await fibre.locator('path[data-area]').count()).toBe(city.areas.length + 1);
    expect(await fibre.getByTestId('target-line').count()).toBe(1);
    expect(await fibre.locator('path[data-area="3411"] ~ circle').count()).toBeGreaterThanOrEqual(series.series.length);
    // Quarterly: four points a year.
    await page.locator('button[data-step=quarter]').click();
    await page.waitForSelector(`[data-testid=compliance-page][data-charts="${DATES[1]}|in_service|quarter"]`, { timeout: 60_000 });
    const quarters = await api<{ series: unknown[] }>(`/api/areas/3411?asOf=${DATES[1]}&step=quarter`);
    const dots = await page.$$eval('[data-testid=progress-chart][data-indicator=fiber_transformation] circle', (cs) => cs.map((c) => c.querySelector('title')?.textContent ?? ''));
    expect(dots.filter((d) => d.startsWith('滁州市')).length).toBe(quarters.series.length);
  });

  it('exports a CSV (UTF-8 with BOM) that reads back to the same numbers, and an Excel workbook', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(download.suggestedFilename()).toBe(`compliance-${DATES[1]}.csv`);
    const bytes = readFileSync((await download.path())!);
    writeFileSync(join(ARTIFACTS_DIR, 'compliance.csv'), bytes);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...lines] = parseCsv(bytes.subarray(3).toString('utf8')).filter((r) => r.length > 1);
    const col = (name: string) => header!.indexOf(name);
    const levels = await Promise.all(['city', 'district', 'township'].map((l) => compliance(l, DATES[1])));
    const expected = levels.flatMap((c) => c.areas.flatMap((a) => a.indicators.map((r) => ({ a, r }))));
    expect(lines.length).toBe(expected.length);
    const rows = new Map(lines.map((l) => [`${l[col('code')]}|${l[col('indicator')]}`, l]));
    for (const { a, r } of expected) {
      const line = rows.get(`${a.code}|${r.id}`);
      expect(line, `${a.code} × ${r.id}`).toBeDefined();
      expect(line![col('name')]).toBe(a.name);
      expect(line![col('numerator')]).toBe(field(r.numerator));
      expect(line![col('denominator')]).toBe(field(r.denominator));
      expect(line![col('value')] === '' ? null : Number(line![col('value')])).toBe(r.value);
      expect(line![col('status')]).toBe(r.status);
      expect(line![col('as_of')]).toBe(DATES[1]);
    }

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toBe(`compliance-${DATES[1]}.xlsx`);
    const workbook = unzipSync(new Uint8Array(readFileSync((await xlsx.path())!)));
    writeFileSync(join(ARTIFACTS_DIR, 'compliance.xlsx'), readFileSync((await xlsx.path())!));
    const sheet = strFromU8(workbook['xl/worksheets/sheet1.xml']!);
    expect(sheet.match(/<row /g)?.length).toBe(expected.length + 1);
    // The city's fibre figures are numbers in the sheet, not text.
    const fibre = levels[0]!.areas[0]!.indicators.find((r) => r.id === 'fiber_transformation')!;
    expect(sheet).toContain(`<v>${fibre.numerator}</v>`);
    expect(sheet).toContain(`<v>${fibre.denominator}</v>`);
  });

  it('prints a report: title, date, data version, table, charts and clauses, without the controls', async () => {
    await page.emulateMedia({ media: 'print' });
    const hidden = await page.evaluate(() =>
      ['[data-testid=as-of]', '[data-testid=export-csv]', '[data-testid=print]', 'nav', '[data-lang]', '[data-testid^=drill-]', 'button[data-step]'].map((s) => {
        const el = document.querySelector(s);
        return { s, shown: el ? el.getBoundingClientRect().width > 0 && getComputedStyle(el).visibility !== 'hidden' : false };
      }),
    );
    for (const h of hidden) expect(h.shown, `${h.s} in print`).toBe(false);
    for (const id of ['report-title', 'report-date', 'data-version', 'compliance-table']) expect(await page.getByTestId(id).isVisible(), id).toBe(true);
    expect(await page.getByTestId('progress-chart').first().isVisible()).toBe(true);
    expect(await page.getByTestId('clause').count()).toBe(11);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    writeFileSync(join(ARTIFACTS_DIR, 'compliance-report.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    expect(pages).toBeGreaterThanOrEqual(3);
    await page.emulateMedia({ media: 'screen' });
  });

  it('switches to English', async () => {
    await page.locator('[data-lang=en]').click();
    expect(await page.locator('nav a[aria-current=page]').textContent()).toBe('Compliance');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    const names = await page.$$eval('tr[data-level=district] .name', (els) => els.map((e) => e.textContent));
    expect(names).toContain('Langya District');
    expect(await page.locator('td[data-status=met] .mark').first().textContent()).toContain('Met');
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'compliance-en.png') });
    await page.locator('[data-lang=zh]').click();
  });

  it('loaded without errors, and asked nothing of any other host', () => {
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
    const foreign = problems.requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('blob:') && !u.startsWith('data:'));
    expect(foreign).toEqual([]);
  });
});
