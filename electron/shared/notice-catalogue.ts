import { amountInCapitals, formatYuan } from './money';
import {
  paymentMethodLabels,
  type DocumentData,
  type DocumentKind,
  type DocumentLang,
  type LoanOnDocument,
  type StaffOnDocument,
} from './schemas/notices';
import {
  renderTemplate,
  type PlaceholderSpec,
  type RenderedTemplate,
  type SectionSpec,
  type TemplateCatalogue,
  type TemplateValues,
} from './templates';

/**
 * Which sections and placeholders each kind of document has, with bilingual descriptions for
 * the template editor, and the values a document gives them. The layouts in
 * renderer/src/print decide where each section goes on the page.
 */

const p = (name: string, zh: string, en: string, list = false): PlaceholderSpec =>
  list ? { name, zh, en, list } : { name, zh, en };
const s = (name: string, zh: string, en: string, required = true): SectionSpec => ({
  name,
  zh,
  en,
  required,
});

const branchAndDocument = [
  p('branch.name', '网点名称', 'Branch name'),
  p('branch.address', '网点地址', 'Branch address'),
  p('branch.phone', '网点联系电话', 'Branch phone'),
  p('branch.complaintHotline', '投诉热线', 'Complaint hotline'),
  p('document.referenceNo', '文书编号', 'Reference number'),
  p('document.issueDate', '出具日期', 'Date of issue'),
];

const borrowerAndLoans = [
  p('borrower.name', '借款人姓名', 'Borrower name'),
  p('borrower.maskedId', '借款人身份证号（已脱敏）', 'Borrower ID number (masked)'),
  p('borrower.address', '借款人地址', 'Borrower address'),
  p('loan.numbers', '借款合同编号（多笔以顿号分隔）', 'Loan numbers (all loans listed)'),
  p(
    'loan.overdueAmount.figures',
    '逾期金额合计（小写，如 ¥1,005.00）',
    'Total overdue, in figures',
  ),
  p(
    'loan.overdueAmount.capitals',
    '逾期金额合计（大写，如 人民币壹仟零伍元整）',
    'Total overdue, in Chinese capitals',
  ),
  p('loan.outstanding.figures', '未还本金余额合计（小写）', 'Total outstanding, in figures'),
  p('loan.overdueSince', '最早逾期日期', 'Overdue since (oldest)'),
  p('loan.daysPastDue', '逾期天数（最长）', 'Days past due (longest)'),
  p(
    'repayment.channels',
    '指定还款渠道（单独成段时逐行列出）',
    'Designated repayment channels',
    true,
  ),
];

const letterSections = [
  s('repayment', '还款渠道', 'How to repay'),
  s('dispute', '查询与异议', 'Checking and disputing the debt'),
  s('rights', '您的权利与投诉渠道', 'Your rights and complaints'),
  s('privacy', '个人信息保护声明', 'Privacy statement'),
];

