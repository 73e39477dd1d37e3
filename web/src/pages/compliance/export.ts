/**
 * Exports of the compliance report: CSV made of the server's own CSV (`format=csv`) for the city,
 * the districts and the townships, joined under one header; and an Excel workbook with the same
 * rows as typed numbers, the clauses, and what the report is (date, view, data version).
 */
import type { CellObject, Row as SheetRow, Sheet } from 'write-excel-file/browser';
import { fetchComplianceCsv } from '../../shared/api';
import type { ComplianceResponse, Level, ServiceView, Status } from '../../../../geodata/contract';
import type { Lang } from '../../shared/i18n';
import type { ComplianceMessages } from './messages';
import type { NameBook } from './table-model';

const EXPORT_LEVELS: readonly Level[] = ['city', 'district', 'township'];

/**
 * One CSV of every area of the city, district and township levels: the server's CSV per level,
 * its header once, one BOM at the start so Excel reads the Chinese as UTF-8.
 */
export async function complianceCsv(asOf: string, view: ServiceView, signal?: AbortSignal): Promise<Blob> {
  const texts = await Promise.all(EXPORT_LEVELS.map((level) => fetchComplianceCsv(level, asOf, view, signal)));
  // Response.text() decodes UTF-8 and drops the BOM; strip it anyway in case a proxy re-encoded.
  const parts = texts.map((text) => text.replace(/^\uFEFF/, ''));
  const header = parts[0]!.slice(0, parts[0]!.indexOf('\r\n'));
  const bodies = parts.map((text, i) => {
    const end = text.indexOf('\r\n');
    if (text.slice(0, end) !== header) throw new Error(`the ${EXPORT_LEVELS[i]} CSV has different columns: ${text.slice(0, end)}`);
    return text.slice(end + 2);
  });
  return new Blob([`\uFEFF${header}\r\n${bodies.join('')}`], { type: 'text/csv;charset=utf-8' });
}

export interface WorkbookInput {
  title: string;
  asOf: string;
  view: ServiceView;
  version: number;
  generatedAt: string;
  demo: boolean;
  /** The city, district and township responses, in that order. */
  levels: readonly ComplianceResponse[];
  names: NameBook;
  lang: Lang;
  t: ComplianceMessages;
}

const bold = (value: string): CellObject => ({ value, fontWeight: 'bold' });

const STATUS_COLORS: Partial<Record<Status, string>> = { met: '#E3F3E6', not_met: '#FBE4E1', no_data: '#EEF0F2' };

/** The workbook's sheets: the figures (one row per area and indicator), the clauses, the report's facts. */
function workbookSheets(input: WorkbookInput): Sheet<Blob>[] {
  const { t, lang } = input;
  const zh = lang === 'zh';
  const specs = input.levels[0]?.indicators ?? [];
  const label = new Map(specs.map((s) => [s.id, s.label[lang]]));
  const levelName: Record<Level, string> = zh
    ? { city: '市', district: '区县', township: '乡镇街道', grid: '网格' }
    : { city: 'city', district: 'district', township: 'township', grid: 'grid cell' };

  const header = (zh
    ? ['层级', '代码', '区域', '上级代码', '指标代码', '指标', '分子', '分母', '数值', '目标', '单位', '计数对象', '状态', '截止日', '已到期', '逾期', '条款']
    : ['level', 'code', 'area', 'parent', 'indicator id', 'indicator', 'numerator', 'denominator', 'value', 'target', 'unit', 'counts', 'status', 'deadline', 'due', 'overdue', 'clause']
  ).map(bold);

  const figures: SheetRow[] = [header];
  for (const response of input.levels) {
    for (const area of response.areas) {
      const name = input.names.get(area.code)?.[lang] ?? area.name;
      for (const r of area.indicators) {
        const numberFormat = r.unit === 'Gbit/s' ? '0.0' : '0.0%';
        figures.push([
          levelName[area.level],
          area.code,
          name,
          area.parent ?? '',
          r.id,
          label.get(r.id) ?? r.id,
          r.numerator === null ? null : { value: r.numerator, type: Number },
          r.denominator === null ? null : { value: r.denominator, type: Number },
          r.value === null ? null : { value: r.value, type: Number, format: numberFormat },
          r.target === null ? null : { value: r.target, type: Number, format: numberFormat },
          r.unit,
          t.counts[r.counts],
          { value: t.status[r.status], ...(STATUS_COLORS[r.status] ? { backgroundColor: STATUS_COLORS[r.status] } : {}) },
          r.deadline,
          { value: r.due, type: Boolean },
          { value: r.status === 'not_met' && r.due, type: Boolean },
          r.clause ?? '',
        ]);
      }
    }
  }

  const clauses: SheetRow[] = [
    (zh ? ['指标代码', '指标', '条款', '原文', '统计内容', '目标', '单位', '截止日', '说明'] : ['indicator id', 'indicator', 'section', 'clause (original text)', 'what is measured', 'target', 'unit', 'deadline', 'notes']).map(bold),
    ...specs.map((s) => [
      s.id,
      s.label[lang],
      s.clause.section,
      { value: s.clause.text, wrap: true },
      { value: s.measured[lang], wrap: true },
      s.target === null ? null : { value: s.target, type: Number, format: s.unit === 'Gbit/s' ? '0' : '0%' },
      s.unit,
      s.deadline,
      [s.target_note?.[lang], s.deadline_note?.[lang]].filter(Boolean).join(' '),
    ]),
  ];

  const about: SheetRow[] = [
    [bold(input.title)],
    [t.asOf, input.asOf],
    [t.view, t.views[input.view]],
    [t.dataVersion, { value: input.version, type: Number }],
    [t.generated, input.generatedAt],
    ...(input.demo ? [[zh ? '演示数据（合成）' : 'Demo data (synthetic)']] : []),
  ];

  return [
    { data: figures, sheet: zh ? '达标情况' : 'Compliance', stickyRowsCount: 1, columns: [8, 12, 14, 10, 20, 22, 10, 10, 9, 9, 10, 10, 10, 12, 8, 8, 22].map((width) => ({ width })) },
    { data: clauses, sheet: zh ? '指标与条款' : 'Clauses', stickyRowsCount: 1, columns: [20, 22, 20, 60, 40, 8, 10, 12, 40].map((width) => ({ width })) },
    { data: about, sheet: zh ? '报告信息' : 'About', columns: [{ width: 16 }, { width: 48 }] },
  ];
}

/** The workbook as a file. write-excel-file is loaded on first use, not with the page. */
export async function complianceXlsx(input: WorkbookInput): Promise<Blob> {
  const { default: writeXlsxFile } = await import('write-excel-file/browser');
  return writeXlsxFile(workbookSheets(input)).toBlob();
}

export function exportFileName(asOf: string, extension: 'csv' | 'xlsx'): string {
  return `compliance-${asOf}.${extension}`;
}
