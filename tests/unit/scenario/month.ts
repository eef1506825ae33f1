import { expect } from 'vitest';
import type { RecordVisitInput } from '../../../electron/shared/schemas/records';
import { branchCore, local, residentId, type FileRow } from './branch';

/**
 * May 2026 at the branch, as it happened. Every expected figure in branch-month.test.ts is worked
 * out by hand from this story; read it with the test.
 *
 * Head office's book on 30 April (the full file), yuan:
 *
 *   loan        borrower        officer  outstanding  overdue (principal+interest+penalty) since
 *   QS-01 (L1)  张秀英 (B1)     李明     30,000.00    3,000 + 200                        2026-04-10
 *   QS-02 (L2)  李建华 (B2)     李明     20,000.00    2,500 + 300                        2026-03-20
 *   QS-03 (L3)  王芳   (B3)     赵强     15,000.00    1,500 + 120                        2026-02-15
 *   QS-04 (L4)  陈刚   (B4)     赵强      8,000.00      800 + 40                         2026-04-25
 *   QS-05 (L5)  赵丽   (B5)     孙伟     40,000.00    —                                  current
 *   QS-06 (L6)  赵丽   (B5)     孙伟     10,000.00    —                                  current
 *   QS-07 (L7)  刘洋   (B6)     孙伟     50,000.00    6,000 + 900 + 100                  2025-12-01
 *
 * Daily deltas afterwards, only the loans that changed:
 *   11 May  L1 29,000.00 outstanding, overdue 2,000 + 200 (the visit's ¥1,000 cash, posted)
 *   15 May  L4 0.00 outstanding, nothing overdue (paid off with the visit's ¥8,000 cash)
 *   20 May  L6 10,000.00 outstanding, 500 overdue since 2026-05-10
 *   28 May  L1 27,000.00 outstanding, nothing overdue; this file has 最近还款日: 2026-05-26
 *
 * Visits (planned staff; the clerk plans unless said otherwise; notices by phone):
 *   V1 B1  8 May 09:00  李明+王建国  borrower met, ¥1,000 cash on L1 (receipt)
 *   V2 B2 11 May 09:00  李明+赵强    nobody at home
 *   V3 B3 12 May 09:00  赵强+王建国  borrower met, repayment plan 3 × ¥540 proposed by 赵强;
 *                                      the manager approves it on 13 May
 *   V4 B4 12 May 14:00  赵强+李明    cancelled on 8 May (the borrower asked to meet at work)
 *   V5 B4 14 May 12:00  赵强+王建国  at the workplace (planned by 赵强, approved by the manager);
 *                                      borrower met, paid in full: ¥8,000 cash on L4 (receipt)
 *   V6 B2 13 May 09:00  李明+赵强    planned by the manager two days after V2, overriding the
 *                                      3-day rule in writing (the branch's only manager: self-
 *                                      approved); the spouse met, promises ¥1,500 by 22 May on L2
 *   V7 B1 20 May 10:00  李明+赵强    赵强 was ill: 孙伟, with no certificate, went with 李明;
 *                                      borrower met, promises ¥2,000 by 27 May
 *   V8 B6 21 May 10:00  赵强+王建国  phoned only at 20:00 the evening before (too late to count);
 *                                      borrower met, promises ¥5,000 by 10 June
 *   V9 B6 29 May 10:00  李明+王建国  not recorded by the month's end
 *
 * Complaints: C0 (B2, received 29 April, about 李明) closed 6 May; C1 (B3 by phone on 13 May,
 * about V3) closed 20 May; C2 (B6's son by letter on 25 May, about 孙伟) still open.
 * Targets for May: branch ¥12,000; 李明 and 赵强 ¥6,000 each.
 * On 18 May at 23:00 李明 tries to log a call to B2: refused (no contact 22:00–08:00).
 */

const borrowerCells = {
  B1: {
    name: '张秀英',
    id_number: residentId('1978-03-12', '024'),
    village: '东村',
    officer: '李明',
  },
  B2: {
    name: '李建华',
    id_number: residentId('1975-08-20', '013'),
    village: '西村',
    officer: '李明',
  },
  B3: {
    name: '王芳',
    id_number: residentId('1982-11-02', '046'),
    village: '南村',
    officer: '赵强',
  },
  B4: {
    name: '陈刚',
    id_number: residentId('1985-06-30', '057'),
    village: '北村',
    officer: '赵强',
  },
  B5: {
    name: '赵丽',
    id_number: residentId('1988-01-15', '068'),
    village: '东村',
    officer: '孙伟',
  },
  B6: {
    name: '刘洋',
    id_number: residentId('1979-09-09', '079'),
    village: '西村',
    officer: '孙伟',
  },
} as const;
type BorrowerKey = keyof typeof borrowerCells;

