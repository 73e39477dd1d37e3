/**
 * The join between the boundary package's county features (their names, as AMap had them about
 * 2017) and the NBS 2023 county-level codes of the same city. Pure.
 *
 * Rules, in order; every match that is not by identical name is reported, and nothing is guessed:
 *   1. identical name (琅琊区 ↔ 琅琊区); the feature's id is only cross-checked (a code that
 *      changed when a county became a district, 肥乡区 130428 → 130407, is a note, not a fault);
 *   2. the same place under a new generic, among the names still unmatched, when the pairing is
 *      one to one: the same specific part (平泉县 → 平泉市, 即墨市 → 即墨区, 梁平县 → 梁平区),
 *      a generic added to the whole old name (沙县 → 沙县区), or a one-character county that
 *      became a 州 city or district (滦县 → 滦州市, 盘县 → 盘州市). These are 撤县设市/撤县设区
 *      conversions, which keep the territory; a conversion that also moved territory would leave
 *      a name unmatched (孟津县 + 吉利区 → 孟津区 leaves 吉利区) and the join fails;
 *   3. a feature whose name is a county of another city of the same province in the NBS codes
 *      moved there (公主岭市, 四平 → 长春 in 2020): it is left out of this city (and build-city.ts
 *      lends it, by the same name, to the city it moved to);
 *   4. anything left on either side is a mismatch (renamed with a new name, merged, split, new):
 *      the join fails and lists it — the boundaries would be wrong, and no rule can tell how.
 * Before all of these, a city's own data may state joins the rules cannot make, each with its
 * reason (a rename to a new name, 芜湖县 → 湾沚区; a merge whose territory is the union of old
 * counties, 弋江区 + 三山区 → 弋江区): those features are taken as stated.
 */
import { countyNameParts } from './place-names';

export interface SourceCounty {
  id?: string;
  name: string;
}
export interface NbsCounty {
  code: string;
  name: string;
}
export interface CountyElsewhere extends NbsCounty {
  cityCode: string;
  cityName: string;
}

export interface CountyMatch {
  code: string;
  name: string;
  /** The feature's name and id in the boundary package (names joined by + for a curated merge). */
  sourceName: string;
  sourceId?: string;
  /** The features whose union is the county: one, or several for a curated merge. */
  sourceNames: string[];
  how: 'name' | 'renamed' | 'curated';
}

/** A join a city's own data states, with why (geodata/base/<city>/build.json `county_joins`). */
export interface CuratedJoin {
  from: string[];
  reason: string;
}

export interface JoinResult {
  matches: CountyMatch[];
  /** Features left out because the NBS now puts that county in another city. */
  movedOut: { sourceName: string; sourceId?: string; to: CountyElsewhere }[];
  /** Features with no NBS county, and NBS counties with no feature: non-empty means the join failed. */
  unmatchedSource: SourceCounty[];
  unmatchedNbs: NbsCounty[];
  /** Features matched by name whose id is not the NBS code. */
  idNotes: { name: string; sourceId: string; code: string }[];
}

/** Could NBS name `nbs` be feature name `src` under a new generic (rule 2)? */
export function sameCountyRenamed(src: string, nbs: string): boolean {
  if (src === nbs) return false;
  const a = countyNameParts(src);
  const b = countyNameParts(nbs);
  if (a.stem === b.stem && [...a.stem].length >= 2) return true;
  if (nbs.length === src.length + 1 && nbs.startsWith(src) && /[区市县]$/.test(nbs)) return true;
  const one = /^(\p{Script=Han})县$/u.exec(src);
  return one !== null && (nbs === `${one[1]}州市` || nbs === `${one[1]}州区`);
}

export function joinCounties(
  source: readonly SourceCounty[],
  nbs: readonly NbsCounty[],
  elsewhere: readonly CountyElsewhere[],
  curated: Readonly<Record<string, CuratedJoin>> = {},
): JoinResult {
  const duplicates = (names: string[]) => names.filter((n, i) => names.indexOf(n) !== i);
  const dupSource = duplicates(source.map((s) => s.name));
  if (dupSource.length) throw new Error(`the boundary file names ${dupSource.join(', ')} more than once`);
  const dupNbs = duplicates(nbs.map((n) => n.name));
  if (dupNbs.length) throw new Error(`the NBS codes name ${dupNbs.join(', ')} more than once in this city`);

  const matches: CountyMatch[] = [];
  const idNotes: JoinResult['idNotes'] = [];
  let restSource = [...source];
  let restNbs = [...nbs];
  const take = (s: SourceCounty, n: NbsCounty, how: CountyMatch['how']) => {
    matches.push({ code: n.code, name: n.name, sourceName: s.name, ...(s.id !== undefined ? { sourceId: s.id } : {}), sourceNames: [s.name], how });
    restSource = restSource.filter((x) => x !== s);
    restNbs = restNbs.filter((x) => x !== n);
  };

  for (const [code, join] of Object.entries(curated).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const n = restNbs.find((x) => x.code === code);
    if (!n) throw new Error(`the city's data joins NBS code ${code}, which the NBS codes do not have (or is joined twice)`);
    const from = join.from.map((name) => {
      const s = restSource.find((x) => x.name === name);
      if (!s) throw new Error(`the city's data joins ${code} from ${name}, which the boundary file does not have (or uses twice)`);
      return s;
    });
    matches.push({ code: n.code, name: n.name, sourceName: join.from.join('+'), sourceNames: [...join.from], how: 'curated' });
    restSource = restSource.filter((x) => !from.includes(x));
    restNbs = restNbs.filter((x) => x !== n);
  }

  for (const s of [...restSource]) {
    const n = restNbs.find((x) => x.name === s.name);
    if (!n) continue;
    if (s.id !== undefined && s.id !== n.code) idNotes.push({ name: s.name, sourceId: s.id, code: n.code });
    take(s, n, 'name');
  }
  for (const s of [...restSource]) {
    const candidates = restNbs.filter((n) => sameCountyRenamed(s.name, n.name));
    if (candidates.length !== 1) continue;
    const n = candidates[0]!;
    if (restSource.filter((x) => sameCountyRenamed(x.name, n.name)).length !== 1) continue;
    take(s, n, 'renamed');
  }
  const movedOut: JoinResult['movedOut'] = [];
  for (const s of [...restSource]) {
    const to = elsewhere.filter((e) => e.name === s.name);
    if (to.length !== 1) continue;
    movedOut.push({ sourceName: s.name, ...(s.id !== undefined ? { sourceId: s.id } : {}), to: to[0]! });
    restSource = restSource.filter((x) => x !== s);
  }
  matches.sort((a, b) => (a.code < b.code ? -1 : 1));
  return { matches, movedOut, unmatchedSource: restSource, unmatchedNbs: restNbs, idNotes };
}
