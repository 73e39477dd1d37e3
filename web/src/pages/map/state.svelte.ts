/**
 * The page's state, in one place: language, date, indicator, layers, selection, camera. Plain
 * values in runes; the URL is derived from it (shared/url-state.ts) so a link restores the view.
 * Components read it and call its methods; the map components turn it into MapLibre calls.
 */
import type { Level, ServiceView } from '../../../../geodata/contract';
import { levelOfCode } from './lib/areas';
import { clampDate, localToday, type Step } from '../../shared/dates';
import type { Lang } from './lib/i18n';
import { OVERLAYS, type BuildingColour, type Camera, type ChoroplethLevel, type LinkedSelection, type Overlay, type UrlView } from '../../shared/url-state';

/** Point and line layers whose features open a properties panel. */
export type FeatureLayer = 'villages' | 'public_places' | 'wifi_hotspots' | 'mobile_sites' | 'ducts' | 'fixed_service' | 'buildings_binned';

export type Selection =
  | { kind: 'area'; level: Level; code: string }
  | { kind: 'building'; id: string; position?: [number, number] }
  | { kind: 'feature'; layer: FeatureLayer; id: string; properties: Record<string, unknown> | null; position: [number, number] | null };

export type Tab = 'layers' | 'gaps' | 'whatif';

export class AtlasState {
  readonly today = localToday();
  lang = $state<Lang>('zh');
  asOf = $state<string>(this.today);
  step = $state<Step>('month');
  view = $state<ServiceView>('in_service');
  /** The indicator picked, or null for the catalogue's first. */
  indicator = $state<string | null>(null);
  level = $state<ChoroplethLevel>('district');
  overlays = $state<Record<Overlay, boolean>>(Object.fromEntries(OVERLAYS.map((o) => [o, false])) as Record<Overlay, boolean>);
  buildingColour = $state<BuildingColour>('tier');
  selection = $state.raw<Selection | null>(null);
  camera = $state.raw<Camera | null>(null);
  tab = $state<Tab>('layers');
  /** Drawing a what-if polygon: map clicks add corners instead of selecting. */
  drawing = $state(false);

  constructor(url: UrlView, lang: Lang) {
    this.lang = lang;
    if (url.date) this.asOf = clampDate(url.date, this.today);
    this.step = url.step;
    this.view = url.view;
    this.indicator = url.indicator;
    this.level = url.level;
    for (const o of url.overlays) this.overlays[o] = true;
    this.buildingColour = url.colour;
    this.camera = url.camera;
    if (url.selection) this.selection = url.selection.kind === 'area' ? { kind: 'area', level: levelOfCode(url.selection.code), code: url.selection.code } : url.selection;
  }

  /** What the address bar shows. */
  urlView(): UrlView {
    const s = this.selection;
    const linked: LinkedSelection | null = s?.kind === 'area' ? { kind: 'area', code: s.code } : s?.kind === 'building' ? { kind: 'building', id: s.id } : null;
    return {
      lang: this.lang,
      date: this.asOf === this.today ? null : this.asOf,
      indicator: this.indicator,
      level: this.level,
      overlays: OVERLAYS.filter((o) => this.overlays[o]),
      colour: this.buildingColour,
      view: this.view,
      step: this.step,
      camera: this.camera,
      selection: linked,
    };
  }

  setDate(date: string): void {
    this.asOf = clampDate(date, this.today);
  }

  select(selection: Selection | null): void {
    this.selection = selection;
  }
}
