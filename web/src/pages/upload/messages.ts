/** The upload page's strings, Chinese and English. */
import type { Bilingual, UploadMode, UploadPhase } from '../../../../geodata/contract';
import type { Lang } from '../../shared/i18n';

export interface UploadMessages {
  pageTitle: Bilingual;
  heading: string;
  intro: string;
  signInHint: string;
  signedInAs: string;
  role: string;
  mayWrite: string;
  mayWriteNothing: string;
  step1: string;
  step2: string;
  step3: string;
  layer: string;
  crs: string;
  crsAuto: string;
  crsOther: string;
  crsOtherPlaceholder: string;
  crsHint: string;
  mode: string;
  modes: Record<UploadMode, { label: string; hint: string }>;
  onError: string;
  strict: string;
  strictHint: string;
  skip: string;
  skipHint: string;
  file: string;
  dropHere: string;
  orPick: string;
  pickFile: string;
  formats: string;
  chosen: (name: string, size: string) => string;
  clearFile: string;
  check: string;
  checking: string;
  cancel: string;
  uploadProgress: string;
  processing: string;
  phases: Record<UploadPhase, string>;
  featuresRead: (n: string) => string;
  report: string;
  reportFor: (name: string) => string;
  clean: string;
  hasErrors: (errors: string) => string;
  warningsOnly: (warnings: string) => string;
  read: string;
  valid: string;
  rejected: string;
  kept: string;
  added: string;
  changed: string;
  unchanged: string;
  removed: string;
  crsUsed: string;
  crsSources: Record<'parameter' | 'prj' | 'file' | 'default', string>;
  fileHash: string;
  gcjHint: (crs: string) => string;
  recheckWith: (crs: string) => string;
  problems: string;
  problemCount: (shown: string, total: string) => string;
  truncated: (listed: string, total: string) => string;
  severity: string;
  severities: { error: string; warning: string; all: string };
  feature: string;
  field: string;
  code: string;
  allCodes: string;
  message: string;
  filter: string;
  filterPlaceholder: string;
  wholeFile: string;
  line: string;
  showOnMap: string;
  noProblems: string;
  preview: string;
  previewHint: string;
  previewUnavailable: string;
  previewTruncated: (included: string, drawable: string) => string;
  previewReduced: (reduced: string) => string;
  previewLegend: { ok: string; error: string; warning: string; selected: string };
  notDrawn: string;
  notInPreview: string;
  showAt: (lon: string, lat: string) => string;
  effect: string;
  effectHint: (date: string) => string;
  noEffect: string;
  area: string;
  before: string;
  after: string;
  onlyChanged: string;
  commit: string;
  committing: string;
  commitSkip: (n: string) => string;
  confirmSkip: (n: string) => string;
  commitBlocked: string;
  commitStale: string;
  committed: (version: string) => string;
  nothingCommitted: string;
  history: string;
  historyHint: string;
  historyEmpty: string;
  refresh: string;
  version: string;
  time: string;
  counts: string;
  author: string;
  note: string;
  actions: string;
  revert: string;
  revertOf: (v: string) => string;
  revertTitle: (v: string) => string;
  revertBody: (layer: string, v: string) => string;
  revertWill: string;
  revertConfirm: string;
  reverted: (v: string, by: string) => string;
  close: string;
  failed: string;
  readOnlyRole: string;
}

