/**
 * Check a feature's properties against its layer schema (schema.ts). Every problem is reported,
 * not only the first, each located (JSON path) and explained in Chinese and English.
 * Runs once per uploaded feature (100,000 in a big file): nothing is formatted unless wrong.
 */
import { LAYERS, type FieldSpec, type LayerId } from './schema';

export type Severity = 'error' | 'warning';

export interface Problem {
  /** Stable machine code, e.g. `required`, `type`, `enum`, `range`. */
  code: string;
  /** JSON path inside the feature, e.g. `properties.down_mbps`. */
  path: string;
  zh: string;
  en: string;
  /** Absent means `error`: a warning is reported but does not stop a commit. */
  severity?: Severity;
}

export function validateProperties(layer: LayerId, properties: unknown): Problem[] {
  if (properties === null || typeof properties !== 'object' || Array.isArray(properties)) {
    return [
      {
        code: 'properties',
        path: 'properties',
        zh: 'properties 必须是对象',
        en: 'properties must be an object',
      },
    ];
  }
  const props = properties as Record<string, unknown>;
  const problems: Problem[] = [];
  for (const [name, spec] of fieldsOf(layer)) {
    const value = props[name];
    if (value === undefined || value === null || value === '') {
      if (spec.required) {
        problems.push({
          code: 'required',
          path: `properties.${name}`,
          zh: `缺少必填字段 ${name}（${spec.label.zh}）`,
          en: `missing required field ${name} (${spec.label.en})`,
        });
      }
      continue;
    }
    const problem = checkField(name, spec, value);
    if (problem) problems.push({ ...problem, path: problem.path ?? `properties.${name}` });
  }
  return problems;
}

const FIELDS = new Map<LayerId, [string, FieldSpec][]>();
function fieldsOf(layer: LayerId): [string, FieldSpec][] {
  let fields = FIELDS.get(layer);
  if (!fields) FIELDS.set(layer, (fields = Object.entries(LAYERS[layer].properties)));
  return fields;
}

type FieldProblem = Omit<Problem, 'path'> & { path?: string };

function checkField(name: string, spec: FieldSpec, value: unknown): FieldProblem | null {
  switch (spec.type) {
    case 'string':
      if (typeof value !== 'string') return typeProblem(name, value, '字符串', 'a string');
      if (spec.maxLength !== undefined && value.length > spec.maxLength) {
        return {
          code: 'length',
          zh: `${name} 过长（${value.length} 个字符，上限 ${spec.maxLength}）`,
          en: `${name} is too long (${value.length} characters, at most ${spec.maxLength})`,
        };
      }
      if (spec.pattern && !spec.pattern.test(value)) {
        return {
          code: 'pattern',
          zh: `${name} 的值 ${show(value)} 格式不对，应为${spec.patternHint?.zh ?? spec.pattern.source}`,
          en: `${name} ${show(value)} is malformed: expected ${spec.patternHint?.en ?? spec.pattern.source}`,
        };
      }
      return null;
    case 'enum':
      if (typeof value !== 'string' || !spec.values.includes(value)) {
        return {
          code: 'enum',
          zh: `${name} 的值 ${show(value)} 不在允许范围内：${spec.values.join(' / ')}`,
          en: `${name} ${show(value)} is not one of: ${spec.values.join(' / ')}`,
        };
      }
      return null;
    case 'integer':
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        const hint = typeof value === 'string' ? numberHint(value, spec.unit) : null;
        return {
          code: 'type',
          zh: `${name} 的值 ${show(value)} 应为数字${hint?.zh ?? ''}`,
          en: `${name} ${show(value)} must be a number${hint?.en ?? ''}`,
        };
      }
      if (spec.type === 'integer' && !Number.isInteger(value)) {
        return {
          code: 'integer',
          zh: `${name} 的值 ${show(value)} 应为整数`,
          en: `${name} ${show(value)} must be a whole number`,
        };
      }
      if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) {
        const range = `${spec.min ?? '−∞'} … ${spec.max ?? '∞'}${spec.unit ? ` ${spec.unit}` : ''}`;
        return {
          code: 'range',
          zh: `${name} 的值 ${show(value)} 超出范围 ${range}`,
          en: `${name} ${show(value)} is out of range ${range}`,
        };
      }
      return null;
    }
    case 'boolean':
      return typeof value === 'boolean' ? null : typeProblem(name, value, '布尔值 true/false', 'true or false');
    case 'date': {
      if (isCalendarDate(value)) return null;
      const written = typeof value === 'string' ? reorderDate(value) : null;
      return {
        code: 'date',
        zh: `${name} 的值 ${show(value)} 不是有效日期，应为 YYYY-MM-DD${written ? `（是否应写作 ${written}？）` : ''}`,
        en: `${name} ${show(value)} is not a valid date; expected YYYY-MM-DD${written ? ` (did you mean ${written}?)` : ''}`,
      };
    }
    case 'flags': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        return typeProblem(name, value, '对象', 'an object');
      }
      for (const flag of Object.keys(spec.flags)) {
        const v = (value as Record<string, unknown>)[flag];
        if (typeof v !== 'boolean') {
          return {
            code: 'type',
            path: `properties.${name}.${flag}`,
            zh: `${name}.${flag}（${spec.flags[flag]!.zh}）应为 true 或 false`,
            en: `${name}.${flag} (${spec.flags[flag]!.en}) must be true or false`,
          };
        }
      }
      return null;
    }
  }
}

