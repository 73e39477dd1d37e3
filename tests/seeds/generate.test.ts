import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LAYER_IDS, type LayerId } from '../../geodata/schema';
import { validateDocument } from '../../geodata/validate-features';
import { pointInPolygonGeometry } from '../../geodata/geometry/point-in-polygon';
import type { MultiPolygon, Point, Polygon } from 'geojson';
import { loadBaseGeography } from '../../seeds/base-geography';
import { generateDemoCity, SCALES } from '../../seeds/generate';

const base = loadBaseGeography();
const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');
const small = generateDemoCity(base, 'small');

describe('demo city generator', () => {
  it('is deterministic: same seed, byte-identical output', () => {
    expect(digest(generateDemoCity(base, 'small').layers)).toBe(digest(small.layers));
  });

  it('changes with the seed', () => {
    expect(digest(generateDemoCity(base, 'small', 7).layers.buildings)).not.toBe(digest(small.layers.buildings));
  });

  it('has the real base geography: 8 districts, 124 townships, 1,267 villages', () => {
    expect(small.layers.districts).toHaveLength(8);
    expect(small.layers.townships).toHaveLength(124);
    expect(small.layers.villages).toHaveLength(1267);
  });

  it('makes the scale it is asked for', () => {
    expect(small.layers.buildings).toHaveLength(SCALES.small);
    expect(SCALES).toEqual({ small: 5_000, city: 100_000, large: 1_000_000 });
  });

  it('makes the city scale with about 100k buildings and every layer filled', { timeout: 120_000 }, () => {
    const city = generateDemoCity(base, 'city');
    expect(city.layers.buildings).toHaveLength(100_000);
    for (const layer of LAYER_IDS) expect(city.layers[layer].length, layer).toBeGreaterThan(0);
    expect(city.layers.fixed_service.length).toBeGreaterThan(city.layers.buildings.length);
  });

  it.each(LAYER_IDS)('every %s feature passes its layer schema', (layer: LayerId) => {
    const doc = { type: 'FeatureCollection', features: small.layers[layer].map((f) => ({ type: 'Feature', geometry: f.geometry, properties: f.properties })) };
    const result = validateDocument(layer, doc);
    expect(result.problems.slice(0, 3)).toEqual([]);
    expect(result.valid).toHaveLength(small.layers[layer].length);
  });

  it('puts every township inside its district and every building inside a township', () => {
    const districts = new Map(small.layers.districts.map((d) => [d.id, d.geometry as Polygon | MultiPolygon]));
    const townships = small.layers.townships.map((t) => ({ district: String(t.properties.district_code), geometry: t.geometry as Polygon | MultiPolygon }));
    for (const v of small.layers.villages) {
      const [x, y] = (v.geometry as Point).coordinates as [number, number];
      const t = small.layers.townships.find((t) => t.id === v.properties.township_code)!;
      expect(pointInPolygonGeometry(x, y, t.geometry as Polygon), `village ${v.id}`).toBe(true);
      expect(pointInPolygonGeometry(x, y, districts.get(String(t.properties.district_code))!), `village ${v.id} in district`).toBe(true);
    }
    let outside = 0;
    for (const b of small.layers.buildings) {
      const [x, y] = (b.geometry as Point).coordinates as [number, number];
      if (!townships.some((t) => pointInPolygonGeometry(x, y, t.geometry))) outside++;
    }
    expect(outside).toBe(0);
  });

  it('gives some districts a leading and some a lagging profile', () => {
    const profiles = new Set(Object.values(small.profiles));
    expect(profiles).toEqual(new Set(['leading', 'average', 'lagging']));
  });

  it('dates fixed service between 2012 and 2017, with some planned records', () => {
    const dates = small.layers.fixed_service.map((f) => String(f.properties.in_service)).sort();
    expect(dates[0]! >= '2012-01-01').toBe(true);
    expect(dates[dates.length - 1]! <= '2017-12-31').toBe(true);
    expect(small.layers.fixed_service.some((f) => f.properties.status === 'planned')).toBe(true);
    expect(small.layers.fixed_service.some((f) => f.geometry?.type === 'Polygon')).toBe(true);
  });
});
