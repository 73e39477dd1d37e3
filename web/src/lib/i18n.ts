/**
 * UI strings in Chinese (the default) and English. Components take a `Messages` object for the
 * current language; nothing here is reactive, so it is just as usable from plain modules.
 * Placeholders like {n} are filled by `fill()`; numbers and dates are formatted by lib/format.ts.
 * Names that come with the data (indicators, clauses, places) are bilingual in the API.
 */
import type { Bilingual } from './api';

export type Lang = 'zh' | 'en';

export const LANGS: readonly Lang[] = ['zh', 'en'];

export const DEFAULT_LANG: Lang = 'zh';

/** How each language names itself on the switch. */
export const LANG_NAMES: Readonly<Record<Lang, string>> = { zh: '中文', en: 'English' };

/** The BCP 47 tag for `<html lang>` and Intl, so the browser picks Simplified Chinese glyph shapes. */
export const LANG_TAGS: Readonly<Record<Lang, string>> = { zh: 'zh-CN', en: 'en' };

const zh = {
  appName: '宽带地图',
  subtitle: '宽带与信息基础设施',
  demoBadge: '演示数据 · Demo data',
  demoBadgeTitle: '这是在真实行政区划上生成的合成数据，不代表实际网络。',
  loading: '正在加载地图…',
  tilesLoading: '正在加载图层…',
  tilesFailed: '部分图层数据未能加载，请检查与服务器的连接。',
  unreachableTitle: '无法连接到地图服务器',
  unreachableBody: '请确认 atlas 服务正在运行，然后重试。',
  loadFailedTitle: '地图数据加载失败',
  requestFailed: '请求失败',
  retry: '重试',
  dismiss: '知道了',
  languageSwitch: '界面语言',
  mapLabel: '宽带基础设施地图',
  close: '关闭',
  closePanel: '关闭面板（Esc）',
  signIn: '登录',
  signOut: '退出登录',
  tokenLabel: 'API 令牌',
  signInHint: '令牌由管理员发放（规划、官员、运营商）。管道走向属敏感设施，仅登录后可见。',
  signInFailed: '令牌无效，请检查后重试',
  signedInAs: '已登录：{name}（{role}）',
  ductsLocked: '管道走向仅登录后可见；公众可在“网格”着色中查看按网格汇总的管道数据。',
  signInRequiredTitle: '此地图需要登录',
  signInRequiredBody: '本服务的数据不公开，请用管理员发放的令牌登录。',

  // search
  searchLabel: '搜索地点或楼宇',
  searchPlaceholder: '搜索区县、乡镇、村或楼宇编号',
  searchNoResults: '没有匹配的地点',
  searchLoadingIndex: '正在载入地名…',
  searchBuildingHint: '按楼宇编号查找',
  searchBuildingMissing: '找不到楼宇 {id}',
  kindCity: '市',
  kindDistrict: '区县',
  kindTownship: '乡镇街道',
  kindVillage: '村（社区）',
  kindBuilding: '楼宇',
  kindPlace: '公共场所',
  kindGrid: '网格',

  // sidebar
  sidebarLabel: '图层与分析',
  tabLayers: '图层',
  tabGaps: '缺口',
  tabWhatIf: '假设分析',
  indicator: '指标',
  colourBy: '着色层级',
  levelDistrict: '区县',
  levelTownship: '乡镇街道',
  levelGrid: '网格',
  levelNone: '不着色',
  choroplethTitle: '达标情况',
  infrastructureTitle: '基础设施',
  legendNoData: '无数据',
  legendNotApplicable: '无数据 / 不适用',
  legendMet: '达标（实线边框）',
  legendNotMet: '未达标（红色虚线边框）',
  legendTargetNote: '目标 {target}，期限 {deadline}',
  legendCityOnly: '此指标为全市汇总，区县及以下不适用；见全市数据。',
  cityFigures: '全市数据',
  overlayBuildings: '楼宇（最高可用速率）',
  overlayFixedService: '固定宽带服务区',
  overlayWifi: 'WiFi 热点及覆盖范围',
  overlayPlaces: '公共场所 WiFi 覆盖',
  overlayMobile: '移动基站及覆盖范围',
  overlayVillages: '村信息服务站',
  overlayDucts: '通信管道',
  overlayBasemap: '在线底图',
  colourByTier: '按速率档',
  colourByCarrier: '按运营商',
  tierLegendUnit: '最高可用下行速率（Mbit/s）',
  tier100: '≥ 100M',
  tier20: '≥ 20M',
  tier12: '≥ 12M',
  tier4: '≥ 4M',
  tier1: '< 4M',
  tier0: '无服务',
  binnedNote: '13 级以下按 64 像素汇总：圆大小为楼宇数，颜色为多数楼宇的速率档。',
  carrierNone: '无服务',
  carrierOther: '其他运营商',
  plannedDashed: '虚线：规划中（“含规划”口径）',
  reachNote: '圆为覆盖半径，按实地米数绘制',
  hotspot: '热点',
  generation: '制式',
  placeCovered: '在 WiFi 覆盖内',
  placeUncovered: '不在覆盖内',
  placeMainNote: '大圆：主要公共场所（计入指标）',
  stationFull: '“五个一”齐全',
  stationPartial: '部分具备',
  stationNone: '未建站',
  stationNA: '社区（不计入）',
  ductsColour: '颜色：空余管孔数',
  ductsWidth: '线宽：管孔数',
  ductsSpare0: '无空余',
  ductsWidthSample: '{n} 孔',
  minZoomNote: '放大到 {z} 级以上显示',

  // figures panel
  figures: '数据',
  asOfShort: '截至 {date}',
  value: '现值',
  target: '目标',
  deadline: '期限',
  due: '已到期',
  pending: '未到期',
  clause: '政策原文',
  measured: '统计口径',
  series: '历年',
  zoomTo: '在地图上定位',
  figuresLoading: '正在加载数据…',
  levelCity: '市',
  countsHouseholds: '户',
  countsBuildings: '栋楼宇',
  countsPlaces: '处场所',
  countsVillages: '个行政村',
  countsGridCells: '个网格有管道',
  statusMet: '达标',
  statusNotMet: '未达标',
  statusNoData: '无数据',
  statusInformational: '仅作统计',
  statusNotApplicable: '不适用',
  ductFigures: '管道 {length} 公里，管孔 {ducts} 孔公里，空余 {spare} 孔公里，无管道网格 {cells} 个',
  building: '楼宇',
  buildingOffers: '各运营商接入（最优在前）',
  bestDown: '最高下行',
  households: '户数',
  settlement: '城乡类别',
  use: '用途',
  mobileCoverage: '移动网络覆盖',
  nearestDuct: '最近管道',
  noOffers: '截至该日无固定宽带接入',
  offerCarrier: '运营商',
  offerTechnology: '技术',
  offerSpeed: '下行 / 上行',
  offerSince: '开通',
  offerArea: '服务区',
  offerPlanned: '规划',
  yes: '是',
  no: '否',
  properties: '属性',
  partOf: '所属',
  infoStation: '信息服务站',
  criteriaMet: '已具备 {n} / 5 项',

  // time bar
  timeLabel: '时间',
  asOf: '截至日期',
  stepMonth: '按月',
  stepQuarter: '按季',
  stepLabel: '步长',
  previous: '上一步',
  next: '下一步',
  today: '今天',
  viewLabel: '统计口径',
  viewInService: '已开通',
  viewPlanned: '含规划',

  // gaps
  gapsAreas: '未达标区域（按差距排序）',
  gapsItems: '未达标对象（按距管道由近到远）',
  gapsNoItems: '此指标为汇总指标，没有逐项缺口。',
  gapsAllMet: '全部达标',
  gapsNone: '没有未达标的对象',
  gapsTotal: '共 {n} 项，显示前 {m} 项',
  gapsGap: '差 {points}',
  gapsDuct: '距管道 {d}',
  gapsShortfall: '缺 {mbps}',
  gapsNoDuct: '附近无管道',

  // what-if
  whatIfIntro: '画出一片区域，假设某运营商在此提供某种接入，看各项指标会如何变化。只做测算，不写入任何数据。',
  whatIfDraw: '在地图上绘制区域',
  whatIfRedraw: '重新绘制',
  whatIfDrawing: '绘制中：点击地图添加顶点；点击起点或按 Enter 完成；退格撤销一点；Esc 取消。',
  whatIfFinish: '完成绘制',
  whatIfCancel: '取消',
  whatIfCarrier: '运营商',
  whatIfTechnology: '接入技术',
  whatIfSpeed: '下行速率（Mbit/s，整数）',
  whatIfFrom: '开通日期',
  whatIfRun: '计算',
  whatIfClear: '清除',
  whatIfInside: '区域内 {b} 栋楼宇，{h} 户',
  whatIfNow: '现状',
  whatIfAfter: '承诺后',
  whatIfChange: '变化',
  whatIfNoChange: '无变化',
  whatIfNoIndicators: '此速率与技术不会使任何指标变化。',
  whatIfCarrierNote: '指标按任一运营商的最优接入计算，运营商只作标注。',
  whatIfSpeedInvalid: '请输入 1–100000 之间的整数',
  whatIfNoArea: '请先绘制区域',

  // enums
  technology_ftth: '光纤到户 FTTH',
  technology_fttb: '光纤到楼 FTTB',
  technology_ftto: '光纤到办公室 FTTO',
  technology_lan: '局域网 LAN',
  technology_xdsl: '铜缆 xDSL',
  technology_cable: '有线电视网 Cable',
  technology_fwa: '固定无线 FWA',
  settlement_urban: '城镇（街道/社区）',
  settlement_town: '乡镇',
  settlement_rural: '农村',
  use_residential: '住宅',
  use_commercial: '商业',
  use_industrial: '工业',
  use_public: '公共',
  use_mixed: '混合',
};

