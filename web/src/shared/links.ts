/**
 * The three pages and the links between them. A link to the map is written with the map page's
 * own URL encoder (url-state.ts), so it always opens the view it names.
 */
import { DEFAULT_VIEW, formatUrlView } from './url-state';
import type { Level, ServiceView } from '../../../geodata/contract';

export type PageId = 'map' | 'compliance' | 'upload';

export const PAGE_PATHS: Readonly<Record<PageId, string>> = { map: '/', compliance: '/compliance', upload: '/upload' };

export const PAGE_ORDER: readonly PageId[] = ['map', 'compliance', 'upload'];

/**
 * The map showing one area and one indicator as of a date: the indicator's choropleth at the
 * area's level, the area selected. The city total selects nothing (the whole city is in view).
 */
export function mapLink(options: { area: string; level: Level; indicator: string; asOf: string; view: ServiceView }): string {
  const selected = options.level === 'district' || options.level === 'township';
  return (
    PAGE_PATHS.map +
    formatUrlView({
      ...DEFAULT_VIEW,
      date: options.asOf,
      indicator: options.indicator,
      level: options.level === 'township' ? 'township' : 'district',
      view: options.view,
      selection: selected ? { kind: 'area', code: options.area } : null,
    })
  );
}
