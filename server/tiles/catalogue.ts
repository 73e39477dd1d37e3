/**
 * The tile sources the atlas serves: one per layer, plus the derived grid of H3 cells. Each
 * lists its zoom range and the fields of its vector layers (TileJSON `vector_layers`).
 * Aggregated sources (districts, townships, grid) carry every indicator's value and status.
 */
import { INDICATOR_IDS } from '../../geodata/targets';

export type FieldType = 'String' | 'Number' | 'Boolean';

export interface VectorLayer {
  id: string;
  description: string;
  fields: Record<string, FieldType>;
}

export interface TileSource {
  id: string;
  minzoom: number;
  maxzoom: number;
  /** Has an "as of" date (features or figures change with the date). */
  dated: boolean;
  vectorLayers: VectorLayer[];
}

const figures: Record<string, FieldType> = Object.fromEntries(
  INDICATOR_IDS.flatMap((id) => [
    [id, 'Number'],
    [`${id}_status`, 'String'],
  ]),
);

const area = (id: string, description: string, extra: Record<string, FieldType>): VectorLayer[] => [
  { id, description, fields: { code: 'String', name: 'String', ...extra, ...figures } },
  { id: `${id}_labels`, description: `${description}: one label point each`, fields: { code: 'String', name: 'String', ...extra } },
];

export const TILE_SOURCES: readonly TileSource[] = [
  { id: 'districts', minzoom: 0, maxzoom: 14, dated: true, vectorLayers: area('districts', 'districts (区县) with indicator figures', { name_en: 'String' }) },
  {
    id: 'townships',
    minzoom: 5,
    maxzoom: 14,
    dated: true,
    vectorLayers: area('townships', 'townships (乡镇街道) with indicator figures', { short_name: 'String', name_pinyin: 'String', district_code: 'String', kind: 'String', settlement: 'String' }),
  },
  {
    id: 'grid',
    minzoom: 7,
    maxzoom: 14,
    dated: true,
    vectorLayers: [{ id: 'grid', description: 'H3 grid cells with indicator figures', fields: { code: 'String', district_code: 'String', ...figures } }],
  },
  {
    id: 'villages',
    minzoom: 7,
    maxzoom: 16,
    dated: false,
    vectorLayers: [
      { id: 'villages', description: 'village and community seats; station = full | partial | none | n/a', fields: { code: 'String', name: 'String', short_name: 'String', name_pinyin: 'String', kind: 'String', settlement: 'String', station: 'String', criteria_met: 'Number' } },
    ],
  },
  {
    id: 'buildings',
    minzoom: 8,
    maxzoom: 16,
    dated: true,
    vectorLayers: [
      { id: 'buildings', description: 'buildings (z ≥ 13): best offered tier (Mbit/s: 100, 20, 12, 4, 1 = below 4, 0 = none), fibre, best carrier', fields: { id: 'String', use: 'String', households: 'Number', settlement: 'String', tier: 'Number', fibre: 'Boolean', carrier: 'String' } },
      { id: 'buildings_binned', description: 'buildings aggregated into 64-px bins (z < 13): counts per tier', fields: { count: 'Number', households: 'Number', tier: 'Number', t100: 'Number', t20: 'Number', t12: 'Number', t4: 'Number', t1: 'Number', t0: 'Number' } },
    ],
  },
  {
    id: 'fixed_service',
    minzoom: 7,
    maxzoom: 16,
    dated: true,
    vectorLayers: [{ id: 'fixed_service', description: 'service-area polygons (point records are on buildings)', fields: { id: 'String', carrier: 'String', technology: 'String', down_mbps: 'Number', up_mbps: 'Number', in_service: 'String', status: 'String' } }],
  },
  {
    id: 'wifi_hotspots',
    minzoom: 9,
    maxzoom: 16,
    dated: true,
    vectorLayers: [{ id: 'wifi_hotspots', description: 'WiFi hotspots and their reach', fields: { id: 'String', carrier: 'String', ssid: 'String', radius_m: 'Number', in_service: 'String' } }],
  },
  {
    id: 'public_places',
    minzoom: 9,
    maxzoom: 16,
    dated: true,
    vectorLayers: [{ id: 'public_places', description: 'public places; covered = within a hotspot by the date', fields: { id: 'String', name: 'String', kind: 'String', main: 'Boolean', covered: 'Boolean' } }],
  },
  {
    id: 'mobile_sites',
    minzoom: 7,
    maxzoom: 16,
    dated: true,
    vectorLayers: [{ id: 'mobile_sites', description: 'mobile sites and their reach', fields: { id: 'String', carrier: 'String', generation: 'String', radius_m: 'Number', in_service: 'String' } }],
  },
  {
    id: 'ducts',
    minzoom: 8,
    maxzoom: 16,
    dated: true,
    vectorLayers: [{ id: 'ducts', description: 'duct routes: ducts and spare ducts', fields: { id: 'String', owner: 'String', ducts: 'Number', spare_ducts: 'Number', in_service: 'String' } }],
  },
];

export function tileSource(id: string): TileSource | undefined {
  return TILE_SOURCES.find((s) => s.id === id);
}
