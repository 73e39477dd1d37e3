/**
 * An independent client: GDAL's OAPIF driver (`ogrinfo`, `ogr2ogr` from Debian's gdal-bin,
 * which tests/run.sh installs) reads the real `atlas serve` over a real port, as a planner's QGIS
 * or a city's GDAL script would. Nothing here is our code except the server under test.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAtlasServer, type AtlasServer } from '../browser/harness';

const run = promisify(execFile);

let server: AtlasServer;
let dir: string;
let api: string;

/** A signed-in planner's token (duct routes need one): the server's development demo tokens. */
function plannerToken(): string {
  const line = readFileSync(join(server.dataDir, 'demo-tokens.txt'), 'utf8').split('\n').find((l) => l.startsWith('planner'));
  return line!.trim().split(/\s+/).pop()!;
}

async function gdal(tool: 'ogrinfo' | 'ogr2ogr', args: string[], options: { signedIn?: boolean } = {}): Promise<string> {
  try {
    // GDAL's own output only: no user config, English messages.
    const auth = options.signedIn ? { GDAL_HTTP_HEADERS: `Authorization: Bearer ${plannerToken()}` } : {};
    const { stdout } = await run(tool, args, { env: { ...process.env, GDAL_HTTP_TIMEOUT: '60', CPL_DEBUG: 'OFF', LC_ALL: 'C', ...auth }, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (e: any) {
    if (e.code === 'ENOENT') throw new Error(`${tool} is not installed: install gdal-bin (tests/run.sh does)`);
    throw new Error(`${tool} ${args.join(' ')} failed: ${e.stderr ?? e.message}\n--- server ---\n${server.output()}`);
  }
}

/** `ogrinfo -so` output → { layer: feature count }. */
function featureCounts(text: string): Record<string, number> {
  const counts: Record<string, number> = {};
  let layer = '';
  for (const line of text.split('\n')) {
    const name = /^Layer name: (\S+)/.exec(line);
    if (name) layer = name[1]!;
    const count = /^Feature Count: (\d+)/.exec(line);
    if (count && layer) counts[layer] = Number(count[1]);
  }
  return counts;
}

const getJson = async (path: string) => (await (await fetch(`${server.url}${path}`)).json()) as any;

beforeAll(async () => {
  server = await startAtlasServer();
  dir = mkdtempSync(join(tmpdir(), 'atlas-gdal-'));
  api = `OAPIF:${server.url}/ogc`;
});
afterAll(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('GDAL OAPIF driver against atlas serve', () => {
  it('lists the collections', async () => {
    const out = await gdal('ogrinfo', ['-ro', '-so', api]);
    const names = [...out.matchAll(/^\d+: (\S+)/gm)].map((m) => m[1]);
    expect(names).toEqual(['districts', 'townships', 'villages', 'buildings', 'fixed_service', 'wifi_hotspots', 'public_places', 'mobile_sites', 'ducts']);
    expect(out).toContain('title: 区县 Districts');
  });

  it('reports the right feature count of every collection (signed in: duct routes need it)', async () => {
    const counts = featureCounts(await gdal('ogrinfo', ['-ro', '-so', '-al', api], { signedIn: true }));
    expect(counts).toMatchObject({ districts: 8, townships: 124, villages: 1267, buildings: 5000 });
    const layers = (await getJson('/api/layers')).layers as { id: string; count: number }[];
    for (const l of layers.filter((x) => x.id !== 'egress')) expect(counts[l.id], l.id).toBe(l.count);
    // Anonymous callers cannot read duct routes, through GDAL or otherwise.
    expect((await fetch(`${server.url}/ogc/collections/ducts/items`)).status).toBe(401);
    const anonymous = featureCounts(await gdal('ogrinfo', ['-ro', '-so', '-al', api]).catch(() => ''));
    expect(anonymous.ducts ?? 0).not.toBe(counts.ducts);
    // The per-collection form of the URL too.
    expect(featureCounts(await gdal('ogrinfo', ['-ro', '-so', '-al', `OAPIF:${server.url}/ogc/collections/districts`]))).toEqual({ districts: 8 });
  });

  it('reads the fields the data contract defines, typed', async () => {
    const out = await gdal('ogrinfo', ['-ro', '-so', api, 'mobile_sites', 'villages']);
    expect(out).toMatch(/^in_service: Date/m);
    expect(out).toMatch(/^radius_m: Real/m);
    // Optional and absent from the first page, but in the schema the collection links.
    expect(out).toMatch(/^info_station: /m);
  });

  it('ogr2ogr round-trips the townships to GeoJSON', async () => {
    const file = join(dir, 'townships.geojson');
    await gdal('ogr2ogr', ['-f', 'GeoJSON', '-lco', 'RFC7946=YES', file, api, 'townships']);
    const copied = JSON.parse(readFileSync(file, 'utf8'));
    const served = await getJson('/ogc/collections/townships/items?limit=10000');
    expect(copied.features).toHaveLength(124);
    const byCode = new Map<string, any>(copied.features.map((f: any) => [f.properties.code, f]));
    expect(byCode.size).toBe(124);
    for (const f of served.features) {
      const c = byCode.get(f.properties.code);
      expect(c, f.properties.code).toBeDefined();
      const { id: _id, ...properties } = c.properties;
      expect(properties).toEqual(f.properties);
      expect(c.geometry).toEqual(f.geometry);
    }
  });

  it('ogr2ogr copies every building and village, optional properties included', async () => {
    const buildings = join(dir, 'buildings.geojson');
    await gdal('ogr2ogr', ['-f', 'GeoJSON', buildings, api, 'buildings']);
    const b = JSON.parse(readFileSync(buildings, 'utf8'));
    expect(b.features).toHaveLength(5000);
    expect(new Set(b.features.map((f: any) => f.properties.id)).size).toBe(5000);

    const villages = join(dir, 'villages.geojson');
    await gdal('ogr2ogr', ['-f', 'GeoJSON', villages, api, 'villages']);
    const copied = JSON.parse(readFileSync(villages, 'utf8')).features as any[];
    const served = (await getJson('/ogc/collections/villages/items?limit=10000')).features as any[];
    expect(copied).toHaveLength(1267);
    const withStation = served.filter((f) => f.properties.info_station).length;
    expect(withStation).toBeGreaterThan(0);
    expect(copied.filter((f) => f.properties.info_station).length).toBe(withStation);
  });

  it('pushes bbox and date filters to the server and gets the server’s counts', async () => {
    const inBox = await getJson('/ogc/collections/buildings/items?bbox=118.2,32.2,118.4,32.4&limit=1');
    const spat = featureCounts(await gdal('ogrinfo', ['-ro', '-so', '-spat', '118.2', '32.2', '118.4', '32.4', api, 'buildings']));
    expect(spat.buildings).toBe(inBox.numberMatched);

    const dated = await getJson('/ogc/collections/mobile_sites/items?datetime=2013-01-01/2014-01-01&limit=1');
    const where = featureCounts(await gdal('ogrinfo', ['-ro', '-so', '-where', "in_service >= '2013-01-01' AND in_service <= '2014-01-01'", api, 'mobile_sites']));
    expect(where.mobile_sites).toBe(dated.numberMatched);
  });
});