function typeProblem(name: string, value: unknown, zh: string, en: string): FieldProblem {
  return {
    code: 'type',
    zh: `${name} 的值 ${JSON.stringify(value)} 应为${zh}`,
    en: `${name} ${JSON.stringify(value)} must be ${en}`,
  };
}

const show = (value: unknown): string => JSON.stringify(value) ?? String(value);

/**
 * "100M", "100 Mbps", "1,000", "五十": say what to write instead. The FCC rejects filings whose
 * speeds are not whole numbers of Mbit/s for the same reason: "100M" cannot be summed.
 */
function numberHint(text: string, unit: string | undefined): { zh: string; en: string } {
  const m = /^\s*([+-]?\d+(?:[.,]\d+)*)\s*([A-Za-z/]+|兆|米|公里)?\s*$/.exec(text);
  const inUnit = unit ? `，单位 ${unit}` : '';
  const inUnitEn = unit ? ` in ${unit}` : '';
  if (m) {
    const digits = m[1]!.replace(/,/g, '');
    const suggestion = /^[+-]?\d+(\.\d+)?$/.test(digits) ? digits : null;
    if (m[2] || m[1]!.includes(',')) {
      return suggestion
        ? { zh: `（写成了带单位或分隔符的文本；请只写数字 ${suggestion}${inUnit}）`, en: ` (text with a unit or separator; write the bare number ${suggestion}${inUnitEn})` }
        : { zh: `（写成了文本；请只写数字${inUnit}）`, en: ` (it is text; write the bare number${inUnitEn})` };
    }
    return { zh: `（写成了文本 "${text}"；请去掉引号，写成数字 ${suggestion ?? text}${inUnit}）`, en: ` (it is the text "${text}"; write it as the number ${suggestion ?? text} without quotes${inUnitEn})` };
  }
  return { zh: `（写成了文本；请去掉单位，只写数字${inUnit}）`, en: ` (it is text; write the bare number${inUnitEn})` };
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** ISO 8601 calendar date YYYY-MM-DD that is a real day; same answer as schema.isIsoDate, without a Date per call. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || value.length !== 10 || value[4] !== '-' || value[7] !== '-') return false;
  const y = Number(value.slice(0, 4));
  const m = Number(value.slice(5, 7));
  const d = Number(value.slice(8, 10));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || m < 1 || m > 12 || d < 1) return false;
  if (m === 2 && d === 29) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= DAYS[m - 1]!;
}

/** "2015/3/1", "2015.03.01", "2015年3月1日", "20150301" → "2015-03-01", when that is a real day. */
function reorderDate(text: string): string | null {
  const m = /^\s*(\d{4})\s*(?:[/.年-]\s*(\d{1,2})\s*[/.月-]\s*(\d{1,2})\s*日?|(\d{2})(\d{2}))\s*$/.exec(text);
  if (!m) return null;
  const iso = `${m[1]}-${(m[2] ?? m[4])!.padStart(2, '0')}-${(m[3] ?? m[5])!.padStart(2, '0')}`;
  return iso !== text && isCalendarDate(iso) ? iso : null;
}
