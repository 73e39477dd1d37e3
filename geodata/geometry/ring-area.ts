import type { Position } from 'geojson';

/**
 * The shoelace area of a ring in coordinate units² (degrees² for longitude/latitude): positive
 * when the ring runs counter-clockwise (x to the right, y up), negative when clockwise. A ring
 * may be closed (first position repeated last) or not: the closing edge is always included.
 * Planar on purpose: callers ask which part is largest and which way a ring winds, never for
 * square metres.
 */
export function signedRingArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
  return sum / 2;
}
