/**
 * The layer schemas: the public data contract of Broadband Atlas (docs/DATA-CONTRACT.md).
 *
 * Every layer's geometry types, properties, enums, units and ranges are defined here once and
 * imported by the server (validation, store, tiles), the web app (legends, forms), the seed
 * generator and the tests. Carriers' files are written against these names: change them only
 * with a documented reason.
 */

/** Bilingual text: the UI speaks Chinese by default, English behind a switch. */
export interface Label {
  zh: string;
  en: string;
}

export const LAYER_IDS = [
  'districts',
  'townships',
  'villages',
  'buildings',
  'fixed_service',
  'wifi_hotspots',
  'public_places',
  'mobile_sites',
  'ducts',
  'egress',
] as const;
export type LayerId = (typeof LAYER_IDS)[number];

export type GeometryType =
  | 'Point'
  | 'MultiPoint'
  | 'LineString'
  | 'MultiLineString'
  | 'Polygon'
  | 'MultiPolygon';

/** Who may write a layer. `derived` layers are computed and never uploaded. */
export type Writer = 'admin' | 'carrier' | 'carrier_or_admin';

interface FieldBase {
  label: Label;
  required: boolean;
  /** Unit shown in legends and reports, e.g. "Mbit/s". */
  unit?: string;
}
export interface StringField extends FieldBase {
  type: 'string';
  pattern?: RegExp;
  /** Human description of `pattern`, used in error messages. */
  patternHint?: Label;
  maxLength?: number;
}
export interface EnumField extends FieldBase {
  type: 'enum';
  values: readonly string[];
}
export interface NumberField extends FieldBase {
  type: 'integer' | 'number';
  min?: number;
  max?: number;
}
export interface BooleanField extends FieldBase {
  type: 'boolean';
}
/** An ISO 8601 calendar date, YYYY-MM-DD. */
export interface DateField extends FieldBase {
  type: 'date';
}
/** A nested object of booleans (the village information station's five criteria). */
export interface FlagsField extends FieldBase {
  type: 'flags';
  flags: Readonly<Record<string, Label>>;
}
export type FieldSpec = StringField | EnumField | NumberField | BooleanField | DateField | FlagsField;

export interface LayerSpec {
  id: LayerId;
  label: Label;
  /** Allowed geometry types; empty for a record without geometry (egress). */
  geometry: readonly GeometryType[];
  writer: Writer;
  /** The property that identifies a feature within its owner and layer. */
  idField: string;
  /** The property that dates a feature ("in service since"), if any: drives "as of a date". */
  dateField: string | null;
  /** Geometry shown to signed-in callers only (duct routes: sensitive infrastructure). */
  sensitive?: boolean;
  properties: Readonly<Record<string, FieldSpec>>;
}

export const CARRIER_PATTERN = /^[a-z][a-z0-9_-]{1,31}$/;
/** The three basic carriers named by the policy (各基础运营商); others may be registered. */
export const BASIC_CARRIERS: Readonly<Record<string, Label>> = {
  telecom: { zh: '中国电信', en: 'China Telecom' },
  mobile: { zh: '中国移动', en: 'China Mobile' },
  unicom: { zh: '中国联通', en: 'China Unicom' },
};

export const TECHNOLOGIES = ['ftth', 'fttb', 'ftto', 'lan', 'xdsl', 'cable', 'fwa'] as const;
export type Technology = (typeof TECHNOLOGIES)[number];
/** Technologies that count as fibre for the "光网" clauses (FTTH/FTTO/FTTB). */
export const FIBRE_TECHNOLOGIES: readonly Technology[] = ['ftth', 'fttb', 'ftto'];

export const BUILDING_USES = ['residential', 'commercial', 'industrial', 'public', 'mixed'] as const;
export type BuildingUse = (typeof BUILDING_USES)[number];
export const SETTLEMENTS = ['urban', 'town', 'rural'] as const;
export type Settlement = (typeof SETTLEMENTS)[number];
export const TOWNSHIP_KINDS = ['subdistrict', 'town', 'township', 'special'] as const;
export type TownshipKind = (typeof TOWNSHIP_KINDS)[number];
export const VILLAGE_KINDS = ['community', 'village'] as const;
export type VillageKind = (typeof VILLAGE_KINDS)[number];
export const MOBILE_GENERATIONS = ['3g', '4g', '5g'] as const;
export const SERVICE_STATUSES = ['in_service', 'planned'] as const;
export const PLACE_KINDS = [
  'square',
  'station',
  'hospital',
  'park',
  'service_hall',
  'school',
  'mall',
  'library',
  'stadium',
  'other',
] as const;

