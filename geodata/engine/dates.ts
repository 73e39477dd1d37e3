/**
 * Dates as whole days since 1970-01-01 (UTC), so "in service by D" is an integer comparison in
 * typed arrays. NEVER stands for "not yet, on any date".
 */
export const NEVER = 2 ** 31 - 1;

const DAY_MS = 86_400_000;

export function dayNumber(isoDate: string): number {
  const t = Date.parse(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(t)) throw new Error(`not a date: ${JSON.stringify(isoDate)}`);
  return Math.round(t / DAY_MS);
}

export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Today's date in UTC as YYYY-MM-DD. */
export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Steps for a progress series: each year's or quarter's last day, from `from` to `to` inclusive. */
export function seriesDates(from: string, to: string, step: 'year' | 'quarter'): string[] {
  const out: string[] = [];
  const startYear = Number(from.slice(0, 4));
  const endYear = Number(to.slice(0, 4));
  for (let y = startYear; y <= endYear; y++) {
    const ends = step === 'year' ? ['12-31'] : ['03-31', '06-30', '09-30', '12-31'];
    for (const md of ends) {
      const d = `${y}-${md}`;
      if (d >= from && d <= to) out.push(d);
    }
  }
  if (out[out.length - 1] !== to) out.push(to);
  return out;
}
