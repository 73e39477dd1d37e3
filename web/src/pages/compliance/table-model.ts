/**
 * The compliance table as data: rows of areas (the city total, the districts, a district's
 * townships), each with its result per indicator, and how a result is to be shown. Pure: the
 * components only lay it out.
 */
import type { AreaResult, Bilingual, ComplianceResponse, IndicatorResult } from '../../../../geodata/contract';
import type { Lang } from '../../shared/i18n';

export interface Row {
  level: AreaResult['level'];
  code: string;
  name: Bilingual;
  parent: string | null;
  results: ReadonlyMap<string, IndicatorResult>;
}

/** Area names in both languages, by code (the API names areas in Chinese only). */
export type NameBook = ReadonlyMap<string, Bilingual>;

function toRow(area: AreaResult, names: NameBook): Row {
  return {
    level: area.level,
    code: area.code,
    name: names.get(area.code) ?? { zh: area.name, en: area.name },
    parent: area.parent,
    results: new Map(area.indicators.map((r) => [r.id, r])),
  };
}

/** The city total first, then the districts in code order. */
export function topRows(city: ComplianceResponse, districts: ComplianceResponse, names: NameBook): Row[] {
  const byCode = (a: AreaResult, b: AreaResult) => a.code.localeCompare(b.code);
  return [...city.areas.map((a) => toRow(a, names)), ...[...districts.areas].sort(byCode).map((a) => toRow(a, names))];
}

/** A district's townships, in code order. */
export function townshipRows(townships: ComplianceResponse, district: string, names: NameBook): Row[] {
  return townships.areas
    .filter((a) => a.parent === district)
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((a) => toRow(a, names));
}

/**
 * How a result reads: its tone (colour) and whether it is late. A target not met before its
 * deadline is pending; from the deadline day on it is overdue.
 */
export type Tone = 'met' | 'late' | 'pending' | 'none' | 'info' | 'na';

export function toneOf(result: IndicatorResult): Tone {
  switch (result.status) {
    case 'met':
      return 'met';
    case 'not_met':
      return result.due ? 'late' : 'pending';
    case 'no_data':
      return 'none';
    case 'informational':
      return 'info';
    case 'not_applicable':
      return 'na';
  }
}

export function isOverdue(result: IndicatorResult): boolean {
  return result.status === 'not_met' && result.due;
}

/** The area names of the districts and townships layers, in both languages. */
export function nameBook(districts: { properties: Record<string, unknown> }[], townships: { properties: Record<string, unknown> }[]): Map<string, Bilingual> {
  const book = new Map<string, Bilingual>();
  const text = (v: unknown) => (typeof v === 'string' && v ? v : null);
  for (const f of districts) {
    const code = text(f.properties.code);
    const zh = text(f.properties.name);
    if (code && zh) book.set(code, { zh, en: text(f.properties.name_en) ?? zh });
  }
  for (const f of townships) {
    const code = text(f.properties.code);
    const zh = text(f.properties.name);
    if (code && zh) book.set(code, { zh, en: text(f.properties.name_pinyin) ?? zh });
  }
  return book;
}

/** The city's row name: "滁州市（全市）" / "Chuzhou (city total)". */
export function cityRowName(city: Bilingual, total: string, lang: Lang): string {
  return lang === 'zh' ? `${city.zh}（${total}）` : `${city.en} (${total.toLowerCase()})`;
}