interface LoanCells {
  borrower: BorrowerKey;
  principal: string;
  disbursed: string;
}
const loanCells: Record<string, LoanCells> = {
  'QS-01': { borrower: 'B1', principal: '50000', disbursed: '2025-01-10' },
  'QS-02': { borrower: 'B2', principal: '30000', disbursed: '2024-11-05' },
  'QS-03': { borrower: 'B3', principal: '20000', disbursed: '2024-09-01' },
  'QS-04': { borrower: 'B4', principal: '10000', disbursed: '2025-06-01' },
  'QS-05': { borrower: 'B5', principal: '50000', disbursed: '2025-08-01' },
  'QS-06': { borrower: 'B5', principal: '12000', disbursed: '2025-10-01' },
  'QS-07': { borrower: 'B6', principal: '60000', disbursed: '2024-05-01' },
};

/** A row of head office's file: the loan's state on the file's date. */
function row(
  loanNo: keyof typeof loanCells,
  state: {
    outstanding: string;
    overduePrincipal?: string;
    overdueInterest?: string;
    penalty?: string;
    since?: string;
    lastPaidOn?: string;
  },
): FileRow {
  const loan = loanCells[loanNo]!;
  const b = borrowerCells[loan.borrower];
  return {
    name: b.name,
    id_number: b.id_number,
    province: '浙江省',
    city: '杭州市',
    county: '青山县',
    township: '石桥镇',
    village: b.village,
    loan_no: loanNo,
    product: '农户小额信用贷款',
    principal: loan.principal,
    disbursed_on: loan.disbursed,
    outstanding_principal: state.outstanding,
    overdue_principal: state.overduePrincipal ?? '0',
    overdue_interest: state.overdueInterest ?? '0',
    penalty: state.penalty ?? '0',
    overdue_since: state.since ?? '',
    officer: b.officer,
    last_paid_on: state.lastPaidOn ?? '',
  };
}

const FULL_FILE: FileRow[] = [
  row('QS-01', {
    outstanding: '30000',
    overduePrincipal: '3000',
    overdueInterest: '200',
    since: '2026-04-10',
  }),
  row('QS-02', {
    outstanding: '20000',
    overduePrincipal: '2500',
    overdueInterest: '300',
    since: '2026-03-20',
  }),
  row('QS-03', {
    outstanding: '15000',
    overduePrincipal: '1500',
    overdueInterest: '120',
    since: '2026-02-15',
  }),
  row('QS-04', {
    outstanding: '8000',
    overduePrincipal: '800',
    overdueInterest: '40',
    since: '2026-04-25',
  }),
  row('QS-05', { outstanding: '40000' }),
  row('QS-06', { outstanding: '10000' }),
  row('QS-07', {
    outstanding: '50000',
    overduePrincipal: '6000',
    overdueInterest: '900',
    penalty: '100',
    since: '2025-12-01',
  }),
];

/** The outcome form as the officer fills it in after a visit. */
function outcome(
  visitId: number,
  o: Pick<RecordVisitInput, 'date' | 'start' | 'end' | 'staffIds' | 'met' | 'outcome'> &
    Partial<RecordVisitInput>,
): RecordVisitInput {
  return {
    visitId,
    borrowerWords: o.met === 'nobody' ? '' : '家里最近手头紧，会想办法。',
    situation: { livelihood: '种植茶叶，家中四口人', householdSize: 4 },
    checklist: {
      staffCardsShown: true,
      rightsExplained: true,
      noThirdPartyDisclosure: true,
      recorded: true,
      recordingRef: `REC-${o.date}-${visitId}`,
    },
    nextAction: '按约定跟进',
    followUpOn: null,
    ...o,
  };
}