const zh: UploadMessages = {
  pageTitle: { zh: '数据上报', en: '数据上报' },
  heading: '运营商数据上报',
  intro: '上传本单位的建设数据（GeoJSON 等），先检查，确认无误后再提交。每次提交都是一个可撤销的数据版本。',
  signInHint: '使用管理员发放的 API 令牌登录。令牌只保存在本标签页中，关闭即失效。',
  signedInAs: '当前用户',
  role: '角色',
  mayWrite: '可上报的图层',
  mayWriteNothing: '此角色不能上报数据',
  step1: '1. 选择图层与文件',
  step2: '2. 检查结果',
  step3: '3. 上报记录',
  layer: '图层',
  crs: '坐标系',
  crsAuto: '按文件声明（默认 WGS 84）',
  crsOther: '其他 EPSG 代码…',
  crsOtherPlaceholder: '如 EPSG:4527',
  crsHint: '高德、腾讯地图取得的坐标为 GCJ-02，百度为 BD-09；测绘成果多为 CGCS2000 高斯-克吕格投影。',
  mode: '方式',
  modes: {
    replace: { label: '替换', hint: '文件即本单位该图层的全部数据：文件中没有的要素将被删除。' },
    append: { label: '追加/更新', hint: '只新增或更新文件中的要素，其余保持不变。' },
  },
  onError: '有错误时',
  strict: '全部不提交',
  strictHint: '任何一个错误都会阻止提交。',
  skip: '跳过有错误的要素',
  skipHint: '只提交通过检查的要素；有错误的要素不写入（替换方式下其原有数据保留）。',
  file: '文件',
  dropHere: '把文件拖到这里',
  orPick: '或',
  pickFile: '选择文件',
  formats: 'GeoJSON、逐行 GeoJSON（.ndjson）、CSV、Shapefile（.zip）',
  chosen: (name, size) => `${name}（${size}）`,
  clearFile: '移除',
  check: '检查文件',
  checking: '正在检查…',
  cancel: '取消',
  uploadProgress: '上传',
  processing: '处理',
  phases: { receiving: '接收中', parsing: '读取与校验', converting: '坐标转换', planning: '比对现有数据', effect: '计算对指标的影响', committing: '写入', done: '完成', failed: '失败' },
  featuresRead: (n) => `已读取 ${n} 个要素`,
  report: '检查报告',
  reportFor: (name) => `检查报告：${name}`,
  clean: '没有错误，可以提交。',
  hasErrors: (e) => `发现 ${e} 个错误：修改文件后重新检查，或选择“跳过有错误的要素”。`,
  warningsOnly: (w) => `没有错误，有 ${w} 条提示，请查看。`,
  read: '读取',
  valid: '通过',
  rejected: '有错误',
  kept: '保留原数据',
  added: '新增',
  changed: '变更',
  unchanged: '未变',
  removed: '删除',
  crsUsed: '坐标系',
  crsSources: { parameter: '按所选', prj: '按 .prj 文件', file: '按文件声明', default: '默认' },
  fileHash: '文件 SHA-256',
  gcjHint: (crs) => `这些坐标看起来是 ${crs} 坐标（与楼宇登记位置整体偏移）。`,
  recheckWith: (crs) => `改用 ${crs} 重新检查`,
  problems: '问题列表',
  problemCount: (shown, total) => `显示 ${shown} / ${total} 条`,
  truncated: (listed, total) => `只列出前 ${listed} 条（共 ${total} 条）。`,
  severity: '级别',
  severities: { error: '错误', warning: '提示', all: '全部级别' },
  feature: '要素',
  field: '字段',
  code: '代码',
  allCodes: '全部代码',
  message: '说明',
  filter: '筛选',
  filterPlaceholder: '按标识、字段或说明筛选',
  wholeFile: '整个文件',
  line: '行',
  showOnMap: '在地图上显示',
  noProblems: '没有问题。',
  preview: '预览',
  previewHint: '文件中的要素，按服务器换算后的 WGS 84 位置绘制（任何格式、任何坐标系）：红色为有错误的要素，橙色为有提示的要素。点击问题列表中的一行可在地图上定位。',
  previewUnavailable: '文件中没有可在地图上绘制的要素（没有几何，或坐标无法读取或换算）；问题仍逐条列出。',
  previewTruncated: (included, drawable) => `预览只绘制了 ${included} / ${drawable} 个要素（有问题的要素优先）。`,
  previewReduced: (reduced) => `其中 ${reduced} 个要素的几何过大，以其位置的点表示。`,
  previewLegend: { ok: '通过', error: '有错误', warning: '有提示', selected: '选中' },
  notDrawn: '该要素没有可绘制的坐标。',
  notInPreview: '该要素不在预览中（预览已截断），地图上以圆圈标出其位置。',
  showAt: (lon, lat) => `在地图上显示（经度 ${lon}，纬度 ${lat}）`,
  effect: '对指标的影响',
  effectHint: (date) => `按 ${date} 计算，提交前后对比（全市与各区县）。`,
  noEffect: '此图层不影响任何指标。',
  area: '区域',
  before: '提交前',
  after: '提交后',
  onlyChanged: '仅显示有变化的区域',
  commit: '提交',
  committing: '正在提交…',
  commitSkip: (n) => `提交（跳过 ${n} 个有错误的要素）`,
  confirmSkip: (n) => `我确认跳过 ${n} 个有错误的要素，只提交通过检查的要素`,
  commitBlocked: '有错误，不能提交。',
  commitStale: '设置已更改：请重新检查后再提交。',
  committed: (v) => `已提交，数据版本 ${v}。`,
  nothingCommitted: '未提交任何内容。',
  history: '上报记录',
  historyHint: '本单位的每次提交。撤销会把数据恢复到该版本之前，并作为一个新版本记录。',
  historyEmpty: '还没有上报记录。',
  refresh: '刷新',
  version: '版本',
  time: '时间',
  counts: '新增 / 变更 / 未变 / 删除',
  author: '提交人',
  note: '备注',
  actions: '操作',
  revert: '撤销',
  revertOf: (v) => `撤销版本 ${v}`,
  revertTitle: (v) => `撤销版本 ${v}？`,
  revertBody: (layer, v) => `图层 ${layer} 将恢复到版本 ${v} 之前的状态。撤销本身也会记录为新版本，可以再撤销。`,
  revertWill: '撤销将：',
  revertConfirm: '确认撤销',
  reverted: (v, by) => `已撤销版本 ${v}（新版本 ${by}）。`,
  close: '关闭',
  failed: '操作失败',
  readOnlyRole: '此角色只能查看记录，不能上报或撤销。',
};

