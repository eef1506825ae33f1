/**
 * The cash-handins messages in both languages: a leaf module (no zod), so the renderer's text tables
 * can load them without the schemas. Its schemas use the keys.
 */
export const cashHandInMessages = {
  'v.handIn.receipts': {
    zh: '请至少选择一张收据',
    en: 'Choose at least one receipt',
  },
  'v.handIn.twice': {
    zh: '同一张收据只能缴款一次',
    en: 'A receipt is handed in only once',
  },
  'v.handIn.explanation': {
    zh: '实缴金额与应缴金额不符，请书面说明原因',
    en: 'The amount counted differs from the amount expected: write down why',
  },
  'v.handIn.receiptNotDue': {
    zh: '所选收据不属于该人员当日未缴款项，或已缴款',
    en: 'A chosen receipt is not among this officer’s money of that day still to hand in, or was already handed in',
  },
  'v.handIn.future': {
    zh: '不能为今天之后的日期缴款',
    en: 'Money cannot be handed in for a day after today',
  },
  'e.handIn.noDifference': {
    zh: '该笔缴款没有差额，无需经理签核',
    en: 'This hand-in has no difference; there is nothing for the manager to sign off',
  },
  'e.handIn.signedOff': {
    zh: '该笔缴款差额已由经理签核',
    en: 'The manager has already signed off this hand-in’s difference',
  },
} as const satisfies Record<string, { zh: string; en: string }>;
