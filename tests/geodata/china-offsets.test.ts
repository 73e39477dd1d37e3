import { describe, expect, it } from 'vitest';
import { bd09ToWgs84, gcj02ToWgs84, outOfChina, wgs84ToBd09, wgs84ToGcj02 } from '../../geodata/crs/china-offsets';
import { geodesicM as metres } from '../support/geodesic';

describe('GCJ-02 and BD-09', () => {
  const chuzhou: [number, number] = [118.3163, 32.3017];

  it('shifts a Chuzhou position by a few hundred metres', () => {
    const g = wgs84ToGcj02(...chuzhou);
    const d = metres(g, chuzhou);
    expect(d).toBeGreaterThan(300);
    expect(d).toBeLessThan(700);
    // Known direction in eastern China: GCJ-02 lies east and slightly north of WGS 84.
    expect(g[0]).toBeGreaterThan(chuzhou[0]);
  });

  it('inverts GCJ-02 to well under a millimetre', () => {
    for (const p of [chuzhou, [117.2, 31.9], [119.2, 33.2], [121.47, 31.23]] as [number, number][]) {
      expect(metres(gcj02ToWgs84(...wgs84ToGcj02(...p)), p)).toBeLessThan(0.001);
    }
  });

  it('inverts BD-09 to under a millimetre', () => {
    expect(metres(bd09ToWgs84(...wgs84ToBd09(...chuzhou)), chuzhou)).toBeLessThan(0.001);
    // BD-09 sits further off than GCJ-02 (Baidu adds its own ~1 km offset).
    expect(metres(wgs84ToBd09(...chuzhou), chuzhou)).toBeGreaterThan(metres(wgs84ToGcj02(...chuzhou), chuzhou));
  });

  it('leaves positions outside China unchanged', () => {
    expect(outOfChina(2.35, 48.85)).toBe(true);
    expect(wgs84ToGcj02(2.35, 48.85)).toEqual([2.35, 48.85]);
    expect(gcj02ToWgs84(2.35, 48.85)).toEqual([2.35, 48.85]);
  });
});