const en: UploadMessages = {
  pageTitle: { zh: 'Upload', en: 'Upload' },
  heading: 'Carrier data upload',
  intro: 'Upload your rollout (GeoJSON and more), check it, and commit it once it is clean. Every commit is a data version that can be reverted.',
  signInHint: 'Sign in with the API token your administrator issued. It is kept in this tab only and forgotten when the tab closes.',
  signedInAs: 'Signed in as',
  role: 'Role',
  mayWrite: 'Layers you may write',
  mayWriteNothing: 'This role may not upload',
  step1: '1. Layer and file',
  step2: '2. Check report',
  step3: '3. Your uploads',
  layer: 'Layer',
  crs: 'Coordinate system',
  crsAuto: 'As the file states (default WGS 84)',
  crsOther: 'Other EPSG code…',
  crsOtherPlaceholder: 'e.g. EPSG:4527',
  crsHint: 'Coordinates from AMap or Tencent maps are GCJ-02, from Baidu BD-09; survey data is often a CGCS2000 Gauss–Krüger projection.',
  mode: 'Mode',
  modes: {
    replace: { label: 'Replace', hint: 'The file is all your data for this layer: features not in it are removed.' },
    append: { label: 'Append / update', hint: 'Only the features in the file are added or updated; the rest stay as they are.' },
  },
  onError: 'On errors',
  strict: 'Commit nothing',
  strictHint: 'Any error stops the commit.',
  skip: 'Skip the features with errors',
  skipHint: 'Only the features that pass are committed; those with errors are not written (in replace mode their stored versions stay).',
  file: 'File',
  dropHere: 'Drop a file here',
  orPick: 'or',
  pickFile: 'choose a file',
  formats: 'GeoJSON, newline-delimited GeoJSON (.ndjson), CSV, zipped shapefile (.zip)',
  chosen: (name, size) => `${name} (${size})`,
  clearFile: 'Remove',
  check: 'Check the file',
  checking: 'Checking…',
  cancel: 'Cancel',
  uploadProgress: 'Upload',
  processing: 'Processing',
  phases: { receiving: 'receiving', parsing: 'reading and checking', converting: 'converting coordinates', planning: 'comparing with stored data', effect: 'computing the effect on the indicators', committing: 'writing', done: 'done', failed: 'failed' },
  featuresRead: (n) => `${n} features read`,
  report: 'Check report',
  reportFor: (name) => `Check report: ${name}`,
  clean: 'No errors: ready to commit.',
  hasErrors: (e) => `${e} errors: fix the file and check it again, or choose “skip the features with errors”.`,
  warningsOnly: (w) => `No errors; ${w} warnings to read.`,
  read: 'Read',
  valid: 'Valid',
  rejected: 'With errors',
  kept: 'Kept as stored',
  added: 'New',
  changed: 'Changed',
  unchanged: 'Unchanged',
  removed: 'Removed',
  crsUsed: 'Coordinate system',
  crsSources: { parameter: 'as chosen', prj: 'from the .prj', file: 'as the file states', default: 'default' },
  fileHash: 'File SHA-256',
  gcjHint: (crs) => `These coordinates look like ${crs} (offset from the buildings in the register as a whole).`,
  recheckWith: (crs) => `Check again as ${crs}`,
  problems: 'Problems',
  problemCount: (shown, total) => `${shown} of ${total} shown`,
  truncated: (listed, total) => `Only the first ${listed} are listed (of ${total}).`,
  severity: 'Severity',
  severities: { error: 'Error', warning: 'Warning', all: 'All severities' },
  feature: 'Feature',
  field: 'Field',
  code: 'Code',
  allCodes: 'All codes',
  message: 'Message',
  filter: 'Filter',
  filterPlaceholder: 'Filter by id, field or message',
  wholeFile: 'whole file',
  line: 'line',
  showOnMap: 'Show on the map',
  noProblems: 'No problems.',
  preview: 'Preview',
  previewHint: 'The features of the file where the server puts them in WGS 84 (any format, any coordinate system): red ones have errors, orange ones warnings. Click a problem to find its feature on the map.',
  previewUnavailable: 'The file has no feature that can be drawn (no geometry, or coordinates that cannot be read or converted); its problems are still listed.',
  previewTruncated: (included, drawable) => `The preview draws ${included} of ${drawable} features (those with problems first).`,
  previewReduced: (reduced) => `${reduced} of them, too large to draw whole, are shown as a point at their position.`,
  previewLegend: { ok: 'valid', error: 'with errors', warning: 'with warnings', selected: 'selected' },
  notDrawn: 'This feature has no coordinates that can be drawn.',
  notInPreview: 'This feature is not in the preview (it is truncated); a circle marks its position.',
  showAt: (lon, lat) => `Show on the map (longitude ${lon}, latitude ${lat})`,
  effect: 'Effect on the indicators',
  effectHint: (date) => `As of ${date}: before and after the commit (city and districts).`,
  noEffect: 'This layer feeds no indicator.',
  area: 'Area',
  before: 'Before',
  after: 'After',
  onlyChanged: 'Only areas that change',
  commit: 'Commit',
  committing: 'Committing…',
  commitSkip: (n) => `Commit (skipping ${n} features with errors)`,
  confirmSkip: (n) => `I choose to skip the ${n} features with errors and commit only those that pass`,
  commitBlocked: 'There are errors: nothing can be committed.',
  commitStale: 'The settings changed: check the file again before committing.',
  committed: (v) => `Committed as data version ${v}.`,
  nothingCommitted: 'Nothing was committed.',
  history: 'Your uploads',
  historyHint: 'Every commit of yours. A revert restores the data as it was before that version, recorded as a new version.',
  historyEmpty: 'No uploads yet.',
  refresh: 'Refresh',
  version: 'Version',
  time: 'Time',
  counts: 'New / changed / unchanged / removed',
  author: 'Author',
  note: 'Note',
  actions: 'Actions',
  revert: 'Revert',
  revertOf: (v) => `revert of version ${v}`,
  revertTitle: (v) => `Revert version ${v}?`,
  revertBody: (layer, v) => `Layer ${layer} goes back to how it was before version ${v}. The revert is itself a new version, which can be reverted.`,
  revertWill: 'The revert will:',
  revertConfirm: 'Revert',
  reverted: (v, by) => `Version ${v} reverted (new version ${by}).`,
  close: 'Close',
  failed: 'Failed',
  readOnlyRole: 'This role may view the history, not upload or revert.',
};

export const MESSAGES: Readonly<Record<Lang, UploadMessages>> = { zh, en };
