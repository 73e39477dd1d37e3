/** The what-if answer as rows to show: each indicator's value now → with the promise, and the change. */
import type { Status, WhatIfResponse } from '../../../../../geodata/contract';

export interface WhatIfRow {
  id: string;
  denominator: number;
  before: { numerator: number; value: number | null; status: Status };
  after: { numerator: number; value: number | null; status: Status };
  /** after − before, as a share (0 when either is missing). */
  delta: number;
  gained: number;
}

export interface WhatIfArea {
  level: WhatIfResponse['areas'][number]['level'];
  code: string;
  name: string;
  rows: WhatIfRow[];
  changed: boolean;
}

export function whatIfAreas(response: WhatIfResponse): WhatIfArea[] {
  return response.areas.map((area) => {
    const rows = area.indicators.map((r) => ({
      ...r,
      delta: r.before.value !== null && r.after.value !== null ? r.after.value - r.before.value : 0,
      gained: r.after.numerator - r.before.numerator,
    }));
    return { level: area.level, code: area.code, name: area.name, rows, changed: rows.some((r) => r.gained > 0) };
  });
}

/** A speed typed by the user: a whole number of Mbit/s from 1 to 100 000, or null. */
export function parseSpeed(raw: string | number): number | null {
  const text = String(raw).trim();
  if (!/^\d{1,6}$/.test(text)) return null;
  const n = Number(text);
  return n >= 1 && n <= 100_000 ? n : null;
}
