/**
 * Wireless reach: the first day each building was inside 3G and inside 4G coverage (a site's
 * disk of `radius_m`), and the first day each public place was within a WiFi hotspot's reach.
 * Like fixed service, coverage has no end date, so one "since" day per item answers any date.
 */
import { NEVER, dayNumber } from './dates';
import { anchorOf, num, str, type FeatureRecord } from './input';
import type { PointIndex } from './building-index';

export interface Site {
  x: number;
  y: number;
  radius: number;
  day: number;
}

export function sitesOf(features: readonly FeatureRecord[], filter: (f: FeatureRecord) => boolean = () => true): Site[] {
  const out: Site[] = [];
  for (const f of features) {
    const p = anchorOf(f.geometry);
    if (!p || !filter(f)) continue;
    out.push({ x: p[0]!, y: p[1]!, radius: num(f, 'radius_m'), day: dayNumber(str(f, 'in_service')) });
  }
  return out;
}

/** Per item, the earliest day any site's disk covered it (NEVER if none did); the disk's edge included. */
export function coveredSince(count: number, sites: readonly Site[], index: PointIndex): Int32Array {
  const since = new Int32Array(count).fill(NEVER);
  for (const s of sites) {
    for (const i of index.withinRadius(s.x, s.y, s.radius)) if (s.day < since[i]!) since[i] = s.day;
  }
  return since;
}
