/**
 * UI strings in Chinese (the default) and English. Components take a `Messages` object for the
 * current language; nothing here is reactive, so it is just as usable from plain modules.
 */
import type { Bilingual } from './api';

export type Lang = 'zh' | 'en';

export const LANGS: readonly Lang[] = ['zh', 'en'];

export const DEFAULT_LANG: Lang = 'zh';

/** How each language names itself on the switch. */
export const LANG_NAMES: Readonly<Record<Lang, string>> = { zh: '中文', en: 'English' };

/** The BCP 47 tag for `<html lang>`, so the browser picks CJK glyph shapes for Simplified Chinese. */
export const LANG_TAGS: Readonly<Record<Lang, string>> = { zh: 'zh-CN', en: 'en' };

export interface Messages {
  appName: string;
  /** Shown after the city name in the header. */
  subtitle: string;
  demoBadge: string;
  demoBadgeTitle: string;
  loading: string;
  unreachableTitle: string;
  unreachableBody: string;
  loadFailedTitle: string;
  retry: string;
  languageSwitch: string;
  mapLabel: string;
  districts: string;
  townships: string;
}

const zh: Messages = {
  appName: '宽带地图',
  subtitle: '宽带与信息基础设施',
  demoBadge: '演示数据 · Demo data',
  demoBadgeTitle: '这是在真实行政区划上生成的合成数据，不代表实际网络。',
  loading: '正在加载地图…',
  unreachableTitle: '无法连接到地图服务器',
  unreachableBody: '请确认 atlas 服务正在运行，然后重试。',
  loadFailedTitle: '地图数据加载失败',
  retry: '重试',
  languageSwitch: '界面语言',
  mapLabel: '行政区划地图',
  districts: '区县',
  townships: '乡镇街道',
};

const en: Messages = {
  appName: 'Broadband Atlas',
  subtitle: 'Broadband & information infrastructure',
  demoBadge: '演示数据 · Demo data',
  demoBadgeTitle: 'Synthetic data generated on the real administrative boundaries; it does not describe the actual network.',
  loading: 'Loading the map…',
  unreachableTitle: 'Cannot reach the atlas server',
  unreachableBody: 'Check that the atlas service is running, then try again.',
  loadFailedTitle: 'The map data could not be loaded',
  retry: 'Retry',
  languageSwitch: 'Interface language',
  mapLabel: 'Map of administrative divisions',
  districts: 'Districts',
  townships: 'Townships',
};

const MESSAGES: Readonly<Record<Lang, Messages>> = { zh, en };

export function messages(lang: Lang): Messages {
  return MESSAGES[lang];
}

/** MapLibre's own UI strings (control tooltips), keyed as in its default locale. */
const MAP_LOCALES: Readonly<Record<Lang, Record<string, string>>> = {
  zh: {
    'NavigationControl.ZoomIn': '放大',
    'NavigationControl.ZoomOut': '缩小',
    'NavigationControl.ResetBearing': '重置为正北',
    'AttributionControl.ToggleAttribution': '显示或隐藏版权信息',
    'ScaleControl.Meters': '米',
    'ScaleControl.Kilometers': '公里',
    'Map.Title': '地图',
  },
  en: {
    'NavigationControl.ZoomIn': 'Zoom in',
    'NavigationControl.ZoomOut': 'Zoom out',
    'NavigationControl.ResetBearing': 'Reset north',
    'AttributionControl.ToggleAttribution': 'Toggle attribution',
    'ScaleControl.Meters': 'm',
    'ScaleControl.Kilometers': 'km',
    'Map.Title': 'Map',
  },
};

export function mapLocale(lang: Lang): Record<string, string> {
  return MAP_LOCALES[lang];
}

/** Pick one side of a `{zh, en}` pair coming from the API. */
export function pick(text: Bilingual, lang: Lang): string {
  return text[lang];
}

export function isLang(value: unknown): value is Lang {
  return value === 'zh' || value === 'en';
}

const STORAGE_KEY = 'atlas.lang';

/** The language to start in: `?lang=` first, then the last choice, then Chinese. */
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
