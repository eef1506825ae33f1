/**
 * The planning messages in both languages: a leaf module (no zod), so the renderer's text tables
 * can load them without the schemas. Its schemas use the keys.
 */
export const planningMessages = {
  'v.noticeInFuture': {
    zh: '通知时间不能晚于现在：只能登记已经发出的通知',
    en: 'A notice time cannot be later than now: record only a notice already given',
  },
  'v.purposeReason': {
    zh: '借款人属于特殊群体：走访目的不是协商还款或商定还款计划时，请写明理由',
    en: 'The borrower is vulnerable: say why the visit is not about negotiating or agreeing a repayment plan',
  },
  'v.noticeHours': { zh: '应为 24–168 小时', en: 'Must be 24–168 hours' },
  'v.elderlyAge': { zh: '应为 50–80 岁', en: 'Must be 50–80 years' },
  'v.elderlyReason': {
    zh: '请写明取消高龄标记的理由（至少 4 个字）',
    en: 'Give the reason for clearing the elderly flag (at least 4 characters)',
  },
  'e.approval.ownRequest': {
    zh: '这次走访的审批是您提出的，须由另一位经理批准；只有支行仅有一位经理时才可本人批准（会被标记）',
    en: 'You asked for this visit’s approval, so another manager must give it; you may approve it yourself only as the branch’s only manager (it is then marked)',
  },
  'e.elderly.notFlagged': {
    zh: '该借款人目前没有高龄标记',
    en: 'This borrower is not flagged as elderly',
  },
} as const satisfies Record<string, { zh: string; en: string }>;
