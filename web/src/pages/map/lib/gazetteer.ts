/**
 * The place names the search box knows: districts, townships and villages, each with its names
 * (Chinese, short, pinyin or English) and its extent, built once from the layers' GeoJSON and
 * kept without geometry. Matching ignores case, spaces and tone marks; exact names first, then
 * prefixes, then any part; districts before townships before villages.
 */
import type { FeatureCollection, Geometry } from 'geojson';
import { geometryBBox } from '../../../../../geodata/geometry/bbox';
import type { BBox } from '../../../../../geodata/contract';

export type PlaceKind = 'district' | 'township' | 'village';

export interface Place {
  kind: PlaceKind;
  code: string;
  name: string;
  /** Short name (琅琊) for townships and villages; the name itself for districts. */
  shortName: string;
  /** Pinyin (townships, villages) or the English name (districts). */
  latinName: string;
  /** The containing area's code (a township's district, a village's township). */
  parent: string | null;
  bbox: BBox;
  /** Stored properties (villages: kind, settlement, information station…). */
  properties: Record<string, unknown>;
}

export interface Gazetteer {
  places: Place[];
  byCode: Map<string, Place>;
}

type Props = Record<string, unknown>;

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Lower case, no spaces or punctuation, no tone marks: "Lángyá Jiēdào" → "langyajiedao". */
export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s·・'’\-_.,，。()（）]/g, '');
}

function places(kind: PlaceKind, fc: FeatureCollection<Geometry, Props>, parentField: string | null): Place[] {
  const out: Place[] = [];
  for (const f of fc.features) {
    const p = f.properties ?? {};
    const bbox = f.geometry ? geometryBBox(f.geometry) : null;
    const code = str(p.code);
    if (!bbox || !code) continue;
    const { code: _c, name: _n, short_name: _s, name_pinyin: _p, name_en: _e, owner: _o, ...rest } = p;
    out.push({
      kind,
      code,
      name: str(p.name),
      shortName: str(p.short_name) || str(p.name),
      latinName: str(p.name_pinyin) || str(p.name_en),
      parent: parentField ? str(p[parentField]) || null : null,
      bbox,
      properties: rest,
    });
  }
  return out;
}

export function buildGazetteer(
  districts: FeatureCollection<Geometry, Props>,
  townships: FeatureCollection<Geometry, Props>,
  villages: FeatureCollection<Geometry, Props>,
): Gazetteer {
  const all = [...places('district', districts, null), ...places('township', townships, 'district_code'), ...places('village', villages, 'township_code')];
  return { places: all, byCode: new Map(all.map((p) => [p.code, p])) };
}

const KIND_ORDER: Record<PlaceKind, number> = { district: 0, township: 1, village: 2 };

/** The best matches for a query, at most `limit`. */
export function searchPlaces(gazetteer: Gazetteer, query: string, limit = 8): Place[] {
  const q = normalise(query);
  if (!q) return [];
  const scored: { place: Place; score: number }[] = [];
  for (const place of gazetteer.places) {
    let best = Infinity;
    for (const key of [place.name, place.shortName, place.latinName, place.code]) {
      const k = normalise(key);
      if (!k) continue;
      const score = k === q ? 0 : k.startsWith(q) ? 1 : k.includes(q) ? 2 : Infinity;
      if (score < best) best = score;
    }
    if (best < Infinity) scored.push({ place, score: best * 10 + KIND_ORDER[place.kind] });
  }
  scored.sort((a, b) => a.score - b.score || a.place.name.length - b.place.name.length || a.place.code.localeCompare(b.place.code));
  return scored.slice(0, limit).map((s) => s.place);
}

/** Does the query look like a building id (letters and digits, with a digit)? */
export function looksLikeBuildingId(query: string): boolean {
  const q = query.trim();
  return /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/.test(q) && /\d/.test(q) && !/^\d{6,12}$/.test(q);
}
