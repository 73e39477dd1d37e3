/**
 * The layer specifications of every map concept, as plain data: areas coloured by an indicator
 * (districts, townships, grid cells), buildings, service areas, WiFi hotspots, public places,
 * mobile sites, villages and ducts. Colours and classes come from classes.ts; the components
 * only add these to the map and apply what changed.
 */
import type { Lang } from '../lib/i18n';
import { metresToPixelsExpression } from '../lib/ground-scale';
import {
  CARRIER_COLORS,
  DUCT_WIDTHS,
  GENERATION_COLORS,
  NO_CARRIER_COLOR,
  NO_DATA,
  OTHER_CARRIER_COLOR,
  PLACE_COLORS,
  SERVICE_AREA_COLOR_OPACITY,
  SHARE_CLASSES,
  SPARE_CLASSES,
  STATION_COLORS,
  STATUS_COLORS,
  TIER_CLASSES,
  WIFI_COLOR,
} from './classes';
import { LABEL_FONT } from '../../../shared/map/local-glyphs';
import { HATCH_IMAGE } from './patterns';
import { COLORS, inSlot } from '../../../shared/map/style';
import type { LayerDef } from '../../../shared/map/types';

// MapLibre's expression types are stricter than what we build here; expressions are checked by
// MapLibre's own validator when the layer is added (and by the browser tests).
type Expr = never;
const x = (e: unknown) => e as Expr;

export type AreaLevel = 'district' | 'township' | 'grid';

/** The tile source and source layer of each area level. */
export const AREA_SOURCE: Readonly<Record<AreaLevel, string>> = { district: 'districts', township: 'townships', grid: 'grid' };

export const LAYER_IDS = {
  district: {
    fill: 'districts-fill',
    noData: 'districts-nodata',
    met: 'districts-status-met',
    notMet: 'districts-status-not-met',
    line: 'districts-line',
    highlight: 'districts-highlight',
    label: 'districts-label',
  },
  township: {
    fill: 'townships-fill',
    noData: 'townships-nodata',
    met: 'townships-status-met',
    notMet: 'townships-status-not-met',
    line: 'townships-line',
    highlight: 'townships-highlight',
    label: 'townships-label',
  },
  grid: {
    fill: 'grid-fill',
    noData: 'grid-nodata',
    met: 'grid-status-met',
    notMet: 'grid-status-not-met',
    line: 'grid-line',
    highlight: 'grid-highlight',
    label: null,
  },
  buildingsBinned: 'buildings-binned',
  buildings: 'buildings-points',
  serviceFill: 'service-fill',
  serviceLine: 'service-line',
  servicePlanned: 'service-planned',
  wifiReach: 'wifi-reach',
  wifi: 'wifi-point',
  places: 'places-point',
  placesLabel: 'places-label',
  mobileReach: 'mobile-reach',
  mobile: 'mobile-point',
  villages: 'villages-point',
  villagesLabel: 'villages-label',
  ducts: 'ducts-line',
} as const;

const hovered = ['boolean', ['feature-state', 'hover'], false];
const selected = ['boolean', ['feature-state', 'selected'], false];

/** Colour of a share 0..1 by SHARE_CLASSES (a missing value is drawn by the no-data layer). */
function shareColor(property: string): Expr {
  const steps: unknown[] = [SHARE_CLASSES[0]!.color];
  for (const c of SHARE_CLASSES.slice(1)) steps.push(c.from, c.color);
  return x(['case', ['has', property], ['step', ['to-number', ['get', property]], ...steps], NO_DATA.color]);
}

const LAND = '#fbfcfd';

export interface AreaStyle {
  level: AreaLevel;
  indicator: string;
  /** This level is the one coloured by the indicator. */
  choropleth: boolean;
  lang: Lang;
}

