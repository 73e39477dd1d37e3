/**
 * `atlas` — the one command-line entry (package.json bin; also `npm run atlas -- …`).
 *
 *   atlas serve                         serve the atlas (PORT, DATA_DIR; seeds the demo when empty)
 *   atlas seed --scale S [--seed N]     put the demo city into the store (or --out DIR: GeoJSON files)
 *   atlas import --layer L --file F     import a GeoJSON file (validated, one versioned batch)
 *   atlas export --layer L [--out F]    write a layer as GeoJSON
 *   atlas token add|list|revoke         API tokens in DATA_DIR/tokens.json (server/auth/token-file.ts)
 *   atlas city add|list                 a city's base geography into DATA_DIR/cities/<code> (geodata/base/install.ts)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LAYER_IDS, LAYERS, isCarrierLayer, isIsoDate, isLayerId, type LayerId } from '../geodata/schema';
import { LEVELS, type Level } from '../geodata/engine/engine';
import { VIEWS, type View } from '../geodata/engine/fixed-service';
import { today } from '../geodata/engine/dates';
import { complianceCsv, withClauses } from './compliance-view';
import { runImport } from './ingest/cli-import';
import { generateDemoCity, isScale, SCALES, type Scale } from '../seeds/generate';
import { loadBaseGeography } from '../seeds/base-geography';
import { openAtlas, warmUp, type Atlas } from './atlas';
import { storageFailure } from './errors';
import { readConfig } from './config';
import { toGeoJSON } from './features';
import { seedDemo } from './seed';
import { startServer } from './serve';
import { BackupError, backupTo, restoreFrom, scheduleBackups } from './backup';
import { StoreCorruptError } from './store/sqlite';
import { addToken, listTokens, revokeToken, TokenInputError } from './auth/token-file';
import { addCity, addProvince, listCities, type AddResult } from '../geodata/base/install';
import { CityError } from '../geodata/base/city-error';

const log = (line: string) => process.stderr.write(`${line}\n`);

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = readConfig();
  switch (command) {
    case 'serve':
      return serveCommand(config);
    case 'seed':
      return seedCommand(rest, config.dataDir);
    case 'import':
      return importCommand(rest, config.dataDir);
    case 'export':
      return exportCommand(rest, config.dataDir);
    case 'compliance':
      return complianceCommand(rest, config.dataDir);
    case 'backup':
      return backupCommand(rest, config.dataDir);
    case 'restore':
      return restoreCommand(rest, config.dataDir);
    case 'token':
      return tokenCommand(rest, config.dataDir);
    case 'city':
      return cityCommand(rest, config.dataDir);
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(HELP);
      return 0;
    default:
      throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  }
}

const HELP = `atlas — Broadband Atlas 宽带地图

  atlas serve                              serve on PORT (8080) from DATA_DIR (./data); seeds the demo when empty
  atlas seed --scale small|city|large [--seed N] [--out DIR]
  atlas import --layer LAYER --file FILE [--carrier C] [--mode replace|append] [--actor NAME]
               [--crs wgs84|cgcs2000|gcj02|bd09|EPSG:n] [--format geojson|ndjson|csv|shapefile] [--dry-run] [--on-error skip]
  atlas export --layer LAYER [--out FILE]
  atlas compliance [--level city|district|township|grid] [--as-of YYYY-MM-DD] [--view in_service|planned] [--format json|csv]
  atlas backup --out FILE                  consistent copy of the store while it serves (SQLite online backup)
  atlas restore FILE                       check a backup and put it in place (stop the server first)
  atlas token add --name NAME --role admin|official|planner|carrier:ID
                                           new API token: printed once on stdout; tokens.json keeps its sha256
  atlas token list [--json]                name, role, created of each token (never a hash)
  atlas token revoke --name NAME           remove a token (a running server stops accepting it at once)
  atlas city add CITY                      build a city's base geography into DATA_DIR/cities/<code>: CITY is a name (合肥市, 合肥),
                                           a code (3401, 340100) or pinyin (hefei); says why when the packages cannot serve it
  atlas city add --province PROVINCE       every city of a province (安徽, anhui, 34)
  atlas city list [--json]                 the installed cities: code, name, counties, townships, villages, where from

layers: ${LAYER_IDS.join(', ')}
`;

async function serveCommand(config: ReturnType<typeof readConfig>): Promise<number> {
  let atlas: Atlas;
  try {
    atlas = openAtlas(config.dataDir);
  } catch (e) {
    // A damaged store: say so and refuse to serve wrong data (exit 3, not a crash loop of stacks).
    const damaged = e instanceof StoreCorruptError || /not a database|malformed|corrupt/i.test((e as Error).message);
    if (!damaged) throw e;
    log(`atlas: the store in ${config.dataDir} is damaged (${(e as Error).message}).`);
    log('atlas: refusing to serve possibly wrong figures. Restore a backup with `atlas restore FILE` (backups are in DATA_DIR/backups when scheduled).');
    return 3;
  }
  if (config.backupEveryHours > 0) scheduleBackups(atlas.store, config.dataDir, { everyHours: config.backupEveryHours, keep: config.backupKeep, log });
  if (atlas.store.version() === 0 && config.seedScale !== 'none') {
    log(`The store in ${config.dataDir} is empty: seeding the demo city (scale ${config.seedScale}) — synthetic data on real boundaries…`);
    const started = Date.now();
    const summary = seedDemo(atlas.store, atlas.base, config.seedScale);
    log(`Seeded ${summary.counts.buildings} buildings, ${summary.counts.fixed_service} fixed-service records in ${((Date.now() - started) / 1000).toFixed(1)} s (data version ${summary.version}).`);
  }
  await startServer(atlas, { port: config.port, host: config.host, webDir: config.webDir, log });
  // Listening first (a proxy sees the port open; requests wait instead of being refused), then
  // the engine and the upload register are built before the first request is answered.
  setImmediate(() => {
    try {
      const { engineMs, registerMs } = warmUp(atlas);
      log(`Ready: compliance engine built in ${(engineMs / 1000).toFixed(1)} s, upload register in ${(registerMs / 1000).toFixed(1)} s.`);
    } catch (e) {
      // A broken targets file, say: each request then reports it; the server keeps serving.
      log(`atlas: warm-up did not finish (${(e as Error).message}); it will be retried by the first request that needs it.`);
    }
  });
  return -1; // keep running
}

function seedCommand(args: string[], dataDir: string): number {
  const { values } = parseArgs({ args, options: { scale: { type: 'string', default: 'city' }, seed: { type: 'string' }, out: { type: 'string' } } });
  const scale = values.scale!;
  if (!isScale(scale)) throw new UsageError(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !Number.isInteger(seed)) throw new UsageError('--seed must be an integer');
  if (values.out) {
    writeDemoFiles(values.out, scale, seed);
    return 0;
  }
  const atlas = openAtlas(dataDir);
  try {
    const summary = seedDemo(atlas.store, atlas.base, scale, seed);
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  } finally {
    atlas.close();
  }
  return 0;
}

/** One GeoJSON file per layer (egress as features without geometry), for GDAL and the tests. */
function writeDemoFiles(dir: string, scale: Scale, seed: number | undefined): void {
  const city = generateDemoCity(loadBaseGeography(), scale, seed);
  mkdirSync(dir, { recursive: true });
  for (const layer of LAYER_IDS) {
    const features = city.layers[layer].map((f) => toGeoJSON({ layer, ...f }));
    writeFileSync(join(dir, `${layer}.geojson`), JSON.stringify({ type: 'FeatureCollection', features }));
  }
  log(`wrote ${LAYER_IDS.length} layers to ${dir}`);
}