/** The five criteria of a village information station ("五个一", clause (四)1). */
export const INFO_STATION_CRITERIA: Readonly<Record<string, Label>> = {
  site: { zh: '一个固定场所', en: 'a fixed site' },
  equipment: { zh: '一套信息设备', en: 'a set of equipment' },
  officer: { zh: '一名信息员', en: 'an information officer' },
  rules: { zh: '一套管理制度', en: 'management rules' },
  mechanism: { zh: '一个长效机制', en: 'a long-term mechanism' },
};

const ID: StringField = {
  type: 'string',
  required: true,
  maxLength: 64,
  pattern: /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/,
  patternHint: {
    zh: '字母、数字及 _ . : -，以字母或数字开头，至多 64 个字符',
    en: 'letters, digits and _ . : -, starting with a letter or digit, at most 64 characters',
  },
  label: { zh: '标识', en: 'id' },
};
const CARRIER: StringField = {
  type: 'string',
  required: true,
  pattern: CARRIER_PATTERN,
  patternHint: { zh: '小写字母开头的运营商代码，如 telecom', en: 'a lower-case carrier code such as telecom' },
  label: { zh: '运营商', en: 'carrier' },
};
const IN_SERVICE: DateField = { type: 'date', required: true, label: { zh: '投用日期', en: 'in service since' } };
const RADIUS: NumberField = {
  type: 'number',
  required: true,
  min: 1,
  max: 50_000,
  unit: 'm',
  label: { zh: '覆盖半径', en: 'reach radius' },
};
const NAME: StringField = { type: 'string', required: true, maxLength: 100, label: { zh: '名称', en: 'name' } };
const SETTLEMENT: EnumField = {
  type: 'enum',
  required: true,
  values: SETTLEMENTS,
  label: { zh: '城乡类别', en: 'settlement class' },
};
const code = (digits: number, label: Label): StringField => ({
  type: 'string',
  required: true,
  pattern: new RegExp(`^\\d{${digits}}$`),
  patternHint: { zh: `${digits} 位数字`, en: `${digits} digits` },
  label,
});

