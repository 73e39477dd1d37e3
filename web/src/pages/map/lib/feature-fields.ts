/**
 * How a map feature's properties read in the panel: which fields, in what order, with the
 * data contract's labels (geodata/schema.ts) and values in words and units. Fields that only
 * the tiles carry (a village's station status, a place's coverage, a bin's counts) have their
 * labels here.
 */
import { BASIC_CARRIERS, INFO_STATION_CRITERIA, LAYERS, type LayerId } from '../../../../../geodata/schema';
import { enumLabel, fill, type Lang, type Messages } from './i18n';
import { formatDate, formatDistance, formatInteger, formatMbps } from '../../../shared/format';

export interface FieldRow {
  key: string;
  label: string;
  value: string;
}

export interface FeatureDescription {
  title: string;
  kind: string;
  rows: FieldRow[];
}

const PLACE_KINDS: Record<string, { zh: string; en: string }> = {
  square: { zh: '广场', en: 'Square' },
  station: { zh: '车站', en: 'Station' },
  hospital: { zh: '医院', en: 'Hospital' },
  park: { zh: '公园', en: 'Park' },
  service_hall: { zh: '政务服务中心', en: 'Service hall' },
  school: { zh: '学校', en: 'School' },
  mall: { zh: '商场', en: 'Mall' },
  library: { zh: '图书馆', en: 'Library' },
  stadium: { zh: '体育场馆', en: 'Stadium' },
  other: { zh: '其他', en: 'Other' },
};

const VILLAGE_KINDS: Record<string, { zh: string; en: string }> = {
  village: { zh: '行政村', en: 'Administrative village' },
  community: { zh: '社区', en: 'Community' },
};

const TILE_FIELDS: Record<string, { zh: string; en: string }> = {
  station: { zh: '信息服务站', en: 'Information station' },
  criteria_met: { zh: '“五个一”已具备', en: 'Criteria met' },
  covered: { zh: 'WiFi 覆盖', en: 'WiFi coverage' },
  count: { zh: '楼宇数', en: 'Buildings' },
  households: { zh: '户数', en: 'Households' },
  code: { zh: '代码', en: 'Code' },
  name_pinyin: { zh: '拼音', en: 'Pinyin' },
};

const TIER_KEYS: [string, keyof Messages][] = [
  ['t100', 'tier100'],
  ['t20', 'tier20'],
  ['t12', 'tier12'],
  ['t4', 'tier4'],
  ['t1', 'tier1'],
  ['t0', 'tier0'],
];

/** Which fields each layer shows, in order. */
const FIELDS: Record<string, string[]> = {
  villages: ['code', 'kind', 'settlement', 'station', 'criteria_met', 'info_station', 'name_pinyin'],
  public_places: ['kind', 'main', 'covered', 'id'],
  wifi_hotspots: ['carrier', 'ssid', 'operator', 'radius_m', 'in_service', 'id'],
  mobile_sites: ['carrier', 'generation', 'radius_m', 'in_service', 'id'],
  ducts: ['owner', 'ducts', 'spare_ducts', 'in_service', 'id'],
  fixed_service: ['carrier', 'technology', 'down_mbps', 'up_mbps', 'status', 'in_service', 'id'],
  buildings_binned: ['count', 'households'],
};

function label(layer: string, key: string, lang: Lang): string {
  const spec = (LAYERS as Record<string, (typeof LAYERS)[LayerId] | undefined>)[layer]?.properties[key];
  return spec?.label[lang] ?? TILE_FIELDS[key]?.[lang] ?? key;
}

function value(key: string, raw: unknown, t: Messages, lang: Lang): string | null {
  if (raw === undefined || raw === null || raw === '') return null;
  switch (key) {
    case 'carrier':
    case 'owner':
      return BASIC_CARRIERS[String(raw)]?.[lang] ?? String(raw);
    case 'kind':
      return PLACE_KINDS[String(raw)]?.[lang] ?? VILLAGE_KINDS[String(raw)]?.[lang] ?? String(raw);
    case 'settlement':
      return enumLabel(t, 'settlement', String(raw));
    case 'technology':
      return enumLabel(t, 'technology', String(raw));
    case 'generation':
      return String(raw).toUpperCase();
    case 'radius_m':
      return formatDistance(Number(raw), lang);
    case 'in_service':
      return typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(raw) ? formatDate(raw, lang) : String(raw);
    case 'down_mbps':
    case 'up_mbps':
      return formatMbps(Number(raw), lang);
    case 'main':
      return raw === true || raw === 'true' ? t.yes : t.no;
    case 'covered':
      return raw === true || raw === 'true' ? t.placeCovered : t.placeUncovered;
    case 'status':
      return raw === 'planned' ? t.offerPlanned : t.viewInService;
    case 'station':
      return { full: t.stationFull, partial: t.stationPartial, none: t.stationNone, 'n/a': t.stationNA }[String(raw)] ?? String(raw);
    case 'criteria_met':
      return fill(t.criteriaMet, { n: Number(raw) });
    case 'info_station': {
      const flags = raw as Record<string, unknown>;
      return Object.entries(INFO_STATION_CRITERIA)
        .map(([k, l]) => `${flags[k] === true ? '✓' : '✗'} ${l[lang]}`)
        .join('　');
    }
    case 'ducts':
    case 'spare_ducts':
    case 'count':
    case 'households':
      return formatInteger(Number(raw), lang);
    default:
      return typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
  }
}

const KIND_OF: Record<string, keyof Messages> = {
  villages: 'kindVillage',
  public_places: 'kindPlace',
  wifi_hotspots: 'hotspot',
  mobile_sites: 'overlayMobile',
  ducts: 'overlayDucts',
  fixed_service: 'overlayFixedService',
  buildings_binned: 'overlayBuildings',
};

export function describeFeature(layer: string, props: Record<string, unknown>, t: Messages, lang: Lang): FeatureDescription {
  const rows: FieldRow[] = [];
  for (const key of FIELDS[layer] ?? Object.keys(props)) {
    const v = value(key, props[key], t, lang);
    if (v !== null) rows.push({ key, label: label(layer, key, lang), value: v });
  }
  if (layer === 'buildings_binned') {
    for (const [k, name] of TIER_KEYS) if (Number(props[k]) > 0) rows.push({ key: k, label: t[name], value: formatInteger(Number(props[k]), lang) });
  }
  const name = typeof props.name === 'string' ? props.name : null;
  const title =
    layer === 'buildings_binned'
      ? `${formatInteger(Number(props.count ?? 0), lang)} ${t.countsBuildings}`
      : (name ?? (typeof props.ssid === 'string' ? props.ssid : null) ?? String(props.id ?? props.code ?? ''));
  return { title, kind: t[KIND_OF[layer] ?? 'properties'], rows };
}
