/**
 * How far along each district is. The demo must show a city where some districts meet the
 * targets and some do not; the profile is a deterministic function of the district's rank.
 */
export type Profile = 'leading' | 'average' | 'lagging';

export interface ProfileSettings {
  /** Share of buildings whose fibre arrives before the 2015 deadline. */
  fibreBeforeDeadline: number;
  /** Share of buildings with no fixed offer at all. */
  noService: number;
  /** Share of mobile sites built (the rest leave holes). */
  mobileSites: number;
  /** Share of main public places given a hotspot. */
  wifiPlaces: number;
  /** Share of villages whose station meets all five criteria. */
  fullStations: number;
}

export const PROFILES: Record<Profile, ProfileSettings> = {
  leading: { fibreBeforeDeadline: 1, noService: 0, mobileSites: 1, wifiPlaces: 1, fullStations: 1 },
  average: { fibreBeforeDeadline: 0.96, noService: 0.004, mobileSites: 0.97, wifiPlaces: 0.9, fullStations: 0.92 },
  lagging: { fibreBeforeDeadline: 0.82, noService: 0.02, mobileSites: 0.9, wifiPlaces: 0.7, fullStations: 0.6 },
};

/** Districts in code order take leading, average, lagging in turn. */
export function profileOf(districtCodes: readonly string[], code: string): Profile {
  const rank = [...districtCodes].sort().indexOf(code);
  return (['leading', 'average', 'lagging'] as const)[rank % 3]!;
}
