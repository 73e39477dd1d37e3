/**
 * The tile cache across writes: a tile made before a carrier's upload is served again only if
 * the upload changed nothing it shows. After each write, every tile the cache answers must be
 * byte for byte the tile a fresh service (no cache) makes; tiles far from the write must be the
 * very same cached objects (kept, not redone); tiles at the write must have changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayNumber } from '../../geodata/engine/dates';
import type { StoredFeature } from '../../server/store/types';
import { tileSource } from '../../server/tiles/catalogue';
import { TileService, type EncodedTile, type TileRequest } from '../../server/tiles/service';
import { openTestAtlas, type TestAtlas } from '../support/atlas';

const AS_OF = '2016-06-30';

function tileAt(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return [Math.floor(((lon + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)];
}

function requestsAround(lon: number, lat: number): TileRequest[] {
  const at = (id: string, z: number, asOf = AS_OF): TileRequest => {
    const [x, y] = tileAt(lon, lat, z);
    return { source: tileSource(id)!, z, x, y, asOf, view: 'in_service' };
  };
  return [at('buildings', 15), at('buildings', 15, '2020-12-31'), at('buildings', 11), at('grid', 12), at('townships', 12), at('public_places', 12), at('mobile_sites', 12)];
}

/** Sources whose tiles show figures, tiers or cover (the ones a write can change). */
const FIGURES = ['buildings', 'grid', 'townships'];

const name = (r: TileRequest) => `${r.source.id} ${r.z}/${r.x}/${r.y} ${r.asOf}`;

