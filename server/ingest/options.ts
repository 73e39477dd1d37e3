/**
 * The parameters of an upload (query string or multipart form fields), checked at the edge:
 * each bad one is a 400 that names it and what is allowed.
 */
import { parseCrs, type Crs } from '../../geodata/crs/crs';
import { FORMATS } from '../../geodata/formats/detect';
import { LAYER_IDS, isLayerId, type LayerId } from '../../geodata/schema';
import { badParameter } from '../errors';
import { parseEnumParam } from '../params';
import type { UploadOptions } from './pipeline';

/** The upload's options as the caller gives them (who uploads is known from the token, not a parameter). */
export interface UploadParams extends Omit<UploadOptions, 'owner' | 'actor' | 'preview'> {
  preview: boolean;
  filename: string | null;
}

export function parseBool(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw badParameter(name, '应为 true 或 false', 'must be true or false');
}

export function parseLayer(raw: string | undefined): LayerId {
  if (!raw) throw badParameter('layer', '必须指定图层', 'is required', LAYER_IDS);
  if (!isLayerId(raw)) throw badParameter('layer', `没有图层 ${raw}`, `there is no layer ${raw}`, LAYER_IDS);
  return raw;
}

export function parseUploadParams(get: (name: string) => string | undefined): UploadParams {
  const crsText = get('crs');
  let crs: Crs | null = null;
  if (crsText) {
    const r = parseCrs(crsText);
    if ('error' in r) throw badParameter('crs', r.error.zh, r.error.en);
    crs = r.crs;
  }
  const encoding = get('encoding') || null;
  if (encoding) {
    try {
      new TextDecoder(encoding);
    } catch {
      throw badParameter('encoding', `不认识的编码 ${encoding}`, `unknown encoding ${encoding}`, ['utf-8', 'gb18030', 'gbk', 'big5']);
    }
  }
  const format = get('format');
  return {
    layer: parseLayer(get('layer')),
    mode: parseEnumParam('mode', get('mode'), ['replace', 'append'] as const, 'replace'),
    crs,
    dryRun: parseBool('dryRun', get('dryRun'), false),
    onError: parseEnumParam('onError', get('onError'), ['strict', 'skip'] as const, 'strict'),
    format: format ? parseEnumParam('format', format, FORMATS, 'geojson') : null,
    encoding,
    effect: parseBool('effect', get('effect'), true),
    preview: parseBool('preview', get('preview'), true),
    filename: get('filename') || null,
  };
}
