/**
 * The gap finder's ranking of areas: those below an indicator's target, furthest from it first.
 * Items (buildings, places, villages) are ranked by the server (`/api/gaps?sort=duct`).
 */
import type { ComplianceResponse, IndicatorSpec, Level } from '../../../../../geodata/contract';

export interface AreaGap {
  level: Level;
  code: string;
  name: string;
  parent: string | null;
  value: number;
  target: number;
  /** How far below target, in the indicator's unit (a share 0..1). */
  gap: number;
}

export function areasBelowTarget(compliance: ComplianceResponse, indicator: string): AreaGap[] {
  const out: AreaGap[] = [];
  for (const area of compliance.areas) {
    const r = area.indicators.find((i) => i.id === indicator);
    if (!r || r.status !== 'not_met' || r.value === null || r.target === null) continue;
    out.push({ level: area.level, code: area.code, name: area.name, parent: area.parent, value: r.value, target: r.target, gap: r.target - r.value });
  }
  return out.sort((a, b) => b.gap - a.gap || a.code.localeCompare(b.code));
}

/** Indicators counted item by item (buildings, places, villages), which `/api/gaps` can list. */
export function hasItemGaps(spec: Pick<IndicatorSpec, 'unit' | 'id'> | undefined): boolean {
  return spec !== undefined && spec.unit === 'share';
}

/** Indicators an area below the city can be coloured by (egress is a city-wide sum). */
export function mappable(spec: Pick<IndicatorSpec, 'unit'> | undefined): boolean {
  return spec !== undefined && spec.unit !== 'Gbit/s';
}