describe('tile cache across writes', () => {
  let t: TestAtlas;
  let tiles: TileService;
  let near: TileRequest[];
  let far: TileRequest[];
  let target: { id: string; x: number; y: number };
  const serve = (reqs: TileRequest[]) => new Map(reqs.map((r) => [name(r), tiles.tile(r)]));
  /** Every request answered by the cache equals what a service without a cache makes now. */
  const expectFresh = (reqs: TileRequest[]) => {
    const fresh = new TileService(t.atlas);
    for (const r of reqs) expect(Buffer.from(tiles.tile(r)?.raw ?? []), name(r)).toEqual(Buffer.from(fresh.tile(r)?.raw ?? []));
  };

  beforeAll(() => {
    t = openTestAtlas();
    tiles = new TileService(t.atlas);
    const engine = t.atlas.engine.current().engine;
    const B = engine.buildingFacts;
    const day = dayNumber(AS_OF);
    // A household building in 南谯区 with no service on the date (so a fibre offer there moves
    // its tier and its areas' fibre share), and one in 明光市, some 50 km away.
    const geo = engine.geography;
    const pick = (district: string, unserved: boolean) => {
      for (let b = 0; b < B.count; b++) {
        if (geo.districts[B.district[b]!]?.name !== district) continue;
        if (unserved && (engine.tierAt(b, day) !== 0 || B.households[b]! === 0)) continue;
        return b;
      }
      throw new Error(`no building in ${district}`);
    };
    const b = pick('南谯区', true);
    const f = pick('明光市', false);
    target = { id: B.ids[b]!, x: B.x[b]!, y: B.y[b]! };
    near = requestsAround(B.x[b]!, B.y[b]!);
    far = requestsAround(B.x[f]!, B.y[f]!);
  });
  afterAll(() => t?.dispose());

  const commit = (layer: StoredFeature['layer'], features: StoredFeature[]) =>
    t.atlas.store.commit({ actor: 'test', layer, owner: 'telecom', mode: 'append' }, features);

  it('keeps far tiles and redoes near ones after a fixed-service upload', () => {
    const before = serve([...near, ...far]);
    commit('fixed_service', [
      {
        layer: 'fixed_service',
        owner: 'telecom',
        id: 'cache-test-1',
        geometry: { type: 'Point', coordinates: [target.x, target.y] },
        properties: { id: 'cache-test-1', carrier: 'telecom', building_id: target.id, technology: 'ftth', down_mbps: 1000, up_mbps: 500, in_service: '2015-06-01', status: 'in_service' },
      },
    ]);
    const after = serve([...near, ...far]);
    // Kept means the same object, and a real tile (two empty answers would be the same too).
    for (const r of far.filter((r) => FIGURES.includes(r.source.id))) expect(before.get(name(r)), `${name(r)} is a tile`).not.toBeNull();
    for (const r of far) expect(after.get(name(r)), `${name(r)} kept`).toBe(before.get(name(r)));
    // The building's own tiles, its cell and its township show the new offer on the date (later
    // dates may have had fibre there already: the fresh comparison below covers them).
    for (const r of near.filter((r) => ['buildings', 'grid', 'townships'].includes(r.source.id) && r.asOf === AS_OF)) {
      expect(Buffer.from(after.get(name(r))?.raw ?? []), `${name(r)} changed`).not.toEqual(Buffer.from(before.get(name(r))?.raw ?? []));
    }
    // Layers the upload cannot touch are kept even next to it.
    for (const r of near.filter((r) => ['public_places', 'mobile_sites'].includes(r.source.id))) expect(after.get(name(r))).toBe(before.get(name(r)));
    expectFresh([...near, ...far]);
  });

  it('shows the tiles as before once the record is withdrawn again (a replace that removes it)', () => {
    const original = new Map([...near, ...far].map((r) => [name(r), new TileService(t.atlas).tile(r)]));
    const offer = (id: string) => ({
      layer: 'fixed_service' as const,
      owner: 'cachetest',
      id,
      geometry: { type: 'Point' as const, coordinates: [target.x, target.y] },
      properties: { id, carrier: 'cachetest', building_id: target.id, technology: 'ftth', down_mbps: 2000, up_mbps: 500, in_service: '2014-06-01', status: 'in_service' },
    });
    serve([...near, ...far]);
    t.atlas.store.commit({ actor: 'test', layer: 'fixed_service', owner: 'cachetest', mode: 'append' }, [offer('withdrawn-1')]);
    const during = serve(near);
    const building = near.find((r) => r.source.id === 'buildings' && r.z === 15 && r.asOf === AS_OF)!;
    expect(Buffer.from(during.get(name(building))!.raw)).not.toEqual(Buffer.from(original.get(name(building))!.raw)); // the carrier shows
    t.atlas.store.commit({ actor: 'test', layer: 'fixed_service', owner: 'cachetest', mode: 'replace' }, []);
    const after = serve([...near, ...far]);
    for (const [k, v] of original) expect(Buffer.from(after.get(k)?.raw ?? []), k).toEqual(Buffer.from(v?.raw ?? []));
    expectFresh([...near, ...far]);
  });

  it('redoes the figures a new mobile site reaches, and keeps the far ones', () => {
    const before = serve([...near, ...far]);
    commit('mobile_sites', [
      {
        layer: 'mobile_sites',
        owner: 'telecom',
        id: 'cache-site',
        geometry: { type: 'Point', coordinates: [target.x, target.y] },
        properties: { id: 'cache-site', carrier: 'telecom', generation: '4g', radius_m: 800, in_service: '2014-01-01' },
      },
    ]);
    const after = serve([...near, ...far]);
    for (const r of far.filter((r) => r.source.id !== 'mobile_sites')) expect(after.get(name(r)), `${name(r)} kept`).toBe(before.get(name(r)));
    expectFresh([...near, ...far]);
  });

  it('keeps every tile after an egress report (a city-wide figure no tile shows)', () => {
    const before = serve([...near, ...far]);
    commit('egress', [{ layer: 'egress', owner: 'telecom', id: 'cache-egress', geometry: null, properties: { id: 'cache-egress', carrier: 'telecom', gbps: 100, as_of: '2016-01-01' } }]);
    const after = serve([...near, ...far]);
    for (const [k, v] of before) expect(after.get(k), k).toBe(v);
    expectFresh([...near, ...far]);
  });

  it('redoes the area tiles after a duct write (duct figures reach every area)', () => {
    const before = serve(far);
    const centre = tilesCentre(far[0]!);
    commit('ducts', [
      {
        layer: 'ducts',
        owner: 'telecom',
        id: 'cache-duct',
        geometry: { type: 'LineString', coordinates: [[centre[0] - 0.002, centre[1]], [centre[0] + 0.002, centre[1]]] },
        properties: { id: 'cache-duct', ducts: 4, spare_ducts: 2, in_service: '2015-01-01' },
      },
    ]);
    const after = serve(far);
    for (const r of far.filter((r) => r.source.id === 'grid' || r.source.id === 'townships')) {
      expect(before.get(name(r))).not.toBeNull();
      expect(after.get(name(r)), `${name(r)} redone`).not.toBe(before.get(name(r)));
    }
    expectFresh([...near, ...far]);
  });
});

/** The lon/lat of a tile's centre. */
function tilesCentre(r: TileRequest): [number, number] {
  const n = 2 ** r.z;
  const lon = ((r.x + 0.5) / n) * 360 - 180;
  const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * (r.y + 0.5)) / n))) * 180) / Math.PI;
  return [lon, lat];
}
