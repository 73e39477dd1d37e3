/**
 * Duct routes are sensitive infrastructure (Germany's infrastructure atlas shows them only to
 * authorised users): their geometry — features, OGC items, tiles — needs a signed-in caller.
 * The public still sees the duct summary per grid cell and area (/api/compliance, the grid
 * tiles). Which layers are sensitive is part of the data contract (geodata/schema.ts).
 */
import type { MiddlewareHandler } from 'hono';
import { LAYERS, LAYER_IDS } from '../../geodata/schema';
import { principalOf } from '../auth';
import { ApiError } from '../errors';

const SENSITIVE = LAYER_IDS.filter((id) => LAYERS[id].sensitive);

/** Paths that carry a sensitive layer's geometry. */
function sensitiveLayerOf(path: string): string | null {
  for (const id of SENSITIVE) {
    if (path.startsWith(`/api/layers/${id}/`) || path.startsWith(`/ogc/collections/${id}/items`) || path.startsWith(`/tiles/${id}/`) || path === `/tiles/${id}.json`) return id;
  }
  return null;
}

export function sensitiveLayers(): MiddlewareHandler {
  return async (c, next) => {
    const layer = sensitiveLayerOf(c.req.path);
    if (layer && !principalOf(c)) {
      throw new ApiError(
        401,
        'sign_in_required',
        `${LAYERS[layer as 'ducts'].label.zh}的走向仅对登录用户可见；公众可查看按网格汇总的数据`,
        `${LAYERS[layer as 'ducts'].label.en} routes are visible to signed-in users only; the public sees the per-grid-cell summaries`,
      );
    }
    await next();
  };
}
