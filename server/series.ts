/**
 * An area's figures over time (`/api/areas/{code}`), computed so that no request holds the
 * server for long and the same work is not done twice:
 *
 * - one date at a time through `engine.figuresOf` (one area's figures, not the level's 24,000
 *   grid cells per date, as `compliance()` would give), yielding to the event loop after each
 *   new date: a long series is many short slices, and other requests are served between them;
 * - each computed date gives the figures of every city, district and township at once (the
 *   pass over the buildings is the cost, the per-area figures are nearly free) and they are
 *   kept for the engine's version: the compliance page's charts — the city and each district,
 *   asked for at once — cost one pass per date between them, not one each;
 * - a write landing between two slices moves the engine on: the series starts again at the new
 *   version (a few times at most; then it finishes without yielding), so one answer never
 *   mixes versions.
 */
import type { IndicatorResult, Level } from '../geodata/engine/engine';
import type { View } from '../geodata/engine/fixed-service';
import type { Atlas } from './atlas';
import type { EngineState } from './engine-service';

/** Dates kept (for all non-grid areas of one engine version and view each). */
const KEEP_DATES = 512;
const RESTARTS = 3;
const LEVELS_TOGETHER: readonly Level[] = ['city', 'district', 'township'];

export interface SeriesPoint {
  asOf: string;
  indicators: IndicatorResult[];
}

export class SeriesService {
  private readonly kept = new Map<string, Map<string, IndicatorResult[]>>();

  constructor(private readonly atlas: Atlas) {}

  /**
   * The series of `code` (at `level`) over `dates`; `pause()` is awaited between computed dates
   * (it yields, and holds a caller past its share: security/budget.ts `pace`). Returns the engine
   * state it was computed at.
   */
  async series(code: string, level: Level, dates: readonly string[], view: View, pause: () => Promise<void>): Promise<{ state: EngineState; points: SeriesPoint[] }> {
    for (let attempt = 0; ; attempt++) {
      const state = this.atlas.engine.current();
      const slice = attempt < RESTARTS;
      const points: SeriesPoint[] = [];
      let moved = false;
      for (const asOf of dates) {
        const { indicators, computed } = this.at(state, level, code, asOf, view);
        points.push({ asOf, indicators });
        if (!computed || !slice) continue;
        await pause();
        const now = this.atlas.engine.current();
        if (now.version !== state.version || now.build !== state.build) {
          moved = true;
          break;
        }
      }
      if (!moved) return { state, points };
    }
  }

  /** One area's figures at one date, and whether they had to be computed. */
  private at(state: EngineState, level: Level, code: string, asOf: string, view: View): { indicators: IndicatorResult[]; computed: boolean } {
    const key = `${state.build}:${state.version}:${state.targetsHash}:${view}:${level === 'grid' ? `grid:${code}` : 'areas'}:${asOf}`;
    const hit = this.kept.get(key);
    if (hit?.has(code)) {
      // Refresh its place: the dates in use stay.
      this.kept.delete(key);
      this.kept.set(key, hit);
      return { indicators: hit.get(code)!, computed: false };
    }
    const { engine } = state;
    const figures = new Map<string, IndicatorResult[]>();
    if (level === 'grid') figures.set(code, engine.figuresOf('grid', asOf, view)(code) ?? []);
    else {
      for (const l of LEVELS_TOGETHER) {
        const of = engine.figuresOf(l, asOf, view);
        for (const area of codesOf(state, l)) figures.set(area, of(area) ?? []);
      }
    }
    this.kept.set(key, figures);
    while (this.kept.size > KEEP_DATES) this.kept.delete(this.kept.keys().next().value!);
    return { indicators: figures.get(code) ?? [], computed: true };
  }
}

function codesOf(state: EngineState, level: Level): string[] {
  const g = state.engine.geography;
  if (level === 'city') return [state.engine.options.city.code];
  return (level === 'district' ? g.districts : g.townships).map((a) => a.code);
}
