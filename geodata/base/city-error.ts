/**
 * Why a city's base geography cannot be built: the project's one error shape
 * ({ error: { code, message: { zh, en }, details } }), with a code per case so a caller (the CLI,
 * a test, a province run) can tell the cases apart.
 */
export const CITY_ERROR_CODES = [
  /** Nothing in either package goes by that name or code. */
  'city_unknown',
  /** A pinyin (or a name) that several cities share. */
  'city_ambiguous',
  /** A county-level unit, not a prefecture-level city (巢湖市 is a county-level city of 合肥市). */
  'city_is_county',
  /** Towns report to the city directly (东莞, 中山, 嘉峪关, 儋州): there is no county level. */
  'city_no_county_level',
  /** The boundary package has only the city's outline, no county boundaries (三沙). */
  'city_no_county_boundaries',
  /** A county-level city or county the province administers directly (仙桃, 济源, 石河子, 琼海). */
  'city_province_administered',
  /** Hong Kong, Macao, Taiwan: not in the NBS statistical codes, so no townships or villages. */
  'city_outside_nbs',
  /** In the boundary package but not in the NBS 2023 codes (莱芜, merged into 济南 in 2019). */
  'city_not_in_divisions',
  /** In the NBS codes but with no boundary file in the package. */
  'city_not_in_boundaries',
  /** The package's counties and the NBS counties do not match one to one (renamed, merged or split since the boundaries were drawn). */
  'city_county_mismatch',
  /** The built boundaries fail a check (validity, overlap, gap). */
  'city_checks_failed',
  /** The city's settlement-overrides.json cannot be used (malformed, or out of step with the package). */
  'city_overrides_invalid',
  /** A province that is not one (for --province). */
  'province_unknown',
] as const;
export type CityErrorCode = (typeof CITY_ERROR_CODES)[number];

export class CityError extends Error {
  constructor(
    readonly code: CityErrorCode,
    readonly zh: string,
    readonly en: string,
    readonly details?: unknown,
  ) {
    super(en);
    this.name = 'CityError';
  }

  toJSON() {
    return { error: { code: this.code, message: { zh: this.zh, en: this.en }, ...(this.details === undefined ? {} : { details: this.details }) } };
  }
}