export const LAYERS: Readonly<Record<LayerId, LayerSpec>> = {
  districts: {
    id: 'districts',
    label: { zh: '区县', en: 'Districts' },
    geometry: ['Polygon', 'MultiPolygon'],
    writer: 'admin',
    idField: 'code',
    dateField: null,
    properties: { code: code(6, { zh: '区划代码', en: 'code' }), name: NAME },
  },
  townships: {
    id: 'townships',
    label: { zh: '乡镇街道', en: 'Townships' },
    geometry: ['Polygon', 'MultiPolygon'],
    writer: 'admin',
    idField: 'code',
    dateField: null,
    properties: {
      code: code(9, { zh: '区划代码', en: 'code' }),
      name: NAME,
      district_code: code(6, { zh: '所属区县', en: 'district code' }),
      kind: { type: 'enum', required: true, values: TOWNSHIP_KINDS, label: { zh: '类型', en: 'kind' } },
      settlement: SETTLEMENT,
    },
  },
  villages: {
    id: 'villages',
    label: { zh: '村（社区）', en: 'Villages & communities' },
    geometry: ['Point'],
    writer: 'admin',
    idField: 'code',
    dateField: null,
    properties: {
      code: code(12, { zh: '区划代码', en: 'code' }),
      name: NAME,
      township_code: code(9, { zh: '所属乡镇', en: 'township code' }),
      kind: { type: 'enum', required: true, values: VILLAGE_KINDS, label: { zh: '类型', en: 'kind' } },
      settlement: SETTLEMENT,
      info_station: {
        type: 'flags',
        required: false,
        flags: INFO_STATION_CRITERIA,
        label: { zh: '信息服务站', en: 'information station' },
      },
    },
  },
  buildings: {
    id: 'buildings',
    label: { zh: '楼宇', en: 'Buildings' },
    geometry: ['Point', 'Polygon'],
    writer: 'admin',
    idField: 'id',
    dateField: null,
    properties: {
      id: ID,
      use: { type: 'enum', required: true, values: BUILDING_USES, label: { zh: '用途', en: 'use' } },
      households: {
        type: 'integer',
        required: true,
        min: 0,
        max: 100_000,
        label: { zh: '户数', en: 'households' },
      },
    },
  },
  fixed_service: {
    id: 'fixed_service',
    label: { zh: '固定宽带', en: 'Fixed broadband' },
    geometry: ['Point', 'Polygon', 'MultiPolygon'],
    writer: 'carrier',
    idField: 'id',
    dateField: 'in_service',
    properties: {
      id: ID,
      carrier: CARRIER,
      // Required for point records, absent for service-area polygons: checked by the validator.
      building_id: { ...ID, required: false, label: { zh: '楼宇标识', en: 'building id' } },
      technology: {
        type: 'enum',
        required: true,
        values: TECHNOLOGIES,
        label: { zh: '接入技术', en: 'technology' },
      },
      // Integers, as the FCC requires of its broadband filings: "100M" or 99.5 are errors.
      down_mbps: {
        type: 'integer',
        required: true,
        min: 0,
        max: 100_000,
        unit: 'Mbit/s',
        label: { zh: '下行带宽', en: 'downstream' },
      },
      up_mbps: {
        type: 'integer',
        required: true,
        min: 0,
        max: 100_000,
        unit: 'Mbit/s',
        label: { zh: '上行带宽', en: 'upstream' },
      },
      in_service: IN_SERVICE,
      status: {
        type: 'enum',
        required: true,
        values: SERVICE_STATUSES,
        label: { zh: '状态', en: 'status' },
      },
    },
  },
  wifi_hotspots: {
    id: 'wifi_hotspots',
    label: { zh: 'WiFi 热点', en: 'WiFi hotspots' },
    geometry: ['Point'],
    writer: 'carrier',
    idField: 'id',
    dateField: 'in_service',
    properties: {
      id: ID,
      carrier: CARRIER,
      operator: { type: 'string', required: false, maxLength: 100, label: { zh: '运营单位', en: 'operator' } },
      ssid: { type: 'string', required: false, maxLength: 32, label: { zh: 'SSID', en: 'SSID' } },
      radius_m: RADIUS,
      in_service: IN_SERVICE,
    },
  },
  public_places: {
    id: 'public_places',
    label: { zh: '公共场所', en: 'Public places' },
    geometry: ['Point', 'Polygon'],
    writer: 'admin',
    idField: 'id',
    dateField: null,
    properties: {
      id: ID,
      name: NAME,
      kind: { type: 'enum', required: true, values: PLACE_KINDS, label: { zh: '类型', en: 'kind' } },
      main: { type: 'boolean', required: true, label: { zh: '主要公共场所', en: 'main public place' } },
    },
  },
  mobile_sites: {
    id: 'mobile_sites',
    label: { zh: '移动基站', en: 'Mobile sites' },
    geometry: ['Point'],
    writer: 'carrier',
    idField: 'id',
    dateField: 'in_service',
    properties: {
      id: ID,
      carrier: CARRIER,
      generation: {
        type: 'enum',
        required: true,
        values: MOBILE_GENERATIONS,
        label: { zh: '制式', en: 'generation' },
      },
      radius_m: RADIUS,
      in_service: IN_SERVICE,
    },
  },
  ducts: {
    id: 'ducts',
    label: { zh: '通信管网', en: 'Ducts' },
    geometry: ['LineString', 'MultiLineString'],
    writer: 'carrier_or_admin',
    idField: 'id',
    dateField: 'in_service',
    sensitive: true,
    properties: {
      id: ID,
      owner: { type: 'string', required: true, maxLength: 64, label: { zh: '权属单位', en: 'owner' } },
      ducts: { type: 'integer', required: true, min: 1, max: 1000, label: { zh: '管孔数', en: 'ducts' } },
      spare_ducts: {
        type: 'integer',
        required: true,
        min: 0,
        max: 1000,
        label: { zh: '空余管孔', en: 'spare ducts' },
      },
      in_service: IN_SERVICE,
    },
  },
  egress: {
    id: 'egress',
    label: { zh: '出口带宽', en: 'Egress capacity' },
    geometry: [],
    writer: 'carrier',
    idField: 'id',
    dateField: 'as_of',
    properties: {
      id: ID,
      carrier: CARRIER,
      gbps: {
        type: 'number',
        required: true,
        min: 0,
        max: 1_000_000,
        unit: 'Gbit/s',
        label: { zh: '出口带宽', en: 'egress capacity' },
      },
      as_of: { type: 'date', required: true, label: { zh: '截至日期', en: 'as of' } },
    },
  },
};

export function isLayerId(value: string): value is LayerId {
  return (LAYER_IDS as readonly string[]).includes(value);
}

/** Layers whose features belong to a carrier (the `owner` in the store is the carrier id). */
export function isCarrierLayer(layer: LayerId): boolean {
  return LAYERS[layer].writer !== 'admin';
}

/** ISO 8601 calendar date (YYYY-MM-DD) that is also a real day. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}
