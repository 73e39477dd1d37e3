/**
 * What the clause tooltip shows and where: set on hover or focus of a table cell or a column
 * header, cleared on leave, blur or Escape.
 */
import type { IndicatorResult, IndicatorSpec } from '../../../../geodata/contract';

export interface TipRequest {
  spec: IndicatorSpec;
  /** The cell's result; null for a column header. */
  result: IndicatorResult | null;
  /** The area's name, for a cell. */
  area: string | null;
  anchor: HTMLElement;
}

export interface TipPlacement {
  left: number;
  top: number;
  /** Above the anchor when there is no room below. */
  above: boolean;
}

/** Below the anchor, or above it when it would run off the viewport; kept inside horizontally. */
export function placeTip(anchor: DOMRect, tip: { width: number; height: number }, viewport: { width: number; height: number }, gap = 6): TipPlacement {
  const left = Math.max(8, Math.min(anchor.left, viewport.width - tip.width - 8));
  const below = anchor.bottom + gap;
  if (below + tip.height <= viewport.height - 8 || anchor.top - gap - tip.height < 8) return { left, top: below, above: false };
  return { left, top: anchor.top - gap - tip.height, above: true };
}
