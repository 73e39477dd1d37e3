/**
 * The wire contract, part 2: the figures — /api/compliance, /api/areas/{code}, /api/gaps,
 * /api/buildings/{id} and POST /api/whatif. The results themselves are the engine's types
 * (geodata/engine), re-exported here; this module adds only what the routes wrap around them.
 */
import type { AreaResult, ComplianceEngine, ComplianceResult, GapItem, IndicatorResult, Level, Status, WhatIfPromise, WhatIfResult } from '../engine/engine';
import type { Offer } from '../engine/fixed-service';
import type { IndicatorId, TargetSpec } from '../targets';
import type { Bilingual, ServiceView } from './api';

export type { AreaResult, GapItem, IndicatorId, IndicatorResult, Level, Offer, Status };

/** What every figure query takes: the date (default today) and the view (default in service). */
export interface FiguresQuery {
  asOf?: string;
  view?: ServiceView;
}

/** An indicator as the targets file defines it (id, label, clause, target, unit, deadline…). */
export type IndicatorSpec = TargetSpec;

// ------------------------------------------------------------------ GET /api/compliance

export interface ComplianceQuery extends FiguresQuery {
  level?: Level;
  /** `csv`: the same figures as a spreadsheet (UTF-8 with a BOM), one row per area × indicator. */
  format?: 'json' | 'csv';
}

/** A result with the section of the policy document it answers. */
export interface ClausedResult extends IndicatorResult {
  clause: string | null;
}

export interface ClausedArea extends Omit<AreaResult, 'indicators'> {
  indicators: ClausedResult[];
}

export interface ComplianceResponse extends Omit<ComplianceResult, 'areas'> {
  version: number;
  /** The policy document the targets come from. */
  source: Bilingual;
  indicators: IndicatorSpec[];
  areas: ClausedArea[];
}

// ------------------------------------------------------------------ GET /api/areas/{code}

export interface AreaQuery extends FiguresQuery {
  /** First date of the series (default 2012-01-01). */
  from?: string;
  step?: 'year' | 'quarter';
}

export interface AreaFigures {
  version: number;
  asOf: string;
  view: ServiceView;
  area: { level: Level; code: string; name: string; parent: string | null };
  indicators: IndicatorResult[];
  /** Each indicator at each step from `from` to `asOf`. */
  series: { asOf: string; indicators: IndicatorResult[] }[];
  catalogue: IndicatorSpec[];
}

// ------------------------------------------------------------------ GET /api/gaps

export type GapSort = 'duct' | 'shortfall';

export interface GapsQuery extends FiguresQuery {
  indicator: IndicatorId;
  /** An area's code: only its items. */
  area?: string;
  sort?: GapSort;
  limit?: number;
  offset?: number;
}

export interface GapsResponse {
  version: number;
  indicator: IndicatorId;
  asOf: string;
  view: ServiceView;
  area: string | null;
  sort: GapSort;
  /** Items below the target in all, of which `items` is one page. */
  total: number;
  items: GapItem[];
}

// ------------------------------------------------------------------ GET /api/buildings/{id}

/** A building's figures as the engine gives them: where it is, its offers, coverage, nearest duct. */
type EngineBuilding = NonNullable<ReturnType<ComplianceEngine['building']>>;

export interface BuildingFigures extends EngineBuilding {
  version: number;
  asOf: string;
  view: ServiceView;
}

// ------------------------------------------------------------------ POST /api/whatif

/**
 * The promise: a polygon, a technology and a speed from a date (default the as-of date). The
 * figures count the offer alone, so `carrier` (who promises it) is accepted and not used.
 */
export type WhatIfRequest = WhatIfPromise & { carrier?: string };

export interface WhatIfResponse extends WhatIfResult {
  version: number;
  promise: { technology: string; down_mbps: number; from: string };
}
