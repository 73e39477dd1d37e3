/**
 * The map's frame: an offline base style (a plain background, no basemap, no remote fonts or
 * sprites) holding one invisible anchor layer per stacking slot. Every layer names its slot in
 * `metadata['atlas:slot']` and is inserted below that slot's anchor, so the stack is the same
 * whatever order the components happen to add their layers in:
 *
 *   basemap < areas < coverage < boundaries < lines < points < highlight < draw < labels < area-labels
 *
 * Symbols higher in the stack are placed first, so district names win over township names.
 */
import type { LayerDef, LayerSpecification, StyleSpecification } from './types';

const SLOTS = ['basemap', 'areas', 'coverage', 'boundaries', 'lines', 'points', 'highlight', 'draw', 'labels', 'area-labels'] as const;
export type Slot = (typeof SLOTS)[number];

const anchorId = (slot: Slot) => `anchor:${slot}`;

export const COLORS = {
  background: '#eef1f4',
  districtLine: '#34495e',
  townshipLine: '#7d8b99',
  gridLine: 'rgba(255, 255, 255, 0.55)',
  text: '#1b2631',
  textSecondary: '#4d5d6d',
  townshipText: '#4f5b67',
  halo: 'rgba(255, 255, 255, 0.92)',
  highlight: '#0b3d91',
  selected: '#111827',
} as const;

/** The empty, offline base style. `glyphs` is the local protocol from local-glyphs.ts. */
export function baseStyle(glyphs: string): StyleSpecification {
  const anchor = (slot: Slot): LayerSpecification => ({ id: anchorId(slot), type: 'background', layout: { visibility: 'none' } });
  return {
    version: 8,
    name: 'Broadband Atlas (offline)',
    glyphs,
    // Colours change at once (a new indicator, a new date): no cross-fade to wait for.
    transition: { duration: 0, delay: 0 },
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': COLORS.background } }, ...SLOTS.map(anchor)],
  };
}

/** A layer definition placed in a slot. */
export function inSlot<T extends LayerDef>(slot: Slot, def: T): T {
  return { ...def, metadata: { ...(def.metadata as object | undefined), 'atlas:slot': slot } };
}

/** The anchor a layer goes below: its slot's, or one chosen by its type. */
export function beforeIdFor(def: Pick<LayerDef, 'type' | 'metadata'>): string {
  const slot = (def.metadata as Record<string, unknown> | undefined)?.['atlas:slot'];
  if (typeof slot === 'string' && (SLOTS as readonly string[]).includes(slot)) return anchorId(slot as Slot);
  switch (def.type) {
    case 'raster':
      return anchorId('basemap');
    case 'fill':
    case 'fill-extrusion':
    case 'heatmap':
    case 'hillshade':
    case 'color-relief':
      return anchorId('areas');
    case 'line':
      return anchorId('lines');
    case 'circle':
      return anchorId('points');
    default:
      return anchorId('labels');
  }
}