/** Through the upload pipeline (server/ingest): the same validation, CRS and audit as the API. */
function importCommand(args: string[], dataDir: string): Promise<number> {
  return runImport(args, dataDir, (message) => new UsageError(message));
}

function exportCommand(args: string[], dataDir: string): number {
  const { values } = parseArgs({ args, options: { layer: { type: 'string' }, out: { type: 'string' } } });
  const layer = requireLayer(values.layer);
  const atlas: Atlas = openAtlas(dataDir);
  try {
    const chunks: string[] = ['{"type":"FeatureCollection","features":['];
    let first = true;
    for (const f of atlas.store.features(layer)) {
      chunks.push((first ? '' : ',') + JSON.stringify(toGeoJSON(f)));
      first = false;
    }
    chunks.push(']}\n');
    if (values.out) writeFileSync(values.out, chunks.join(''));
    else process.stdout.write(chunks.join(''));
  } finally {
    atlas.close();
  }
  return 0;
}

function complianceCommand(args: string[], dataDir: string): number {
  const { values } = parseArgs({
    args,
    options: { level: { type: 'string', default: 'district' }, 'as-of': { type: 'string' }, view: { type: 'string', default: 'in_service' }, format: { type: 'string', default: 'json' } },
  });
  const level = values.level!;
  if (!(LEVELS as readonly string[]).includes(level)) throw new UsageError(`--level must be one of ${LEVELS.join(', ')}`);
  const asOf = values['as-of'] ?? today();
  if (!isIsoDate(asOf)) throw new UsageError('--as-of must be a date YYYY-MM-DD');
  if (!(VIEWS as readonly string[]).includes(values.view!)) throw new UsageError(`--view must be one of ${VIEWS.join(', ')}`);
  if (values.format !== 'json' && values.format !== 'csv') throw new UsageError('--format must be json or csv');
  const atlas = openAtlas(dataDir);
  try {
    const result = atlas.engine.current().engine.compliance(level as Level, asOf, values.view as View);
    process.stdout.write(values.format === 'csv' ? complianceCsv(result) : `${JSON.stringify(withClauses(result, atlas.targets()), null, 2)}\n`);
  } finally {
    atlas.close();
  }
  return 0;
}

