/** The base geography a city ships: boundaries from a real source, names and codes. */
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Label, Settlement, TownshipKind, VillageKind } from '../schema';

export interface DistrictProperties {
  code: string;
  name: string;
  name_en: string;
}
export type DistrictFeature = Feature<Polygon | MultiPolygon, DistrictProperties>;

export interface TownshipRecord {
  code: string;
  name: string;
  short_name: string;
  name_pinyin: string;
  district_code: string;
  kind: TownshipKind;
  settlement: Settlement;
}

export interface VillageRecord {
  code: string;
  name: string;
  short_name: string;
  name_pinyin: string;
  township_code: string;
  kind: VillageKind;
  settlement: Settlement;
}

export interface CityInfo {
  code: string;
  name: Label;
  /** Seats of the district governments, [lon, lat]: where the generator puts urban cores. */
  seats: Record<string, [number, number]>;
}

export interface BaseGeography {
  city: CityInfo;
  districts: FeatureCollection<Polygon | MultiPolygon, DistrictProperties>;
  townships: TownshipRecord[];
  villages: VillageRecord[];
}
