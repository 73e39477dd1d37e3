/**
 * Tables to features: a CSV row or a dBASE record becomes a GeoJSON-like feature of a layer.
 *
 * Column names are matched to the schema's property names, their Chinese and English labels
 * (spreadsheets say 下行带宽 as often as down_mbps), and for dBASE the 10-character truncation
 * (`building_i`). Cell text is turned into the schema's type only when the text is exactly that
 * type ("100" → 100); anything else ("100M", "2015/3/1") is left as written so the validator
 * names the problem and the fix. Pure.
 */
import { LAYERS, type FieldSpec, type LayerId } from '../schema';

export interface TableColumn {
  /** Index of the column in the row. */
  index: number;
  /** The column's name as written. */
  header: string;
  /** `x`/`y` for the coordinates, else the property (a flag as `info_station.site`). */
  target: { kind: 'x' } | { kind: 'y' } | { kind: 'property'; name: string; spec: FieldSpec } | { kind: 'flag'; name: string; flag: string };
}

export interface TableLayout {
  columns: TableColumn[];
  /** Columns that match nothing in the schema (dropped, reported once as a warning). */
  unknown: string[];
  /** Columns named twice. */
  duplicates: string[];
  hasXY: boolean;
}

const X_NAMES = ['lon', 'lng', 'long', 'longitude', 'x', '经度', 'point_x', 'wgs84_lon', 'wgs_lon'];
const Y_NAMES = ['lat', 'latitude', 'y', '纬度', 'point_y', 'wgs84_lat', 'wgs_lat'];

const norm = (s: string) => s.trim().toLowerCase().replace(/^\ufeff/, '');

export function tableLayout(layer: LayerId, headers: readonly string[], options: { dbf?: boolean } = {}): TableLayout {
  const spec = LAYERS[layer];
  const byName = new Map<string, TableColumn['target']>();
  for (const [name, field] of Object.entries(spec.properties)) {
    const target: TableColumn['target'] = { kind: 'property', name, spec: field };
    for (const alias of [name, field.label.zh, field.label.en]) byName.set(norm(alias), target);
    if (options.dbf) byName.set(norm(name.slice(0, 10)), target);
    if (field.type === 'flags') {
      for (const flag of Object.keys(field.flags)) {
        const t: TableColumn['target'] = { kind: 'flag', name, flag };
        byName.set(norm(`${name}.${flag}`), t);
        byName.set(norm(`${name}_${flag}`), t);
        if (options.dbf) byName.set(norm(`${name}_${flag}`.slice(0, 10)), t);
      }
    }
  }
  if (spec.geometry.includes('Point')) {
    for (const n of X_NAMES) byName.set(n, { kind: 'x' });
    for (const n of Y_NAMES) byName.set(n, { kind: 'y' });
  }
  const columns: TableColumn[] = [];
  const unknown: string[] = [];
  const duplicates: string[] = [];
  const taken = new Set<string>();
  headers.forEach((header, index) => {
    const target = byName.get(norm(header));
    if (!target) {
      if (header.trim() !== '') unknown.push(header);
      return;
    }
    const key = target.kind === 'property' ? target.name : target.kind === 'flag' ? `${target.name}.${target.flag}` : target.kind;
    if (taken.has(key)) {
      duplicates.push(header);
      return;
    }
    taken.add(key);
    columns.push({ index, header, target });
  });
  return { columns, unknown, duplicates, hasXY: taken.has('x') && taken.has('y') };
}

export type Cell = string | number | boolean | null | undefined;

/** A feature from one row; `xy` says which cells held the coordinates (for locating problems). */
export function rowFeature(layout: TableLayout, cells: readonly Cell[]): { type: 'Feature'; geometry: unknown; properties: Record<string, unknown> } {
  const properties: Record<string, unknown> = {};
  let x: Cell;
  let y: Cell;
  for (const col of layout.columns) {
    const cell = cells[col.index];
    const t = col.target;
    if (t.kind === 'x') x = cell;
    else if (t.kind === 'y') y = cell;
    else if (t.kind === 'property') {
      const v = coerce(t.spec, cell);
      if (v !== undefined) properties[t.name] = v;
    } else {
      const flags = (properties[t.name] ??= {}) as Record<string, unknown>;
      const v = coerceBoolean(cell);
      if (v !== undefined) flags[t.flag] = v;
    }
  }
  let geometry: unknown = null;
  if (layout.hasXY) {
    const blank = (c: Cell) => c === undefined || c === null || (typeof c === 'string' && c.trim() === '');
    geometry = blank(x) && blank(y) ? null : { type: 'Point', coordinates: [coerceNumber(x), coerceNumber(y)] };
  }
  return { type: 'Feature', geometry, properties };
}

/** The cell as the schema's type when it is exactly that; else as written; undefined if empty. */
export function coerce(spec: FieldSpec, cell: Cell): unknown {
  if (cell === undefined || cell === null) return undefined;
  if (typeof cell === 'string') {
    const text = cell.trim();
    if (text === '') return undefined;
    switch (spec.type) {
      case 'integer':
      case 'number':
        return NUMBER.test(text) ? Number(text) : text;
      case 'boolean':
        return coerceBoolean(text) ?? text;
      default:
        return text;
    }
  }
  if (typeof cell === 'number') {
    if (spec.type === 'string' || spec.type === 'enum') return Number.isInteger(cell) ? String(cell) : String(cell);
    if (spec.type === 'boolean' && (cell === 0 || cell === 1)) return cell === 1;
    return cell;
  }
  return cell;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function coerceNumber(cell: Cell): unknown {
  if (typeof cell === 'number') return cell;
  if (typeof cell !== 'string') return cell ?? null;
  const text = cell.trim();
  return NUMBER.test(text) ? Number(text) : text;
}

const TRUE = new Set(['true', 't', 'yes', 'y', '1', '是', '有', '√']);
const FALSE = new Set(['false', 'f', 'no', 'n', '0', '否', '无', '×']);

function coerceBoolean(cell: Cell): boolean | undefined {
  if (typeof cell === 'boolean') return cell;
  if (cell === undefined || cell === null) return undefined;
  const text = String(cell).trim().toLowerCase();
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  return undefined;
}
