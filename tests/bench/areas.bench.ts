/**
 * One area's figures and yearly series (what GET /api/areas/:code computes: `engine.area`), per
 * level, beside the old path measured in the same run: the level's every area built per date
 * (`compliance(level, date)`) and the one area picked out — 7–10 s for a grid cell at the large
 * scale, where clicking a cell on the map waited for it.
 *
 * Run from the engine benchmark, on its engine (`--only engine`).
 */
import { seriesDates, today } from '../../geodata/engine/dates';
import type { ComplianceEngine, Level } from '../../geodata/engine/engine';
import type { Bench } from './harness';

const FIRST_DATE = '2012-01-01';

export async function benchAreas(bench: Bench, engine: ComplianceEngine): Promise<Record<string, number>> {
  console.log('\n== one area’s figures and series (GET /api/areas/:code)');
  const asOf = today();
  const yearly = seriesDates(FIRST_DATE, asOf, 'year');
  const quarterly = seriesDates(FIRST_DATE, asOf, 'quarter');
  const { cell, cells, township, district } = sampleAreas(engine);

  const first = await bench.time(() => engine.area(cell, asOf, yearly));
  bench.record({ name: 'first area query after a build (lists each area’s items once)', value: first.ms, unit: 'ms' });

  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const timeArea = async (code: string, dates: string[]) => (await bench.time(() => engine.area(code, asOf, dates))).ms;
  const timeMany = async (codes: string[], dates: string[]) => {
    const ms: number[] = [];
    for (const code of codes) ms.push(await timeArea(code, dates));
    return { median: median(ms), max: Math.max(...ms) };
  };

  // The old path, once per level (a grid cell's takes seconds): every area of the level per date.
  const oldPath = async (level: Level, code: string) =>
    (
      await bench.time(() => {
        const now = engine.compliance(level, asOf).areas.find((a) => a.code === code);
        return [now, ...yearly.map((d) => engine.compliance(level, d).areas.find((a) => a.code === code))];
      })
    ).ms;

  const figures: Record<string, number> = {};
  const gridCells = await timeMany(cells, yearly);
  const gridOld = await oldPath('grid', cell);
  bench.record({
    name: `grid cell: figures + yearly series (${yearly.length} dates), median of ${cells.length} cells`,
    value: gridCells.median,
    unit: 'ms',
    baseline: { name: 'old path: every cell of the grid per date', value: gridOld },
    target: '< 100 ms',
    note: `slowest ${gridCells.max.toFixed(1)} ms; the busiest cell ${(await timeArea(cell, yearly)).toFixed(1)} ms`,
  });
  figures.grid = gridCells.median;
  figures.gridOld = gridOld;

  for (const [level, code] of [['township', township], ['district', district], ['city', engine.options.city.code]] as const) {
    const ms = median([await timeArea(code, yearly), await timeArea(code, yearly), await timeArea(code, yearly)]);
    const old = await oldPath(level, code);
    bench.record({ name: `${level} ${code}: figures + yearly series (median of 3)`, value: ms, unit: 'ms', baseline: { name: `old path: every ${level} per date`, value: old }, target: '< 100 ms' });
    figures[level] = ms;
  }
  const cityQuarterly = median([await timeArea(engine.options.city.code, quarterly), await timeArea(engine.options.city.code, quarterly), await timeArea(engine.options.city.code, quarterly)]);
  bench.record({ name: `city: figures + quarterly series (${quarterly.length} dates, median of 3)`, value: cityQuarterly, unit: 'ms', target: '< 100 ms' });
  const cellQuarterly = await timeMany(cells, quarterly);
  bench.record({ name: `grid cell: figures + quarterly series, median of ${cells.length} cells`, value: cellQuarterly.median, unit: 'ms', target: '< 100 ms', note: `slowest ${cellQuarterly.max.toFixed(1)} ms` });
  figures.cityQuarterly = cityQuarterly;
  return figures;
}

/** The busiest grid cell, 25 cells that hold buildings, the busiest township and district. */
function sampleAreas(engine: ComplianceEngine) {
  const B = engine.buildingFacts;
  const count = (level: 'grid' | 'township' | 'district') => {
    const n = new Map<string, number>();
    for (let b = 0; b < B.count; b++) {
      const code = engine.buildingArea(level, b);
      if (code && B.district[b]! >= 0) n.set(code, (n.get(code) ?? 0) + 1);
    }
    return [...n].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  };
  const cells = count('grid');
  const step = Math.max(1, Math.floor(cells.length / 25));
  return {
    cell: cells[0]![0],
    cells: cells.filter((_, i) => i % step === 0).slice(0, 25).map(([c]) => c),
    township: count('township')[0]![0],
    district: count('district')[0]![0],
  };
}
