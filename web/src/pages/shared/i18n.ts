/**
 * Language for the compliance and upload pages: the language helpers are the map page's
 * (lib/lang.ts), so all three pages agree on the choice.
 * Page-specific strings live beside each page (compliance/messages.ts, upload/messages.ts);
 * the strings every page shares (header, navigation, errors) are here.
 */
import { LANG_TAGS, type Lang } from '../../lib/lang';
import type { Bilingual } from '../../lib/api';

export { initialLang, isLang, LANG_NAMES, LANG_TAGS, LANGS, pick, rememberLang, type Lang } from '../../lib/lang';
export type { Bilingual };

/** Set `<html lang>` and the tab title for a language. */
export function applyDocumentLang(lang: Lang, title: Bilingual): void {
  document.documentElement.lang = LANG_TAGS[lang];
  document.title = `${title[lang]} · ${lang === 'zh' ? 'Broadband Atlas' : '宽带地图'}`;
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
