import { Hono } from 'hono';
import type { BatchDetail, RevertResult, UploadHistory } from '../../geodata/contract';
import { LAYER_IDS } from '../../geodata/schema';
import type { Atlas } from '../atlas';
import { principalOf, requireRole } from '../auth';
import { canRevert, canSee, ownerFor } from '../auth/roles';
import { ApiError, badParameter, notFound } from '../errors';
import { EffectCalculator } from '../ingest/effect';
import { revertBatch } from '../ingest/history';
import { readLimits, type UploadLimits } from '../ingest/limits';
import { parseBool, parseLayer, parseUploadParams } from '../ingest/options';
import { runUpload, type UploadServices } from '../ingest/pipeline';
import { ProgressBoard, UPLOAD_ID } from '../ingest/progress';
import { receiveUpload } from '../ingest/receive';
import { parseEnumParam, parseIntParam } from '../params';

/**
 * POST /api/uploads                    upload a file (multipart `file`, or the raw body): report; commit unless dryRun
 * GET  /api/uploads                    history (a carrier sees its own)
 * GET  /api/uploads/progress/{id}      progress of a running upload
 * GET  /api/uploads/{version}          one batch
 * POST /api/uploads/{version}/revert   restore the state before it, as a new version
 */
export function uploadRoutes(atlas: Atlas, options: { limits?: UploadLimits; log?: (line: string) => void } = {}) {
  const limits = options.limits ?? readLimits();
  const board = new ProgressBoard();
  const services: UploadServices = { atlas, limits, registers: atlas.registers, effects: new EffectCalculator(atlas), ...(options.log ? { log: options.log } : {}) };
  const anyone = requireRole('admin', 'official', 'planner', 'carrier');

  return new Hono()
    .post('/', requireRole('carrier', 'admin'), async (c) => {
      const who = principalOf(c)!;
      // Refuse a layer the caller may not write before reading a byte of the body.
      const early = c.req.query('layer');
      if (early) writableOwner(who, parseLayer(early));
      const id = c.req.header('x-upload-id') ?? c.req.query('uploadId') ?? null;
      if (id !== null && !UPLOAD_ID.test(id)) throw badParameter('uploadId', '应为 8–64 个字母、数字、_ 或 -', 'must be 8–64 letters, digits, _ or -');
      if (id !== null && board.running(id)) throw new ApiError(409, 'upload_running', `上传 ${id} 正在进行`, `upload ${id} is already running`);
      const length = Number(c.req.header('content-length') ?? NaN);
      const progress = board.start(who.name, id, Number.isFinite(length) ? length : null);
      const signal = AbortSignal.timeout(limits.timeoutMs);
      try {
        const file = await receiveUpload(c.req.raw, limits, progress, signal);
        try {
          const params = parseUploadParams((n) => c.req.query(n) ?? file.fields[n]);
          if (params.filename) file.name = params.filename;
          else if (!file.name) file.name = dispositionName(c.req.header('content-disposition'));
          const owner = writableOwner(who, params.layer);
          const report = await runUpload(services, file, { ...params, owner, actor: who.name }, progress, signal);
          board.finish(progress, 'done', { version: report.batch?.version ?? null });
          if (report.batch) c.header('Location', `/api/uploads/${report.batch.version}`);
          c.header('X-Upload-Id', progress.id);
          return c.json(report, report.committed ? 201 : 200);
        } finally {
          file.dispose();
        }
      } catch (e) {
        board.finish(progress, 'failed', { error: e instanceof ApiError ? e.code : 'internal' });
        throw e;
      }
    })
    .get('/', anyone, (c) => {
      const who = principalOf(c)!;
      const layer = c.req.query('layer') ? parseEnumParam('layer', c.req.query('layer'), LAYER_IDS, 'fixed_service') : undefined;
      const owner = who.kind === 'carrier' ? who.carrier! : c.req.query('owner') || undefined;
      const limit = parseIntParam('limit', c.req.query('limit'), { min: 1, max: 1000, fallback: 100 });
      const offset = parseIntParam('offset', c.req.query('offset'), { min: 0, max: Number.MAX_SAFE_INTEGER, fallback: 0 });
      const all = atlas.store.batches({ ...(layer ? { layer } : {}), ...(owner ? { owner } : {}) }).reverse();
      return c.json({ version: atlas.store.version(), numberMatched: all.length, batches: all.slice(offset, offset + limit) } satisfies UploadHistory);
    })
    .get('/progress/:id', anyone, (c) => {
      const who = principalOf(c)!;
      const progress = board.get(c.req.param('id'));
      if (!progress || (progress.actor !== who.name && who.kind !== 'admin')) throw notFound(`upload ${c.req.param('id')}`, `上传 ${c.req.param('id')}`);
      return c.json(progress);
    })
    .get('/:version', anyone, (c) => {
      const batch = visibleBatch(c.req.param('version'), principalOf(c)!);
      const revertedBy = atlas.store.batches({ layer: batch.layer, owner: batch.owner }).filter((b) => b.revertOf === batch.version).map((b) => b.version);
      return c.json({ ...batch, revertedBy } satisfies BatchDetail);
    })
    .post('/:version/revert', requireRole('carrier', 'admin'), (c) => {
      const who = principalOf(c)!;
      const batch = visibleBatch(c.req.param('version'), who);
      if (!canRevert(who, batch)) throw new ApiError(403, 'forbidden', `角色 ${who.role} 不能撤销 ${batch.owner} 的版本 ${batch.version}`, `role ${who.role} may not revert version ${batch.version} of ${batch.owner}`);
      const dryRun = parseBool('dryRun', c.req.query('dryRun'), false);
      const result = revertBatch(atlas, batch.version, who.name, dryRun);
      if (result.batch) c.header('Location', `/api/uploads/${result.batch.version}`);
      return c.json({ dryRun, ...result } satisfies RevertResult, result.batch ? 201 : 200);
    });

  function visibleBatch(raw: string, who: NonNullable<ReturnType<typeof principalOf>>) {
    const version = parseIntParam('version', raw, { min: 1, max: Number.MAX_SAFE_INTEGER, fallback: 0 });
    const batch = atlas.store.batch(version);
    // Another carrier's batch is "not found", not "forbidden": its existence is theirs too.
    if (!batch || !canSee(who, batch)) throw notFound(`version ${version}`, `版本 ${version}`);
    return batch;
  }
}

function writableOwner(who: NonNullable<ReturnType<typeof principalOf>>, layer: Parameters<typeof ownerFor>[1]): string {
  const owner = ownerFor(who, layer);
  if (!owner) throw new ApiError(403, 'forbidden', `角色 ${who.role} 不能写入图层 ${layer}`, `role ${who.role} may not write layer ${layer}`, { layer, role: who.role });
  return owner;
}

function dispositionName(header: string | undefined): string | null {
  const m = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(header ?? '');
  return m ? decodeURIComponent(m[1]!) : null;
}