export type Messages = { readonly [K in keyof typeof zh]: string };

const en: Messages = {
  appName: 'Broadband Atlas',
  subtitle: 'Broadband & information infrastructure',
  demoBadge: '演示数据 · Demo data',
  demoBadgeTitle: 'Synthetic data generated on the real administrative boundaries; it does not describe the actual network.',
  loading: 'Loading the map…',
  tilesLoading: 'Loading layers…',
  tilesFailed: 'Some layer data could not be loaded; check the connection to the server.',
  unreachableTitle: 'Cannot reach the atlas server',
  unreachableBody: 'Check that the atlas service is running, then try again.',
  loadFailedTitle: 'The map data could not be loaded',
  requestFailed: 'Request failed',
  retry: 'Retry',
  dismiss: 'Dismiss',
  languageSwitch: 'Interface language',
  mapLabel: 'Map of broadband infrastructure',
  close: 'Close',
  closePanel: 'Close the panel (Esc)',
  signIn: 'Sign in',
  signOut: 'Sign out',
  tokenLabel: 'API token',
  signInHint: 'Tokens are issued by the administrator (planners, officials, carriers). Duct routes are sensitive and shown to signed-in users only.',
  signInFailed: 'That token is not valid; check it and try again',
  signedInAs: 'Signed in: {name} ({role})',
  ductsLocked: 'Duct routes are shown to signed-in users only; the public sees per-cell duct figures in the grid colouring.',
  signInRequiredTitle: 'This map needs a sign-in',
  signInRequiredBody: 'This atlas is not public: sign in with a token from the administrator.',

  searchLabel: 'Search places or buildings',
  searchPlaceholder: 'District, township, village or building id',
  searchNoResults: 'No matching place',
  searchLoadingIndex: 'Loading place names…',
  searchBuildingHint: 'Find by building id',
  searchBuildingMissing: 'No building {id}',
  kindCity: 'City',
  kindDistrict: 'District',
  kindTownship: 'Township',
  kindVillage: 'Village',
  kindBuilding: 'Building',
  kindPlace: 'Public place',
  kindGrid: 'Grid cell',

  sidebarLabel: 'Layers and analysis',
  tabLayers: 'Layers',
  tabGaps: 'Gaps',
  tabWhatIf: 'What-if',
  indicator: 'Indicator',
  colourBy: 'Colour areas by',
  levelDistrict: 'Districts',
  levelTownship: 'Townships',
  levelGrid: 'Grid',
  levelNone: 'None',
  choroplethTitle: 'Compliance',
  infrastructureTitle: 'Infrastructure',
  legendNoData: 'No data',
  legendNotApplicable: 'No data / not applicable',
  legendMet: 'Met (solid outline)',
  legendNotMet: 'Not met (red dashed outline)',
  legendTargetNote: 'Target {target}, due {deadline}',
  legendCityOnly: 'A city-wide figure: not applicable below the city. See the city figures.',
  cityFigures: 'City figures',
  overlayBuildings: 'Buildings (best offered speed)',
  overlayFixedService: 'Fixed broadband service areas',
  overlayWifi: 'WiFi hotspots and reach',
  overlayPlaces: 'Public places: WiFi coverage',
  overlayMobile: 'Mobile sites and reach',
  overlayVillages: 'Village information stations',
  overlayDucts: 'Ducts',
  overlayBasemap: 'Online basemap',
  colourByTier: 'By speed tier',
  colourByCarrier: 'By carrier',
  tierLegendUnit: 'Best offered downstream (Mbit/s)',
  tier100: '≥ 100M',
  tier20: '≥ 20M',
  tier12: '≥ 12M',
  tier4: '≥ 4M',
  tier1: '< 4M',
  tier0: 'No service',
  binnedNote: 'Below zoom 13, buildings are summed in 64-pixel bins: size is the count, colour the tier most buildings have.',
  carrierNone: 'No service',
  carrierOther: 'Other carrier',
  plannedDashed: 'Dashed: planned (in the "with planned" view)',
  reachNote: 'Circles show the reach, drawn to scale in metres',
  hotspot: 'Hotspot',
  generation: 'Generation',
  placeCovered: 'Within WiFi reach',
  placeUncovered: 'Not covered',
  placeMainNote: 'Large: main public places (counted)',
  stationFull: 'All five criteria',
  stationPartial: 'Some criteria',
  stationNone: 'No station',
  stationNA: 'Community (not counted)',
  ductsColour: 'Colour: spare ducts',
  ductsWidth: 'Width: number of ducts',
  ductsSpare0: 'None spare',
  ductsWidthSample: '{n} ducts',
  minZoomNote: 'Shown from zoom {z}',

  figures: 'Figures',
  asOfShort: 'as of {date}',
  value: 'Value',
  target: 'Target',
  deadline: 'Deadline',
  due: 'due',
  pending: 'not yet due',
  clause: 'Policy text',
  measured: 'Measured as',
  series: 'By year',
  zoomTo: 'Show on the map',
  figuresLoading: 'Loading figures…',
  levelCity: 'City',
  countsHouseholds: 'households',
  countsBuildings: 'buildings',
  countsPlaces: 'places',
  countsVillages: 'villages',
  countsGridCells: 'grid cells with ducts',
  statusMet: 'Met',
  statusNotMet: 'Not met',
  statusNoData: 'No data',
  statusInformational: 'Informational',
  statusNotApplicable: 'Not applicable',
  ductFigures: 'Ducts {length} km, {ducts} duct-km, {spare} spare duct-km, {cells} cells without a duct',
  building: 'Building',
  buildingOffers: 'Offers by carrier (best first)',
  bestDown: 'Best downstream',
  households: 'Households',
  settlement: 'Settlement',
  use: 'Use',
  mobileCoverage: 'Mobile coverage',
  nearestDuct: 'Nearest duct',
  noOffers: 'No fixed broadband offered by this date',
  offerCarrier: 'Carrier',
  offerTechnology: 'Technology',
  offerSpeed: 'Down / up',
  offerSince: 'Since',
  offerArea: 'service area',
  offerPlanned: 'planned',
  yes: 'yes',
  no: 'no',
  properties: 'Properties',
  partOf: 'In',
  infoStation: 'Information station',
  criteriaMet: '{n} of 5 criteria met',

  timeLabel: 'Time',
  asOf: 'As of',
  stepMonth: 'Month',
  stepQuarter: 'Quarter',
  stepLabel: 'Step',
  previous: 'Previous step',
  next: 'Next step',
  today: 'Today',
  viewLabel: 'Count',
  viewInService: 'In service',
  viewPlanned: 'With planned',

  gapsAreas: 'Areas below target (furthest first)',
  gapsItems: 'Items below target (nearest duct first)',
  gapsNoItems: 'A summary indicator: there are no per-item gaps.',
  gapsAllMet: 'All met',
  gapsNone: 'Nothing below target',
  gapsTotal: '{n} in all; the first {m} shown',
  gapsGap: '{points} short',
  gapsDuct: 'duct {d}',
  gapsShortfall: '{mbps} short',
  gapsNoDuct: 'no duct near',

  whatIfIntro: 'Draw an area, suppose a carrier offers a service there, and see how each indicator would change. A dry run: nothing is written.',
  whatIfDraw: 'Draw an area on the map',
  whatIfRedraw: 'Draw again',
  whatIfDrawing: 'Drawing: click the map to add corners; click the first corner or press Enter to finish; Backspace removes a corner; Esc cancels.',
  whatIfFinish: 'Finish',
  whatIfCancel: 'Cancel',
  whatIfCarrier: 'Carrier',
  whatIfTechnology: 'Technology',
  whatIfSpeed: 'Downstream (Mbit/s, whole number)',
  whatIfFrom: 'In service from',
  whatIfRun: 'Compute',
  whatIfClear: 'Clear',
  whatIfInside: '{b} buildings, {h} households inside',
  whatIfNow: 'Now',
  whatIfAfter: 'With promise',
  whatIfChange: 'Change',
  whatIfNoChange: 'no change',
  whatIfNoIndicators: 'This speed and technology would change no indicator.',
  whatIfCarrierNote: "Indicators count any carrier's best offer; the carrier is a label only.",
  whatIfSpeedInvalid: 'Enter a whole number from 1 to 100000',
  whatIfNoArea: 'Draw an area first',

  technology_ftth: 'Fibre to the home (FTTH)',
  technology_fttb: 'Fibre to the building (FTTB)',
  technology_ftto: 'Fibre to the office (FTTO)',
  technology_lan: 'Ethernet LAN',
  technology_xdsl: 'Copper xDSL',
  technology_cable: 'Cable',
  technology_fwa: 'Fixed wireless (FWA)',
  settlement_urban: 'Urban (subdistricts, communities)',
  settlement_town: 'Town',
  settlement_rural: 'Rural',
  use_residential: 'Residential',
  use_commercial: 'Commercial',
  use_industrial: 'Industrial',
  use_public: 'Public',
  use_mixed: 'Mixed',
};

const MESSAGES: Readonly<Record<Lang, Messages>> = { zh, en };

export function messages(lang: Lang): Messages {
  return MESSAGES[lang];
}

/** Fill {placeholders} in a message. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** An enum value's label (technology_ftth …), or the raw value when there is none. */
export function enumLabel(t: Messages, kind: 'technology' | 'settlement' | 'use', value: string | null | undefined): string {
  if (!value) return '—';
  const key = `${kind}_${value}` as keyof Messages;
  return key in t ? t[key] : value;
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
