/**
 * Public places, the WiFi hotspots near them, and the 3G/4G/5G mobile sites.
 */
import type { Position } from 'geojson';
import { PLACE_KINDS } from '../../geodata/schema';
import type { Rng } from '../rng';
import { metresPerDegreeLatitude, metresPerDegreeLongitude } from '../../geodata/geometry/ellipsoid';
import { Region, randomDate, roundPosition } from './geo';
import { PROFILES, type Profile } from './profiles';
import { CARRIERS } from './service';
import type { GeneratedFeature } from './types';
import type { TownshipArea } from './townships';

export interface PlaceSeed {
  id: string;
  position: Position;
  main: boolean;
  districtCode: string;
}

export function generatePublicPlaces(townships: TownshipArea[], rng: Rng): { features: GeneratedFeature[]; places: PlaceSeed[] } {
  const features: GeneratedFeature[] = [];
  const places: PlaceSeed[] = [];
  const r = rng.fork('places');
  const kinds = PLACE_KINDS.filter((k) => k !== 'other');
  for (const t of townships) {
    const urban = t.record.settlement === 'urban';
    const count = urban ? r.int(3, 6) : r.int(1, 2);
    for (let i = 0; i < count; i++) {
      let p: Position = t.seat;
      for (let a = 0; a < 50; a++) {
        const q: Position = [t.seat[0]! + r.normal() * 0.005, t.seat[1]! + r.normal() * 0.005];
        if (t.region.contains(q[0]!, q[1]!)) {
          p = q;
          break;
        }
      }
      const id = `P${String(places.length + 1).padStart(5, '0')}`;
      const kind = r.pick(kinds);
      const main = urban ? r.chance(0.85) : r.chance(0.2);
      const position = roundPosition(p);
      places.push({ id, position, main, districtCode: t.record.district_code });
      features.push({
        owner: 'city',
        id,
        geometry: { type: 'Point', coordinates: position },
        properties: { id, name: `${t.record.short_name}${PLACE_NAMES[kind]}${i + 1}`, kind, main },
      });
    }
  }
  return { features, places };
}

const PLACE_NAMES: Record<string, string> = {
  square: '广场',
  station: '车站',
  hospital: '医院',
  park: '公园',
  service_hall: '政务服务中心',
  school: '学校',
  mall: '商场',
  library: '图书馆',
  stadium: '体育馆',
};

export function generateHotspots(places: PlaceSeed[], profiles: Map<string, Profile>, rng: Rng): GeneratedFeature[] {
  const out: GeneratedFeature[] = [];
  const r = rng.fork('wifi');
  for (const place of places) {
    const settings = PROFILES[profiles.get(place.districtCode) ?? 'average'];
    const served = place.main ? r.chance(settings.wifiPlaces) : r.chance(0.4);
    if (!served) continue;
    const carrier = r.pick(CARRIERS);
    const id = `${carrier}-W${String(out.length + 1).padStart(5, '0')}`;
    // A hotspot a few tens of metres from the place, reaching 80–150 m.
    const [dx, dy] = [30 / metresPerDegreeLongitude(place.position[1]!), 30 / metresPerDegreeLatitude(place.position[1]!)];
    const position = roundPosition([place.position[0]! + r.range(-dx, dx), place.position[1]! + r.range(-dy, dy)]);
    out.push({
      owner: carrier,
      id,
      geometry: { type: 'Point', coordinates: position },
      properties: {
        id,
        carrier,
        ssid: `${carrier.toUpperCase()}-FREE`,
        radius_m: r.int(80, 150),
        in_service: randomDate(r, '2013-06-01', '2015-10-31'),
      },
    });
  }
  return out;
}

/**
 * Mobile sites on a jittered grid over each district: 3G from 2012, 4G from 2014, 5G later.
 * Grid spacing and radius are chosen so a complete grid covers every point; a district's
 * profile leaves some sites out, which makes the coverage gaps the indicator finds.
 */
export function generateMobileSites(
  districts: { code: string; region: Region }[],
  profiles: Map<string, Profile>,
  rng: Rng,
): GeneratedFeature[] {
  const out: GeneratedFeature[] = [];
  const r = rng.fork('mobile');
  const layers = [
    { generation: '3g', spacingM: 3600, radius: [3100, 3400], dates: ['2012-01-01', '2013-12-31'] },
    { generation: '4g', spacingM: 2800, radius: [2400, 2600], dates: ['2014-01-01', '2015-10-31'] },
    { generation: '5g', spacingM: 9000, radius: [800, 1200], dates: ['2019-06-01', '2021-12-31'] },
  ] as const;
  for (const { code, region } of districts) {
    const settings = PROFILES[profiles.get(code) ?? 'average'];
    const midLatitude = (region.bbox[1] + region.bbox[3]) / 2;
    for (const layer of layers) {
      const dy = layer.spacingM / metresPerDegreeLatitude(midLatitude);
      const dx = layer.spacingM / metresPerDegreeLongitude(midLatitude);
      // Pad by one cell so the border of the district is covered from outside too.
      for (let y = region.bbox[1] - dy; y <= region.bbox[3] + dy; y += dy) {
        for (let x = region.bbox[0] - dx; x <= region.bbox[2] + dx; x += dx) {
          const jx = x + r.range(-0.1, 0.1) * dx;
          const jy = y + r.range(-0.1, 0.1) * dy;
          if (!nearRegion(region, jx, jy, dx, dy)) continue;
          if (layer.generation !== '5g' && !r.chance(settings.mobileSites)) continue;
          if (layer.generation === '5g' && !r.chance(0.3)) continue;
          const carrier = r.pick(CARRIERS);
          const id = `${carrier}-M${code}-${String(out.length + 1).padStart(6, '0')}`;
          out.push({
            owner: carrier,
            id,
            geometry: { type: 'Point', coordinates: roundPosition([jx, jy]) },
            properties: {
              id,
              carrier,
              generation: layer.generation,
              radius_m: r.int(layer.radius[0], layer.radius[1]),
              in_service: randomDate(r, layer.dates[0], layer.dates[1]),
            },
          });
        }
      }
    }
  }
  return out;
}

/** Inside the region, or within one grid cell of it (so border areas are covered). */
function nearRegion(region: Region, x: number, y: number, dx: number, dy: number): boolean {
  if (region.contains(x, y)) return true;
  for (const [ox, oy] of [[dx, 0], [-dx, 0], [0, dy], [0, -dy]] as const) {
    if (region.contains(x + ox, y + oy)) return true;
  }
  return false;
}
