/**
 * The carriers' upload page in a real browser against the real server, signed in with the demo
 * tokens the server writes to its data directory: a bad file shows its located problems (table,
 * sorting, filtering, the feature on the preview map) and commits nothing; a GCJ-02 CSV with a bad
 * row is drawn from the server's report where the atlas puts it, and its problem row flies there;
 * a valid file goes
 * through the dry run (counts, effect on the indicators) and the commit, and the figures change;
 * a GCJ-02 file gets the hint and a one-click re-check; another carrier does not see the
 * history; revert, behind its confirmation, restores the figures.
 *
 * Run: npx vite build && npx vitest run tests/browser/upload.test.ts
 * Needs Chromium at /usr/bin/chromium (or CHROMIUM_PATH) and CJK fonts (fonts-noto-cjk).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { wgs84ToGcj02 } from '../../geodata/crs/china-offsets';
import { ARTIFACTS_DIR, ensureWebBuilt, launchChromium, startAtlasServer, watchPage, type AtlasServer, type PageProblems } from './harness';

let server: AtlasServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: PageProblems;
let tokens: Record<string, string>;
let files: { good: string; bad: string; gcj: string; csv: string };
/** The WGS 84 position of the CSV's bad row (index 2), where its building is. */
let csvBad: [number, number];
let goodCount = 0;
/** The city's fibre numerator before any upload, and the version the valid file was committed as. */
let fibreBefore = 0;
let committed = 0;

interface Feature {
  type: 'Feature';
  geometry: { type: 'Point'; coordinates: [number, number] } | null;
  properties: Record<string, unknown>;
}