async function backupCommand(args: string[], dataDir: string): Promise<number> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
  if (!values.out) throw new UsageError('--out FILE is required');
  const atlas = openAtlas(dataDir);
  try {
    const done = await backupTo(atlas.store, dataDir, values.out);
    atlas.store.recordAudit({ actor: 'cli', action: 'backup', version: done.version, detail: { file: done.file, bytes: done.bytes } });
    process.stdout.write(`${JSON.stringify(done)}\n`);
  } finally {
    atlas.close();
  }
  return 0;
}

function restoreCommand(args: string[], dataDir: string): number {
  const { positionals } = parseArgs({ args, allowPositionals: true });
  const file = positionals[0];
  if (!file) throw new UsageError('name the backup file: atlas restore FILE');
  try {
    const info = restoreFrom(file, dataDir);
    process.stdout.write(`${JSON.stringify({ restored: file, into: dataDir, ...info })}\n`);
    return 0;
  } catch (e) {
    if (e instanceof BackupError) {
      process.stderr.write(`atlas: ${e.message}; nothing was changed.\n`);
      return 1;
    }
    throw e;
  }
}

/** `atlas token …`: the file logic is in server/auth/token-file.ts; here only options and output. */
function tokenCommand(args: string[], dataDir: string): number {
  const [sub, ...rest] = args;
  const options = (spec: Record<string, { type: 'string' | 'boolean' }>) => {
    try {
      return parseArgs({ args: rest, options: spec }).values as Record<string, string | boolean | undefined>;
    } catch (e) {
      throw new UsageError(`atlas token ${sub}: ${(e as Error).message}`);
    }
  };
  try {
    if (sub === 'add') {
      const v = options({ name: { type: 'string' }, role: { type: 'string' } });
      const { token, entry } = addToken(dataDir, { name: v.name as string | undefined, role: v.role as string | undefined });
      process.stdout.write(`${token}\n`); // the only line on stdout: scripts capture it
      log(`atlas: 已为 ${entry.name}（角色 ${entry.role}）生成令牌。令牌只显示这一次（标准输出），tokens.json 只保存其 sha256；请安全地交给使用者。运行中的服务从下一次请求起接受它。`);
      log(`atlas: token created for ${entry.name} (role ${entry.role}). It is shown once (stdout); tokens.json keeps only its sha256. Hand it over safely; a running server accepts it from its next request.`);
      return 0;
    }
    if (sub === 'list') {
      const v = options({ json: { type: 'boolean' } });
      const list = listTokens(dataDir);
      if (v.json) process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
      else for (const t of list) process.stdout.write(`${t.name}\t${t.role}\t${t.created ?? '-'}\n`);
      if (process.env.ATLAS_TOKENS) log('atlas: ATLAS_TOKENS 中的令牌未列出 / tokens in ATLAS_TOKENS are not listed (not managed here).');
      return 0;
    }
    if (sub === 'revoke') {
      const v = options({ name: { type: 'string' } });
      const gone = revokeToken(dataDir, v.name as string | undefined);
      log(`atlas: 已吊销 ${gone.name}（角色 ${gone.role}）；运行中的服务从下一次请求起拒绝它。`);
      log(`atlas: revoked ${gone.name} (role ${gone.role}); a running server refuses it from its next request.`);
      return 0;
    }
  } catch (e) {
    if (!(e instanceof TokenInputError)) throw e;
    log(`atlas: ${e.zh}`);
    log(`atlas: ${e.en}`);
    return 2;
  }
  throw new UsageError(sub ? `unknown token command ${JSON.stringify(sub)}: use add, list or revoke` : 'atlas token needs add, list or revoke');
}

