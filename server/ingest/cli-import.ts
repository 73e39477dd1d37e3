/**
 * `atlas import`: the same pipeline as POST /api/uploads — same formats, CRS, validation,
 * limits and audit — for a file on disk, with the actor named on the command line.
 */
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { parseCrs } from '../../geodata/crs/crs';
import { FORMATS, type Format } from '../../geodata/formats/detect';
import { LAYERS, LAYER_IDS, isLayerId } from '../../geodata/schema';
import { openAtlas } from '../atlas';
import { ApiError } from '../errors';
import { EffectCalculator } from './effect';
import { readLimits } from './limits';
import { runUpload, type UploadReport } from './pipeline';
import type { UploadProblem } from './problems';
import { describeFile } from './receive';

export async function runImport(args: string[], dataDir: string, usage: (message: string) => Error): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      layer: { type: 'string' },
      file: { type: 'string' },
      carrier: { type: 'string' },
      mode: { type: 'string', default: 'replace' },
      actor: { type: 'string' },
      crs: { type: 'string' },
      format: { type: 'string' },
      encoding: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'on-error': { type: 'string', default: 'strict' },
    },
  });
  const layer = values.layer;
  if (!layer || !isLayerId(layer)) throw usage(`--layer must be one of ${LAYER_IDS.join(', ')}`);
  if (!values.file) throw usage('--file is required');
  const mode = values.mode!;
  if (mode !== 'replace' && mode !== 'append') throw usage('--mode must be replace or append');
  const onError = values['on-error']!;
  if (onError !== 'strict' && onError !== 'skip') throw usage('--on-error must be strict or skip');
  const writer = LAYERS[layer].writer;
  const owner = writer === 'admin' ? 'city' : (values.carrier ?? (writer === 'carrier_or_admin' ? 'city' : undefined));
  if (!owner) throw usage(`layer ${layer} belongs to carriers: name one with --carrier`);
  let crs = null;
  if (values.crs) {
    const r = parseCrs(values.crs);
    if ('error' in r) throw usage(`--crs: ${r.error.en}`);
    crs = r.crs;
  }
  if (values.format && !(FORMATS as readonly string[]).includes(values.format)) throw usage(`--format must be one of ${FORMATS.join(', ')}`);
  // Who did it, for the audit trail: named on the command line, else the operating-system user.
  const actor = values.actor ?? `cli:${userInfo().username}`;

  const limits = readLimits();
  const atlas = openAtlas(dataDir);
  try {
    const file = await describeFile(values.file, limits);
    const report = await runUpload(
      { atlas, limits, registers: atlas.registers, effects: new EffectCalculator(atlas) },
      file,
      { layer, owner, actor, mode, crs, dryRun: values['dry-run']!, onError, format: (values.format as Format) ?? null, encoding: values.encoding ?? null, effect: values['dry-run']! },
      null,
      AbortSignal.timeout(limits.timeoutMs),
    );
    printProblems(report.problems);
    process.stdout.write(`${JSON.stringify(report.dryRun ? report : report.batch)}\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    const report = e.details as UploadReport | undefined;
    if (e.code === 'invalid_upload' && report) {
      printProblems(report.problems);
      process.stderr.write(`${report.summary.errors} problem(s) in ${report.features.read} feature(s); nothing was imported.\n`);
    } else {
      process.stderr.write(`${e.zh} / ${e.en}\nnothing was imported.\n`);
    }
    return 1;
  } finally {
    atlas.close();
  }
}

function printProblems(problems: UploadProblem[]): void {
  for (const p of problems) {
    const line = p.line ? ` [line ${p.line}${p.column ? `:${p.column}` : ''}]` : '';
    process.stderr.write(`${p.severity}: ${p.path || 'file'}${p.id ? ` (id ${p.id})` : ''}${line}: ${p.zh} / ${p.en}\n`);
  }
}
