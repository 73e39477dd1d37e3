/**
 * Language for the compliance and upload pages: Chinese by default, English behind the switch.
 * The choice is remembered under the same key as the map page's, so all three pages agree.
 * Page-specific strings live beside each page (compliance/messages.ts, upload/messages.ts);
 * the strings every page shares (header, navigation, errors) are here.
 */
export type Lang = 'zh' | 'en';

export interface Bilingual {
  zh: string;
  en: string;
}

export const LANGS: readonly Lang[] = ['zh', 'en'];
export const LANG_NAMES: Readonly<Record<Lang, string>> = { zh: '中文', en: 'English' };
/** `<html lang>`: zh-CN so the browser picks Simplified Chinese glyph shapes. */
export const LANG_TAGS: Readonly<Record<Lang, string>> = { zh: 'zh-CN', en: 'en' };

const STORAGE_KEY = 'atlas.lang';

export function isLang(value: unknown): value is Lang {
  return value === 'zh' || value === 'en';
}

/** `?lang=` first, then the last choice on any page, then Chinese. */
export function initialLang(): Lang {
  const fromQuery = new URLSearchParams(window.location.search).get('lang');
  if (isLang(fromQuery)) return fromQuery;
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (isLang(stored)) return stored;
  } catch {
    // Storage off (private mode, sandboxed frame): the default will do.
  }
  return 'zh';
}

export function rememberLang(lang: Lang): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // As above: not remembering is fine.
  }
}

/** Set `<html lang>` and the tab title for a language. */
export function applyDocumentLang(lang: Lang, title: Bilingual): void {
  document.documentElement.lang = LANG_TAGS[lang];
  document.title = `${title[lang]} · ${lang === 'zh' ? 'Broadband Atlas' : '宽带地图'}`;
}

/** Pick one side of a `{zh, en}` pair. */
export function pick(text: Bilingual, lang: Lang): string {
  return text[lang];
}

export interface CommonMessages {
  appName: string;
  nav: { map: string; compliance: string; upload: string };
  navLabel: string;
  demoBadge: string;
  demoBadgeTitle: string;
  languageSwitch: string;
  loading: string;
  retry: string;
  unreachableTitle: string;
  unreachableBody: string;
  loadFailedTitle: string;
}

const zh: CommonMessages = {
  appName: '宽带地图',
  nav: { map: '地图', compliance: '达标情况', upload: '数据上报' },
  navLabel: '页面',
  demoBadge: '演示数据 · Demo data',
  demoBadgeTitle: '这是在真实行政区划上生成的合成数据，不代表实际网络。',
  languageSwitch: '界面语言',
  loading: '正在加载…',
  retry: '重试',
  unreachableTitle: '无法连接到服务器',
  unreachableBody: '请确认 atlas 服务正在运行，然后重试。',
  loadFailedTitle: '数据加载失败',
};

const en: CommonMessages = {
  appName: 'Broadband Atlas',
  nav: { map: 'Map', compliance: 'Compliance', upload: 'Upload' },
  navLabel: 'Pages',
  demoBadge: '演示数据 · Demo data',
  demoBadgeTitle: 'Synthetic data generated on the real administrative boundaries; it does not describe the actual network.',
  languageSwitch: 'Interface language',
  loading: 'Loading…',
  retry: 'Retry',
  unreachableTitle: 'Cannot reach the atlas server',
  unreachableBody: 'Check that the atlas service is running, then try again.',
  loadFailedTitle: 'The data could not be loaded',
};

export const COMMON: Readonly<Record<Lang, CommonMessages>> = { zh, en };