export const templateCatalogues: Record<DocumentKind, TemplateCatalogue> = {
  visitNotice: {
    sections: [
      s('title', '标题', 'Title'),
      s('body', '正文（借款与逾期情况之前）', 'Opening (before the loan table)'),
      s('visit', '走访安排（走访信息表之前）', 'The visit (before the visit table)'),
      ...letterSections,
      s('slip', '回执（剪下部分）', 'Receipt slip (tear-off part)'),
    ],
    placeholders: [
      ...branchAndDocument,
      ...borrowerAndLoans,
      p('visit.date', '走访日期', 'Visit date'),
      p('visit.window', '走访时间段', 'Visit time window'),
      p('visit.staff', '走访人员姓名及工号', 'Visiting staff with staff numbers', true),
      p('visit.purpose', '走访事由', 'Purpose of the visit'),
      p('visit.place', '走访地点', 'Where the visit takes place'),
      p('visit.reschedulePhone', '改约电话', 'Phone to reschedule'),
    ],
  },
  reminderLetter: {
    sections: [
      s('title', '标题', 'Title'),
      s('body', '正文（借款表之前）', 'Opening (before the loan table)'),
      s('request', '还款请求（借款表之后）', 'The request (after the loan table)'),
      ...letterSections,
      s('slip', '回执（可选）', 'Receipt slip (optional)', false),
    ],
    placeholders: [
      ...branchAndDocument,
      ...borrowerAndLoans,
      p('letter.payBy', '请于此日前还款', 'Pay by'),
    ],
  },
  demandLetter: {
    sections: [
      s('title', '标题', 'Title'),
      s('body', '正文（借款表之前）', 'Opening (before the loan table)'),
      s('request', '还款要求（借款表之后）', 'The demand (after the loan table)'),
      s('consequences', '逾期不还的后果', 'Consequences of not paying'),
      ...letterSections,
      s('slip', '回执（可选）', 'Receipt slip (optional)', false),
    ],
    placeholders: [
      ...branchAndDocument,
      ...borrowerAndLoans,
      p('letter.payBy', '请于此日前还款', 'Pay by'),
      p(
        'letter.reminders',
        '催告情况（有提醒记录时为“经我行多次提醒仍未归还”，没有时为“至今仍未归还”）',
        'Reminders so far ("remain unpaid despite our earlier reminders" only when the record shows some)',
      ),
    ],
  },
  paymentReceipt: {
    sections: [
      s('title', '标题', 'Title'),
      s('body', '收款说明（收款明细之前）', 'Statement (before the details)'),
      s('note', '注意事项（签名栏之前）', 'Notes (before the signatures)'),
    ],
    placeholders: [
      ...branchAndDocument,
      p('receipt.no', '收据编号', 'Receipt number'),
      p('borrower.name', '付款人（借款人）姓名', 'Payer (borrower) name'),
      p('borrower.maskedId', '付款人身份证号（已脱敏）', 'Payer ID number (masked)'),
      p('loan.numbers', '借款合同编号', 'Loan number'),
      p('receipt.amount.figures', '收款金额（小写）', 'Amount received, in figures'),
      p('receipt.amount.capitals', '收款金额（大写）', 'Amount received, in Chinese capitals'),
      p('receipt.paidAt', '收款时间', 'Time of payment'),
      p('receipt.method', '付款方式', 'Payment method'),
      p('receipt.collectedBy', '收款人员姓名及工号', 'Collected by (with staff numbers)', true),
      p('receipt.note', '备注', 'Note'),
    ],
  },
  repaymentPlanAgreement: {
    sections: [
      s('title', '标题', 'Title'),
      s('body', '协议正文（借款表之前）', 'Preamble (before the loan table)'),
      s('terms', '约定条款（分期表之后）', 'Terms (after the instalment table)'),
      s('repayment', '还款渠道', 'Repayment channels'),
      s('rights', '借款人权利', "Borrower's rights", false),
      s('privacy', '个人信息保护声明', 'Privacy statement', false),
    ],
    placeholders: [
      ...branchAndDocument,
      ...borrowerAndLoans,
      p('plan.total.figures', '分期合计金额（小写）', 'Plan total, in figures'),
      p('plan.total.capitals', '分期合计金额（大写）', 'Plan total, in Chinese capitals'),
      p('plan.instalmentCount', '分期期数', 'Number of instalments'),
      p('plan.firstDueDate', '首期还款日', 'First due date'),
      p('plan.lastDueDate', '末期还款日', 'Last due date'),
      p('plan.staff', '经办人员姓名及工号', 'Branch staff (with staff numbers)', true),
    ],
  },
  dayRouteSheet: {
    sections: [s('title', '标题', 'Title'), s('rules', '走访纪律提示', 'Rules for the visits')],
    placeholders: [
      ...branchAndDocument,
      p('route.date', '走访日期', 'Route date'),
      p('route.staff', '当日走访人员', 'Staff on the route', true),
      p('route.stopCount', '走访户数', 'Number of stops'),
    ],
  },
};

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** 2025-03-04 → 2025年3月4日 / 4 March 2025. */
export function documentDate(iso: string, lang: DocumentLang): string {
  const [year, month, day] = iso.slice(0, 10).split('-').map(Number);
  if (!year || !month || !day) return iso;
  return lang === 'zh' ? `${year}年${month}月${day}日` : `${day} ${MONTHS[month - 1]} ${year}`;
}

/** 2025-03-04T14:05 → 2025年3月4日 14:05. */
export function documentDateTime(local: string, lang: DocumentLang): string {
  return `${documentDate(local, lang)} ${local.slice(11, 16)}`;
}

export function staffWithNumber(staff: StaffOnDocument, lang: DocumentLang): string {
  return lang === 'zh'
    ? `${staff.name}（工号 ${staff.staffNo}）`
    : `${staff.name} (staff no. ${staff.staffNo})`;
}

const dash = '–';

function loanFacts(loans: readonly LoanOnDocument[], lang: DocumentLang) {
  const overdue = loans.reduce((sum, loan) => sum + loan.overdueFen, 0);
  const outstanding = loans.reduce((sum, loan) => sum + loan.outstandingFen, 0);
  const since = loans
    .map((loan) => loan.overdueSince)
    .filter((d): d is string => d !== null)
    .sort()[0];
  const dpd = Math.max(0, ...loans.map((loan) => loan.daysPastDue));
  return {
    'loan.numbers': loans.map((loan) => loan.loanNo).join(lang === 'zh' ? '、' : ', '),
    'loan.overdueAmount.figures': formatYuan(overdue),
    'loan.overdueAmount.capitals': amountInCapitals(overdue),
    'loan.outstanding.figures': formatYuan(outstanding),
    'loan.overdueSince': since ? documentDate(since, lang) : dash,
    'loan.daysPastDue': String(dpd),
  };
}