async function api<T>(path: string, token?: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${server.url}${path}`, token ? { headers: { Authorization: `Bearer ${token}` } } : {});
  return { status: response.status, body: (await response.json()) as T };
}

async function cityFibre(): Promise<number> {
  const { body } = await api<{ areas: { indicators: { id: string; numerator: number }[] }[] }>('/api/compliance?level=city');
  return body.areas[0]!.indicators.find((r) => r.id === 'fiber_transformation')!.numerator;
}

function service(id: string, building: string, coordinates: [number, number]): Feature {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates },
    properties: { id, carrier: 'telecom', building_id: building, technology: 'ftth', down_mbps: 200, up_mbps: 50, in_service: '2015-06-01', status: 'in_service' },
  };
}

async function signIn(role: string): Promise<void> {
  if (await page.getByTestId('sign-out').count()) await page.getByTestId('sign-out').click();
  await page.getByTestId('token-input').fill(tokens[role]!);
  await page.getByTestId('token-input').press('Enter');
  await page.waitForSelector('[data-testid=me]');
}

async function check(file: string): Promise<void> {
  await page.getByTestId('file').setInputFiles(file);
  await page.getByTestId('check').click();
  await page.waitForSelector('[data-testid=report]', { timeout: 60_000 });
  await page.waitForSelector('[data-testid=progress]', { state: 'detached', timeout: 60_000 });
}

beforeAll(async () => {
  ensureWebBuilt(['index.html', 'upload.html']);
  server = await startAtlasServer();
  // The demo tokens the server wrote on first start (development only).
  tokens = Object.fromEntries(
    readFileSync(join(server.dataDir, 'demo-tokens.txt'), 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.trim().split(/\s+/))
      .map(([role, , token]) => [role!, token!]),
  );
  expect(tokens['carrier:telecom']).toMatch(/^atl_/);

  // Buildings without fibre today: a fibre offer at each of them must raise the city's figure.
  const gaps = await api<{ items: { id: string; position: [number, number] }[] }>('/api/gaps?indicator=fiber_transformation&limit=12');
  const buildings = gaps.body.items;
  expect(buildings.length).toBeGreaterThanOrEqual(8);
  const dir = join(server.dataDir, 'files');
  mkdirSync(dir, { recursive: true });
  const write = (name: string, features: Feature[]) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify({ type: 'FeatureCollection', features }, null, 1));
    return path;
  };
  const good = buildings.slice(0, 8).map((b, i) => service(`browser-good-${i}`, b.id, b.position));
  goodCount = good.length;
  const bad = buildings.slice(0, 4).map((b, i) => service(`browser-bad-${i}`, b.id, b.position));
  bad[1]!.properties.down_mbps = 'fast';
  delete bad[2]!.properties.technology;
  bad[3]!.geometry = { type: 'Point', coordinates: [200, 32] };
  const gcj = buildings.slice(0, 8).map((b, i) => service(`browser-gcj-${i}`, b.id, wgs84ToGcj02(b.position[0], b.position[1])));
  // A CSV in GCJ-02 (as exported from AMap) with one bad row: the browser cannot read a CSV's
  // geometry nor undo the offset; the server's report places it.
  const header = 'id,carrier,building_id,technology,down_mbps,up_mbps,in_service,status,lon,lat';
  const rows = buildings.slice(0, 5).map((b, i) => {
    const [x, y] = wgs84ToGcj02(b.position[0], b.position[1]);
    return [`browser-csv-${i}`, 'telecom', b.id, 'ftth', i === 2 ? '100M' : 200, 50, '2015-06-01', 'in_service', x.toFixed(7), y.toFixed(7)].join(',');
  });
  csvBad = buildings[2]!.position;
  const csv = join(dir, 'amap-rollout.csv');
  writeFileSync(csv, [header, ...rows].join('\n') + '\n');
  files = { good: write('rollout.geojson', good), bad: write('broken.geojson', bad), gcj: write('amap.geojson', gcj), csv };

  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN' });
  page = await context.newPage();
  problems = watchPage(page);
  await page.goto(`${server.url}/upload`);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

describe('upload page', () => {
  it('refuses a wrong token, then signs in and shows who you are and which layers you may write', async () => {
    await page.getByTestId('token-input').fill('atl_not-a-token');
    await page.getByTestId('sign-in-submit').click();
    await expect.poll(() => page.locator('#token-error').textContent()).toContain('令牌无效');
    await signIn('carrier:telecom');
    const { body: me } = await api<{ name: string; role: string; writes: { layer: string }[] }>('/api/me', tokens['carrier:telecom']);
    expect(await page.getByTestId('me-name').textContent()).toBe(me.name);
    expect(await page.getByTestId('me-role').textContent()).toBe('carrier:telecom');
    const layers = await page.$$eval('[data-testid=me-writes] [data-layer]', (els) => els.map((e) => (e as HTMLElement).dataset.layer));
    expect(layers).toEqual(me.writes.map((w) => w.layer));
    // The token lives in this tab's sessionStorage only.
    expect(await page.evaluate(() => [sessionStorage.getItem('atlas.token'), localStorage.getItem('atlas.token')])).toEqual([tokens['carrier:telecom'], null]);
    await page.reload();
    await page.waitForSelector('[data-testid=me]');
  });

  it('shows a bad file’s problems, located, sortable, filterable and on the map, and commits nothing', async () => {
    const versionBefore = (await api<{ version: number }>('/api/health')).body.version;
    await check(files.bad);
    expect(await page.getByTestId('report-summary').getAttribute('data-ok')).toBe('false');
    expect(await page.getByTestId('count-read').textContent()).toBe('4');
    expect(await page.getByTestId('count-rejected').textContent()).toBe('3');
    const rows = () =>
      page.$$eval('[data-testid=problems] tbody tr', (trs) =>
        trs.map((tr) => ({ index: (tr as HTMLElement).dataset.index, code: (tr as HTMLElement).dataset.code, message: tr.querySelector('[data-testid=problem-message]')?.textContent })),
      );
    // The same problems as the API reports for the same file.
    const form = new FormData();
    form.append('file', new Blob([readFileSync(files.bad)]), 'broken.geojson');
    const direct = (await (
      await fetch(`${server.url}/api/uploads?layer=fixed_service&mode=append&dryRun=true&effect=false`, { method: 'POST', headers: { Authorization: `Bearer ${tokens['carrier:telecom']}` }, body: form })
    ).json()) as { problems: { index: number; code: string; zh: string; path: string }[] };
    expect(await rows()).toEqual(direct.problems.map((p) => ({ index: String(p.index), code: p.code, message: p.zh })));
    expect(direct.problems.map((p) => p.index)).toEqual([1, 2, 3]);
    // Located: the field each names.
    const fields = await page.$$eval('[data-testid=problems] tbody tr td:nth-child(3) .field', (els) => els.map((e) => e.textContent));
    expect(fields).toEqual(['down_mbps', 'technology', 'geometry']);

    // Sort by code (descending on the second click), filter by text.
    await page.locator('button[data-sort=code]').click();
    expect((await rows()).map((r) => r.code)).toEqual([...direct.problems.map((p) => p.code)].sort());
    await page.locator('button[data-sort=code]').press('Enter');
    expect((await rows()).map((r) => r.code)).toEqual([...direct.problems.map((p) => p.code)].sort().reverse());
    expect(await page.locator('th[aria-sort=descending] button[data-sort=code]').count()).toBe(1);
    await page.getByTestId('filter-text').fill('technology');
    expect((await rows()).map((r) => r.index)).toEqual(['2']);
    await page.getByTestId('filter-text').fill('');
    await page.getByTestId('filter-code').selectOption('range');
    expect((await rows()).map((r) => r.index)).toEqual(['3']);
    await page.getByTestId('filter-code').selectOption('');

    // The preview map draws the file and rings the feature of the chosen row.
    await page.waitForFunction(() => window.__uploadMap?.getLayer('preview-selected-point') !== undefined && window.__uploadMap.loaded(), null, { timeout: 30_000 });
    await page.locator('[data-testid=problems] tbody tr[data-index="1"] [data-testid=problem-feature]').click();
    await expect.poll(() => page.evaluate(() => JSON.stringify(window.__uploadMap!.getFilter('preview-selected-point')))).toContain('"__index"],1]');
    const target = JSON.parse(readFileSync(files.bad, 'utf8')).features[1].geometry.coordinates as [number, number];
    await expect
      .poll(async () => page.evaluate(() => window.__uploadMap!.getCenter().toArray()), { timeout: 10_000 })
      .toEqual([expect.closeTo(target[0], 3), expect.closeTo(target[1], 3)]);
    const drawn = await page.evaluate(async () => {
      const source = window.__uploadMap!.getSource('preview-features') as unknown as { getData(): Promise<{ features: { properties: Record<string, unknown> }[] }> };
      return (await source.getData()).features.map((f) => `${f.properties.__index}:${f.properties.__status}`);
    });
    expect(new Set(drawn)).toEqual(new Set(['0:ok', '1:error', '2:error'])); // #3 has no drawable position
    expect(await page.locator('tr.selected[data-index="1"]').count()).toBe(1);

    // No commit: the button is disabled and says why; nothing reached the store.
    expect(await page.getByTestId('commit').isDisabled()).toBe(true);
    expect(await page.getByTestId('commit-blocked').isVisible()).toBe(true);
    // Skipping must be chosen on purpose: after a re-check with skip, the commit waits for a confirmation.
    await page.getByTestId('on-error-skip').check();
    await check(files.bad);
    expect(await page.getByTestId('commit').isDisabled()).toBe(true);
    await page.getByTestId('confirm-skip').check();
    expect(await page.getByTestId('commit').isEnabled()).toBe(true);
    await page.getByTestId('on-error-strict').check();
    expect(await page.getByTestId('commit').isDisabled()).toBe(true); // settings changed: the report is stale
    expect((await api<{ version: number }>('/api/health')).body.version).toBe(versionBefore);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'upload-problems.png'), fullPage: true });
  });

  it('draws a GCJ-02 CSV from the server’s report, the bad row highlighted, and its problem row flies to it', async () => {
    await page.getByTestId('crs').selectOption('gcj02');
    await check(files.csv);
    expect(await page.getByTestId('report-summary').getAttribute('data-ok')).toBe('false');
    const row = page.locator('[data-testid=problems] tbody tr[data-index="2"]');
    expect(await row.getAttribute('data-code')).toBe('type');
    // The problem's position: the building's WGS 84 position, not the GCJ-02 one written in the file.
    const position = (await row.getAttribute('data-position'))!.split(',').map(Number) as [number, number];
    expect(position).toEqual([expect.closeTo(csvBad[0], 4), expect.closeTo(csvBad[1], 4)]);

    // The map draws every row, the bad one as an error.
    await page.waitForFunction(() => window.__uploadMap?.getLayer('preview-points') !== undefined && window.__uploadMap.loaded(), null, { timeout: 30_000 });
    const sourceData = () =>
      page.evaluate(async () => {
        const source = window.__uploadMap!.getSource('preview-features') as unknown as { getData(): Promise<{ features: { properties: Record<string, unknown> }[] }> };
        return (await source.getData()).features.map((f) => `${f.properties.__index}:${f.properties.__status}`).sort();
      });
    await expect.poll(sourceData, { timeout: 10_000 }).toEqual(['0:ok', '1:ok', '2:error', '3:ok', '4:ok']);
    expect(await page.getByTestId('preview-truncated').count()).toBe(0);

    // Look elsewhere, then click the problem's row (not its button): the map moves to the feature and rings it.
    await page.evaluate(() => window.__uploadMap!.jumpTo({ center: [118.6, 32.6], zoom: 9 }));
    await row.locator('td').nth(3).click();
    await expect
      .poll(async () => page.evaluate(() => window.__uploadMap!.getCenter().toArray()), { timeout: 10_000 })
      .toEqual([expect.closeTo(position[0], 5), expect.closeTo(position[1], 5)]);
    expect(await page.locator('tr.selected[data-index="2"]').count()).toBe(1);
    expect(await page.evaluate(() => JSON.stringify(window.__uploadMap!.getFilter('preview-selected-point')))).toContain('"__index"],2]');
    // Rendered there, as an error: what the user sees at the centre of the map.
    await page.evaluate(() => new Promise((r) => (window.__uploadMap!.loaded() ? r(null) : window.__uploadMap!.once('idle', r))));
    const rendered = await page.evaluate(() => {
      const map = window.__uploadMap!;
      const at = map.project(map.getCenter());
      return map.queryRenderedFeatures([[at.x - 6, at.y - 6], [at.x + 6, at.y + 6]], { layers: ['preview-points'] }).map((f) => `${f.properties.__index}:${f.properties.__status}`);
    });
    expect(rendered).toContain('2:error');
    await page.getByTestId('report').screenshot({ path: join(ARTIFACTS_DIR, 'upload-csv-preview.png') });
    await page.getByTestId('crs').selectOption('auto');
  });

  it('hints at GCJ-02 when the points sit off their buildings, and re-checks with it in one click', async () => {
    await check(files.gcj);
    await page.waitForSelector('[data-testid=crs-hint]');
    expect(await page.getByTestId('crs-hint').textContent()).toContain('GCJ-02');
    await page.getByTestId('recheck-crs').click();
    await page.waitForSelector('[data-testid=progress]', { state: 'detached', timeout: 60_000 });
    await page.waitForSelector('[data-testid=report-summary][data-ok=true]');
    expect(await page.getByTestId('crs').inputValue()).toBe('gcj02');
    expect(await page.getByTestId('crs-hint').count()).toBe(0);
    await page.getByTestId('crs').selectOption('auto');
  });

  it('takes a file dropped on the drop zone', async () => {
    const text = readFileSync(files.good, 'utf8');
    await page.evaluate((content) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([content], 'dropped.geojson', { type: 'application/geo+json' }));
      const zone = document.querySelector('[data-testid=drop-zone]')!;
      zone.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, text);
    await expect.poll(() => page.getByTestId('chosen-file').textContent()).toContain('dropped.geojson');
  });

  it('takes a valid file through the dry run and the commit, and the figures change', async () => {
    fibreBefore = await cityFibre();
    // Watch for the progress bars: the upload is quick, so record that they were shown at all.
    await page.evaluate(() => {
      const seen = { bars: false, phases: new Set<string>() };
      (window as unknown as { __progressSeen: typeof seen }).__progressSeen = seen;
      new MutationObserver(() => {
        const bar = document.querySelector<HTMLElement>('[data-testid=processing-progress]');
        if (bar) {
          seen.bars = true;
          seen.phases.add(bar.dataset.phase ?? '');
        }
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    await check(files.good);
    expect(await page.evaluate(() => (window as unknown as { __progressSeen: { bars: boolean } }).__progressSeen.bars)).toBe(true);
    expect(await page.getByTestId('report-summary').getAttribute('data-ok')).toBe('true');
    expect(await page.getByTestId('count-added').textContent()).toBe(String(goodCount));
    expect(await page.getByTestId('count-removed').textContent()).toBe('0');
    // The effect on the indicators, before the commit: the city's fibre count goes up by one per building.
    const after = await page.locator('[data-testid=effect] tr[data-indicator=fiber_transformation][data-area="3411"]').getAttribute('data-after-numerator');
    expect(Number(after)).toBe(fibreBefore + goodCount);
    expect(await cityFibre()).toBe(fibreBefore); // a dry run writes nothing

    await page.getByTestId('commit').click();
    await page.waitForSelector('[data-testid=committed]', { timeout: 60_000 });
    committed = Number((await page.getByTestId('committed').textContent())!.replace(/\D/g, ''));
    expect(committed).toBe((await api<{ version: number }>('/api/health')).body.version);
    expect(await cityFibre()).toBe(fibreBefore + goodCount);

    // The history: the new batch first, with its counts, file hash and author.
    const hash = createHash('sha256').update(readFileSync(files.good)).digest('hex');
    const row = page.locator(`[data-testid=history] tr[data-version="${committed}"]`);
    await row.waitFor();
    expect(await page.locator('[data-testid=history] tbody tr').first().getAttribute('data-version')).toBe(String(committed));
    expect(await row.locator('code').getAttribute('title')).toBe(hash);
    expect(await row.textContent()).toContain(`${goodCount} / 0 / 0 / 0`);
    expect(await row.textContent()).toContain('demo-carrier-telecom');
    await page.getByTestId('committed').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'upload.png') });
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'upload-full.png'), fullPage: true });
  });

  it('does not show a carrier another carrier’s uploads', async () => {
    await signIn('carrier:mobile');
    await page.waitForSelector('[data-testid=history] tbody tr');
    const owners = await page.$$eval('[data-testid=history] tbody tr', (trs) => trs.map((tr) => (tr as HTMLElement).dataset.owner));
    expect(owners.length).toBeGreaterThan(0);
    expect(new Set(owners)).toEqual(new Set(['mobile']));
    expect(await page.locator(`[data-testid=history] tr[data-version="${committed}"]`).count()).toBe(0);
    // Nor can it ask for it by number.
    expect((await api(`/api/uploads/${committed}`, tokens['carrier:mobile'])).status).toBe(404);
  });

  it('reverts an upload behind a confirmation, and the figures return', async () => {
    await signIn('carrier:telecom');
    await page.getByTestId(`revert-${committed}`).click();
    const dialog = page.getByTestId('revert-dialog');
    await dialog.waitFor();
    await page.getByTestId('revert-preview').waitFor();
    expect(await page.getByTestId('revert-preview').textContent()).toContain(String(goodCount)); // removes the new records
    // Escape cancels: nothing happens.
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await cityFibre()).toBe(fibreBefore + goodCount);
    await page.getByTestId(`revert-${committed}`).click();
    await page.getByTestId('revert-preview').waitFor();
    await page.getByTestId('revert-confirm').click();
    await page.getByTestId('revert-message').waitFor();
    expect(await cityFibre()).toBe(fibreBefore);
    const top = page.locator('[data-testid=history] tbody tr').first();
    await expect.poll(async () => Number(await top.getAttribute('data-version'))).toBe(committed + 1);
    expect(await top.textContent()).toContain(String(committed));
  });

  it('switches to English', async () => {
    await page.locator('[data-lang=en]').click();
    expect(await page.locator('nav a[aria-current=page]').textContent()).toBe('Upload');
    expect(await page.getByTestId('check').textContent()).toContain('Check the file');
    await page.locator('[data-lang=zh]').click();
  });

  it('loaded without errors, and asked nothing of any other host', () => {
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors.filter((e) => !/401/.test(e))).toEqual([]);
    // The one refused request is the wrong token's /api/me.
    expect(problems.failedRequests.filter((r) => !r.includes('/api/me: HTTP 401'))).toEqual([]);
    const foreign = problems.requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('blob:') && !u.startsWith('data:') && !u.startsWith('atlas-glyphs:'));
    expect(foreign).toEqual([]);
  });
});