export async function branchMonth() {
  const branch = await branchCore('2026-04-29 10:00');
  const { manager, li, zhao, sun, clerk } = branch.people;
  // Signing out closes the database: read it through the app each time.
  const db = () => branch.app.db;

  // ---- before the month: certificates, targets, the full file, an April complaint ----------
  for (const person of [manager, li, zhao]) {
    await branch.call('staff:addCertificate', {
      staffId: person.staffId,
      kind: 'training',
      number: `PX-${person.staffId}`,
      issuedOn: '2025-01-01',
      expiresOn: '2027-12-31',
    });
  }
  await branch.call('planning:setTargets', {
    month: '2026-05',
    staffId: null,
    visitsTarget: 10,
    amountTargetFen: 1_200_000,
  });
  for (const person of [li, zhao]) {
    await branch.call('planning:setTargets', {
      month: '2026-05',
      staffId: person.staffId,
      visitsTarget: 5,
      amountTargetFen: 600_000,
    });
  }

  branch.at('2026-04-30 18:00');
  await branch.importFile('2026-04-30', FULL_FILE);
  const borrowerId = (key: BorrowerKey) =>
    (
      db()
        .prepare('SELECT id FROM borrowers WHERE id_number = ?')
        .get(borrowerCells[key].id_number) as {
        id: number;
      }
    ).id;
  const loanId = (loanNo: string) =>
    (db().prepare('SELECT id FROM loans WHERE loan_no = ?').get(loanNo) as { id: number }).id;
  const B = {
    B1: borrowerId('B1'),
    B2: borrowerId('B2'),
    B3: borrowerId('B3'),
    B4: borrowerId('B4'),
    B5: borrowerId('B5'),
    B6: borrowerId('B6'),
  };
  const L = { L1: loanId('QS-01'), L2: loanId('QS-02'), L4: loanId('QS-04') };

  branch.at('2026-04-30 18:30');
  const c0 = await branch.call('complaints:register', {
    borrowerId: B.B2,
    receivedOn: '2026-04-29',
    complainant: 'borrower',
    channel: 'in_person',
    staffIds: [li.staffId],
    summary: '借款人到支行反映客户经理催款电话太频繁。',
  });

  const plan = async (input: {
    borrowerId: number;
    date: string;
    start: string;
    end: string;
    staffIds: number[];
    purpose: 'reminder' | 'negotiation' | 'situation_check' | 'repayment_plan' | 'payment_receipt';
    place?: 'home' | 'workplace' | 'other';
    placeNote?: string;
    override?: { reason: string };
  }) => branch.call('planning:planVisit', input);
  const phoned = (visitId: number, at: string) =>
    branch.call('planning:recordNotice', {
      id: visitId,
      status: 'phoned',
      at: local(at).toISOString(),
    });

  // ---- 6 May: the manager closes the April complaint; the clerk plans the week ------------
  branch.at('2026-05-06 10:00');
  await branch.as(manager);
  await branch.call('complaints:close', {
    id: c0.id,
    closedOn: '2026-05-06',
    outcome: 'withdrawn',
    actionTaken: '经理当面解释通话频次规定，借款人撤回投诉。',
  });
  await branch.as(clerk);
  const v1 = await plan({
    borrowerId: B.B1,
    date: '2026-05-08',
    start: '09:00',
    end: '10:00',
    staffIds: [li.staffId, manager.staffId],
    purpose: 'negotiation',
  });
  const v2 = await plan({
    borrowerId: B.B2,
    date: '2026-05-11',
    start: '09:00',
    end: '10:00',
    staffIds: [li.staffId, zhao.staffId],
    purpose: 'reminder',
  });
  const v3 = await plan({
    borrowerId: B.B3,
    date: '2026-05-12',
    start: '09:00',
    end: '10:00',
    staffIds: [zhao.staffId, manager.staffId],
    purpose: 'repayment_plan',
  });
  const v4 = await plan({
    borrowerId: B.B4,
    date: '2026-05-12',
    start: '14:00',
    end: '15:00',
    staffIds: [zhao.staffId, li.staffId],
    purpose: 'negotiation',
  });
  branch.at('2026-05-06 10:30');
  for (const v of [v1, v2, v3, v4]) await phoned(v.id, '2026-05-06 10:30');

  // ---- 8 May: B4 asks to meet at work; V1 with ¥1,000 cash ---------------------------------
  branch.at('2026-05-08 11:00');
  await branch.as(zhao);
  await branch.call('planning:cancelVisit', { id: v4.id, reason: '借款人要求改在单位见面' });
  const v5planned = await plan({
    borrowerId: B.B4,
    date: '2026-05-14',
    start: '12:00',
    end: '13:00',
    staffIds: [zhao.staffId, manager.staffId],
    purpose: 'payment_receipt',
    place: 'workplace',
    placeNote: '石桥镇农机站（借款人本人要求，午休时在门卫室见面）',
  });
  // A workplace visit waits for the manager: it cannot be announced before.
  expect(v5planned.approval).toMatchObject({ needed: true, at: null });
  branch.at('2026-05-08 11:30');
  await branch.as(manager);
  const v5 = await branch.call('planning:approveVisit', { id: v5planned.id });
  expect(v5.approval.selfApproved ?? false).toBe(false);
  branch.at('2026-05-08 12:00');
  await branch.as(zhao);
  await phoned(v5.id, '2026-05-08 12:00');

  branch.at('2026-05-08 18:00');
  await branch.as(li);
  const r1 = await branch.call(
    'records:record',
    outcome(v1.id, {
      date: '2026-05-08',
      start: '09:05',
      end: '09:55',
      staffIds: [li.staffId, manager.staffId],
      met: 'borrower',
      outcome: 'partial_payment',
      payment: { amountFen: 100_000, method: 'cash', loanId: L.L1 },
    }),
  );
  expect(r1.effective.receipt?.amountFen).toBe(100_000);

  // ---- 11 May: nobody at V2; the manager overrides the 3-day rule for V6; a delta file -----
  branch.at('2026-05-11 18:00');
  await branch.call(
    'records:record',
    outcome(v2.id, {
      date: '2026-05-11',
      start: '09:05',
      end: '09:30',
      staffIds: [li.staffId, zhao.staffId],
      met: 'nobody',
      outcome: 'not_home',
    }),
  );
  branch.at('2026-05-11 18:30');
  await branch.as(manager);
  const v6input = {
    borrowerId: B.B2,
    date: '2026-05-13',
    start: '09:00',
    end: '10:00',
    staffIds: [li.staffId, zhao.staffId],
    purpose: 'negotiation' as const,
  };
  const tooSoon = await branch.refused('planning:planVisit', v6input);
  expect(tooSoon.code).toBe('RULE_VIOLATION');
  const v6 = await plan({
    ...v6input,
    override: { reason: '借款人配偶来电，约定周三上午在家面谈' },
  });
  expect(v6.override).toMatchObject({ codes: ['TOO_SOON_AFTER_VISIT'], selfApproved: true });
  branch.at('2026-05-11 19:00');
  await phoned(v6.id, '2026-05-11 19:00');

  branch.at('2026-05-11 20:00');
  await branch.importFile('2026-05-11', [
    row('QS-01', {
      outstanding: '29000',
      overduePrincipal: '2000',
      overdueInterest: '200',
      since: '2026-04-10',
    }),
  ]);

  // ---- 12–14 May: a repayment plan, its approval, a complaint, a spouse's promise, cash ----
  branch.at('2026-05-12 18:00');
  await branch.as(zhao);
  await branch.call(
    'records:record',
    outcome(v3.id, {
      date: '2026-05-12',
      start: '09:05',
      end: '09:55',
      staffIds: [zhao.staffId, manager.staffId],
      met: 'borrower',
      outcome: 'plan_proposed',
      plan: { loanId: null, mode: 'equal', count: 3, firstDueOn: '2026-05-29', totalFen: 162_000 },
    }),
  );
  branch.at('2026-05-13 11:00');
  await branch.as(manager);
  const [proposed] = await branch.call('records:plans', { borrowerId: B.B3 });
  const approvedPlan = await branch.call('records:approvePlan', { id: proposed!.id });
  expect(approvedPlan.status).toBe('approved');
  expect(approvedPlan.selfApproved ?? false).toBe(false);

  branch.at('2026-05-13 15:00');
  await branch.as(clerk);
  const c1 = await branch.call('complaints:register', {
    borrowerId: B.B3,
    receivedOn: '2026-05-13',
    complainant: 'borrower',
    channel: 'phone',
    visitId: v3.id,
    summary: '借款人来电称走访人员说话语气生硬。',
  });

  branch.at('2026-05-13 18:00');
  await branch.as(li);
  await branch.call(
    'records:record',
    outcome(v6.id, {
      date: '2026-05-13',
      start: '09:05',
      end: '09:45',
      staffIds: [li.staffId, zhao.staffId],
      met: 'spouse',
      outcome: 'promise_to_pay',
      promise: { amountFen: 150_000, dueOn: '2026-05-22', loanId: loanId('QS-02') },
    }),
  );

  branch.at('2026-05-14 18:00');
  await branch.as(zhao);
  const r5 = await branch.call(
    'records:record',
    outcome(v5.id, {
      date: '2026-05-14',
      start: '12:05',
      end: '12:50',
      staffIds: [zhao.staffId, manager.staffId],
      place: 'workplace',
      placeNote: '石桥镇农机站门卫室',
      met: 'borrower',
      outcome: 'paid_full',
      payment: { amountFen: 800_000, method: 'cash', loanId: L.L4 },
    }),
  );
  expect(r5.effective.violations ?? []).toEqual([]);

  // ---- 15 May: the clerk plans the next week; L4 paid off in head office's file ------------
  branch.at('2026-05-15 09:00');
  await branch.as(clerk);
  const v7 = await plan({
    borrowerId: B.B1,
    date: '2026-05-20',
    start: '10:00',
    end: '11:00',
    staffIds: [li.staffId, zhao.staffId],
    purpose: 'negotiation',
  });
  const v8 = await plan({
    borrowerId: B.B6,
    date: '2026-05-21',
    start: '10:00',
    end: '11:00',
    staffIds: [zhao.staffId, manager.staffId],
    purpose: 'reminder',
  });
  branch.at('2026-05-15 09:30');
  await phoned(v7.id, '2026-05-15 09:30');
  branch.at('2026-05-15 19:00');
  await branch.importFile('2026-05-15', [row('QS-04', { outstanding: '0' })]);

  // ---- 18 May, 23:00: a call at night is refused -----------------------------------------
  branch.at('2026-05-18 23:05');
  await branch.as(li);
  const nightCall = await branch.refused('cases:addContactEvent', {
    borrowerId: B.B2,
    at: local('2026-05-18 23:00').toISOString(),
    kind: 'call',
    outcome: 'no_answer',
  });

  // ---- 20–21 May: a close, an uncertified colleague, a late notice ------------------------
  branch.at('2026-05-20 10:00');
  await branch.as(manager);
  await branch.call('complaints:close', {
    id: c1.id,
    closedOn: '2026-05-20',
    outcome: 'not_upheld',
    actionTaken: '调阅走访录音，未发现不当言语；已向借款人说明。',
  });
  branch.at('2026-05-20 18:00');
  await branch.as(li);
  const r7 = await branch.call(
    'records:record',
    outcome(v7.id, {
      date: '2026-05-20',
      start: '10:05',
      end: '10:50',
      staffIds: [li.staffId, sun.staffId],
      met: 'borrower',
      outcome: 'promise_to_pay',
      promise: { amountFen: 200_000, dueOn: '2026-05-27', loanId: null },
    }),
  );
  branch.at('2026-05-20 19:00');
  await branch.importFile('2026-05-20', [
    row('QS-06', { outstanding: '10000', overduePrincipal: '500', since: '2026-05-10' }),
  ]);
  branch.at('2026-05-20 20:00');
  await branch.as(zhao);
  const lateNotice = await phoned(v8.id, '2026-05-20 20:00');
  branch.at('2026-05-21 18:00');
  const r8 = await branch.call(
    'records:record',
    outcome(v8.id, {
      date: '2026-05-21',
      start: '10:05',
      end: '10:50',
      staffIds: [zhao.staffId, manager.staffId],
      met: 'borrower',
      outcome: 'promise_to_pay',
      promise: { amountFen: 500_000, dueOn: '2026-06-10', loanId: null },
    }),
  );

  // ---- 25 May: the last visit of the month is planned; a letter of complaint -------------
  branch.at('2026-05-25 10:00');
  await branch.as(clerk);
  const v9 = await plan({
    borrowerId: B.B6,
    date: '2026-05-29',
    start: '10:00',
    end: '11:00',
    staffIds: [li.staffId, manager.staffId],
    purpose: 'situation_check',
  });
  branch.at('2026-05-25 10:30');
  await phoned(v9.id, '2026-05-25 10:30');
  const c2 = await branch.call('complaints:register', {
    borrowerId: B.B6,
    receivedOn: '2026-05-25',
    complainant: 'relative',
    complainantName: '刘强',
    channel: 'letter',
    staffIds: [sun.staffId],
    summary: '借款人之子来信，称有员工向其单位同事打听其父欠款情况。',
  });

  // ---- 28 May: head office's file with its repayment-date column --------------------------
  branch.at('2026-05-28 19:00');
  await branch.importFile(
    '2026-05-28',
    [row('QS-01', { outstanding: '27000', lastPaidOn: '2026-05-26' })],
    { withPaidOn: true },
  );

  // ---- 1 June: promises judged as of the new day ------------------------------------------
  branch.at('2026-06-01 09:00');
  await branch.as(manager);
  await branch.call('records:evaluatePromises', {});

  return {
    branch,
    borrowers: B,
    visits: { v1, v2, v3, v4, v5, v6, v7, v8, v9 },
    records: { r1, r5, r7, r8 },
    complaints: { c0, c1, c2 },
    lateNotice,
    nightCall,
  };
}
