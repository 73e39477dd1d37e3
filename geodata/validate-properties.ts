/**
 * Check a feature's properties against its layer schema (schema.ts). Every problem is reported,
 * not only the first, each located (JSON path) and explained in Chinese and English.
 */
import { LAYERS, isIsoDate, type FieldSpec, type LayerId } from './schema';

export interface Problem {
  /** Stable machine code, e.g. `required`, `type`, `enum`, `range`. */
  code: string;
  /** JSON path inside the feature, e.g. `properties.down_mbps`. */
  path: string;
  zh: string;
  en: string;
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
  for (const [name, spec] of Object.entries(LAYERS[layer].properties)) {
    const value = props[name];
    const path = `properties.${name}`;
    if (value === undefined || value === null || value === '') {
      if (spec.required) {
        problems.push({
          code: 'required',
          path,
          zh: `缺少必填字段 ${name}（${spec.label.zh}）`,
          en: `missing required field ${name} (${spec.label.en})`,
        });
      }
      continue;
    }
    const problem = checkField(name, spec, value);
    if (problem) problems.push({ ...problem, path: problem.path ?? path });
  }
  return problems;
}

type FieldProblem = Omit<Problem, 'path'> & { path?: string };

function checkField(name: string, spec: FieldSpec, value: unknown): FieldProblem | null {
  const shown = JSON.stringify(value);
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
          zh: `${name} 的值 ${shown} 格式不对，应为${spec.patternHint?.zh ?? spec.pattern.source}`,
          en: `${name} ${shown} is malformed: expected ${spec.patternHint?.en ?? spec.pattern.source}`,
        };
      }
      return null;
    case 'enum':
      if (typeof value !== 'string' || !spec.values.includes(value)) {
        return {
          code: 'enum',
          zh: `${name} 的值 ${shown} 不在允许范围内：${spec.values.join(' / ')}`,
          en: `${name} ${shown} is not one of: ${spec.values.join(' / ')}`,
        };
      }
      return null;
    case 'integer':
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        const hint = typeof value === 'string' ? `（写成了文本；请去掉单位，只写数字${spec.unit ? `，单位 ${spec.unit}` : ''}）` : '';
        const hintEn = typeof value === 'string' ? ` (it is text; write the bare number${spec.unit ? ` in ${spec.unit}` : ''})` : '';
        return {
          code: 'type',
          zh: `${name} 的值 ${shown} 应为数字${hint}`,
          en: `${name} ${shown} must be a number${hintEn}`,
        };
      }
      if (spec.type === 'integer' && !Number.isInteger(value)) {
        return {
          code: 'integer',
          zh: `${name} 的值 ${shown} 应为整数`,
          en: `${name} ${shown} must be a whole number`,
        };
      }
      if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) {
        const range = `${spec.min ?? '−∞'} … ${spec.max ?? '∞'}${spec.unit ? ` ${spec.unit}` : ''}`;
        return {
          code: 'range',
          zh: `${name} 的值 ${shown} 超出范围 ${range}`,
          en: `${name} ${shown} is out of range ${range}`,
        };
      }
      return null;
    }
    case 'boolean':
      return typeof value === 'boolean' ? null : typeProblem(name, value, '布尔值 true/false', 'true or false');
    case 'date':
      return isIsoDate(value)
        ? null
        : {
            code: 'date',
            zh: `${name} 的值 ${shown} 不是有效日期，应为 YYYY-MM-DD`,
            en: `${name} ${shown} is not a valid date; expected YYYY-MM-DD`,
          };
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
