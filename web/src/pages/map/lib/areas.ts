/** Area codes: which level a code belongs to, by its shape (GB/T 2260 and H3). */
import type { Level } from '../../../../../geodata/contract';

/** 4 digits: the city; 6: a district; 9: a township; otherwise an H3 grid cell. */
export function levelOfCode(code: string): Level {
  if (/^\d{4}$/.test(code)) return 'city';
  if (/^\d{6}$/.test(code)) return 'district';
  if (/^\d{9}$/.test(code)) return 'township';
  return 'grid';
}
