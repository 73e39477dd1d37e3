/**
 * The strings every page shares (header, navigation, sign-in, errors), and the helpers for
 * them. Page-specific strings live beside each page (pages/map/lib/i18n.ts,
 * pages/compliance/messages.ts, pages/upload/messages.ts); the language choice is lang.ts.
 */
import type { Bilingual } from '../../../geodata/contract';
import { LANG_TAGS, type Lang } from './lang';

export { initialLang, isLang, LANG_NAMES, LANG_TAGS, LANGS, pick, rememberLang, type Lang } from './lang';

/** Set `<html lang>` and the tab title for a language. */
export function applyDocumentLang(lang: Lang, title: Bilingual): void {
  document.documentElement.lang = LANG_TAGS[lang];
  document.title = `${title[lang]} · ${lang === 'zh' ? 'Broadband Atlas' : '宽带地图'}`;
}

/** Fill {placeholders} in a message. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
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
  signIn: string;
  signOut: string;
  tokenLabel: string;
  tokenPlaceholder: string;
  signingIn: string;
  signInFailed: string;
  /** {name} ({role}). */
  signedInAs: string;
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
  signIn: '登录',
  signOut: '退出登录',
  tokenLabel: 'API 令牌',
  tokenPlaceholder: 'atl_…',
  signingIn: '正在验证…',
  signInFailed: '令牌无效，请检查后重试',
  signedInAs: '已登录：{name}（{role}）',
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
  signIn: 'Sign in',
  signOut: 'Sign out',
  tokenLabel: 'API token',
  tokenPlaceholder: 'atl_…',
  signingIn: 'Checking…',
  signInFailed: 'That token is not valid; check it and try again',
  signedInAs: 'Signed in: {name} ({role})',
};

export const COMMON: Readonly<Record<Lang, CommonMessages>> = { zh, en };
