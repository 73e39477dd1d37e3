/**
 * Numbers and dates in the reader's language, through Intl (formatters cached per language).
 *
 * Shares are shown to one decimal of a percent, and never rounded up to 100 % or down to 0 %:
 * a district at 99.96 % has not met a 100 % target, and the map must not say "100 %" beside
 * "not met". Figures the tests compare with the API go through these same functions.
 */
import type { IndicatorResult, IndicatorSpec } from '../../../geodata/contract';
import { LANG_TAGS, type Lang } from './lang';

/** Intl locales: Simplified Chinese; English with day-month-year dates (31 Dec 2015). */
const LOCALES: Readonly<Record<Lang, string>> = { zh: 'zh-CN', en: 'en-GB' };

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${lang}|${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.NumberFormat(LOCALES[lang], options)));
  return f;
}

function dateFormat(lang: Lang, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${lang}|${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(LOCALES[lang], { timeZone: 'UTC', ...options })));
  return f;
}

/** A whole number with grouping: 40 875 / 40,875. */
export function formatInteger(value: number, lang: Lang): string {
  return numberFormat(lang, { maximumFractionDigits: 0 }).format(value);
}

/** A number with at most `digits` decimals. */
export function formatNumber(value: number, lang: Lang, digits = 1): string {
  return numberFormat(lang, { maximumFractionDigits: digits }).format(value);
}

/** The share shown for a value 0..1, to one decimal of a percent, never rounded to 0 or 100. */
export function shareDigits(value: number): number {
  const tenths = Math.round(value * 1000);
  if (tenths >= 1000 && value < 1) return 99.9;
  if (tenths <= 0 && value > 0) return 0.1;
  return tenths / 10;
}

/** 98.1% — or "—" when there is no value. */
export function formatShare(value: number | null, lang: Lang): string {
  if (value === null) return '—';
  return numberFormat(lang, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(shareDigits(value) / 100);
}

/** A change of share in percentage points: +1.2 pp / +1.2 个百分点. */
export function formatPoints(delta: number, lang: Lang): string {
  const n = numberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(Math.round(delta * 1000) / 10);
  return lang === 'zh' ? `${n} 个百分点` : `${n} pp`;
}

/** An indicator's value in its own unit: a share as a percentage, egress in Gbit/s. */
export function formatValue(value: number | null, unit: IndicatorSpec['unit'], lang: Lang): string {
  if (value === null) return '—';
  if (unit === 'Gbit/s') return `${formatNumber(value, lang, 1)} Gbit/s`;
  return formatShare(value, lang);
}

/** An indicator's target: "≥ 95.0%", "≥ 500 Gbit/s", or "—" for an informational one. */
export function formatTarget(spec: Pick<IndicatorSpec, 'target' | 'unit'>, lang: Lang): string {
  if (spec.target === null) return '—';
  return `≥ ${spec.unit === 'Gbit/s' ? `${formatNumber(spec.target, lang, 1)} Gbit/s` : formatShare(spec.target, lang)}`;
}

/** A target, short: "≥100%", "≥95%", "≥500 Gbit/s"; "—" for an informational indicator. */
export function formatTargetShort(spec: Pick<IndicatorSpec, 'target' | 'unit'>, lang: Lang): string {
  if (spec.target === null) return '—';
  if (spec.unit === 'Gbit/s') return `≥${formatNumber(spec.target, lang, 1)} Gbit/s`;
  return `≥${numberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(spec.target)}`;
}

/** Numerator and denominator, "943 / 962", or "—" when either side is missing. */
export function formatFraction(result: Pick<IndicatorResult, 'numerator' | 'denominator'>, lang: Lang): string {
  if (result.numerator === null || result.denominator === null) return '—';
  return `${formatInteger(result.numerator, lang)} / ${formatInteger(result.denominator, lang)}`;
}

/** 2015年12月31日 / 31 Dec 2015. */
export function formatDate(iso: string, lang: Lang): string {
  return dateFormat(lang, { year: 'numeric', month: lang === 'zh' ? 'long' : 'short', day: 'numeric' }).format(new Date(`${iso}T00:00:00Z`));
}

/** A moment in the reader's own time zone and the browser's `<html lang>` locale: 2026年11月28日 15:04. */
export function formatDateTime(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(LANG_TAGS[lang], { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** Metres, switching to kilometres from 1 km: 850 米 / 1.2 公里. */
export function formatDistance(metres: number | null, lang: Lang): string {
  if (metres === null) return '—';
  if (metres >= 1000) return `${formatNumber(metres / 1000, lang, 1)} ${lang === 'zh' ? '公里' : 'km'}`;
  return `${formatNumber(metres, lang, metres < 10 ? 1 : 0)} ${lang === 'zh' ? '米' : 'm'}`;
}

/** A speed in Mbit/s. */
export function formatMbps(mbps: number, lang: Lang): string {
  return `${formatInteger(mbps, lang)} Mbit/s`;
}

/** A byte count: 812 B, 3.4 MB. */
export function formatBytes(bytes: number, lang: Lang): string {
  if (bytes < 1024) return `${formatInteger(bytes, lang)} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, lang, 1)} KB`;
  return `${formatNumber(bytes / (1024 * 1024), lang, 1)} MB`;
}
