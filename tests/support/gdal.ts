/**
 * Test support: GDAL's command-line tools (Debian gdal-bin, which `npm test` / tests/run.sh
 * installs) as an independent reference — SpatiaLite SQL over GEOS and RTTOPO, no code of ours.
 */
import { spawnSync } from 'node:child_process';

export function requireGdal(): void {
  for (const tool of ['ogrinfo', 'ogr2ogr']) {
    const r = spawnSync(tool, ['--version'], { encoding: 'utf8' });
    if (r.error || r.status !== 0) {
      throw new Error(
        `GDAL's ${tool} is not available (${r.error?.message ?? r.stderr}). This cross-check needs the Debian package gdal-bin: ` +
          '`npm test` (tests/run.sh) installs it, or run `sudo apt-get install gdal-bin`.',
      );
    }
  }
}

export function runGdal(tool: string, args: string[]): string {
  const r = spawnSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error || r.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed: ${r.error?.message ?? r.stderr}`);
  return r.stdout;
}

/** Rows of a query's CSV output (no commas or quotes inside our values). */
export function parseGdalCsv(text: string): Record<string, string>[] {
  const lines = text.trim().split(/\r?\n/).filter(Boolean);
  const unquote = (s: string) => s.replace(/^"(.*)"$/, '$1');
  const header = lines[0]!.split(',').map(unquote);
  return lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i]!, unquote(v)])));
}

/** Run SQL (SpatiaLite dialect) against a database and return its rows. */
export function gdalSql(db: string, query: string): Record<string, string>[] {
  return parseGdalCsv(runGdal('ogr2ogr', ['-f', 'CSV', '/vsistdout/', db, '-sql', query]));
}
