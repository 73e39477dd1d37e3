import { Hono } from 'hono';
import type { Health } from '../../geodata/contract';
import { demoInfo, type Atlas } from '../atlas';

/** GET /api/health: is the atlas up, which data version it serves, and whether it is the demo. */
export function healthRoutes(atlas: Atlas) {
  return new Hono().get('/', (c) =>
    c.json({
      status: 'ok',
      version: atlas.store.version(),
      city: { code: atlas.base.city.code, name: atlas.base.city.name },
      demo: demoInfo(atlas.store),
    } satisfies Health),
  );
}
