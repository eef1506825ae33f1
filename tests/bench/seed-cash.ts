import { addDays } from '../../electron/shared/dates';
import { isoAt } from './seed-history';
import type { SeedState } from './seed-rows';
import type { SeedRow } from './twin';

/**
 * Visit money as a branch has it after two years (migration 016's cash hand-ins): every payment
 * taken on a visit (the payments step's `source = 'visit'` rows, spread over the officers and
 * two years of days) gets the done visit it was taken on, its record (the officer and a
 * colleague) and its receipt. Each officer's day of receipts is handed in at the branch the
 * same or the next day, one hand-in per officer and day; a few counted amounts differ (with the
 * written explanation), most of those signed off by the manager. The last days' money is still
 * held, and a few older days were never handed in, so the list of money held has late rows.
 */

interface VisitPayment {
  id: number;
  loan_id: number;
  borrower_id: number;
  paid_on: string;
  amount_fen: number;
  receipt_no: string;
}

/** Days before the as-of date whose money is still with the officers. */
const HELD_DAYS = 3;

export function seedVisitMoney(s: SeedState): void {
  const db = s.twin.dbs[0]!;
  const payments = db
    .prepare(
      `SELECT id, loan_id, borrower_id, paid_on, amount_fen, receipt_no FROM payments
       WHERE source = 'visit' AND receipt_no IS NOT NULL ORDER BY paid_on, id`,
    )
    .all() as VisitPayment[];
  const firstVisit = 1 + (db.prepare('SELECT max(id) AS n FROM visits').get() as { n: number }).n;
  const visits: SeedRow[] = [];
  const visitStaff: SeedRow[] = [];
  const visitLoans: SeedRow[] = [];
  const records: SeedRow[] = [];
  const recordStaff: SeedRow[] = [];
  const receipts: SeedRow[] = [];
  /** Receipts by officer and day: `${day}|${officer}` → receipt ids and their sum. */
  const days = new Map<string, { officer: number; day: string; ids: number[]; fen: number }>();
  for (const [n, p] of payments.entries()) {
    const id = n + 1;
    const visitId = firstVisit + n;
    const b = s.borrowers[p.borrower_id - 1]!;
    const others = s.officerIds.filter((o) => o !== b.officer);
    const colleague = others.length ? s.dice.pick(others) : s.managerId;
    const hour = s.dice.int(8, 17);
    const start = `${String(hour).padStart(2, '0')}:${s.dice.pick(['00', '30'])}`;
    const end = `${String(hour + 1).padStart(2, '0')}:${start.slice(3)}`;
    const plannedAt = isoAt(addDays(p.paid_on, -s.dice.int(3, 10)), '09:00');
    visits.push({
      id: visitId,
      borrower_id: p.borrower_id,
      date: p.paid_on,
      start_time: start,
      end_time: end,
      purpose: 'payment_receipt',
      priority: 'normal',
      township: b.township.name,
      village: b.village.name,
      status: 'done',
      notice_status: 'printed',
      notice_at: plannedAt,
      planned_by: b.officer,
      planned_at: plannedAt,
      needs_approval: b.vulnerable ? 1 : 0,
      approval_by: b.vulnerable ? s.managerId : null,
      approved_at: b.vulnerable ? plannedAt : null,
      updated_at: s.at,
    });
    visitStaff.push(
      { visit_id: visitId, staff_id: b.officer },
      { visit_id: visitId, staff_id: colleague },
    );
    visitLoans.push({ visit_id: visitId, loan_id: p.loan_id });
    const paidAt = isoAt(p.paid_on, start);
    if (paidAt > b.lastVisit) b.lastVisit = paidAt;
    records.push({
      id,
      visit_id: visitId,
      borrower_id: p.borrower_id,
      actual_date: p.paid_on,
      actual_start: start,
      actual_end: end,
      met: 'borrower',
      outcome: 'partial_payment',
      borrower_words: '先还一部分，其余下月。',
      staff_cards_shown: 1,
      rights_explained: 1,
      no_third_party_disclosure: 1,
      recorded_on_media: 1,
      recording_ref: `REC-${p.paid_on}-${id}`,
      recorded_by: b.officer,
      recorded_at: isoAt(p.paid_on, '18:00'),
    });
    recordStaff.push(
      { record_id: id, staff_id: b.officer },
      { record_id: id, staff_id: colleague },
    );
    receipts.push({
      id,
      receipt_no: p.receipt_no,
      branch_code: 'QS001',
      year: Number(p.paid_on.slice(0, 4)),
      seq: Number(p.receipt_no.slice(p.receipt_no.lastIndexOf('-') + 1)),
      payment_id: p.id,
      visit_record_id: id,
      // The branch's wall-clock time, as the app writes it (records/receipts.ts), not an instant.
      paid_at: `${p.paid_on}T${start}`,
      issued_by: b.officer,
      issued_at: paidAt,
    });
    const key = `${p.paid_on}|${b.officer}`;
    const day = days.get(key) ?? { officer: b.officer, day: p.paid_on, ids: [], fen: 0 };
    day.ids.push(id);
    day.fen += p.amount_fen;
    days.set(key, day);
  }
  s.twin.insert('visits', visits);
  s.twin.insert('visit_staff', visitStaff);
  s.twin.insert('visit_loans', visitLoans);
  s.twin.insert('visit_records', records);
  s.twin.insert('visit_record_staff', recordStaff);
  s.twin.insert('receipts', receipts);

  const heldFrom = addDays(s.asOf, -HELD_DAYS);
  const handIns: SeedRow[] = [];
  const covered: SeedRow[] = [];
  const amounts = new Map(payments.map((p, n) => [n + 1, p.amount_fen]));
  for (const d of days.values()) {
    // The last days' money is still held; so is, now and then, an older day nobody handed in.
    if (d.day >= heldFrom || s.dice.chance(0.004)) continue;
    const id = handIns.length + 1;
    const handedInOn = s.dice.chance(0.7) ? d.day : addDays(d.day, 1);
    const short = s.dice.chance(0.02) ? s.dice.int(1, 10) * 10_00 : 0;
    const counted = Math.max(0, d.fen - short);
    const signed = counted !== d.fen && s.dice.chance(0.7);
    handIns.push({
      id,
      officer_id: d.officer,
      day: d.day,
      expected_fen: d.fen,
      counted_fen: counted,
      explanation: counted === d.fen ? '' : '找零差错，经办人已说明。',
      handed_in_on: handedInOn,
      recorded_by: s.managerId,
      recorded_at: isoAt(handedInOn, '17:30'),
      signed_off_by: signed ? s.managerId : null,
      signed_off_at: signed ? isoAt(handedInOn, '17:45') : null,
      sign_off_note: signed ? '同意' : '',
    });
    for (const receipt of d.ids) {
      covered.push({ handin_id: id, receipt_id: receipt, amount_fen: amounts.get(receipt)! });
    }
  }
  s.twin.insert('cash_handins', handIns);
  s.twin.insert('cash_handin_receipts', covered);
  s.counts.visit_records = records.length;
  s.counts.receipts = receipts.length;
  s.counts.cash_handins = handIns.length;
  s.counts.cash_handin_receipts = covered.length;
}
