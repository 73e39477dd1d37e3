/**
 * Kind and settlement class (城乡类别) of township- and village-level divisions.
 *
 * The rules come from the policy's TARGETS.md:
 *   - a subdistrict (街道) and its communities (社区 / 居委会) are urban (城镇·城区);
 *   - a town (镇) or township (乡) seat and its communities are town (镇区);
 *   - an administrative village (村委会 / 村) is rural (乡村);
 *   - special areas (开发区、园区、农场 …) are kind `special` and take the class an official
 *     assigns them (geodata/base/<city>/settlement-overrides.json).
 *
 * Everything here is a pure function of the name (and, for special areas, the override table),
 * so the same names always classify the same way. Unknown village-level names throw rather than
 * fall into a default: a new kind of unit must be looked at and handled deliberately.
 */
import { SETTLEMENTS, type Settlement, type TownshipKind, type VillageKind } from './schema';

/** An official's assignment of a special area's settlement class. */
export interface SettlementOverride {
  name: string;
  settlement: Settlement;
  reason: string;
}

/**
 * Township-level kind (乡级单位类型), by the name's generic suffix:
 *   - 街道 (subdistrict office area)                       → subdistrict
 *   - 镇 (town; also 集镇-named towns such as 界牌集镇)       → town
 *   - 乡 (township, including 民族乡 such as 二龙回族乡)      → township
 *   - anything else (…开发区, …工业园(区), …农场, …管委会)   → special
 */
export function townshipKind(name: string): TownshipKind {
  const n = name.trim();
  if (n.endsWith('街道')) return 'subdistrict';
  if (n.endsWith('镇')) return 'town';
  if (n.endsWith('乡')) return 'township';
  return 'special';
}

/**
 * Village-level kind (村级单位类型), by name:
 *   community (居委会类) — the name contains 社区 or 居委会, or ends with 居民委员会
 *     (e.g. 花园街社区居委会, 奇辉居委会, 金港湾居民委员会, 章广街道社区, 乌衣工业园社区,
 *     and the placeholder …虚拟社区 of development zones);
 *   village (村委会类) — the name ends with 村委会, 村民委员会, the misspelt 村民委会, or 村
 *     (e.g. 大王村); or it is a state farm / forest farm unit: …生活区 (the living quarters of a
 *     农场/林场/苗圃/园艺场, which the NBS codes 5xx "类似村民委员会"), or a name ending with
 *     农场 / 林场 (the farm itself, e.g. 凌家湖农场).
 * Any other name throws: look at it and extend the rules.
 */
export function villageKind(name: string): VillageKind {
  const n = name.trim();
  if (n.includes('社区') || n.includes('居委会') || n.endsWith('居民委员会')) return 'community';
  if (
    n.endsWith('村委会') ||
    n.endsWith('村民委员会') ||
    n.endsWith('村民委会') ||
    n.endsWith('村') ||
    n.endsWith('生活区') ||
    n.endsWith('农场') ||
    n.endsWith('林场')
  ) {
    return 'village';
  }
  throw new Error(`villageKind: unrecognised village-level name "${name}"`);
}

/**
 * The default class of a special area, used to fill the override file (an official may change
 * any entry there; the file, not this function, is what the build reads):
 *   - name contains 开发区 (经济开发区, 经济技术开发区) or 高新区 → urban (industrial-urban zones);
 *   - name contains 农场 or 林场                                 → rural;
 *   - anything else (工业园, 园区, 高教科创城 管委会 …)            → town.
 */
export function defaultSpecialSettlement(name: string): Settlement {
  if (name.includes('开发区') || name.includes('高新区')) return 'urban';
  if (name.includes('农场') || name.includes('林场')) return 'rural';
  return 'town';
}

/**
 * Settlement class of a township-level unit:
 *   subdistrict (街道) → urban; town (镇) → town; township (乡) → town;
 *   special → the official's assignment in `overrides` (keyed by the 9-digit code).
 * A special area without a valid assignment throws.
 */
