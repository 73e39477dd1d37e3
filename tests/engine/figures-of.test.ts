/**
 * What the map tiles ask the engine, answered by shortcuts, equals the long way round:
 * `figuresOf` (one area's indicators) gives exactly what `compliance` gives for that area, at
 * every level, on dates either side of the deadlines, in both views; `bestCarrierAt` and
 * `tierReader` agree with the building's sorted offers for every building.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayNumber } from '../../geodata/engine/dates';
import { LEVELS, SPEED_TIERS } from '../../geodata/engine/engine';
import { VIEWS } from '../../geodata/engine/fixed-service';
import { openTestAtlas, type TestAtlas } from '../support/atlas';

describe('engine: one area’s figures', () => {
  let t: TestAtlas;
  beforeAll(() => (t = openTestAtlas()));
  afterAll(() => t?.dispose());

  it('equals the compliance result of that area at every level, date and view', () => {
    const engine = t.atlas.engine.current().engine;
    for (const view of VIEWS) {
      for (const asOf of ['2013-06-30', '2015-12-31', '2020-12-31']) {
        for (const level of LEVELS) {
          const figuresOf = engine.figuresOf(level, asOf, view);
          const areas = engine.compliance(level, asOf, view).areas;
          expect(areas.length).toBeGreaterThan(0);
          // Every area; every 25th grid cell (24,000 cells × 6 runs would only cost time).
          for (const area of level === 'grid' ? areas.filter((_, i) => i % 25 === 0) : areas) expect(figuresOf(area.code), `${level} ${area.code} ${asOf} ${view}`).toEqual(area.indicators);
        }
      }
    }
  });

  it('answers null for a code that is no area of the level', () => {
    const engine = t.atlas.engine.current().engine;
    const district = engine.compliance('district', '2015-12-31').areas[0]!.code;
    expect(engine.figuresOf('township', '2015-12-31')(district)).toBeNull();
    expect(engine.figuresOf('grid', '2015-12-31')('8831aa5a8bfffff')).toBeNull();
    expect(engine.figuresOf('city', '2015-12-31')('nowhere')).toBeNull();
  });

  it('gives each building the carrier and tier of its best offer, as its sorted offers do', () => {
    const engine = t.atlas.engine.current().engine;
    const B = engine.buildingFacts;
    let withOffer = 0;
    for (const view of VIEWS) {
      for (const asOf of ['2012-12-31', '2015-12-31', '2020-12-31']) {
        const day = dayNumber(asOf);
        const tierOf = engine.tierReader(day, view);
        for (let b = 0; b < B.count; b++) {
          const offers = engine.building(B.ids[b]!, asOf, view)!.offers;
          expect(engine.bestCarrierAt(b, day, view)).toBe(offers[0]?.carrier ?? '');
          const best = offers[0]?.down_mbps ?? 0;
          expect(tierOf(b)).toBe(SPEED_TIERS.find((t) => best >= t) ?? 0);
          if (offers.length > 1) withOffer++;
        }
      }
    }
    expect(withOffer).toBeGreaterThan(100); // buildings with several offers were compared
  });
});
