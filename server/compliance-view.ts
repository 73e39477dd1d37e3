/**
 * Shapes compliance results for the API, the CLI and exports: the targets' labels and clauses
 * once at the top, and each result with the clause section it answers. Also the CSV form
 * (UTF-8 with a BOM so Excel opens the Chinese correctly).
 */
import type { ClausedArea, IndicatorSpec } from '../geodata/contract';
import type { ComplianceResult } from '../geodata/engine/engine';
import type { TargetsFile } from '../geodata/targets';

export function indicatorCatalogue(targets: TargetsFile): IndicatorSpec[] {
  return targets.indicators.map((t) => ({
    id: t.id,
    label: t.label,
    clause: t.clause,
    measured: t.measured,
    target: t.target,
    unit: t.unit,
    deadline: t.deadline,
    ...(t.threshold_mbps ? { threshold_mbps: t.threshold_mbps } : {}),
    ...(t.settlement ? { settlement: t.settlement } : {}),
    ...(t.target_note ? { target_note: t.target_note } : {}),
    ...(t.deadline_note ? { deadline_note: t.deadline_note } : {}),
  }));
}

export function withClauses(result: ComplianceResult, targets: TargetsFile) {
  const section = new Map(targets.indicators.map((t) => [t.id, t.clause.section]));
  return {
    ...result,
    /** The policy document the targets come from. */
    source: targets.source,
    indicators: indicatorCatalogue(targets),
    areas: result.areas.map((a): ClausedArea => ({ ...a, indicators: a.indicators.map((r) => ({ ...r, clause: section.get(r.id) ?? null })) })),
  };
}

const CSV_COLUMNS = ['level', 'code', 'name', 'parent', 'indicator', 'numerator', 'denominator', 'value', 'target', 'unit', 'counts', 'status', 'deadline', 'due', 'as_of', 'view'] as const;

export function complianceCsv(result: ComplianceResult, options: { bom?: boolean } = {}): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const a of result.areas) {
    for (const r of a.indicators) {
      lines.push(
        [a.level, a.code, a.name, a.parent ?? '', r.id, r.numerator ?? '', r.denominator ?? '', r.value ?? '', r.target ?? '', r.unit, r.counts, r.status, r.deadline, r.due, result.asOf, result.view]
          .map(csvCell)
          .join(','),
      );
    }
  }
  return (options.bom ? '\uFEFF' : '') + lines.join('\r\n') + '\r\n';
}

function csvCell(v: unknown): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
