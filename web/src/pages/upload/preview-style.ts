/**
 * The preview map's layers: the districts for orientation, the file's features coloured by
 * whether they have errors or warnings (the server's `status`), a ring round the selected one,
 * and a ring at the selected problem's position when its feature is not in the (truncated)
 * preview. Built on the maps' offline base style (web/src/shared/map/style.ts).
 */
import type { LayerSpecification } from '../../shared/map/types';
import { LABEL_FONT } from '../../shared/map/local-glyphs';

const PREVIEW_COLORS = { ok: '#2f7dba', error: '#d0342c', warning: '#e0a021', selected: '#111827', district: '#34495e' } as const;

export const SOURCES = { districts: 'preview-districts', features: 'preview-features', focus: 'preview-focus' } as const;

export type FeatureStatus = 'ok' | 'error' | 'warning';

const color = ['match', ['get', '__status'], 'error', PREVIEW_COLORS.error, 'warning', PREVIEW_COLORS.warning, PREVIEW_COLORS.ok];
const isType = (...types: string[]) => ['in', ['geometry-type'], ['literal', types]];
/** Errors drawn last, so a bad feature is never hidden under good ones. */
const sortKey = ['match', ['get', '__status'], 'error', 2, 'warning', 1, 0];

export function previewLayers(selected: number | null): LayerSpecification[] {
  const sel = ['==', ['get', '__index'], selected ?? -1];
  return [
    { id: 'preview-districts-fill', type: 'fill', source: SOURCES.districts, paint: { 'fill-color': '#dde6ee', 'fill-opacity': 0.6 } },
    { id: 'preview-districts-line', type: 'line', source: SOURCES.districts, paint: { 'line-color': PREVIEW_COLORS.district, 'line-width': 1.2 } },
    { id: 'preview-fill', type: 'fill', source: SOURCES.features, filter: isType('Polygon', 'MultiPolygon') as never, paint: { 'fill-color': color as never, 'fill-opacity': 0.35, 'fill-outline-color': color as never } },
    { id: 'preview-line', type: 'line', source: SOURCES.features, filter: isType('LineString', 'MultiLineString') as never, layout: { 'line-sort-key': sortKey as never }, paint: { 'line-color': color as never, 'line-width': 2 } },
    {
      id: 'preview-points',
      type: 'circle',
      source: SOURCES.features,
      filter: isType('Point', 'MultiPoint') as never,
      layout: { 'circle-sort-key': sortKey as never },
      paint: {
        'circle-color': color as never,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, ['match', ['get', '__status'], 'ok', 2.5, 4], 14, ['match', ['get', '__status'], 'ok', 5, 7]] as never,
        'circle-stroke-color': '#fff',
        'circle-stroke-width': 0.8,
      },
    },
    { id: 'preview-selected-line', type: 'line', source: SOURCES.features, filter: ['all', sel, isType('LineString', 'MultiLineString', 'Polygon', 'MultiPolygon')] as never, paint: { 'line-color': PREVIEW_COLORS.selected, 'line-width': 4 } },
    {
      id: 'preview-selected-point',
      type: 'circle',
      source: SOURCES.features,
      filter: ['all', sel, isType('Point', 'MultiPoint')] as never,
      paint: { 'circle-radius': 11, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': PREVIEW_COLORS.selected, 'circle-stroke-width': 3 },
    },
    {
      id: 'preview-focus-point',
      type: 'circle',
      source: SOURCES.focus,
      paint: { 'circle-radius': 13, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': PREVIEW_COLORS.selected, 'circle-stroke-width': 3 },
    },
    {
      id: 'preview-districts-label',
      type: 'symbol',
      source: `${SOURCES.districts}-labels`,
      layout: { 'text-field': ['get', 'label'], 'text-font': LABEL_FONT, 'text-size': 13 },
      paint: { 'text-color': '#1b2631', 'text-halo-color': 'rgba(255,255,255,0.9)', 'text-halo-width': 1.4 },
    },
  ];
}

/** The selected-feature layers' filter, for `setFilter` when the selection changes. */
export function selectedFilters(selected: number | null): { line: unknown; point: unknown } {
  const sel = ['==', ['get', '__index'], selected ?? -1];
  return { line: ['all', sel, isType('LineString', 'MultiLineString', 'Polygon', 'MultiPolygon')], point: ['all', sel, isType('Point', 'MultiPoint')] };
}

