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
