import { visitPurposes, type VisitPurpose } from '../../shared/schemas/planning';

/**
 * The visit purposes as branch staff write them in a roster: 还款协商, 协商还款, 上门催收,
 * 送达通知, 核实情况, 收款, "collect payment"... Matched by keyword, not by a closed list of
 * phrases: a cell is normalised (full-width → half-width, case, spaces and punctuation
 * dropped) and searched for every keyword below. The longest keyword found decides (协商还款计划
 * is a repayment plan: 还款计划 is longer than 协商); two purposes tied on length go to the one
 * listed first in `purposeWords` (the more specific purposes come first).
 *
 * This table is the only place the words live.
 */
export const purposeWords: readonly {
  purpose: VisitPurpose;
  zh: string;
  en: string;
  keywords: readonly string[];
}[] = [
  {
    purpose: 'repayment_plan',
    zh: '签订还款计划',
    en: 'Repayment plan',
    keywords: [
      '还款计划',
      '还款方案',
      '还款安排',
      '分期还款',
      '分期',
      '计划',
      '重新约定',
      '展期',
      'repayment plan',
      'repaymentplan',
      'payment plan',
      'instalment',
      'installment',
      'arrangement',
    ],
  },
  {
    purpose: 'payment_receipt',
    zh: '收取还款',
    en: 'Receipt of payment',
    keywords: [
      '收款',
      '收取',
      '收钱',
      '收现',
      '收回欠款',
      '代收',
      '上门收',
      '现金',
      'receipt',
      'payment collection',
      'collect payment',
      'collect cash',
      'receive payment',
      'take payment',
      'collect',
      'cash',
    ],
  },
  {
    purpose: 'negotiation',
    zh: '协商还款',
    en: 'Negotiation',
    keywords: [
      '协商',
      '商谈',
      '面谈',
      '洽谈',
      '谈判',
      '沟通还款',
      '调解',
      'negotiat',
      'discuss',
      'talk',
    ],
  },
  {
    purpose: 'situation_check',
    zh: '了解情况',
    en: 'Situation check',
    keywords: [
      '核实',
      '核查',
      '检查',
      '了解',
      '情况',
      '调查',
      '摸底',
      '回访',
      '探访',
      '查看',
      '失联',
      '找人',
      'situation',
      'check',
      'verif',
      'investigat',
      'assess',
      'trace',
    ],
  },
  {
    purpose: 'reminder',
    zh: '还款提醒',
    en: 'Reminder',
    keywords: [
      '提醒',
      '催收',
      '催款',
      '催缴',
      '催还',
      '上门催',
      '送达',
      '通知',
      '告知',
      '提示',
      '函',
      'reminder',
      'remind',
      'notice',
      'notify',
      'deliver',
      'collection',
      // A visit with no more said is the default visit, a reminder.
      '走访',
      '上门',
      'visit',
    ],
  },
];

/** Comparable text: NFKC (full-width → half-width), lower case, no spaces or punctuation. */
export function purposeKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

const table = purposeWords.map((p, rank) => ({
  ...p,
  rank,
  keys: p.keywords.map(purposeKey),
}));

/** The purpose a roster cell means, or null when no keyword is in it (or it says nothing). */
export function purposeFromWords(text: string): VisitPurpose | null {
  const key = purposeKey(text);
  if (key === '') return null;
  let best: { purpose: VisitPurpose; length: number; rank: number } | null = null;
  for (const entry of table) {
    // The codes themselves (repayment_plan) and the screen's labels always match.
    const candidates = [...entry.keys, purposeKey(entry.purpose), purposeKey(entry.zh)];
    for (const k of candidates) {
      if (k === '' || !key.includes(k)) continue;
      if (!best || k.length > best.length || (k.length === best.length && entry.rank < best.rank)) {
        best = { purpose: entry.purpose, length: k.length, rank: entry.rank };
      }
    }
  }
  return best?.purpose ?? null;
}

/** The purposes that exist, as a sentence in each language (for "unknown purpose" answers). */
export function purposeList(): { zh: string; en: string } {
  const ordered = visitPurposes.map((p) => purposeWords.find((w) => w.purpose === p)!);
  return {
    zh: ordered.map((p) => p.zh).join('、'),
    en: ordered.map((p) => p.en).join(', '),
  };
}
