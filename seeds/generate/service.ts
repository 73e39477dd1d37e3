/**
 * The three carriers' fixed broadband: point records at buildings (with upgrades over time:
 * copper first, fibre later) and a few service-area polygons (fixed wireless in the countryside).
 * Dates run from 2012 to 2016; a few records are "planned".
 */
import type { Position } from 'geojson';
import type { Technology } from '../../geodata/schema';
import type { Rng } from '../rng';
import { circlePolygon, randomDate } from './geo';
import { PROFILES, type Profile } from './profiles';
import type { BuildingSeed } from './settlements';
import type { GeneratedFeature } from './types';
import type { TownshipArea } from './townships';

export const CARRIERS = ['telecom', 'mobile', 'unicom'] as const;

/** Chance that each carrier serves a building, by settlement (telecom is the incumbent). */
const PRESENCE = {
  urban: { telecom: 0.92, mobile: 0.6, unicom: 0.5 },
  town: { telecom: 0.85, mobile: 0.45, unicom: 0.3 },
  rural: { telecom: 0.75, mobile: 0.3, unicom: 0.15 },
} as const;

const FIBRE_SPEEDS = [20, 50, 100, 200, 300, 500, 1000];
const DEADLINE = '2015-12-31';

interface Offer {
  technology: Technology;
  down: number;
  up: number;
  date: string;
  status: 'in_service' | 'planned';
}

export function generateFixedService(
  buildings: BuildingSeed[],
  profiles: Map<string, Profile>,
  rng: Rng,
): GeneratedFeature[] {
  const out: GeneratedFeature[] = [];
  const r = rng.fork('fixed');
  for (const b of buildings) {
    const settings = PROFILES[profiles.get(b.districtCode) ?? 'average'];
    if (r.chance(settings.noService)) continue;
    // The building's fibre fate: before the deadline, after it, or (rarely) only planned.
    const onTime = r.chance(settings.fibreBeforeDeadline);
    for (const carrier of CARRIERS) {
      const incumbent = carrier === 'telecom';
      if (!incumbent && !r.chance(PRESENCE[b.settlement][carrier])) continue;
      const offers = offersFor(b, incumbent, onTime, r);
      offers.forEach((o, i) => out.push(pointRecord(b, carrier, i, o)));
    }
  }
  return out;
}

function offersFor(b: BuildingSeed, incumbent: boolean, onTime: boolean, r: Rng): Offer[] {
  const offers: Offer[] = [];
  const commercial = b.use === 'commercial' || b.use === 'mixed' || b.use === 'industrial';
  // Copper or LAN first, for about half of the buildings, in 2012–2013.
  if (r.chance(0.5)) {
    const technology: Technology = b.settlement === 'urban' && r.chance(0.4) ? 'lan' : 'xdsl';
    const down = technology === 'lan' ? r.pick([10, 20, 100]) : r.pick(b.settlement === 'rural' ? [2, 4, 8] : [4, 8, 12, 20]);
    offers.push({ technology, down, up: Math.max(1, Math.round(down / 8)), date: randomDate(r, '2012-01-01', '2013-12-31'), status: 'in_service' });
  }
  // Fibre: the incumbent always brings it where the district is on time; others sometimes.
  if (incumbent ? true : r.chance(0.6)) {
    const technology: Technology = commercial ? r.pick(['ftto', 'fttb'] as const) : b.use === 'public' ? 'fttb' : 'ftth';
    const minimum = commercial ? 100 : 20;
    const speeds = FIBRE_SPEEDS.filter((s) => s >= minimum);
    const down = r.pick(speeds);
    let date: string;
    let status: Offer['status'] = 'in_service';
    if (!incumbent || onTime) date = randomDate(r, '2013-01-01', '2015-11-30');
    else if (r.chance(0.7)) date = randomDate(r, '2016-01-01', '2016-12-31');
    else {
      date = randomDate(r, '2017-01-01', '2017-12-31');
      status = 'planned';
    }
    // Late fibre from a competitor would hide a lagging district; keep competitors late too.
    if (!incumbent && !onTime && date <= DEADLINE) date = randomDate(r, '2016-01-01', '2016-12-31');
    offers.push({ technology, down, up: down >= 100 ? Math.round(down / 2) : Math.round(down / 4), date, status });
  }
  return offers;
}

function pointRecord(b: BuildingSeed, carrier: string, index: number, o: Offer): GeneratedFeature {
  return {
    owner: carrier,
    id: `${carrier}-${b.id}-${index + 1}`,
    geometry: { type: 'Point', coordinates: b.position },
    properties: {
      id: `${carrier}-${b.id}-${index + 1}`,
      carrier,
      building_id: b.id,
      technology: o.technology,
      down_mbps: o.down,
      up_mbps: o.up,
      in_service: o.date,
      status: o.status,
    },
  };
}

/** Fixed-wireless service areas in rural townships: polygons, not building records. */
export function generateServiceAreas(townships: TownshipArea[], rng: Rng): GeneratedFeature[] {
  const out: GeneratedFeature[] = [];
  const r = rng.fork('service-areas');
  let n = 0;
  for (const t of townships) {
    if (t.record.settlement === 'urban' || !r.chance(0.25)) continue;
    const carrier = r.pick(['mobile', 'unicom'] as const);
    const center: Position = t.region.randomPoint(r);
    const id = `${carrier}-FWA${String(++n).padStart(4, '0')}`;
    const down = r.pick([4, 10, 20]);
    out.push({
      owner: carrier,
      id,
      geometry: circlePolygon(center, r.range(1500, 4000), 16, r.range(0, Math.PI)),
      properties: {
        id,
        carrier,
        technology: 'fwa',
        down_mbps: down,
        up_mbps: Math.max(1, Math.round(down / 4)),
        in_service: randomDate(r, '2014-01-01', '2016-06-30'),
        status: 'in_service',
      },
    });
  }
  return out;
}
