/** Where the embedded default city (Chuzhou) lives: the base geography `atlas serve` loads. */
import { fileURLToPath } from 'node:url';

export const DEFAULT_CITY_DIR = fileURLToPath(new URL('./chuzhou', import.meta.url));