/** The value of every placeholder the document's kind knows. */
export function placeholderValues(doc: DocumentData): TemplateValues {
  const lang = doc.lang;
  const staffList = (staff: readonly StaffOnDocument[]) =>
    staff.map((member) => staffWithNumber(member, lang));
  const base: Record<string, string | string[]> = {
    'branch.name': doc.letterhead.name,
    'branch.address': doc.letterhead.address,
    'branch.phone': doc.letterhead.phone,
    'branch.complaintHotline': doc.letterhead.complaintHotline,
    'document.referenceNo': doc.referenceNo,
    'document.issueDate': documentDate(doc.issueDate, lang),
  };
  switch (doc.kind) {
    case 'visitNotice':
      return {
        ...base,
        ...borrowerValues(doc),
        'visit.date': documentDate(doc.visit.date, lang),
        'visit.window': `${doc.visit.windowStart}${dash}${doc.visit.windowEnd}`,
        'visit.staff': staffList(doc.visit.staff),
        'visit.purpose': doc.visit.purpose,
        'visit.place': doc.visit.place ?? '',
        'visit.reschedulePhone': doc.reschedulePhone,
      };
    case 'reminderLetter':
      return { ...base, ...borrowerValues(doc), 'letter.payBy': documentDate(doc.payBy, lang) };
    case 'demandLetter':
      return {
        ...base,
        ...borrowerValues(doc),
        'letter.payBy': documentDate(doc.payBy, lang),
        'letter.reminders': remindersClause(doc.priorReminders ?? 0, lang),
      };
    case 'paymentReceipt':
      return {
        ...base,
        'receipt.no': doc.receiptNo,
        'borrower.name': doc.borrower.name,
        'borrower.maskedId': doc.borrower.maskedId,
        'loan.numbers': doc.loanNo,
        'receipt.amount.figures': formatYuan(doc.amountFen),
        'receipt.amount.capitals': amountInCapitals(doc.amountFen),
        'receipt.paidAt': documentDateTime(doc.paidAt, lang),
        'receipt.method': paymentMethodLabels[doc.method][lang],
        'receipt.collectedBy': staffList(doc.collectedBy),
        'receipt.note': doc.note,
      };
    case 'repaymentPlanAgreement': {
      const total = doc.instalments.reduce((sum, i) => sum + i.amountFen, 0);
      const dates = doc.instalments.map((i) => i.dueDate).sort();
      return {
        ...base,
        ...borrowerValues(doc),
        'plan.total.figures': formatYuan(total),
        'plan.total.capitals': amountInCapitals(total),
        'plan.instalmentCount': String(doc.instalments.length),
        'plan.firstDueDate': documentDate(dates[0]!, lang),
        'plan.lastDueDate': documentDate(dates[dates.length - 1]!, lang),
        'plan.staff': staffList(doc.staff),
      };
    }
    case 'dayRouteSheet':
      return {
        ...base,
        'route.date': documentDate(doc.route.date, lang),
        'route.staff': staffList(doc.route.staff),
        'route.stopCount': String(doc.route.stops.length),
      };
  }
}

/**
 * What a demand letter may say about earlier reminders: "despite our reminders" only when the
 * record shows some, never a claim the record cannot back.
 */
function remindersClause(count: number, lang: DocumentLang): string {
  if (lang === 'zh') {
    return count >= 2
      ? '经我行多次提醒仍未归还'
      : count === 1
        ? '经我行提醒仍未归还'
        : '至今仍未归还';
  }
  return count >= 2
    ? 'remain unpaid despite our earlier reminders'
    : count === 1
      ? 'remain unpaid despite our earlier reminder'
      : 'remain unpaid';
}

function borrowerValues(
  doc: Extract<DocumentData, { borrower: unknown; loans: unknown; repaymentChannels: unknown }>,
) {
  return {
    'borrower.name': doc.borrower.name,
    'borrower.maskedId': doc.borrower.maskedId,
    'borrower.address': doc.borrower.address,
    ...loanFacts(doc.loans, doc.lang),
    'repayment.channels': doc.repaymentChannels,
  };
}

/** The document's wording, rendered from its template; throws TemplateError if invalid. */
export function renderDocumentTemplate(doc: DocumentData): RenderedTemplate {
  return renderTemplate(
    doc.template.body,
    templateCatalogues[doc.kind],
    placeholderValues(doc),
    doc.lang,
  );
}
