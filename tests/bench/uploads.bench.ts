/**
 * Carrier uploads at scale (issue: carrier uploads — speed): a 100,000-feature GeoJSON of
 * fixed-service point records (about 26 MB) validated and committed through the upload
 * pipeline, beside GDAL's `ogr2ogr -f SQLite` loading the same file on the same machine.
 *
 * Both run as their own process, so each one's peak memory is its own (the benchmark process
 * has held whole cities by then): ours in a child of this file (ATLAS_BENCH_UPLOAD_CHILD), GDAL
 * under /usr/bin/time. Best of two runs each, the store reset between runs. Also timed: the dry
 * run with the effect on the indicators, which builds the private engine on first use.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Scale } from '../../seeds/generate';
import type { Bench } from './harness';

const FEATURES = 100_000;

export async function benchUploads(bench: Bench, scale: Scale): Promise<Record<string, unknown>> {
  const { generateDemoCity } = await import('../../seeds/generate');
  const { loadBaseGeography } = await import('../../seeds/base-geography');
  const { openAtlas } = await import('../../server/atlas');
  console.log(`\n== carrier uploads, ${FEATURES} features, register of scale ${scale}`);
  const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-uploads-'));
  try {
    // The store: base geography and the building register (what the checks compare with).
    const city = generateDemoCity(loadBaseGeography(), scale);
    const data = join(dir, 'data');
    const atlas = openAtlas(data);
    for (const layer of ['districts', 'townships', 'villages', 'buildings', 'public_places'] as const) {
      atlas.store.commit({ actor: 'bench', layer, owner: 'city', mode: 'replace' }, city.layers[layer].map((f) => ({ layer, ...f })));
    }
    atlas.close();
    copyFileSync(join(data, 'atlas.db'), join(dir, 'pristine.db'));

    const points = city.layers.fixed_service.filter((f) => f.geometry?.type === 'Point');
    const lines: string[] = [];
    for (let i = 0; i < FEATURES; i++) {
      const f = points[i % points.length]!;
      const id = i < points.length ? f.id : `${f.id}-${Math.floor(i / points.length)}`;
      lines.push(JSON.stringify({ type: 'Feature', geometry: f.geometry, properties: { ...f.properties, id, carrier: 'telecom' } }));
    }
    const file = join(dir, 'rollout.geojson');
    writeFileSync(file, `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`);
    const mb = Buffer.byteLength(lines.join(',\n')) / 2 ** 20;

    const ours = (mode: 'commit' | 'dry-run') => {
      copyFileSync(join(dir, 'pristine.db'), join(data, 'atlas.db'));
      for (const ext of ['-wal', '-shm']) rmSync(join(data, `atlas.db${ext}`), { force: true });
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'tests/bench/uploads.bench.ts', data, file, mode], {
        env: { ...process.env, ATLAS_BENCH_UPLOAD_CHILD: '1' },
        encoding: 'utf8',
        maxBuffer: 64 * 2 ** 20,
      });
      if (r.status !== 0) throw new Error(`upload child failed: ${r.stderr}`);
      return JSON.parse(r.stdout.trim().split('\n').pop()!) as { ms: number; maxRssMiB: number; phases: Record<string, number>; counts: unknown };
    };
    const gdal = () => {
      const out = join(dir, 'gdal.sqlite');
      rmSync(out, { force: true });
      const r = spawnSync('/usr/bin/time', ['-f', '%e %M', 'ogr2ogr', '-f', 'SQLite', out, file], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`ogr2ogr failed: ${r.stderr}`);
      const [secs, kb] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number) as [number, number];
      return { ms: secs * 1000, maxRssMiB: kb / 1024 };
    };
    const haveGdal = existsSync('/usr/bin/time') && (() => {
      try {
        execFileSync('ogr2ogr', ['--version'], { stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    })();

    const best = <T extends { ms: number }>(a: T, b: T) => (a.ms <= b.ms ? a : b);
    const commit = best(ours('commit'), ours('commit'));
    const baseline = haveGdal ? best(gdal(), gdal()) : null;
    bench.record({
      name: `validate + commit ${FEATURES} features (${mb.toFixed(0)} MB GeoJSON)`,
      value: commit.ms / 1000,
      unit: 's',
      ...(baseline ? { baseline: { name: 'GDAL ogr2ogr -f SQLite, same file', value: baseline.ms / 1000 } } : {}),
      target: '≤ 1.5× GDAL and < 5 s',
      note: Object.entries(commit.phases).map(([k, v]) => `${k} ${v} ms`).join(', '),
    });
    bench.record({ name: '  peak memory of the upload process', value: commit.maxRssMiB, unit: 'MiB', ...(baseline ? { baseline: { name: 'GDAL ogr2ogr', value: baseline.maxRssMiB } } : {}) });
    const dry = ours('dry-run');
    bench.record({ name: '  dry run with the effect on the indicators (first, builds the private engine)', value: dry.ms / 1000, unit: 's', note: Object.entries(dry.phases).map(([k, v]) => `${k} ${v} ms`).join(', ') });
    return { features: FEATURES, megabytes: +mb.toFixed(1), commit, dryRun: dry, gdal: baseline, ratio: baseline ? +(commit.ms / baseline.ms).toFixed(2) : null };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The measured process: one upload through the pipeline, figures on stdout as JSON. */
async function child(data: string, file: string, mode: string): Promise<void> {
  const { openAtlas } = await import('../../server/atlas');
  const { EffectCalculator } = await import('../../server/ingest/effect');
  const { readLimits } = await import('../../server/ingest/limits');
  const { runUpload } = await import('../../server/ingest/pipeline');
  const { describeFile } = await import('../../server/ingest/receive');
  const { Registers } = await import('../../server/ingest/register');
  const atlas = openAtlas(data);
  const limits = readLimits();
  const started = performance.now();
  // describeFile reads the file once for its hash and encoding, as receiving a request does.
  const received = await describeFile(file, limits);
  const hashed = performance.now();
  const dryRun = mode === 'dry-run';
  const report = await runUpload(
    { atlas, limits, registers: new Registers(atlas), effects: new EffectCalculator(atlas) },
    received,
    { layer: 'fixed_service', owner: 'telecom', actor: 'bench', mode: 'replace', crs: null, dryRun, onError: 'strict', format: null, encoding: null, effect: dryRun },
    null,
    AbortSignal.timeout(limits.timeoutMs),
  );
  const ms = performance.now() - started;
  atlas.close();
  if (!dryRun && !report.committed) throw new Error(`not committed: ${JSON.stringify(report.summary)}`);
  process.stdout.write(`${JSON.stringify({ ms, maxRssMiB: process.resourceUsage().maxRSS / 1024, phases: { hash: Math.round(hashed - started), ...report.ms }, counts: report.counts })}\n`);
}

if (process.env.ATLAS_BENCH_UPLOAD_CHILD === '1') {
  const [data, file, mode] = process.argv.slice(2) as [string, string, string];
  await child(data, file, mode);
}
