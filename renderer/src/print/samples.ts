import type {
  DocumentData,
  DocumentKind,
  DocumentLang,
  Letterhead,
} from '../../../electron/shared/schemas/notices';

/**
 * Made-up documents for previews (the template editor shows a template against these) and
 * for layout tests. No real person's data.
 */
const letterhead: Letterhead = {
  name: '青山农商银行石桥支行',
  address: '浙江省青山县石桥镇人民路 8 号',
  phone: '0571-88886666',
  complaintHotline: '0571-88889999',
  logoDataUrl: null,
};

const officers = [
  { name: '陈志强', staffNo: 'A012' },
  { name: '刘芳', staffNo: 'A015' },
];

/** The visiting pair with the collection certificates the notice names. */
const certifiedOfficers = [
  { ...officers[0]!, certificateNos: ['CS-ZJ-2024-0312'] },
  { ...officers[1]!, certificateNos: ['CS-ZJ-2025-0087'] },
];

const borrower = {
  name: '李秀兰',
  maskedId: '330127********4215',
  address: '浙江省青山县石桥镇溪口村 3 组 17 号',
};

const loans = [
  {
    loanNo: 'QS2023-00815',
    principalFen: 5_000_000,
    outstandingFen: 2_468_000,
    overdueFen: 1_234_567,
    overduePrincipalFen: 1_100_000,
    overdueInterestFen: 98_567,
    penaltyFen: 36_000,
    overdueSince: '2024-11-21',
    daysPastDue: 104,
  },
];

const channels = [
  '本行各营业网点柜台（请携带本人身份证件）',
  '本行手机银行“贷款还款”功能',
  '转账至本行对公还款账户：青山农商银行石桥支行 201000123456789',
];

export function sampleDocument(
  kind: DocumentKind,
  lang: DocumentLang,
  template: { version: number; body: string },
  extra: { isCopy?: boolean; referenceNo?: string } = {},
): DocumentData {
  const common = {
    lang,
    referenceNo: extra.referenceNo ?? 'QS001-2025-000123',
    issueDate: '2025-03-04',
    isCopy: extra.isCopy ?? false,
    letterhead,
    template,
  };
  const forBorrower = { ...common, borrower, loans, repaymentChannels: channels };
  switch (kind) {
    case 'visitNotice':
      return {
        kind,
        ...forBorrower,
        visit: {
          date: '2025-03-07',
          windowStart: '09:30',
          windowEnd: '11:30',
          staff: certifiedOfficers,
          purpose: '了解家庭和经营情况，协商还款安排',
        },
        reschedulePhone: '0571-88886666',
      };
    case 'reminderLetter':
      return { kind, ...forBorrower, payBy: '2025-03-14' };
    case 'demandLetter':
      return { kind, ...forBorrower, payBy: '2025-03-14', priorReminders: 2 };
    case 'paymentReceipt':
      return {
        kind,
        ...common,
        // Dated the day the money was taken, whenever it is printed.
        issueDate: '2025-03-07',
        receiptNo: 'QS001-SJ-2025-000031',
        borrower,
        loanNo: 'QS2023-00815',
        amountFen: 300_000,
        paidAt: '2025-03-07T10:40',
        method: 'cash',
        collectedBy: officers,
        note: '走访现场收取，当日缴存',
      };
    case 'repaymentPlanAgreement':
      return {
        kind,
        ...forBorrower,
        instalments: [
          { seq: 1, dueDate: '2025-04-10', amountFen: 300_000 },
          { seq: 2, dueDate: '2025-05-10', amountFen: 300_000 },
          { seq: 3, dueDate: '2025-06-10', amountFen: 300_000 },
          { seq: 4, dueDate: '2025-07-10', amountFen: 334_567 },
        ],
        staff: officers,
      };
    case 'dayRouteSheet':
      return {
        kind,
        ...common,
        route: {
          date: '2025-03-07',
          staff: officers,
          stops: [
            {
              seq: 1,
              windowStart: '09:30',
              windowEnd: '11:30',
              borrowerName: '李秀兰',
              maskedId: borrower.maskedId,
              phone: '13857112345',
              township: '石桥镇',
              village: '溪口村',
              address: '3 组 17 号',
              loanNos: ['QS2023-00815'],
              overdueFen: 1_234_567,
              daysPastDue: 104,
              purpose: '协商还款',
              staff: officers,
            },
            {
              seq: 2,
              windowStart: '14:00',
              windowEnd: '15:30',
              borrowerName: '周大海',
              maskedId: '330127********0531',
              phone: '13967154321',
              township: '石桥镇',
              village: '上坞村',
              address: '5 组 2 号',
              loanNos: ['QS2022-01377', 'QS2024-00102'],
              overdueFen: 560_000,
              daysPastDue: 47,
              purpose: '了解情况',
              staff: officers,
            },
          ],
        },
      };
  }
}
