/**
 * `npm run bench [-- --scale small|city|large] [--only engine,tiles,soak,hostile,browser,uploads] [--soak-seconds N] [--json FILE]`
 * Runs on seeded data (default: the large scale), prints each figure with its baseline
 * measured in the same run, and optionally writes the figures as JSON.
 */
import { parseArgs } from 'node:util';
import { isScale } from '../../seeds/generate';
import { Bench } from './harness';
import { benchEngine } from './engine.bench';
import { benchTiles } from './tiles.bench';
import { benchUploads } from './uploads.bench';
import { benchSoak } from './soak.bench';
import { benchHostileSoak } from './hostile.bench';
import { benchBrowser } from './browser.bench';

const { values } = parseArgs({ options: { scale: { type: 'string', default: 'large' }, only: { type: 'string' }, json: { type: 'string' }, 'soak-seconds': { type: 'string', default: '30' } } });
if (!isScale(values.scale!)) throw new Error('--scale must be small, city or large');
const only = values.only ? new Set(values.only.split(',')) : null;
const bench = new Bench();
console.log('Broadband Atlas benchmarks', JSON.stringify(bench.machine()));
const extra: Record<string, unknown> = {};
if (!only || only.has('engine')) extra.engine = await benchEngine(bench, values.scale);
if (!only || only.has('tiles')) extra.tiles = await benchTiles(bench, values.scale);
// Uploads measure a 100,000-feature file at any scale; the city store is enough around it.
if (!only || only.has('soak')) extra.soak = await benchSoak(bench, values.scale, Number(values['soak-seconds']));
if (!only || only.has('hostile')) extra.hostile = await benchHostileSoak(bench, values.scale, Number(values['soak-seconds']));
if (!only || only.has('browser')) extra.browser = await benchBrowser(bench, values.scale);
if (!only || only.has('uploads')) extra.uploads = await benchUploads(bench, values.scale === 'large' ? 'city' : values.scale);
console.log(`\npeak memory (RSS): ${bench.peakMemoryMiB()} MiB`);
bench.write(values.json, extra);
