/**
 * Mapbox Vector Tile 2.1 encoder (https://github.com/mapbox/vector-tile-spec). Small and ours,
 * because tile properties are computed per request date (figures, tiers) rather than frozen
 * into a tile index. Geometry is in tile coordinates (0..extent), already clipped.
 */
import { PbfWriter } from 'pbf';

export type TileValue = string | number | boolean;

export interface TileFeature {
  /** 1 point, 2 line, 3 polygon (MVT GeomType). */
  type: 1 | 2 | 3;
  /** Points: one array of positions. Lines and polygons: one array per line or ring. */
  geometry: [number, number][][];
  properties: Record<string, TileValue | null | undefined>;
}

export interface TileLayer {
  name: string;
  extent: number;
  features: TileFeature[];
}

/**
 * A layer of points given as columns: thousands of buildings in a z14 tile cost no object per
 * feature. Feature i is at (x[i], y[i]) in tile pixels; `columns` are its properties, a null
 * leaving the property out for that feature. Decodes exactly as the same features as a TileLayer.
 */
export interface PointColumnsLayer {
  name: string;
  extent: number;
  count: number;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  columns: { key: string; values: ArrayLike<TileValue | null> }[];
}

export function encodeTile(layers: readonly (TileLayer | PointColumnsLayer)[]): Uint8Array {
  const pbf = new PbfWriter();
  for (const layer of layers) {
    if ('columns' in layer) {
      if (layer.count) pbf.writeMessage(3, writePointColumns, layer);
    } else if (layer.features.length) pbf.writeMessage(3, writeLayer, layer);
  }
  return pbf.finish();
}

/** A layer's keys and values tables, filled as features are written. */
class Tables {
  readonly keys = new Map<string, number>();
  // One table per value type: the string "1" and the number 1 are different MVT values.
  private readonly values = { string: new Map<TileValue, number>(), number: new Map<TileValue, number>(), boolean: new Map<TileValue, number>() };
  private readonly valueList: TileValue[] = [];

  key(key: string): number {
    let k = this.keys.get(key);
    if (k === undefined) this.keys.set(key, (k = this.keys.size));
    return k;
  }

  value(value: TileValue): number {
    const table = this.values[typeof value as 'string' | 'number' | 'boolean'];
    let v = table.get(value);
    if (v === undefined) {
      table.set(value, (v = this.valueList.length));
      this.valueList.push(value);
    }
    return v;
  }

  write(pbf: PbfWriter): void {
    for (const key of this.keys.keys()) pbf.writeStringField(3, key);
    for (const value of this.valueList) pbf.writeMessage(4, writeValue, value);
  }
}

function writeLayer(layer: TileLayer, pbf: PbfWriter): void {
  pbf.writeVarintField(15, 2);
  pbf.writeStringField(1, layer.name);
  const tables = new Tables();
  for (const feature of layer.features) {
    const tags: number[] = [];
    for (const key in feature.properties) {
      const value = feature.properties[key];
      if (value === null || value === undefined) continue;
      tags.push(tables.key(key), tables.value(value));
    }
    pbf.writeMessage(2, writeFeature, { feature, tags });
  }
  tables.write(pbf);
  pbf.writeVarintField(5, layer.extent);
}

function writePointColumns(layer: PointColumnsLayer, pbf: PbfWriter): void {
  pbf.writeVarintField(15, 2);
  pbf.writeStringField(1, layer.name);
  const tables = new Tables();
  const feature = { tags: [] as number[], geometry: [0, 0, 0] };
  for (let i = 0; i < layer.count; i++) {
    feature.tags.length = 0;
    for (const column of layer.columns) {
      const value = column.values[i];
      if (value === null || value === undefined) continue;
      feature.tags.push(tables.key(column.key), tables.value(value));
    }
    // One MoveTo from the origin: the same commands geometryCommands writes for a point.
    feature.geometry[0] = command(1, 1);
    feature.geometry[1] = zigzag(Math.round(layer.x[i]!));
    feature.geometry[2] = zigzag(Math.round(layer.y[i]!));
    pbf.writeMessage(2, writePointFeature, feature);
  }
  tables.write(pbf);
  pbf.writeVarintField(5, layer.extent);
}

function writePointFeature(feature: { tags: number[]; geometry: number[] }, pbf: PbfWriter): void {
  if (feature.tags.length) pbf.writePackedVarint(2, feature.tags);
  pbf.writeVarintField(3, 1);
  pbf.writePackedVarint(4, feature.geometry);
}

function writeFeature({ feature, tags }: { feature: TileFeature; tags: number[] }, pbf: PbfWriter): void {
  if (tags.length) pbf.writePackedVarint(2, tags);
  pbf.writeVarintField(3, feature.type);
  pbf.writePackedVarint(4, geometryCommands(feature));
}

const command = (id: number, count: number) => (count << 3) | (id & 7);
const zigzag = (n: number) => (n << 1) ^ (n >> 31);

/** MoveTo/LineTo/ClosePath commands with zig-zag deltas from the previous cursor. */
function geometryCommands(feature: TileFeature): number[] {
  const out: number[] = [];
  let cx = 0;
  let cy = 0;
  const to = (p: [number, number]) => {
    const x = Math.round(p[0]);
    const y = Math.round(p[1]);
    out.push(zigzag(x - cx), zigzag(y - cy));
    cx = x;
    cy = y;
  };
  if (feature.type === 1) {
    const points = feature.geometry.flat();
    if (!points.length) return out;
    out.push(command(1, points.length));
    for (const p of points) to(p);
    return out;
  }
  for (const part of feature.geometry) {
    let line = part;
    if (feature.type === 3) {
      // Rings are written open; ClosePath closes them.
      const a = line[0];
      const b = line[line.length - 1];
      if (a && b && a[0] === b[0] && a[1] === b[1]) line = line.slice(0, -1);
      if (line.length < 3) continue;
    } else if (line.length < 2) continue;
    out.push(command(1, 1));
    to(line[0]!);
    out.push(command(2, line.length - 1));
    for (let i = 1; i < line.length; i++) to(line[i]!);
    if (feature.type === 3) out.push(command(7, 1));
  }
  return out;
}

function writeValue(value: TileValue, pbf: PbfWriter): void {
  if (typeof value === 'string') pbf.writeStringField(1, value);
  else if (typeof value === 'boolean') pbf.writeBooleanField(7, value);
  else if (Number.isInteger(value)) {
    if (value < 0) pbf.writeSVarintField(6, value);
    else pbf.writeVarintField(5, value);
  } else pbf.writeDoubleField(3, value);
}
