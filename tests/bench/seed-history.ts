import { bucketOf } from '../../electron/shared/delinquency';
import { addDays, daysBetween } from '../../electron/shared/dates';
import type { SeedState } from './seed-rows';
import { isoDateBetween, monthEnds } from './synth';

/** A case's history: monthly loan snapshots, payments, contact events and notes. */

/** Shanghai wall-clock time as the ISO instant the app stores. */
export const isoAt = (date: string, time: string) =>
  new Date(`${date}T${time}:00+08:00`).toISOString();

const clock = (s: SeedState, from: number, to: number) =>
  `${String(s.dice.int(from, to)).padStart(2, '0')}:${s.dice.pick(['00', '15', '30', '45'])}`;

/** One snapshot per loan per month end: overdue on that date only if already overdue then. */
export function seedSnapshots(s: SeedState): void {
  const months = monthEnds(s.asOf, s.scale.snapshotsPerLoan);
  s.counts.loan_snapshots = s.twin.stream('loan_snapshots', s.loans.length * months.length, (n) => {
    const loanIndex = Math.floor(n / months.length);
    const loan = s.loans[loanIndex]!;
    const month = months[n % months.length]!;
    const since = loan.overdueSince;
    const dpd = since !== null && since < month ? daysBetween(since, month) : 0;
    // Overdue amounts grow towards today's figures as the loan ages.
    const share = dpd === 0 ? 0 : dpd / Math.max(1, daysBetween(since!, s.asOf));
    return {
      loan_id: loanIndex + 1,
      as_of: month,
      outstanding_principal_fen: loan.outstandingFen,
      overdue_principal_fen: Math.round(loan.overduePrincipalFen * share),
      overdue_interest_fen: Math.round(loan.overdueInterestFen * share),
      penalty_fen: Math.round(loan.penaltyFen * share),
      overdue_since: dpd ? since : null,
      dpd,
      bucket: bucketOf(dpd),
      created_at: s.at,
    };
  });
}

/** Two years of payments: most from head-office files, some taken on visits with receipts. */
export function seedPayments(s: SeedState): void {
  let receipt = 0;
  s.counts.payments = s.twin.stream('payments', s.scale.payments, () => {
    const loanId = s.dice.int(1, s.loans.length);
    const loan = s.loans[loanId - 1]!;
    const onVisit = s.dice.chance(0.15);
    const paidOn = isoDateBetween(s.dice, addDays(s.asOf, -730), s.asOf);
    return {
      loan_id: loanId,
      borrower_id: loan.borrower,
      paid_on: paidOn,
      amount_fen: s.dice.int(2, 200) * 100_00 + s.dice.int(0, 99) * 100,
      source: onVisit ? 'visit' : 'import',
      method: onVisit ? '现金' : s.dice.pick(['银行转账', '柜面', '手机银行']),
      receipt_no: onVisit
        ? `QS001-${paidOn.slice(0, 4)}-${String(++receipt).padStart(6, '0')}`
        : null,
      reference: onVisit ? '' : `HX${paidOn.replace(/-/g, '')}${s.dice.int(100000, 999999)}`,
      recorded_by: onVisit ? s.borrowers[loan.borrower - 1]!.officer : null,
      created_at: s.at,
    };
  });
}

/** Eighteen months of calls, texts, letters and visit contacts by the borrower's officer. */
export function seedContactEvents(s: SeedState): void {
  s.counts.contact_events = s.twin.stream('contact_events', s.scale.contactEvents, () => {
    const borrowerId = s.dice.int(1, s.scale.borrowers);
    const b = s.borrowers[borrowerId - 1]!;
    const kind = s.dice.weighted([
      ['call', 60],
      ['sms', 25],
      ['letter', 10],
      ['visit', 5],
    ] as const);
    const outcome =
      kind === 'sms' || kind === 'letter'
        ? 'delivered'
        : s.dice.weighted([
            ['reached', 40],
            ['no_answer', 30],
            ['promised', 15],
            ['refused', 5],
            ['paid', 5],
            ['left_message', 5],
          ] as const);
    const at = isoAt(isoDateBetween(s.dice, addDays(s.asOf, -540), s.asOf), clock(s, 9, 19));
    if (at > b.lastContact) b.lastContact = at;
    return {
      borrower_id: borrowerId,
      at,
      kind,
      direction: 'outbound',
      staff_id: b.officer,
      outcome,
      note: '',
      created_at: s.at,
    };
  });
}

const noteTexts = [
  '借款人称近期收入下降，家中有人住院。',
  '已电话提醒，约定下周到村委会面谈。',
  '借款人外出务工，家属表示会转告。',
  '借款人表示月底可先还部分利息。',
];

export function seedNotes(s: SeedState): void {
  s.counts.notes = s.twin.stream('notes', s.scale.notes, () => {
    const borrowerId = s.dice.int(1, s.scale.borrowers);
    return {
      borrower_id: borrowerId,
      at: isoAt(isoDateBetween(s.dice, addDays(s.asOf, -540), s.asOf), clock(s, 9, 17)),
      staff_id: s.borrowers[borrowerId - 1]!.officer,
      text: s.dice.pick(noteTexts),
    };
  });
}
