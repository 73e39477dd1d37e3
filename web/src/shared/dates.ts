/**
 * The time slider's calendar: positions are months since January 2012 (the first date the atlas
 * shows); a position stands for the last day of its month, or today for the current month. In
 * quarter steps only quarter ends (March, June, September, December) are positions.
 */
export const FIRST_DATE = '2012-01-01';
const FIRST_YEAR = 2012;

export type Step = 'month' | 'quarter';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Today in the browser's own calendar, as YYYY-MM-DD. */
export function localToday(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Whole days from one ISO date to another (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Keep a date within FIRST_DATE … today. */
export function clampDate(date: string, today: string): string {
  if (date < FIRST_DATE) return FIRST_DATE;
  if (date > today) return today;
  return date;
}

/** The month position of a date (0 = January 2012). */
export function monthIndex(date: string): number {
  return (Number(date.slice(0, 4)) - FIRST_YEAR) * 12 + Number(date.slice(5, 7)) - 1;
}

/** The last day of a month position, or today when that is earlier. */
export function monthEnd(index: number, today: string): string {
  const year = FIRST_YEAR + Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return clampDate(`${year}-${pad(month)}-${pad(lastDay)}`, today);
}

/** Slider bounds and step for a step size: quarter positions are the quarter ends. */
export function sliderRange(step: Step, today: string): { min: number; max: number; step: number } {
  const last = monthIndex(today);
  if (step === 'month') return { min: 0, max: last, step: 1 };
  // Quarter ends are months 2, 5, 8, 11 (0-based); the current quarter's end may be in the future,
  // so the last position is the current quarter's end, which monthEnd caps at today.
  return { min: 2, max: last + ((2 - (last % 3) + 3) % 3), step: 3 };
}

/** The slider position closest to a date for a step size. */
export function positionOf(date: string, step: Step): number {
  const m = monthIndex(date);
  if (step === 'month') return m;
  return m + ((2 - (m % 3) + 3) % 3);
}

/** One step earlier or later than a date, as a date. */
export function stepDate(date: string, step: Step, direction: 1 | -1, today: string): string {
  const range = sliderRange(step, today);
  const pos = positionOf(date, step);
  // A date inside a period moves forward to its period's end first; backward always goes to the
  // previous period's end (which is before the date).
  const next = direction > 0 ? (date < monthEnd(pos, today) ? pos : pos + range.step) : pos - range.step;
  const result = monthEnd(Math.min(range.max, Math.max(range.min, next)), today);
  return direction < 0 && result >= date ? FIRST_DATE : result;
}

/** Years to mark under the slider. */
export function yearTicks(today: string): { year: number; position: number }[] {
  const out: { year: number; position: number }[] = [];
  for (let y = FIRST_YEAR; y <= Number(today.slice(0, 4)); y++) out.push({ year: y, position: (y - FIRST_YEAR) * 12 });
  return out;
}
