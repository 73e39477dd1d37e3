/** The problems table as data: which field a path names, and sorting and filtering. Pure. */
import type { Lang } from '../../shared/i18n';
import type { UploadProblem } from '../../../../geodata/contract';

export type SortKey = 'severity' | 'feature' | 'field' | 'code' | 'message';
export type SortDir = 'ascending' | 'descending';

export interface ProblemFilter {
  severity: 'all' | 'error' | 'warning';
  code: string;
  text: string;
}

export const NO_FILTER: ProblemFilter = { severity: 'all', code: '', text: '' };

/**
 * The field a JSON path names: `features[3].properties.down_mbps` → `down_mbps`,
 * `features[3].geometry.coordinates[0]` → `geometry`; '' for the whole file.
 */
export function fieldOf(path: string): string {
  const props = /(?:^|\.)properties\.([^.[\]]+)/.exec(path);
  if (props) return props[1]!;
  if (/(?:^|\.)geometry\b/.test(path)) return 'geometry';
  const last = path.split('.').pop() ?? '';
  return last.replace(/\[\d+\]$/, '');
}

const severityRank = (p: UploadProblem) => (p.severity === 'error' ? 0 : 1);

function compare(a: UploadProblem, b: UploadProblem, key: SortKey, lang: Lang): number {
  switch (key) {
    case 'severity':
      return severityRank(a) - severityRank(b);
    case 'feature':
      return (a.index ?? -1) - (b.index ?? -1);
    case 'field':
      return fieldOf(a.path).localeCompare(fieldOf(b.path));
    case 'code':
      return a.code.localeCompare(b.code);
    case 'message':
      return a[lang].localeCompare(b[lang], lang === 'zh' ? 'zh-CN' : 'en');
  }
}

/** Filtered, then sorted (stable: ties keep the file's order). */
export function viewProblems(problems: readonly UploadProblem[], filter: ProblemFilter, sort: { key: SortKey; dir: SortDir }, lang: Lang): UploadProblem[] {
  const text = filter.text.trim().toLowerCase();
  const kept = problems
    .map((p, order) => ({ p, order }))
    .filter(({ p }) => {
      if (filter.severity !== 'all' && p.severity !== filter.severity) return false;
      if (filter.code && p.code !== filter.code) return false;
      if (!text) return true;
      return [p.id ?? '', p.path, p.code, p.zh, p.en, p.index === null ? '' : `#${p.index}`].some((s) => s.toLowerCase().includes(text));
    });
  const sign = sort.dir === 'ascending' ? 1 : -1;
  kept.sort((x, y) => sign * compare(x.p, y.p, sort.key, lang) || x.order - y.order);
  return kept.map((k) => k.p);
}

/** The codes present, most frequent first, for the filter's choices. */
export function codesOf(problems: readonly UploadProblem[]): string[] {
  const n = new Map<string, number>();
  for (const p of problems) n.set(p.code, (n.get(p.code) ?? 0) + 1);
  return [...n.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c]) => c);
}

/** The CRS a report suggests ("probably GCJ-02"), if any. */
export function suggestedCrs(problems: readonly UploadProblem[]): { crs: string; problem: UploadProblem } | null {
  const p = problems.find((q) => q.suggestedCrs);
  return p?.suggestedCrs ? { crs: p.suggestedCrs, problem: p } : null;
}
