/**
 * The view in the page's query string, so a link restores it:
 *
 *   ?lang=en&date=2015-12-31&ind=urban_20m&level=township&layers=buildings,ducts
 *    &colour=carrier&view=planned&step=quarter&map=11.50/32.3012/118.3105&sel=area:341102
 *
 * `map` is zoom/latitude/longitude (the order OpenStreetMap's links use). Everything is optional;
 * what is missing or malformed falls back to the defaults, and defaults are left out when
 * writing, so the plain address is the default view.
 */
import { isIsoDate, type Step } from './dates';
import { isLang, type Lang } from './lang';
import type { ServiceView } from '../../../geodata/contract';

export const OVERLAYS = ['buildings', 'fixed_service', 'wifi_hotspots', 'public_places', 'mobile_sites', 'villages', 'ducts', 'basemap'] as const;
export type Overlay = (typeof OVERLAYS)[number];

export const CHOROPLETH_LEVELS = ['district', 'township', 'grid', 'none'] as const;
export type ChoroplethLevel = (typeof CHOROPLETH_LEVELS)[number];

export type BuildingColour = 'tier' | 'carrier';

/** What a link can point at: an area by code, or a building by id. */
export type LinkedSelection = { kind: 'area'; code: string } | { kind: 'building'; id: string };

export interface Camera {
  center: [number, number];
  zoom: number;
}

export interface UrlView {
  lang: Lang | null;
  date: string | null;
  indicator: string | null;
  level: ChoroplethLevel;
  overlays: Overlay[];
  colour: BuildingColour;
  view: ServiceView;
  step: Step;
  camera: Camera | null;
  selection: LinkedSelection | null;
}

export const DEFAULT_VIEW: UrlView = {
  lang: null,
  date: null,
  indicator: null,
  level: 'district',
  overlays: [],
  colour: 'tier',
  view: 'in_service',
  step: 'month',
  camera: null,
  selection: null,
};

const oneOf = <T extends string>(values: readonly T[], raw: string | null, fallback: T): T => (raw !== null && (values as readonly string[]).includes(raw) ? (raw as T) : fallback);

function parseCamera(raw: string | null): Camera | null {
  if (!raw) return null;
  const parts = raw.split('/').map(Number);
  if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n))) return null;
  const [zoom, lat, lng] = parts as [number, number, number];
  if (zoom < 0 || zoom > 22 || lat < -85 || lat > 85 || lng < -180 || lng > 180) return null;
  return { center: [lng, lat], zoom };
}

function parseSelection(raw: string | null): LinkedSelection | null {
  const m = raw ? /^(area|building):([A-Za-z0-9_.:-]{1,64})$/.exec(raw) : null;
  if (!m) return null;
  return m[1] === 'area' ? { kind: 'area', code: m[2]! } : { kind: 'building', id: m[2]! };
}

export function parseUrlView(search: string): UrlView {
  const q = new URLSearchParams(search);
  const lang = q.get('lang');
  const date = q.get('date');
  const indicator = q.get('ind');
  return {
    lang: isLang(lang) ? lang : null,
    date: isIsoDate(date) ? date : null,
    indicator: indicator && /^[a-z0-9_]{1,64}$/.test(indicator) ? indicator : null,
    level: oneOf(CHOROPLETH_LEVELS, q.get('level'), DEFAULT_VIEW.level),
    overlays: (q.get('layers') ?? '')
      .split(',')
      .filter((l): l is Overlay => (OVERLAYS as readonly string[]).includes(l)),
    colour: oneOf(['tier', 'carrier'] as const, q.get('colour'), DEFAULT_VIEW.colour),
    view: oneOf(['in_service', 'planned'] as const, q.get('view'), DEFAULT_VIEW.view),
    step: oneOf(['month', 'quarter'] as const, q.get('step'), DEFAULT_VIEW.step),
    camera: parseCamera(q.get('map')),
    selection: parseSelection(q.get('sel')),
  };
}

/** The query string for a view (with its leading "?", or "" for the default view). */
export function formatUrlView(v: UrlView): string {
  const q: string[] = [];
  const add = (key: string, value: string | null) => {
    if (value !== null) q.push(`${key}=${encodeURIComponent(value).replace(/%2C/g, ',').replace(/%2F/g, '/').replace(/%3A/g, ':')}`);
  };
  add('lang', v.lang);
  add('date', v.date);
  add('ind', v.indicator);
  add('level', v.level === DEFAULT_VIEW.level ? null : v.level);
  add('layers', v.overlays.length ? [...v.overlays].sort((a, b) => OVERLAYS.indexOf(a) - OVERLAYS.indexOf(b)).join(',') : null);
  add('colour', v.colour === DEFAULT_VIEW.colour ? null : v.colour);
  add('view', v.view === DEFAULT_VIEW.view ? null : v.view);
  add('step', v.step === DEFAULT_VIEW.step ? null : v.step);
  if (v.camera) add('map', `${v.camera.zoom.toFixed(2)}/${v.camera.center[1].toFixed(5)}/${v.camera.center[0].toFixed(5)}`);
  if (v.selection) add('sel', v.selection.kind === 'area' ? `area:${v.selection.code}` : `building:${v.selection.id}`);
  return q.length ? `?${q.join('&')}` : '';
}
