/**
 * Load a city's base geography from its folder (default: geodata/base/chuzhou). Another city
 * ships the same files: districts.geojson, divisions.json, city.json (and its sources) — as
 * `atlas city add` writes them into DATA_DIR/cities/<code>/ (geodata/base/install.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CITY_DIR } from '../geodata/base/embedded';
import type { BaseGeography } from '../geodata/base/types';

export { DEFAULT_CITY_DIR };

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