/** `atlas city …`: the work is in geodata/base/install.ts; here only options and output. */
function cityCommand(args: string[], dataDir: string): number {
  const [sub, ...rest] = args;
  const parsed = (() => {
    try {
      return parseArgs({ args: rest, allowPositionals: true, options: { province: { type: 'string' }, json: { type: 'boolean' } } });
    } catch (e) {
      throw new UsageError(`atlas city ${sub ?? ''}: ${(e as Error).message}`);
    }
  })();
  const { values, positionals } = parsed;
  const said = (r: AddResult) => {
    const c = r.city;
    process.stdout.write(`${c.code}\t${c.name}\t${c.counties} counties\t${c.townships} townships\t${c.villages} villages\t${c.dir}\n`);
    const own = r.built.city.functional_areas.filter((f) => f.placed === 'own unit');
    if (own.length) {
      log(`atlas: ${c.name}：${own.map((f) => f.name).join('、')} 是功能区（国家统计局代码 xx7x），数据包无法确定其乡镇所在区县，保留为独立单位（无边界）`);
      const are = own.length > 1 ? 'are functional areas' : 'is a functional area';
      log(`atlas: ${c.name}: ${own.map((f) => f.code).join(', ')} ${are} (NBS xx7x) the packages cannot place in a county; kept as their own unit${own.length > 1 ? 's' : ''} (no boundary)`);
    }
    if (r.keptOverrides) log(`atlas: ${c.name}：保留了已有的 settlement-overrides.json / kept the existing settlement-overrides.json`);
    else if (r.built.divisions.report.defaultSettlements) {
      log(`atlas: ${c.name}：${r.built.divisions.report.defaultSettlements} 个特殊区域的城乡类别按默认规则确定，请核对 ${c.dir}/settlement-overrides.json 后重新运行`);
      log(`atlas: ${c.name}: ${r.built.divisions.report.defaultSettlements} special areas have the default rule's settlement class: check ${c.dir}/settlement-overrides.json and run again`);
    }
  };
  const refusal = (e: CityError) => {
    log(`atlas: ${e.zh}`);
    log(`atlas: ${e.en}`);
  };
  if (sub === 'add') {
    if (values.province !== undefined) {
      if (positionals.length) throw new UsageError('atlas city add: give a city or --province, not both');
      try {
        const result = addProvince(dataDir, values.province, (line) => log(`atlas: ${line}`));
        for (const r of result.added) said(r);
        for (const { error } of result.refused) refusal(error);
        log(`atlas: ${result.province.name}：建立 ${result.added.length} 个城市，${result.refused.length} 项无法建立（原因见上）`);
        log(`atlas: ${result.province.name}: ${result.added.length} cities built, ${result.refused.length} could not be (why: above)`);
        return result.added.length ? 0 : 2;
      } catch (e) {
        if (!(e instanceof CityError)) throw e;
        refusal(e);
        return 2;
      }
    }
    const query = positionals.join(' ').trim();
    if (!query) throw new UsageError('atlas city add: name a city (合肥市, 3401, hefei) or give --province');
    try {
      said(addCity(dataDir, query));
      return 0;
    } catch (e) {
      if (!(e instanceof CityError)) throw e;
      refusal(e);
      return 2;
    }
  }
  if (sub === 'list') {
    const { installed, embedded } = listCities(dataDir);
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ installed, embedded }, null, 2)}\n`);
      return 0;
    }
    for (const c of [embedded, ...installed]) {
      process.stdout.write(`${c.code}\t${c.name}\t${c.counties} counties\t${c.townships} townships\t${c.villages} villages\t${c.from}\n`);
    }
    if (!installed.length) log(`atlas: ${dataDir} 中尚未安装城市（atlas city add）/ no city installed in ${dataDir} yet (atlas city add)`);
    return 0;
  }
  throw new UsageError(sub ? `unknown city command ${JSON.stringify(sub)}: use add or list` : 'atlas city needs add or list');
}

function requireLayer(value: string | undefined): LayerId {
  if (!value || !isLayerId(value)) throw new UsageError(`--layer must be one of ${LAYER_IDS.join(', ')}`);
  return value;
}

function parseJsonFile(file: string): unknown {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError) {
      process.stderr.write(`atlas: ${err.message}\n\n${HELP}`);
      process.exitCode = 2;
    } else {
      const full = storageFailure(err);
      process.stderr.write(full ? `atlas: ${full.zh}\natlas: ${full.en} (${(err as Error).message})\n` : `atlas: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    }
  },
);
