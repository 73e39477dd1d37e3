/**
 * Runs the city builder over every city the packages hold and says, for each, whether it could
 * be built and, if not, why. A script, not a test (it takes a while: every city is built):
 *
 *   npx tsx geodata/base/survey.ts [--out FILE.md] [--province 34] [--only 2201,3402]
 *
 * Writes nothing but its report (Markdown, stdout or --out): the list in geodata/base/README.md
 * comes from it. Cities: every NBS prefecture-level city and municipality; the boundary files
 * with no NBS city (莱芜, 东沙群岛, Taiwan's, Hong Kong's, Macao's); and the province-administered
 * county-level units (仙桃, 济源, 石河子 …), each through the same resolution as `atlas city add`.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { buildCity } from './build-city';
import { cityCatalogue, resolveCity } from './catalogue';
import { CITY_ERROR_CODES, CityError } from './city-error';

export interface SurveyRow {
  query: string;
  code: string;
  name: string;
  province: string;
  outcome: 'built' | string;
  detail: string;
  ms: number;
}

export function surveyQueries(province?: string): { query: string; code: string; name: string; province: string }[] {
  const cat = cityCatalogue();
  const rows = cat.cities
    .filter((e) => !province || e.province.code === province)
    .map((e) => ({ query: e.code, code: e.code, name: e.name, province: e.province.name }));
  if (!province) {
    // A province-administered unit's own file (济源市.js) is the same case as its code, below.
    const administered = new Set(cat.provinceAdministered.map((a) => a.name));
    for (const f of cat.unmatchedFiles.filter((x) => !administered.has(x.file.replace(/\.\w+$/, '')))) {
      rows.push({ query: f.file.replace(/\.\w+$/, ''), code: '', name: f.file.replace(/\.\w+$/, ''), province: f.province });
    }
    for (const q of ['香港', '澳门']) rows.push({ query: q, code: '', name: q, province: '' });
  }
  for (const a of cat.provinceAdministered.filter((x) => !province || x.provinceCode === province)) {
    rows.push({ query: a.code, code: a.code, name: a.name, province: a.provinceCode });
  }
  return rows;
}

export function surveyOne(q: { query: string; code: string; name: string; province: string }): SurveyRow {
  const t = Date.now();
  try {
    const b = buildCity(resolveCity(q.query));
    const c = b.city;
    const own = c.functional_areas.filter((f) => f.placed === 'own unit').length;
    const renamed = b.join.matches.filter((m) => m.how === 'renamed').length;
    return {
      ...q,
      outcome: 'built',
      detail:
        `${c.counts.counties} counties, ${c.counts.townships} townships, ${c.counts.villages} villages, ${c.areas.total_km2} km²` +
        (renamed ? `; ${renamed} renamed` : '') +
        (b.join.movedOut.length ? `; ${b.join.movedOut.map((m) => `${m.sourceName} left to ${m.to.cityName}`).join(', ')}` : '') +
        (b.borrowed.length ? `; ${b.borrowed.map((x) => `${x.name} borrowed from ${x.file}`).join(', ')}` : '') +
        (b.join.matches.some((m) => m.how === 'curated') ? `; ${b.join.matches.filter((m) => m.how === 'curated').length} joined as the city's data states` : '') +
        (own ? `; ${own} functional area(s) kept as own unit` : ''),
      ms: Date.now() - t,
    };
  } catch (e) {
    if (e instanceof CityError) return { ...q, outcome: e.code, detail: e.en, ms: Date.now() - t };
    return { ...q, outcome: 'error', detail: (e as Error).message, ms: Date.now() - t };
  }
}

export function renderSurvey(rows: SurveyRow[]): string {
  const built = rows.filter((r) => r.outcome === 'built');
  const order = (o: string) => (CITY_ERROR_CODES as readonly string[]).indexOf(o);
  const refused = rows.filter((r) => r.outcome !== 'built').sort((a, b) => order(a.outcome) - order(b.outcome) || (a.query < b.query ? -1 : 1));
  const byOutcome = new Map<string, number>();
  for (const r of refused) byOutcome.set(r.outcome, (byOutcome.get(r.outcome) ?? 0) + 1);
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [
    `${built.length} built, ${refused.length} not: ${[...byOutcome].map(([k, v]) => `${k} ${v}`).join(', ')}.`,
    '',
    '| query | city | province | why not |',
    '|---|---|---|---|',
    ...refused.map((r) => `| ${r.query} | ${r.name} | ${r.province} | \`${r.outcome}\`: ${esc(r.detail)} |`),
    '',
    '<details><summary>Built</summary>',
    '',
    '| code | city | province | what | ms |',
    '|---|---|---|---|---:|',
    ...built.map((r) => `| ${r.code} | ${r.name} | ${r.province} | ${esc(r.detail)} | ${r.ms} |`),
    '',
    '</details>',
    '',
  ].join('\n');
}

function main(): void {
  const { values } = parseArgs({ options: { out: { type: 'string' }, province: { type: 'string' }, only: { type: 'string' } } });
  const only = values.only?.split(',');
  const rows: SurveyRow[] = [];
  for (const q of surveyQueries(values.province).filter((x) => !only || only.includes(x.query))) {
    const row = surveyOne(q);
    rows.push(row);
    process.stderr.write(`${row.query} ${row.name}: ${row.outcome} (${row.ms} ms)\n`);
  }
  const text = renderSurvey(rows);
  if (values.out) writeFileSync(values.out, text);
  else process.stdout.write(text);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