export function townshipSettlement(
  kind: TownshipKind,
  code: string,
  overrides: Readonly<Record<string, SettlementOverride>>,
): Settlement {
  switch (kind) {
    case 'subdistrict':
      return 'urban';
    case 'town':
    case 'township':
      return 'town';
    case 'special': {
      const o = Object.hasOwn(overrides, code) ? overrides[code] : undefined;
      if (!o) throw new Error(`townshipSettlement: special area ${code} has no settlement override`);
      if (!(SETTLEMENTS as readonly string[]).includes(o.settlement)) {
        throw new Error(`townshipSettlement: override for ${code} has invalid settlement "${String(o.settlement)}"`);
      }
      return o.settlement;
    }
  }
}

/**
 * Settlement class of a village-level unit:
 *   village (村委会类) → rural, wherever it lies (even inside a 街道);
 *   community (居委会类) → its township's class: urban in a 街道, town in a 镇/乡,
 *   the assigned class in a special area.
 */
export function villageSettlement(kind: VillageKind, townshipSettlement: Settlement): Settlement {
  return kind === 'village' ? 'rural' : townshipSettlement;
}

/**
 * What the NBS code's last three digits (统计用区划代码) say a unit is. Townships (9 digits):
 * 001–099 街道, 100–199 镇, 200–399 乡 (民族乡, 苏木), 400–599 类似乡级单位 (development zones,
 * farms …). Villages (12 digits): 001–199 居委会, 200–399 村委会, 400–499 类似居委会,
 * 500–599 类似村委会. Anything else is outside the ranges (undefined).
 */
export function townshipKindByCode(code: string): TownshipKind | undefined {
  const n = Number(code.slice(6));
  if (!/^\d{9}$/.test(code) || n < 1 || n > 599) return undefined;
  return n < 100 ? 'subdistrict' : n < 200 ? 'town' : n < 400 ? 'township' : 'special';
}

export function villageKindByCode(code: string): VillageKind | undefined {
  const n = Number(code.slice(9));
  if (!/^\d{12}$/.test(code)) return undefined;
  if ((n >= 1 && n <= 199) || (n >= 400 && n <= 499)) return 'community';
  if ((n >= 200 && n <= 399) || (n >= 500 && n <= 599)) return 'village';
  return undefined;
}

/**
 * Township kind from the name, with the code's help: the name's suffix decides when it names a
 * 街道, 镇 or 乡 (a 街道 a development zone manages is coded 4xx but is still a 街道); when the
 * name says nothing (`special`) but the code's range is that of a 街道, 镇 or 乡 — Beijing's
 * 地区 offices (0xx), the 苏木 of Inner Mongolia (2xx), …直辖村级区划 placeholders (198) — the
 * code decides.
 */
export function townshipKindOf(name: string, code: string): TownshipKind {
  const byName = townshipKind(name);
  const byCode = townshipKindByCode(code);
  return byName === 'special' && byCode !== undefined ? byCode : byName;
}

/**
 * Village kind: the NBS code range is the authority (it is the committee's type); the name only
 * cross-checks it (东沟社区村民委员会 is a 村委会, coded 2xx, though its name contains 社区), and
 * `exceptions` (code → why) name the units whose name's kind is taken instead. Returns the kind
 * and, when name and code disagree or the name is not recognised, what the name said.
 */
export function villageKindOf(
  name: string,
  code: string,
  exceptions: Readonly<Record<string, string>> = {},
): { kind: VillageKind; byName: VillageKind | 'unrecognised'; byCode: VillageKind | undefined } {
  let byName: VillageKind | 'unrecognised';
  try {
    byName = villageKind(name);
  } catch {
    byName = 'unrecognised';
  }
  const byCode = villageKindByCode(code);
  if (Object.hasOwn(exceptions, code) && byName !== 'unrecognised') return { kind: byName, byName, byCode };
  if (byCode === undefined) {
    if (byName === 'unrecognised') throw new Error(`village ${code} (${name}): neither the name nor the NBS code range says what it is`);
    return { kind: byName, byName, byCode };
  }
  return { kind: byCode, byName, byCode };
}
