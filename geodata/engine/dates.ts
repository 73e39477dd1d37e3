/**
 * Dates as whole days since 1970-01-01 (UTC), so "in service by D" is an integer comparison in
 * typed arrays. NEVER stands for "not yet, on any date".
 */
export const NEVER = 2 ** 31 - 1;

const DAY_MS = 86_400_000;

/**
 * Days since 1970-01-01 of a YYYY-MM-DD date, by arithmetic (H. Hinnant's days_from_civil):
 * millions of records are parsed at start, and Date.parse is ten times slower.
 */
export function dayNumber(isoDate: string): number {
  if (isoDate.length !== 10 || isoDate.charCodeAt(4) !== 45 || isoDate.charCodeAt(7) !== 45) throw new Error(`not a date: ${JSON.stringify(isoDate)}`);
  let y = digits(isoDate, 0, 4);
  const m = digits(isoDate, 5, 7);
  const d = digits(isoDate, 8, 10);
  if (m < 1 || m > 12 || d < 1 || d > 31) throw new Error(`not a date: ${JSON.stringify(isoDate)}`);
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function digits(s: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) throw new Error(`not a date: ${JSON.stringify(s)}`);
    v = v * 10 + c;
  }
  return v;
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