/** An area level's layers: fill, no-data hatch, met / not-met outlines, boundary, highlight. */
export function areaLayers({ level, indicator, choropleth }: AreaStyle): LayerDef[] {
  const ids = LAYER_IDS[level];
  const sourceLayer = AREA_SOURCE[level];
  const statusField = `${indicator}_status`;
  const shown = (on: boolean) => ({ visibility: on ? ('visible' as const) : ('none' as const) });
  const fillColor = choropleth ? shareColor(indicator) : level === 'district' ? LAND : 'rgba(0,0,0,0)';
  const statusWidth = level === 'grid' ? x(['interpolate', ['linear'], ['zoom'], 9, 0, 11, 0.8, 14, 1.6]) : level === 'township' ? 1.4 : 2;
  const boundary: Record<AreaLevel, LayerDef> = {
    district: {
      id: ids.line,
      type: 'line',
      'source-layer': sourceLayer,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': COLORS.districtLine, 'line-width': x(['interpolate', ['linear'], ['zoom'], 7, 1.2, 10, 2, 14, 3]) },
    },
    township: {
      id: ids.line,
      type: 'line',
      'source-layer': sourceLayer,
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': COLORS.townshipLine,
        'line-width': x(['interpolate', ['linear'], ['zoom'], 7, 0.4, 10, 0.8, 14, 1.4]),
        'line-opacity': x(['interpolate', ['linear'], ['zoom'], 7, 0.55, 10, 0.85]),
        'line-dasharray': [3, 2],
      },
    },
    grid: {
      id: ids.line,
      type: 'line',
      'source-layer': sourceLayer,
      layout: shown(choropleth),
      paint: { 'line-color': COLORS.gridLine, 'line-width': x(['interpolate', ['linear'], ['zoom'], 8, 0.2, 12, 0.8]) },
    },
  };
  return [
    inSlot('areas', {
      id: ids.fill,
      type: 'fill',
      'source-layer': sourceLayer,
      // Townships and cells are filled only when coloured (a transparent fill still costs a full
      // pass of the GPU); the districts' fill is the land under everything.
      layout: shown(level === 'district' || choropleth),
      // Strong at the city's scale; faint when zoomed in among buildings and sites.
      paint: { 'fill-color': x(fillColor), 'fill-opacity': choropleth ? x(['interpolate', ['linear'], ['zoom'], 10, 0.88, 14, 0.32]) : 1 },
    }),
    inSlot('areas', {
      id: ids.noData,
      type: 'fill',
      'source-layer': sourceLayer,
      filter: x(['!', ['has', indicator]]),
      layout: shown(choropleth),
      paint: { 'fill-pattern': HATCH_IMAGE, 'fill-opacity': x(['interpolate', ['linear'], ['zoom'], 10, 1, 14, 0.4]) },
    }),
    // District lines above everything areal; township and grid lines just above their own fill.
    inSlot(level === 'district' ? 'boundaries' : 'areas', boundary[level]),
    inSlot('boundaries', {
      id: ids.met,
      type: 'line',
      'source-layer': sourceLayer,
      filter: x(['==', ['get', statusField], 'met']),
      layout: { ...shown(choropleth), 'line-join': 'round' },
      paint: { 'line-color': STATUS_COLORS.met, 'line-width': statusWidth, 'line-opacity': 0.9 },
    }),
    inSlot('boundaries', {
      id: ids.notMet,
      type: 'line',
      'source-layer': sourceLayer,
      filter: x(['==', ['get', statusField], 'not_met']),
      layout: { ...shown(choropleth), 'line-join': 'round' },
      paint: { 'line-color': STATUS_COLORS.not_met, 'line-width': statusWidth, 'line-dasharray': [2, 1.2] },
    }),
    inSlot('highlight', {
      id: ids.highlight,
      type: 'line',
      'source-layer': sourceLayer,
      layout: { ...shown(level !== 'grid' || choropleth), 'line-join': 'round' },
      paint: {
        'line-color': x(['case', selected, COLORS.selected, COLORS.highlight]),
        'line-width': x(['case', selected, 3.5, hovered, 2.5, 0]),
        'line-opacity': x(['case', selected, 1, hovered, 0.85, 0]),
      },
    }),
  ];
}

/**
 * Area names, from the `*_labels` tile layers (one point per area, placed by the server). In
 * Chinese the district label is the Chinese name with the English one beneath, smaller; in
 * English the other way round. Townships: short name (琅琊) or pinyin (Langya Jiedao).
 */
export function areaLabelLayer(level: 'district' | 'township', lang: Lang): LayerDef {
  if (level === 'district') {
    const [primary, secondary] = lang === 'zh' ? ['name', 'name_en'] : ['name_en', 'name'];
    return inSlot('area-labels', {
      id: LAYER_IDS.district.label,
      type: 'symbol',
      'source-layer': 'districts_labels',
      layout: {
        'text-field': x(['format', ['get', primary], { 'font-scale': 1 }, '\n', {}, ['get', secondary], { 'font-scale': 0.68, 'text-color': COLORS.textSecondary }]),
        'text-font': LABEL_FONT,
        'text-size': x(['interpolate', ['linear'], ['zoom'], 7, 14, 10, 18]),
        'text-line-height': 1.25,
        'text-letter-spacing': lang === 'zh' ? 0.08 : 0.02,
        'text-max-width': 12,
        'text-padding': 6,
      },
      paint: { 'text-color': COLORS.text, 'text-halo-color': COLORS.halo, 'text-halo-width': 1.6, 'text-halo-blur': 0.4 },
    });
  }
  return inSlot('labels', {
    id: LAYER_IDS.township.label,
    type: 'symbol',
    'source-layer': 'townships_labels',
    layout: {
      'text-field': x(['get', lang === 'zh' ? 'short_name' : 'name_pinyin']),
      'text-font': LABEL_FONT,
      'text-size': x(['interpolate', ['linear'], ['zoom'], 7, 10.5, 10, 12.5, 13, 14]),
      'text-max-width': 7,
      'text-padding': 3,
    },
    paint: { 'text-color': COLORS.townshipText, 'text-halo-color': COLORS.halo, 'text-halo-width': 1.2 },
  });
}

