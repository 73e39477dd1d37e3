/**
 * The map's look: an offline base style (a plain background, no basemap, no remote fonts or
 * sprites) and the layer specifications for the administrative divisions.
 *
 * Layer stacking: the base style holds two invisible anchor layers. Fills go below
 * `ANCHOR_LINES`, lines below `ANCHOR_LABELS`, and labels on top, whatever order the components
 * happen to add them in (`beforeIdFor`).
 */
import type { Lang } from '../lib/i18n';
import { LABEL_FONT } from './local-glyphs';
import type { FillColor, LayerDef, LayerSpecification, StyleSpecification } from './types';

export const ANCHOR_LINES = 'anchor:lines';
export const ANCHOR_LABELS = 'anchor:labels';

export const COLORS = {
  background: '#e9edf1',
  districtLine: '#40566b',
  townshipLine: '#7d8b99',
  text: '#1b2631',
  textSecondary: '#4d5d6d',
  townshipText: '#4f5b67',
  halo: 'rgba(255, 255, 255, 0.92)',
} as const;

/** Soft, distinct fills for up to eight districts; repeats beyond that. */
const DISTRICT_PALETTE = ['#d6e6f4', '#dcebd2', '#f4e4cc', '#e6dcef', '#d3ebe7', '#f1d9d6', '#ebe8cb', '#dde0f1'];

/** The empty, offline base style. `glyphs` is the local protocol from local-glyphs.ts. */
export function baseStyle(glyphs: string): StyleSpecification {
  const anchor = (id: string): LayerSpecification => ({ id, type: 'background', layout: { visibility: 'none' } });
  return {
    version: 8,
    name: 'Broadband Atlas (offline)',
    glyphs,
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': COLORS.background } }, anchor(ANCHOR_LINES), anchor(ANCHOR_LABELS)],
  };
}

/** Where a new layer goes in the stack, by its type. */
export function beforeIdFor(type: LayerDef['type']): string | undefined {
  switch (type) {
    case 'fill':
    case 'fill-extrusion':
    case 'heatmap':
    case 'hillshade':
    case 'color-relief':
    case 'raster':
      return ANCHOR_LINES;
    case 'line':
    case 'circle':
      return ANCHOR_LABELS;
    default:
      return undefined;
  }
}

/** A colour per district code, in the order the districts come. */
export function districtFillColor(codes: readonly string[]): FillColor {
  const fallback = DISTRICT_PALETTE[0]!;
  if (codes.length === 0) return fallback;
  const pairs = codes.flatMap((code, i) => [code, DISTRICT_PALETTE[i % DISTRICT_PALETTE.length]!]);
  return ['match', ['get', 'code'], ...pairs, fallback] as unknown as FillColor;
}

export const LAYER_IDS = {
  districtFill: 'districts-fill',
  districtLine: 'districts-line',
  districtLabel: 'districts-label',
  townshipLine: 'townships-line',
  townshipLabel: 'townships-label',
} as const;

export function districtAreaLayers(codes: readonly string[]): LayerDef[] {
  return [
    {
      id: LAYER_IDS.districtFill,
      type: 'fill',
      paint: { 'fill-color': districtFillColor(codes), 'fill-opacity': 0.9 },
    },
    {
      id: LAYER_IDS.districtLine,
      type: 'line',
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: {
        'line-color': COLORS.districtLine,
        'line-width': ['interpolate', ['linear'], ['zoom'], 7, 1.2, 10, 2, 14, 3],
      },
    },
  ];
}

export function townshipAreaLayers(): LayerDef[] {
  return [
    {
      id: LAYER_IDS.townshipLine,
      type: 'line',
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': COLORS.townshipLine,
        'line-width': ['interpolate', ['linear'], ['zoom'], 7, 0.4, 10, 0.8, 14, 1.4],
        'line-opacity': ['interpolate', ['linear'], ['zoom'], 7, 0.55, 10, 0.85],
        'line-dasharray': [3, 2],
      },
    },
  ];
}

/**
 * District names. In Chinese: the Chinese name with the English one beneath, smaller; in English
 * the other way round. The first line is `name` or `name_en` — the label field the switch changes.
 */
export function districtLabelLayer(lang: Lang): LayerDef {
  const [primary, secondary] = lang === 'zh' ? ['name', 'name_en'] : ['name_en', 'name'];
  return {
    id: LAYER_IDS.districtLabel,
    type: 'symbol',
    layout: {
      'text-field': [
        'format',
        ['get', primary],
        { 'font-scale': 1 },
        '\n',
        {},
        ['get', secondary],
        { 'font-scale': 0.68, 'text-color': COLORS.textSecondary },
      ],
      'text-font': LABEL_FONT,
      'text-size': ['interpolate', ['linear'], ['zoom'], 7, 14, 10, 18],
      'text-line-height': 1.25,
      'text-letter-spacing': lang === 'zh' ? 0.08 : 0.02,
      'text-max-width': 12,
      'text-padding': 6,
    },
    paint: {
      'text-color': COLORS.text,
      'text-halo-color': COLORS.halo,
      'text-halo-width': 1.6,
      'text-halo-blur': 0.4,
    },
  };
}

/** Township names: `short_name` (琅琊) in Chinese, `name_pinyin` (Langya Jiedao) in English. */
export function townshipLabelLayer(lang: Lang): LayerDef {
  return {
    id: LAYER_IDS.townshipLabel,
    type: 'symbol',
    layout: {
      'text-field': ['get', lang === 'zh' ? 'short_name' : 'name_pinyin'],
      'text-font': LABEL_FONT,
      'text-size': ['interpolate', ['linear'], ['zoom'], 7, 10.5, 10, 12.5, 13, 14],
      'text-max-width': 7,
      'text-padding': 3,
    },
    paint: {
      'text-color': COLORS.townshipText,
      'text-halo-color': COLORS.halo,
      'text-halo-width': 1.2,
    },
  };
}
