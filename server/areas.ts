/**
 * Areas as the API lists them, a page at a time. A level's listing is cheap for the city,
 * districts and townships (tens to hundreds of areas), but the grid has one area per H3 cell —
 * 24,000 over Chuzhou: `engine.compliance('grid')` builds every one (0.5–0.7 s at the city
 * scale) and their JSON is 56 MB (another 1–2 s). So a page of the grid is built from its own
 * cells only (`engine.figuresOf`, one cell at a time: the same figures), with its header and the
 * city-wide counts from the city's listing, and a page is at most MAX_AREAS_PAGE areas.
 */
import { cellToLatLng } from 'h3-js';
import type { AreaResult, ComplianceResult, Level } from '../geodata/engine/engine';
import type { View } from '../geodata/engine/fixed-service';
import type { EngineState } from './engine-service';

/** Areas in one answer of /api/compliance: every district and township, a twelfth of the grid. */
export const MAX_AREAS_PAGE = 2_000;

/** The areas of a level from `offset`, at most `limit`, and how many the level has. */
export function areasPage(state: EngineState, level: Level, asOf: string, view: View, offset: number, limit: number): { result: ComplianceResult; total: number } {
  const { engine } = state;
  if (level !== 'grid') {
    const all = engine.compliance(level, asOf, view);
    return { result: { ...all, areas: all.areas.slice(offset, offset + limit) }, total: all.areas.length };
  }
  const cells = engine.geography.cellIds;
  const figures = engine.figuresOf('grid', asOf, view);
  const areas: AreaResult[] = cells.slice(offset, offset + limit).map((code) => ({ ...gridHeader(state, code), indicators: figures(code)! }));
  // Outside buildings and orphan records are city-wide counts: the city's listing has them.
  const { areas: _city, ...city } = engine.compliance('city', asOf, view);
  return { result: { ...city, level, areas }, total: cells.length };
}

/** A grid cell's name and parent: the district holding its centre, as the engine assigns it (ComplianceEngine.placeCells). */
function gridHeader(state: EngineState, code: string): Omit<AreaResult, 'indicators'> {
  const [lat, lng] = cellToLatLng(code);
  const d = state.engine.geography.locate(lng, lat).district;
  return { level: 'grid', code, name: code, name_en: code, parent: d >= 0 ? state.engine.geography.districts[d]!.code : null };
}
