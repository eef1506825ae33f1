/**
 * The bank's five-tier loan classification (五级分类), beside the M-buckets (DOMAIN.md). The
 * tiers are in the regulator's order, best to worst; the database keeps a tier's number
 * (1 正常 … 5 损失, migration 018), so "worst of a borrower's loans" is a max().
 */
export const loanTiers = ['pass', 'special_mention', 'substandard', 'doubtful', 'loss'] as const;
export type LoanTier = (typeof loanTiers)[number];

/** The case list's filter also takes cases no file has classified (未分类). */
export const tierFilters = [...loanTiers, 'none'] as const;
export type TierFilter = (typeof tierFilters)[number];

export const tierNames: Record<LoanTier, { zh: string; en: string }> = {
  pass: { zh: '正常', en: 'Pass' },
  special_mention: { zh: '关注', en: 'Special mention' },
  substandard: { zh: '次级', en: 'Substandard' },
  doubtful: { zh: '可疑', en: 'Doubtful' },
  loss: { zh: '损失', en: 'Loss' },
};
export const unclassifiedName = { zh: '未分类', en: 'Unclassified' } as const;

/** The tier's number as stored (1–5). */
export function tierNumber(tier: LoanTier): number {
  return loanTiers.indexOf(tier) + 1;
}

/** A stored number back to its tier; anything else (NULL) is no classification. */
export function tierOf(value: number | null | undefined): LoanTier | null {
  return typeof value === 'number' ? (loanTiers[value - 1] ?? null) : null;
}

/** Substandard, doubtful and loss are the non-performing tiers (不良). */
export function isNonPerforming(tier: LoanTier): boolean {
  return tierNumber(tier) >= 3;
}

const spellings = new Map<string, LoanTier>();
for (const tier of loanTiers) {
  const n = tierNumber(tier);
  for (const s of [
    tierNames[tier].zh,
    `${tierNames[tier].zh}类`,
    `${tierNames[tier].zh}贷款`,
    `${tierNames[tier].zh}类贷款`,
    tier,
    tierNames[tier].en,
    String(n),
  ]) {
    spellings.set(s.toLowerCase().replace(/[\s_-]/g, ''), tier);
  }
}
// English synonyms seen in head office's exports.
for (const [text, tier] of [
  ['normal', 'pass'],
  ['performing', 'pass'],
  ['watch', 'special_mention'],
  ['specialmentioned', 'special_mention'],
  ['sub-standard', 'substandard'],
] as const) {
  spellings.set(text.toLowerCase().replace(/[\s_-]/g, ''), tier);
}

/**
 * A tier from a spreadsheet cell: the Chinese name (正常, 正常类, 正常类贷款…), the English name
 * in any case, or the code 1–5 (also as a number cell, 3 or 3.0). Null when it is none of them.
 */
export function parseTier(cell: string | number): LoanTier | null {
  if (typeof cell === 'number') {
    return Number.isInteger(cell) ? (loanTiers[cell - 1] ?? null) : null;
  }
  const key = cell
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s_\-\u3000]/g, '')
    .replace(/^(\d)\.0+$/, '$1');
  return spellings.get(key) ?? null;
}