// ------------------------------------------------------------------ buildings

export type BuildingColour = 'tier' | 'carrier';

function tierColor(property = 'tier'): Expr {
  return x(['match', ['to-number', ['get', property]], ...TIER_CLASSES.flatMap((c) => [c.tier, c.color]), '#cccccc']);
}

function carrierColor(): Expr {
  return x(['match', ['coalesce', ['get', 'carrier'], ''], '', NO_CARRIER_COLOR, ...Object.entries(CARRIER_COLORS).flat(), OTHER_CARRIER_COLOR]);
}

const pointStroke = {
  'circle-stroke-color': x(['case', selected, COLORS.selected, hovered, COLORS.highlight, '#ffffff']),
  'circle-stroke-width': x(['case', selected, 2.5, hovered, 2, 0.6]),
};

/** Buildings: binned below z13 (size by count, colour by the dominant tier), points from z13. */
export function buildingLayers(colour: BuildingColour): LayerDef[] {
  return [
    inSlot('points', {
      id: LAYER_IDS.buildingsBinned,
      type: 'circle',
      'source-layer': 'buildings_binned',
      maxzoom: 13,
      paint: {
        'circle-color': colour === 'tier' ? tierColor() : NO_CARRIER_COLOR,
        'circle-radius': x(['interpolate', ['linear'], ['sqrt', ['get', 'count']], 1, 2.2, 10, 6, 40, 13]),
        'circle-opacity': 0.78,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 0.6,
      },
    }),
    inSlot('points', {
      id: LAYER_IDS.buildings,
      type: 'circle',
      'source-layer': 'buildings',
      minzoom: 13,
      paint: {
        'circle-color': colour === 'tier' ? tierColor() : carrierColor(),
        'circle-radius': x(['interpolate', ['linear'], ['zoom'], 13, 2.6, 15, 4.5, 17, 7]),
        ...pointStroke,
      },
    }),
  ];
}

// ------------------------------------------------------------------ fixed service areas

export function serviceAreaLayers(): LayerDef[] {
  return [
    inSlot('coverage', {
      id: LAYER_IDS.serviceFill,
      type: 'fill',
      'source-layer': 'fixed_service',
      paint: { 'fill-color': carrierColor(), 'fill-opacity': SERVICE_AREA_COLOR_OPACITY },
    }),
    inSlot('coverage', {
      id: LAYER_IDS.serviceLine,
      type: 'line',
      'source-layer': 'fixed_service',
      filter: x(['!=', ['get', 'status'], 'planned']),
      paint: { 'line-color': carrierColor(), 'line-width': x(['case', selected, 3, hovered, 2.4, 1.2]) },
    }),
    inSlot('coverage', {
      id: LAYER_IDS.servicePlanned,
      type: 'line',
      'source-layer': 'fixed_service',
      filter: x(['==', ['get', 'status'], 'planned']),
      paint: { 'line-color': carrierColor(), 'line-width': 1.6, 'line-dasharray': [2, 2] },
    }),
  ];
}

// ------------------------------------------------------------------ reach circles and points

function reachLayer(id: string, sourceLayer: string, color: Expr | string, latitude: number, opacity: number): LayerDef {
  return inSlot('coverage', {
    id,
    type: 'circle',
    'source-layer': sourceLayer,
    paint: {
      'circle-radius': x(metresToPixelsExpression('radius_m', latitude)),
      'circle-color': color,
      'circle-opacity': opacity,
      'circle-stroke-color': color,
      'circle-stroke-width': 0.8,
      'circle-stroke-opacity': Math.min(1, opacity * 3),
      'circle-pitch-alignment': 'map',
    },
  });
}

export function wifiLayers(latitude: number): LayerDef[] {
  return [
    reachLayer(LAYER_IDS.wifiReach, 'wifi_hotspots', WIFI_COLOR, latitude, 0.14),
    inSlot('points', {
      id: LAYER_IDS.wifi,
      type: 'circle',
      'source-layer': 'wifi_hotspots',
      paint: { 'circle-color': WIFI_COLOR, 'circle-radius': x(['interpolate', ['linear'], ['zoom'], 10, 1.8, 15, 3.5]), ...pointStroke },
    }),
  ];
}

