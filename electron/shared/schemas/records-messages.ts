/**
 * The records messages in both languages: a leaf module (no zod), so the renderer's text tables
 * can load them without the schemas. Its schemas use the keys.
 */
export const recordMessages = {
  'v.graceDays': { zh: '应为 0–31 天', en: 'Must be 0–31 days' },
  'v.checklist': { zh: '须确认此项才能保存', en: 'Must be confirmed before saving' },
  'v.recordingRef': {
    zh: '请填写录音录像编号',
    en: 'Enter the reference of the audio/video recording',
  },
  'v.outcomeMet': {
    zh: '走访结果与“见到何人”不符',
    en: 'The outcome does not match whom you met',
  },
  'v.followUpAfter': {
    zh: '跟进日期不能早于走访日期',
    en: 'The follow-up date cannot be before the visit',
  },
  'v.promiseDue': {
    zh: '日期须在走访当日至一年之内',
    en: 'The date must lie between the visit and one year after it',
  },
  'v.instalments': { zh: '期数应为 1–36', en: 'Must be 1–36 instalments' },
  'v.planCount': {
    zh: '自定义金额的个数须与期数相同',
    en: 'Give one amount per instalment',
  },
  'v.planSum': {
    zh: '各期金额之和须等于计划总额',
    en: 'The instalments must add up to the plan total',
  },
  'v.planExceedsOverdue': {
    zh: '计划总额不得超过逾期金额',
    en: 'The plan total may not exceed the overdue amount',
  },
  'v.shortfallReason': {
    zh: '计划总额低于逾期金额，请写明理由',
    en: 'The plan covers less than the overdue amount: give the reason',
  },
  'v.notFuture': { zh: '不能晚于今天', en: 'Cannot be after today' },
  'v.amendReason': {
    zh: '请写明更正理由（至少 4 个字）',
    en: 'Give the reason for the correction (at least 4 characters)',
  },
  'v.rejectReason': { zh: '请写明驳回理由', en: 'Give the reason for rejecting' },
  'v.receiptIssued': {
    zh: '已为本次收款开具收据，收款不能通过更正修改',
    en: 'A receipt was issued for this payment; it cannot be changed by an amendment',
  },
  'v.staffInactive': {
    zh: '所选员工不存在或已停用',
    en: 'A selected staff member is unknown or inactive',
  },
} as const satisfies Record<string, { zh: string; en: string }>;
