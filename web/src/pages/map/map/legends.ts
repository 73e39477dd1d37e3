/**
 * Legend entries for each layer, from the same classes and colours the layer styles use
 * (classes.ts), in the reader's language. Components/Legend.svelte draws them.
 */
import { BASIC_CARRIERS } from '../../../../../geodata/schema';
import type { IndicatorSpec } from '../../../../../geodata/contract';
import { formatShare } from '../../../shared/format';
import { fill, type Lang, type Messages } from '../lib/i18n';
import type { BuildingColour, Overlay } from '../../../shared/url-state';
import {
  CARRIER_COLORS,
  DUCT_WIDTHS,
  GENERATION_COLORS,
  NO_CARRIER_COLOR,
  OTHER_CARRIER_COLOR,
  PLACE_COLORS,
  SHARE_CLASSES,
  SPARE_CLASSES,
  STATION_COLORS,
  STATUS_COLORS,
  TIER_CLASSES,
  WIFI_COLOR,
} from './classes';

export type Swatch =
  | { kind: 'fill'; color: string }
  | { kind: 'hatch' }
  | { kind: 'outline'; color: string; dashed?: boolean }
  | { kind: 'dot'; color: string; size?: number; ring?: string }
  | { kind: 'reach'; color: string }
  | { kind: 'line'; color: string; width?: number; dashed?: boolean };

export interface LegendEntry {
  swatch: Swatch;
  label: string;
  /** A long label: a row of its own. */
  wide?: boolean;
}

export interface Legend {
  title?: string;
  entries: LegendEntry[];
  notes: string[];
}

/** "< 50%", "50%–80%", "80%–95%", "95%–<100%", "100%". */
export function shareClassLabels(lang: Lang): string[] {
  const pct = (v: number) => formatShare(v, lang).replace(/\.0(?=\D|$)/, '').replace(/,0(?=\D|$)/, '');
  return SHARE_CLASSES.map((c, i) => {
    if (i === 0) return `< ${pct(c.to!)}`;
    if (c.to === null) return pct(c.from);
    if (c.to === 1) return `${pct(c.from)} – < ${pct(1)}`;
    return `${pct(c.from)} – ${pct(c.to)}`;
  });
}

export function choroplethLegend(spec: IndicatorSpec, t: Messages, lang: Lang): Legend {
  const labels = shareClassLabels(lang);
  return {
    title: spec.measured[lang],
    entries: [
      ...SHARE_CLASSES.map((c, i) => ({ swatch: { kind: 'fill' as const, color: c.color }, label: labels[i]! })),
      { swatch: { kind: 'hatch' }, label: t.legendNotApplicable, wide: true },
      { swatch: { kind: 'outline', color: STATUS_COLORS.met }, label: t.legendMet, wide: true },
      { swatch: { kind: 'outline', color: STATUS_COLORS.not_met, dashed: true }, label: t.legendNotMet, wide: true },
    ],
    notes: [],
  };
}

const carrierEntries = (t: Messages, lang: Lang, shape: 'dot' | 'fill'): LegendEntry[] => [
  ...Object.entries(CARRIER_COLORS).map(([id, color]) => ({ swatch: { kind: shape, color } as Swatch, label: BASIC_CARRIERS[id]?.[lang] ?? id })),
  { swatch: { kind: shape, color: OTHER_CARRIER_COLOR } as Swatch, label: t.carrierOther },
];

export function overlayLegend(overlay: Overlay, t: Messages, lang: Lang, colour: BuildingColour): Legend {
  switch (overlay) {
    case 'buildings': {
      const tiers: Record<number, keyof Messages> = { 100: 'tier100', 20: 'tier20', 12: 'tier12', 4: 'tier4', 1: 'tier1', 0: 'tier0' };
      const entries: LegendEntry[] =
        colour === 'tier'
          ? TIER_CLASSES.map((c) => ({ swatch: { kind: 'dot', color: c.color }, label: t[tiers[c.tier]!] }))
          : [...carrierEntries(t, lang, 'dot'), { swatch: { kind: 'dot', color: NO_CARRIER_COLOR }, label: t.carrierNone }];
      return { title: colour === 'tier' ? t.tierLegendUnit : undefined, entries, notes: [t.binnedNote] };
    }
    case 'fixed_service':
      return {
        entries: [...carrierEntries(t, lang, 'fill'), { swatch: { kind: 'line', color: '#5b6b7b', dashed: true }, label: t.plannedDashed, wide: true }],
        notes: [],
      };
    case 'wifi_hotspots':
      return { entries: [{ swatch: { kind: 'reach', color: WIFI_COLOR }, label: t.hotspot }], notes: [t.reachNote, fill(t.minZoomNote, { z: 9 })] };
    case 'public_places':
      return {
        entries: [
          { swatch: { kind: 'dot', color: PLACE_COLORS.covered, size: 11 }, label: t.placeCovered },
          { swatch: { kind: 'dot', color: PLACE_COLORS.uncovered, size: 11 }, label: t.placeUncovered },
        ],
        notes: [t.placeMainNote, fill(t.minZoomNote, { z: 9 })],
      };
    case 'mobile_sites':
      return {
        entries: Object.entries(GENERATION_COLORS).map(([g, color]) => ({ swatch: { kind: 'reach', color }, label: g.toUpperCase() })),
        notes: [t.reachNote],
      };
    case 'villages':
      return {
        entries: [
          { swatch: { kind: 'dot', color: STATION_COLORS.full! }, label: t.stationFull },
          { swatch: { kind: 'dot', color: STATION_COLORS.partial! }, label: t.stationPartial },
          { swatch: { kind: 'dot', color: STATION_COLORS.none! }, label: t.stationNone },
          { swatch: { kind: 'dot', color: '#ffffff', ring: '#6b7785' }, label: t.stationNA },
        ],
        notes: [],
      };
    case 'ducts': {
      const spareLabel = (i: number) => {
        const from = SPARE_CLASSES[i]!.from;
        const next = SPARE_CLASSES[i + 1]?.from;
        if (from === 0) return t.ductsSpare0;
        return next === undefined ? `≥ ${from}` : next - 1 === from ? `${from}` : `${from}–${next - 1}`;
      };
      return {
        title: t.ductsColour,
        entries: [
          ...SPARE_CLASSES.map((c, i) => ({ swatch: { kind: 'line' as const, color: c.color, width: 3 }, label: spareLabel(i) })),
          ...DUCT_WIDTHS.map(([n, px]) => ({ swatch: { kind: 'line' as const, color: '#5b6b7b', width: px }, label: fill(t.ductsWidthSample, { n }) })),
        ],
        notes: [t.ductsWidth, fill(t.minZoomNote, { z: 8 })],
      };
    }
    case 'basemap':
      return { entries: [], notes: [] };
  }
}
