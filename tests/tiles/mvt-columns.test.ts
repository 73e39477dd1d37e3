/**
 * The columnar point encoder (buildings from z13) writes the same tile as the feature encoder:
 * decoded with @mapbox/vector-tile (an independent decoder), every feature has the same type,
 * position and properties — nulls left out, strings and numbers that look alike kept apart,
 * pixels rounded the same way, edges and negative positions (the buffer) included.
 */
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../seeds/rng';
import { encodeTile, type TileFeature, type TileValue } from '../../server/tiles/mvt';

function decode(bytes: Uint8Array, name: string) {
  const layer = new VectorTile(new PbfReader(bytes)).layers[name]!;
  return Array.from({ length: layer.length }, (_, i) => {
    const f = layer.feature(i);
    return { type: f.type, geometry: f.loadGeometry().map((ring) => ring.map((p) => [p.x, p.y])), properties: f.properties };
  });
}

describe('MVT: points as columns', () => {
  it('decodes exactly as the same points given feature by feature', () => {
    const rng = new Rng(11);
    const n = 2000;
    const x = Array.from({ length: n }, () => rng.range(-64, 4160));
    const y = Array.from({ length: n }, () => rng.range(-64, 4160));
    x[0] = 0;
    y[0] = 4096; // on the edge
    x[1] = 2047.5; // rounds like Math.round
    y[1] = -0.4;
    const pick = <T>(values: T[]) => values[Math.floor(rng.next() * values.length)]!;
    const columns: { key: string; values: (TileValue | null)[] }[] = [
      { key: 'id', values: Array.from({ length: n }, (_, i) => `B${i}`) },
      { key: 'households', values: Array.from({ length: n }, () => pick([0, 1, 12, 2.5])) },
      { key: 'settlement', values: Array.from({ length: n }, () => pick(['urban', 'rural', null])) },
      { key: 'tier', values: Array.from({ length: n }, () => pick([0, 4, 20, 100])) },
      { key: 'label', values: Array.from({ length: n }, () => pick(['4', 4, '20', true, false, null])) },
    ];
    const features: TileFeature[] = Array.from({ length: n }, (_, i) => ({
      type: 1,
      geometry: [[[x[i]!, y[i]!]]],
      properties: Object.fromEntries(columns.map((c) => [c.key, c.values[i]])),
    }));
    const byFeature = decode(encodeTile([{ name: 'buildings', extent: 4096, features }]), 'buildings');
    const byColumns = decode(encodeTile([{ name: 'buildings', extent: 4096, count: n, x, y, columns }]), 'buildings');
    expect(byColumns).toHaveLength(n);
    expect(byColumns).toEqual(byFeature);
    // Left out, not written as empty: the decoder gives no property at all.
    const withoutSettlement = columns[2]!.values.findIndex((v) => v === null);
    expect(byColumns[withoutSettlement]!.properties).not.toHaveProperty('settlement');
    expect(byColumns[1]!.geometry).toEqual([[[2048, 0]]]);
  });

  it('writes no layer for no points', () => {
    const tile = encodeTile([{ name: 'buildings', extent: 4096, count: 0, x: [], y: [], columns: [] }]);
    expect(Object.keys(new VectorTile(new PbfReader(tile)).layers)).toEqual([]);
  });
});
