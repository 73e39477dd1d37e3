/** The few functions of `geojson-validation` (no published types) that the validators use. */
declare module 'geojson-validation' {
  /** With `trace` true: the list of problems (English), empty when valid. */
  export function isFeature(value: unknown, trace: true): string[];
  export function isFeature(value: unknown, trace?: false): boolean;
  const gjv: { isFeature: typeof isFeature };
  export default gjv;
}
