/** Words for codes in the exports (the screens have the same words in their i18n texts). */
type Lang = 'zh' | 'en';
const words: Record<string, [zh: string, en: string]> = {
  planned: ['已计划', 'Planned'],
  notified: ['已通知', 'Notified'],
  done: ['已完成', 'Done'],
  not_done: ['未见到人', 'Not done'],
  cancelled: ['已取消', 'Cancelled'],
  rescheduled: ['已改期', 'Rescheduled'],
  borrower: ['借款人本人', 'Borrower'],
  spouse: ['配偶', 'Spouse'],
  family: ['家人', 'Family'],
  nobody: ['无人', 'Nobody'],
  paid_full: ['全额还款', 'Paid in full'],
  partial_payment: ['部分还款', 'Partial payment'],
  promise_to_pay: ['承诺还款', 'Promise to pay'],
  plan_proposed: ['提出还款计划', 'Plan proposed'],
  refused: ['拒绝还款', 'Refused'],
  hardship: ['确有困难', 'Hardship'],
  not_home: ['不在家', 'Not home'],
  moved: ['已搬迁', 'Moved'],
  disputes: ['对债务有异议', 'Disputes the debt'],
  deceased: ['已故', 'Deceased'],
  pending: ['待到期', 'Pending'],
  kept: ['已兑现', 'Kept'],
  partly_kept: ['部分兑现', 'Partly kept'],
  broken: ['未兑现', 'Broken'],
  approved: ['已批准', 'Approved'],
  completed: ['已完成', 'Completed'],
};

export function word(code: string | number | null | undefined, lang: Lang): string {
  if (code === null || code === undefined) return '';
  const entry = words[String(code)];
  return entry ? entry[lang === 'zh' ? 0 : 1] : String(code);
}
