/** The compliance page's strings, Chinese and English. */
import type { Bilingual, IndicatorResult, ServiceView, Status } from '../../../../geodata/contract';
import type { Lang } from '../../shared/i18n';

export interface ComplianceMessages {
  pageTitle: Bilingual;
  reportTitle: (city: string) => string;
  controls: string;
  asOf: string;
  asOfHint: string;
  deadlineDay: string;
  today: string;
  view: string;
  views: Record<ServiceView, string>;
  exports: string;
  exportCsv: string;
  exportXlsx: string;
  print: string;
  exporting: string;
  exportFailed: string;
  dataVersion: string;
  generated: string;
  source: string;
  tableCaption: (date: string) => string;
  area: string;
  cityTotal: string;
  status: Record<Status, string>;
  statusLabel: string;
  overdue: string;
  overdueDays: (days: number) => string;
  notYetDue: string;
  target: string;
  deadline: string;
  clause: string;
  measured: string;
  value: string;
  counted: string;
  showTownships: (name: string) => string;
  hideTownships: (name: string) => string;
  loadingTownships: string;
  openMap: string;
  legend: string;
  charts: string;
  chartsHint: string;
  step: string;
  steps: { year: string; quarter: string };
  loadingCharts: string;
  chartsFailed: string;
  targetLine: string;
  deadlineLine: string;
  chartSummary: (label: string, from: string, to: string, target: string, deadline: string) => string;
  clauses: string;
  clausesHint: string;
  originalText: string;
  note: string;
  counts: Record<IndicatorResult['counts'], string>;
  outside: (buildings: string, households: string) => string;
  updating: string;
}

const zh: ComplianceMessages = {
  pageTitle: { zh: '达标情况', en: '达标情况' },
  reportTitle: (city) => `${city}信息基础设施建设达标情况`,
  controls: '报告设置',
  asOf: '统计日期',
  asOfHint: '按该日的数据计算各项指标',
  deadlineDay: '截止日',
  today: '今天',
  view: '统计口径',
  views: { in_service: '已开通', planned: '含规划' },
  exports: '导出',
  exportCsv: '导出 CSV',
  exportXlsx: '导出 Excel',
  print: '打印报告',
  exporting: '正在导出…',
  exportFailed: '导出失败',
  dataVersion: '数据版本',
  generated: '生成时间',
  source: '依据',
  tableCaption: (date) => `各区县达标情况（截至 ${date}）`,
  area: '区域',
  cityTotal: '全市',
  status: { met: '达标', not_met: '未达标', no_data: '无数据', informational: '仅供参考', not_applicable: '不适用' },
  statusLabel: '状态',
  overdue: '逾期',
  overdueDays: (days) => `已超过截止日 ${days} 天`,
  notYetDue: '未到截止日',
  target: '目标',
  deadline: '截止',
  clause: '政策条款',
  measured: '统计内容',
  value: '当前值',
  counted: '计数',
  showTownships: (name) => `展开${name}的乡镇街道`,
  hideTownships: (name) => `收起${name}的乡镇街道`,
  loadingTownships: '正在加载乡镇街道…',
  openMap: '在地图中查看',
  legend: '图例',
  charts: '历年进度',
  chartsHint: '每条线为一个区县，虚线为目标值，竖线为截止日。',
  step: '间隔',
  steps: { year: '按年', quarter: '按季度' },
  loadingCharts: '正在计算历年数据…',
  chartsFailed: '历年数据加载失败',
  targetLine: '目标',
  deadlineLine: '截止日',
  chartSummary: (label, from, to, target, deadline) => `${label}：${from} 至 ${to} 各区县进度，目标 ${target}，截止 ${deadline}`,
  clauses: '指标与政策条款',
  clausesHint: '每项指标均引自政策原文。',
  originalText: '原文',
  note: '说明',
  counts: { households: '户', buildings: '栋楼宇', places: '处场所', villages: '个行政村', grid_cells: '个网格', 'gbit/s': 'Gbit/s' },
  outside: (b, h) => `另有 ${b} 栋楼宇（${h} 户）位于各区县边界之外，已计入全市。`,
  updating: '正在更新…',
};

const en: ComplianceMessages = {
  pageTitle: { zh: 'Compliance', en: 'Compliance' },
  reportTitle: (city) => `${city}: information infrastructure against the policy targets`,
  controls: 'Report settings',
  asOf: 'As of',
  asOfHint: 'Every indicator is computed from the data as of this day',
  deadlineDay: 'Deadline',
  today: 'Today',
  view: 'Count',
  views: { in_service: 'In service', planned: 'Including planned' },
  exports: 'Export',
  exportCsv: 'Export CSV',
  exportXlsx: 'Export Excel',
  print: 'Print report',
  exporting: 'Exporting…',
  exportFailed: 'Export failed',
  dataVersion: 'Data version',
  generated: 'Generated',
  source: 'Source',
  tableCaption: (date) => `Compliance by district as of ${date}`,
  area: 'Area',
  cityTotal: 'City total',
  status: { met: 'Met', not_met: 'Not met', no_data: 'No data', informational: 'Informational', not_applicable: 'Not applicable' },
  statusLabel: 'Status',
  overdue: 'Overdue',
  overdueDays: (days) => `${days} days past the deadline`,
  notYetDue: 'not yet due',
  target: 'Target',
  deadline: 'Due',
  clause: 'Policy clause',
  measured: 'What is measured',
  value: 'Value',
  counted: 'Counted',
  showTownships: (name) => `Show the townships of ${name}`,
  hideTownships: (name) => `Hide the townships of ${name}`,
  loadingTownships: 'Loading townships…',
  openMap: 'Show on the map',
  legend: 'Legend',
  charts: 'Progress over time',
  chartsHint: 'One line per district; the dashed line is the target, the vertical line the deadline.',
  step: 'Step',
  steps: { year: 'Yearly', quarter: 'Quarterly' },
  loadingCharts: 'Computing the series…',
  chartsFailed: 'The series could not be loaded',
  targetLine: 'Target',
  deadlineLine: 'Deadline',
  chartSummary: (label, from, to, target, deadline) => `${label}: progress by district from ${from} to ${to}; target ${target}, due ${deadline}`,
  clauses: 'Indicators and policy clauses',
  clausesHint: 'Each indicator quotes the policy text it answers (in the original Chinese).',
  originalText: 'Original text',
  note: 'Note',
  counts: { households: 'households', buildings: 'buildings', places: 'places', villages: 'villages', grid_cells: 'grid cells', 'gbit/s': 'Gbit/s' },
  outside: (b, h) => `${b} more buildings (${h} households) lie outside every district; they count in the city total.`,
  updating: 'Updating…',
};

export const MESSAGES: Readonly<Record<Lang, ComplianceMessages>> = { zh, en };
