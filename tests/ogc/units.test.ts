/**
 * The pure pieces behind /api/layers/{layer}/features and /ogc: RFC 7946 geometry (rounding,
 * winding), the `datetime` grammar, content negotiation, feature ids, HTML escaping.
 */
import type { Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../server/errors';
import { roundCoordinate } from '../../geodata/geometry/positions';
import { booleanClockwise } from '@turf/turf';
import { rfc7946Geometry } from '../../server/features';
import { negotiateFormat } from '../../server/ogc/format';
import { escapeHtml } from '../../server/ogc/html';
import { featureId, parseFeatureId } from '../../server/ogc/items';
import { parseDatetimeParam } from '../../server/params';

const ccw: Position[] = [
  [118, 32],
  [118.1, 32],
  [118.1, 32.1],
  [118, 32.1],
  [118, 32],
];
const reversed = (ring: Position[]) => [...ring].reverse();
/** A counter-clockwise square inside `ccw`. */
const inner: Position[] = [
  [118.02, 32.02],
  [118.08, 32.02],
  [118.08, 32.08],
  [118.02, 32.08],
  [118.02, 32.02],
];

/** Winding by Turf (independent of our ring area): +1 counter-clockwise, -1 clockwise. */
const winding = (ring: Position[]) => (booleanClockwise(ring) ? -1 : 1);

describe('RFC 7946 geometry', () => {
  it('the fixture rings wind as their names say (by Turf)', () => {
    expect(winding(ccw)).toBe(1);
    expect(winding(reversed(ccw))).toBe(-1);
  });

  it('rounds coordinates to 6 decimals and never writes -0', () => {
    expect(roundCoordinate(118.123456789)).toBe(118.123457);
    expect(roundCoordinate(-0.0000001)).toBe(0);
    expect(Object.is(roundCoordinate(-0.0000001), -0)).toBe(false);
    expect(rfc7946Geometry({ type: 'Point', coordinates: [118.1234564999, 32.9999999, 12.3456789] })).toEqual({ type: 'Point', coordinates: [118.123456, 33, 12.345679] });
  });

  it('winds exterior rings counter-clockwise and holes clockwise', () => {
    // Wrong both ways round: a clockwise exterior and a counter-clockwise hole.
    const wrong: Polygon = { type: 'Polygon', coordinates: [reversed(ccw), inner] };
    const fixed = rfc7946Geometry(wrong) as Polygon;
    expect(winding(fixed.coordinates[0]!)).toBe(1);
    expect(winding(fixed.coordinates[1]!)).toBe(-1);
    // Already right: left as it is.
    const right: Polygon = { type: 'Polygon', coordinates: [ccw, reversed(inner)] };
    expect(rfc7946Geometry(right)).toEqual(right);
    // Every polygon of a MultiPolygon, and inside a GeometryCollection.
    const multi = rfc7946Geometry({ type: 'GeometryCollection', geometries: [{ type: 'MultiPolygon', coordinates: [[reversed(ccw)], [ccw]] }] });
    const polygons = (multi as any).geometries[0].coordinates as Position[][][];
    expect(polygons.map((p) => winding(p[0]!))).toEqual([1, 1]);
  });

  it('does not change the geometry it is given', () => {
    const g: Polygon = { type: 'Polygon', coordinates: [reversed(ccw)] };
    const before = JSON.stringify(g);
    rfc7946Geometry(g);
    expect(JSON.stringify(g)).toBe(before);
  });
});

describe('datetime', () => {
  it.each([
    ['2015-06-01', { from: '2015-06-01', to: '2015-06-01' }],
    ['2015-06-01T08:00:00Z', { from: '2015-06-01', to: '2015-06-01' }],
    ['2015-06-01t23:59:60.5+08:00', { from: '2015-06-01', to: '2015-06-01' }],
    ['2013-01-01/2014-12-31', { from: '2013-01-01', to: '2014-12-31' }],
    ['2013-01-01T00:00:00Z/2014-12-31T12:00:00Z', { from: '2013-01-01', to: '2014-12-31' }],
    ['../2014-12-31', { from: null, to: '2014-12-31' }],
    ['2013-01-01/..', { from: '2013-01-01', to: null }],
    ['/2014-12-31', { from: null, to: '2014-12-31' }],
    ['../..', { from: null, to: null }],
    // GDAL 3.6 writes a date filter with a bare T.
    ['2013-01-01T/2014-01-01T', { from: '2013-01-01', to: '2014-01-01' }],
  ])('reads %s', (raw, range) => {
    expect(parseDatetimeParam('datetime', raw)).toEqual(range);
  });

  it.each(['yesterday', '2015/06/01', '2015-13-01', '2015-02-30', '2015-06-01T25:00:00Z', '2015-06-01T08:00:00', '2015-06-01 08:00:00Z', 'a/b/c', '2015-06-01/2015-01-01', '1/2'])(
    'rejects %s with a 400 naming datetime',
    (raw) => {
      let error: unknown;
      try {
        parseDatetimeParam('datetime', raw);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).status).toBe(400);
      expect((error as ApiError).details).toMatchObject({ parameter: 'datetime' });
    },
  );

  it('is absent when not given', () => {
    expect(parseDatetimeParam('datetime', undefined)).toBeNull();
    expect(parseDatetimeParam('datetime', '')).toBeNull();
  });
});

describe('content negotiation', () => {
  it.each([
    [undefined, 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'html'], // a browser
    [undefined, 'application/json', 'json'], // GDAL
    [undefined, 'application/geo+json, application/json', 'json'],
    [undefined, '*/*', 'json'], // curl
    [undefined, undefined, 'json'],
    [undefined, 'text/html', 'html'],
    [undefined, 'application/json;q=0.5, text/html;q=0.4', 'json'],
    [undefined, 'text/*', 'html'],
    ['json', 'text/html', 'json'], // f wins
    ['html', 'application/json', 'html'],
  ] as const)('f=%s, Accept %s → %s', (f, accept, expected) => {
    expect(negotiateFormat(f, accept)).toBe(expected);
  });

  it('rejects an unknown f', () => {
    expect(() => negotiateFormat('xml', undefined)).toThrow(ApiError);
  });
});

describe('feature ids', () => {
  it('is the id on base layers and owner:id on carrier layers', () => {
    expect(featureId({ layer: 'districts', owner: 'city', id: '341102' })).toBe('341102');
    expect(featureId({ layer: 'mobile_sites', owner: 'telecom', id: 'T:1' })).toBe('telecom:T:1');
    expect(parseFeatureId('districts', '341102')).toEqual({ owner: 'city', id: '341102' });
    // Carrier codes have no colon, so the first one splits even an id that has colons.
    expect(parseFeatureId('mobile_sites', 'telecom:T:1')).toEqual({ owner: 'telecom', id: 'T:1' });
    expect(parseFeatureId('mobile_sites', 'T1')).toBeNull();
    expect(parseFeatureId('mobile_sites', ':T1')).toBeNull();
    expect(parseFeatureId('mobile_sites', 'Bad Owner:T1')).toBeNull();
  });
});

describe('HTML escaping', () => {
  it('escapes text and attribute breakers', () => {
    expect(escapeHtml(`<script>alert("x")</script>&'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
  });
});
