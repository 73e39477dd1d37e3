/**
 * The policy targets file (seeds/targets.json, editable by officials): types and a loader that
 * checks it, so a typo in an edited file is reported by field rather than producing wrong figures.
 */
import { SETTLEMENTS, isIsoDate, type Label, type Settlement } from './schema';

export const INDICATOR_IDS = [
  'fiber_transformation',
  'commercial_fttb',
  'commercial_100m',
  'urban_20m',
  'town_12m',
  'rural_4m',
  'egress_500g',
  'mobile_3g4g',
  'wifi_public_places',
  'village_info_stations',
  'gis_pipe_grid',
] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

export interface TargetSpec {
  id: IndicatorId;
  label: Label;
  clause: { section: string; text: string };
  measured: Label;
  /** A share 0..1 when `unit` is "share"; Gbit/s for egress; null for an informational indicator. */
  target: number | null;
  unit: 'share' | 'Gbit/s' | 'informational';
  deadline: string;
  threshold_mbps?: number;
  settlement?: Settlement;
  target_note?: Label;
  deadline_note?: Label;
}

export interface TargetsFile {
  source: Label;
  indicators: TargetSpec[];
}

export class TargetsError extends Error {
  constructor(readonly problems: string[]) {
    super(`targets file is invalid:\n- ${problems.join('\n- ')}`);
    this.name = 'TargetsError';
  }
}

/** Check a parsed targets file; throws TargetsError listing every problem. */
export function parseTargets(input: unknown): TargetsFile {
  const problems: string[] = [];
  const file = input as Partial<TargetsFile> | null;
  if (!file || typeof file !== 'object' || !Array.isArray(file.indicators)) {
    throw new TargetsError(['expected an object with an "indicators" array']);
  }
  const seen = new Set<string>();
  file.indicators.forEach((t, i) => {
    const at = `indicators[${i}]${t && typeof t.id === 'string' ? ` (${t.id})` : ''}`;
    if (!t || typeof t !== 'object') return problems.push(`${at}: not an object`);
    if (!(INDICATOR_IDS as readonly string[]).includes(t.id)) problems.push(`${at}: unknown id; expected one of ${INDICATOR_IDS.join(', ')}`);
    if (seen.has(t.id)) problems.push(`${at}: duplicate id`);
    seen.add(t.id);
    if (!t.clause || typeof t.clause.text !== 'string' || !t.clause.text) problems.push(`${at}.clause.text: missing`);
    if (!t.label || typeof t.label.zh !== 'string' || typeof t.label.en !== 'string') problems.push(`${at}.label: needs zh and en`);
    if (!isIsoDate(t.deadline)) problems.push(`${at}.deadline: ${JSON.stringify(t.deadline)} is not YYYY-MM-DD`);
    if (t.unit === 'share') {
      if (typeof t.target !== 'number' || !(t.target >= 0 && t.target <= 1)) problems.push(`${at}.target: a share must be a number from 0 to 1`);
    } else if (t.unit === 'Gbit/s') {
      if (typeof t.target !== 'number' || !(t.target >= 0)) problems.push(`${at}.target: must be a number ≥ 0`);
    } else if (t.unit === 'informational') {
      if (t.target !== null) problems.push(`${at}.target: must be null for an informational indicator`);
    } else {
      problems.push(`${at}.unit: expected share, Gbit/s or informational`);
    }
    if (t.threshold_mbps !== undefined && !(Number.isInteger(t.threshold_mbps) && t.threshold_mbps > 0)) {
      problems.push(`${at}.threshold_mbps: must be a positive integer`);
    }
    if (t.settlement !== undefined && !(SETTLEMENTS as readonly string[]).includes(t.settlement)) {
      problems.push(`${at}.settlement: expected ${SETTLEMENTS.join(', ')}`);
    }
  });
  for (const id of INDICATOR_IDS) if (!seen.has(id)) problems.push(`indicator ${id} is missing`);
  if (problems.length) throw new TargetsError(problems);
  return { source: file.source ?? { zh: '', en: '' }, indicators: file.indicators as TargetSpec[] };
}

export function targetById(file: TargetsFile, id: IndicatorId): TargetSpec {
  const t = file.indicators.find((x) => x.id === id);
  if (!t) throw new TargetsError([`indicator ${id} is missing`]);
  return t;
}
