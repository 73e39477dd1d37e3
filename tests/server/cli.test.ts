/**
 * The `atlas` command as a user runs it: a real process, a real data directory, real files.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'atlas-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const dataDir = join(dir, 'data');

function atlas(...args: string[]) {
  const r = spawnSync(process.execPath, ['server/bin/atlas.mjs', ...args], {
    env: { ...process.env, DATA_DIR: dataDir },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 120_000,
  });
  if (r.error) throw r.error; // e.g. ENOBUFS: never compare a truncated output
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('atlas CLI', () => {
  it('prints help and rejects unknown commands with exit 2', () => {
    expect(atlas('help').out).toContain('atlas serve');
    const bad = atlas('frobnicate');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('unknown command');
  });

  it('seeds the small demo into the store', () => {
    const r = atlas('seed', '--scale', 'small');
    expect(r.code, r.err).toBe(0);
    const summary = JSON.parse(r.out);
    expect(summary.counts.buildings).toBe(5000);
    expect(summary.counts.districts).toBe(8);
    expect(existsSync(join(dataDir, 'atlas.db'))).toBe(true);
    expect(existsSync(join(dataDir, 'targets.json'))).toBe(true);
  });

  it('exports a layer as GeoJSON', () => {
    const out = join(dir, 'districts.geojson');
    const r = atlas('export', '--layer', 'districts', '--out', out);
    expect(r.code, r.err).toBe(0);
    const fc = JSON.parse(readFileSync(out, 'utf8'));
    expect(fc.features).toHaveLength(8);
    expect(fc.features.find((f: any) => f.id === '341102').properties.name).toBe('琅琊区');
  });

  it('imports a valid carrier file as one batch, checking the carrier', () => {
    const file = join(dir, 'sites.geojson');
    const site = (id: string, carrier = 'telecom') => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [118.31, 32.3] },
      properties: { id, carrier, generation: '4g', radius_m: 2500, in_service: '2015-03-01' },
    });
    writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [site('T-NEW-1'), site('T-NEW-2')] }));
    const r = atlas('import', '--layer', 'mobile_sites', '--file', file, '--carrier', 'telecom', '--mode', 'append', '--actor', 'ops@telecom');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ added: 2, actor: 'ops@telecom', owner: 'telecom', mode: 'append' });
    const wrong = atlas('import', '--layer', 'mobile_sites', '--file', file, '--carrier', 'unicom');
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('not the importing carrier unicom');
  });

  it('refuses a bad file, says where and why, and changes nothing', () => {
    const file = join(dir, 'bad.geojson');
    writeFileSync(
      file,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [118.3, 32.3] }, properties: { id: 'X1', carrier: 'telecom', technology: 'ftth', down_mbps: '100M', up_mbps: 50, in_service: '2015-13-01', status: 'in_service', building_id: 'B0001' } }],
      }),
    );
    const before = atlas('export', '--layer', 'fixed_service').out;
    expect(JSON.parse(before).features.length).toBeGreaterThan(5000);
    const r = atlas('import', '--layer', 'fixed_service', '--file', file, '--carrier', 'telecom');
    expect(r.code).toBe(1);
    expect(r.err).toContain('features[0].properties.down_mbps (id X1)');
    expect(r.err).toContain('features[0].properties.in_service');
    expect(r.err).toContain('nothing was imported');
    expect(atlas('export', '--layer', 'fixed_service').out).toBe(before);
  });

  it('writes the demo as GeoJSON files with --out', () => {
    const out = join(dir, 'demo');
    expect(atlas('seed', '--scale', 'small', '--out', out).code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'buildings.geojson'), 'utf8')).features).toHaveLength(5000);
  });
});
