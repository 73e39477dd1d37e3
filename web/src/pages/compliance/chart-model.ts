/**
 * Progress charts as data: for one indicator, a line per area over the series dates, the target
 * as a level, the deadline as a date, and the scales and ticks to draw them. Pure numbers and SVG
 * path strings; ProgressChart.svelte only places them.
 */
import type { AreaFigures, IndicatorSpec } from '../../../../geodata/contract';

/** Distinct, print-safe line colours for up to ten districts (Tableau 10). */
export const LINE_COLORS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#b07aa1', '#edc948', '#9c755f', '#ff9da7', '#bab0ac'];
export const CITY_COLOR = '#1b2631';

export interface ChartSize {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

const DEFAULT_SIZE: ChartSize = { width: 360, height: 200, margin: { top: 12, right: 14, bottom: 26, left: 44 } };

export interface LinePoint {
  date: string;
  x: number;
  y: number | null;
  value: number | null;
}

export interface ChartLine {
  code: string;
  color: string;
  /** The city total: drawn thicker, on top. */
  emphasis: boolean;
  points: LinePoint[];
  /** The SVG path; gaps where a value is missing. */
  path: string;
}

export interface ChartModel {
  size: ChartSize;
  lines: ChartLine[];
  yTicks: { y: number; value: number }[];
  xTicks: { x: number; year: string }[];
  /** The target's y, or null (informational). */
  targetY: number | null;
  /** The deadline's x, or null when it lies outside the dates shown. */
  deadlineX: number | null;
  maxValue: number;
}

const DAY = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;

/** A round number at or above v: 1, 2, 2.5, 5 × 10^k. */
function niceCeil(v: number): number {
  if (!(v > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * power >= v) return m * power;
  return 10 * power;
}

/**
 * The chart of one indicator. `series` holds one entry per area (the city first); `colorOf`
 * gives each area's line colour.
 */
export function chartModel(indicator: IndicatorSpec, series: readonly AreaFigures[], colorOf: (code: string) => string, size: ChartSize = DEFAULT_SIZE): ChartModel | null {
  const dates = series[0]?.series.map((s) => s.asOf) ?? [];
  if (dates.length === 0) return null;
  const first = dayOf(dates[0]!);
  const last = dayOf(dates[dates.length - 1]!);
  const span = Math.max(1, last - first);
  const { width, height, margin } = size;
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;

  const values = series.flatMap((a) => a.series.map((s) => s.indicators.find((r) => r.id === indicator.id)?.value ?? null));
  const maxValue = Math.max(0, ...values.filter((v): v is number => v !== null));
  const share = indicator.unit !== 'Gbit/s';
  const yMax = share ? 1 : niceCeil(Math.max(maxValue, indicator.target ?? 0) * 1.1);

  const x = (day: number) => margin.left + ((day - first) / span) * plotW;
  const y = (v: number) => margin.top + plotH - (v / yMax) * plotH;

  const lines: ChartLine[] = series.map((area) => {
    const points = area.series.map((s) => {
      const value = s.indicators.find((r) => r.id === indicator.id)?.value ?? null;
      return { date: s.asOf, x: x(dayOf(s.asOf)), y: value === null ? null : y(Math.min(value, yMax)), value };
    });
    let path = '';
    let pen = false;
    for (const p of points) {
      if (p.y === null) {
        pen = false;
        continue;
      }
      path += `${pen ? 'L' : 'M'}${p.x.toFixed(1)} ${p.y.toFixed(1)}`;
      pen = true;
    }
    return { code: area.area.code, color: colorOf(area.area.code), emphasis: area.area.level === 'city', points, path };
  });
  // The city on top.
  lines.sort((a, b) => Number(a.emphasis) - Number(b.emphasis));

  const yTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => ({ y: y(f * yMax), value: f * yMax }));

  const firstYear = Number(dates[0]!.slice(0, 4));
  const lastYear = Number(dates[dates.length - 1]!.slice(0, 4));
  const every = Math.max(1, Math.ceil((lastYear - firstYear + 1) / 8));
  const xTicks: ChartModel['xTicks'] = [];
  for (let year = firstYear; year <= lastYear + 1; year++) {
    const day = dayOf(`${year}-01-01`);
    if (day < first || day > last || (year - firstYear) % every !== 0) continue;
    xTicks.push({ x: x(day), year: String(year) });
  }

  const deadline = dayOf(indicator.deadline);
  return {
    size,
    lines,
    yTicks,
    xTicks,
    targetY: indicator.target === null ? null : y(Math.min(indicator.target, yMax)),
    deadlineX: deadline >= first && deadline <= last ? x(deadline) : null,
    maxValue,
  };
}
