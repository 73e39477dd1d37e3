/**
 * Load a city's base geography from its folder (default: geodata/base/chuzhou). Another city
 * ships the same four files: districts.geojson, divisions.json, city.json (and its sources).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BaseGeography } from '../geodata/base/types';

export const DEFAULT_CITY_DIR = fileURLToPath(new URL('../geodata/base/chuzhou', import.meta.url));

export function loadBaseGeography(dir: string = DEFAULT_CITY_DIR): BaseGeography {
  const read = (name: string): unknown => JSON.parse(readFileSync(join(dir, name), 'utf8'));
  const divisions = read('divisions.json') as Pick<BaseGeography, 'townships' | 'villages'>;
  return {
    city: read('city.json') as BaseGeography['city'],
    districts: read('districts.geojson') as BaseGeography['districts'],
    townships: divisions.townships,
    villages: divisions.villages,
  };
}

export const DEFAULT_TARGETS_FILE = fileURLToPath(new URL('./targets.json', import.meta.url));
