/**
 * The interface language, shared by all three pages: Chinese by default, English behind the
 * switch, the choice remembered under one key so the pages agree. Kept apart from the map's
 * strings (i18n.ts) so the compliance and upload pages do not load them.
 */
import type { Bilingual } from '../../../geodata/contract';

export type Lang = 'zh' | 'en';

export const LANGS: readonly Lang[] = ['zh', 'en'];

export const DEFAULT_LANG: Lang = 'zh';

/** How each language names itself on the switch. */
export const LANG_NAMES: Readonly<Record<Lang, string>> = { zh: '中文', en: 'English' };

/** The BCP 47 tag for `<html lang>` and Intl, so the browser picks Simplified Chinese glyph shapes. */
export const LANG_TAGS: Readonly<Record<Lang, string>> = { zh: 'zh-CN', en: 'en' };

/** Pick one side of a `{zh, en}` pair coming from the API. */
export function pick(text: Bilingual, lang: Lang): string {
  return text[lang];
}

export function isLang(value: unknown): value is Lang {
  return value === 'zh' || value === 'en';
}

const STORAGE_KEY = 'atlas.lang';

/** The language to start in: `?lang=` first, then the last choice on any page, then Chinese. */
export function initialLang(): Lang {
  const fromQuery = new URLSearchParams(window.location.search).get('lang');
  if (isLang(fromQuery)) return fromQuery;
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (isLang(stored)) return stored;
  } catch {
    // Storage can be off (private mode, sandboxed frame): the default will do.
  }
  return DEFAULT_LANG;
}

export function rememberLang(lang: Lang): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // As above: not remembering is fine.
  }
}