export function mobileLayers(latitude: number): LayerDef[] {
  const color = x(['match', ['get', 'generation'], ...Object.entries(GENERATION_COLORS).flat(), '#888888']);
  return [
    reachLayer(LAYER_IDS.mobileReach, 'mobile_sites', color, latitude, 0.06),
    inSlot('points', {
      id: LAYER_IDS.mobile,
      type: 'circle',
      'source-layer': 'mobile_sites',
      paint: { 'circle-color': color, 'circle-radius': x(['interpolate', ['linear'], ['zoom'], 8, 1.6, 12, 3, 16, 5]), ...pointStroke },
    }),
  ];
}

export function placeLayers(lang: Lang): LayerDef[] {
  return [
    inSlot('points', {
      id: LAYER_IDS.places,
      type: 'circle',
      'source-layer': 'public_places',
      paint: {
        'circle-color': x(['case', ['to-boolean', ['get', 'covered']], PLACE_COLORS.covered, PLACE_COLORS.uncovered]),
        'circle-radius': x(['interpolate', ['linear'], ['zoom'], 9, ['case', ['to-boolean', ['get', 'main']], 3.5, 2], 15, ['case', ['to-boolean', ['get', 'main']], 7.5, 4.5]]),
        'circle-opacity': x(['case', ['to-boolean', ['get', 'main']], 1, 0.6]),
        ...pointStroke,
      },
    }),
    inSlot('labels', {
      id: LAYER_IDS.placesLabel,
      type: 'symbol',
      'source-layer': 'public_places',
      minzoom: 15,
      layout: {
        'text-field': x(['get', 'name']),
        'text-font': LABEL_FONT,
        'text-size': 11,
        'text-offset': [0, 1.1],
        'text-anchor': 'top',
        'text-optional': true,
        'text-max-width': lang === 'zh' ? 8 : 10,
      },
      paint: { 'text-color': COLORS.textSecondary, 'text-halo-color': COLORS.halo, 'text-halo-width': 1.2 },
    }),
  ];
}

export function villageLayers(lang: Lang): LayerDef[] {
  return [
    inSlot('points', {
      id: LAYER_IDS.villages,
      type: 'circle',
      'source-layer': 'villages',
      paint: {
        'circle-color': x(['match', ['get', 'station'], ...Object.entries(STATION_COLORS).flat(), '#cccccc']),
        'circle-radius': x(['interpolate', ['linear'], ['zoom'], 7, 1.8, 11, 3.5, 15, 6]),
        'circle-stroke-color': x(['case', selected, COLORS.selected, hovered, COLORS.highlight, ['==', ['get', 'station'], 'n/a'], '#6b7785', '#ffffff']),
        'circle-stroke-width': x(['case', selected, 2.5, hovered, 2, ['==', ['get', 'station'], 'n/a'], 1, 0.6]),
      },
    }),
    inSlot('labels', {
      id: LAYER_IDS.villagesLabel,
      type: 'symbol',
      'source-layer': 'villages',
      minzoom: 11.5,
      layout: {
        'text-field': x(['get', lang === 'zh' ? 'short_name' : 'name_pinyin']),
        'text-font': LABEL_FONT,
        'text-size': 11,
        'text-offset': [0, 0.9],
        'text-anchor': 'top',
        'text-optional': true,
        'text-max-width': 8,
      },
      paint: { 'text-color': COLORS.textSecondary, 'text-halo-color': COLORS.halo, 'text-halo-width': 1.2 },
    }),
  ];
}

// ------------------------------------------------------------------ ducts

export function ductLayers(): LayerDef[] {
  const spare: unknown[] = [SPARE_CLASSES[0]!.color];
  for (const c of SPARE_CLASSES.slice(1)) spare.push(c.from, c.color);
  const width = (scale: number) => ['interpolate', ['linear'], ['get', 'ducts'], ...DUCT_WIDTHS.flatMap(([d, px]) => [d, px * scale])];
  return [
    inSlot('lines', {
      id: LAYER_IDS.ducts,
      type: 'line',
      'source-layer': 'ducts',
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: {
        'line-color': x(['case', selected, COLORS.selected, hovered, COLORS.highlight, ['step', ['to-number', ['get', 'spare_ducts']], ...spare]]),
        'line-width': x(['interpolate', ['linear'], ['zoom'], 9, width(0.45), 14, width(1), 17, width(1.6)]),
      },
    }),
  ];
}
