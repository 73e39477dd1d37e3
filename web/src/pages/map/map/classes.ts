/**
 * The map's classes and colours, defined once: the layer styles (layer-styles.ts) colour the
 * map with them and the legends (components/Legend*.svelte) draw the same swatches, so a legend
 * can never disagree with the map.
 *
 * Shares use a diverging red–yellow–blue scheme (ColorBrewer RdYlBu, readable with the common
 * colour-vision deficiencies), red for far from target; "no data" is a grey hatch, never a
 * colour of the scale, so an area with nothing to count never reads as 0 %.
 */
import type { Status } from '../../../../../geodata/contract';

/** Share classes: [lower bound, colour]; each class runs to the next bound (the last is exactly 100 %). */
export const SHARE_CLASSES: readonly { from: number; to: number | null; color: string }[] = [
  { from: 0, to: 0.5, color: '#d7191c' },
  { from: 0.5, to: 0.8, color: '#fdae61' },
  { from: 0.8, to: 0.95, color: '#fee090' },
  { from: 0.95, to: 1, color: '#abd9e9' },
  { from: 1, to: null, color: '#2c7bb6' },
];

/** Egress (Gbit/s) is a city-wide figure; areas below the city show "not applicable". */
export const NO_DATA = { color: '#d5dbe1', hatch: '#9aa5b1' } as const;

export const STATUS_COLORS: Readonly<Record<Status, string>> = {
  met: '#1a7f37',
  not_met: '#b42318',
  no_data: '#6b7785',
  informational: '#3b5b86',
  not_applicable: '#8a94a0',
};

/** Best offered downstream tiers (server: 100, 20, 12, 4, 1 = below 4 Mbit/s, 0 = no service). */
export const TIER_CLASSES: readonly { tier: number; color: string }[] = [
  { tier: 100, color: '#2166ac' },
  { tier: 20, color: '#67a9cf' },
  { tier: 12, color: '#74c476' },
  { tier: 4, color: '#fdd049' },
  { tier: 1, color: '#f46d43' },
  { tier: 0, color: '#a50026' },
];

export const CARRIER_COLORS: Readonly<Record<string, string>> = {
  telecom: '#1f5fbf',
  mobile: '#0f9d76',
  unicom: '#d62728',
};
export const OTHER_CARRIER_COLOR = '#8c6bb1';
export const NO_CARRIER_COLOR = '#9aa3ad';

export const GENERATION_COLORS: Readonly<Record<string, string>> = {
  '3g': '#e08214',
  '4g': '#2b83ba',
  '5g': '#7b3294',
};

/** Village information stations: all five criteria, some, none; communities are not counted. */
export const STATION_COLORS: Readonly<Record<string, string>> = {
  full: '#1a9850',
  partial: '#fdae61',
  none: '#d73027',
  'n/a': '#ffffff',
};

export const PLACE_COLORS = { covered: '#1a9850', uncovered: '#d73027' } as const;

export const WIFI_COLOR = '#0e7c86';
export const SERVICE_AREA_COLOR_OPACITY = 0.16;

/** Ducts: colour by spare ducts (none left is the planner's warning), width by ducts. */
export const SPARE_CLASSES: readonly { from: number; color: string }[] = [
  { from: 0, color: '#d73027' },
  { from: 1, color: '#fc8d59' },
  { from: 3, color: '#4393c3' },
  { from: 6, color: '#053061' },
];
/** Line width (px at zoom 14) for a number of ducts; interpolated between these. */
export const DUCT_WIDTHS: readonly [ducts: number, px: number][] = [
  [1, 1.5],
  [6, 3.5],
  [12, 6],
];
