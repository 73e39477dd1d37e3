/**
 * Numbers and dates in the reader's language (Intl, formatters cached per language).
 *
 * A share is shown to one decimal of a percent and never rounded up to 100 % or down to 0 %:
 * an area at 99.96 % has not met a 100 % target, and the table must not say "100 %" beside
 * "not met". The browser tests read the figures back through the same rule.
 */
import { LANG_TAGS, type Lang } from './i18n';
import type { Unit } from './api';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${lang}|${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.NumberFormat(LANG_TAGS[lang], options)));
  return f;
}

function dateFormat(lang: Lang, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${lang}|${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(LANG_TAGS[lang], { timeZone: 'UTC', ...options })));
  return f;
}

export function formatInteger(value: number, lang: Lang): string {
  return numberFormat(lang, { maximumFractionDigits: 0 }).format(value);
}

export function formatNumber(value: number, lang: Lang, digits = 1): string {
  return numberFormat(lang, { maximumFractionDigits: digits }).format(value);
}

/** A share 0..1 as percent with one decimal, never rounded to 0 or 100 (see above). */
export function sharePercent(value: number): number {
  const tenths = Math.round(value * 1000);
  if (tenths >= 1000 && value < 1) return 99.9;
  if (tenths <= 0 && value > 0) return 0.1;
  return tenths / 10;
}

export function formatShare(value: number | null, lang: Lang): string {
  if (value === null) return '—';
  return numberFormat(lang, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(sharePercent(value) / 100);
}

/** An indicator's value in its unit: a share as a percentage, egress in Gbit/s. */
export function formatValue(value: number | null, unit: Unit, lang: Lang): string {
  if (value === null) return '—';
  if (unit === 'Gbit/s') return `${formatNumber(value, lang, 1)} Gbit/s`;
  return formatShare(value, lang);
}

/** "≥ 95.0%", "≥ 500 Gbit/s", or "—" for an informational indicator. */
export function formatTarget(target: number | null, unit: Unit, lang: Lang): string {
  if (target === null) return '—';
  return `≥ ${unit === 'Gbit/s' ? `${formatNumber(target, lang, 1)} Gbit/s` : formatShare(target, lang)}`;
}

/** A target, short: "≥100%", "≥95%", "≥500 Gbit/s"; "—" for an informational indicator. */
export function formatTargetShort(target: number | null, unit: Unit, lang: Lang): string {
  if (target === null) return '—';
  if (unit === 'Gbit/s') return `≥${formatNumber(target, lang, 1)} Gbit/s`;
  return `≥${numberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(target)}`;
}

/** "943 / 962", or "—" when either side is missing. */
export function formatFraction(numerator: number | null, denominator: number | null, lang: Lang): string {
  if (numerator === null || denominator === null) return '—';
  return `${formatInteger(numerator, lang)} / ${formatInteger(denominator, lang)}`;
}

/** 2015年12月31日 / 31 Dec 2015. */
export function formatDate(iso: string, lang: Lang): string {
  return dateFormat(lang, { year: 'numeric', month: lang === 'zh' ? 'long' : 'short', day: 'numeric' }).format(new Date(`${iso}T00:00:00Z`));
}

/** A moment in the reader's own time zone: 2026年11月28日 15:04 / 28 Nov 2026, 15:04. */
export function formatDateTime(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(LANG_TAGS[lang], { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** A byte count: 812 B, 3.4 MB. */
export function formatBytes(bytes: number, lang: Lang): string {
  if (bytes < 1024) return `${formatInteger(bytes, lang)} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, lang, 1)} KB`;
  return `${formatNumber(bytes / (1024 * 1024), lang, 1)} MB`;
}

/** Whole days from one ISO date to another (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Today in the browser's calendar, YYYY-MM-DD. */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}
