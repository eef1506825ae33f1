import { appendAudit } from '../../../electron/core/audit/audit';
import type { Sqlite } from '../../../electron/core/db/sqlite';
import { addDays } from '../../../electron/shared/dates';

/** Days past due on a bucket's first day. */
const FIRST_DAY = { M0: 0, M1: 1, M2: 31, M3: 61, 'M4+': 91 } as const;

/**
 * Direct inserts into the cases, planning and records tables, so each KPI can be checked on a
 * small dataset with hand-computed answers (the services would also run the planning rules,
 * which would refuse dates in the past that a month's history needs).
 */
export function seeder(db: Sqlite) {
  const at = '2026-01-01T00:00:00.000Z';
  let idSeq = 0;
  const staff = (name: string, staffNo: string) =>
    Number(
      db
        .prepare(
          `INSERT INTO staff (staff_no, name, role, active, created_at, updated_at)
           VALUES (?, ?, 'officer', 1, ?, ?)`,
        )
        .run(staffNo, name, at, at).lastInsertRowid,
    );
  const borrower = (name: string, officerId: number | null) => {
    idSeq += 1;
    const idNumber = `33010019800101${String(idSeq).padStart(4, '0')}`;
    return Number(
      db
        .prepare(
          `INSERT INTO borrowers (name, id_number, birth_date, sex, assigned_officer_id, created_at, updated_at)
           VALUES (?, ?, '1980-01-01', 'M', ?, ?, ?)`,
        )
        .run(name, idNumber, officerId, at, at).lastInsertRowid,
    );
  };
  const loan = (borrowerId: number, loanNo: string) =>
    Number(
      db
        .prepare(
          `INSERT INTO loans (loan_no, borrower_id, principal_fen, disbursed_on, created_at, updated_at)
           VALUES (?, ?, 1000000, '2025-01-01', ?, ?)`,
        )
        .run(loanNo, borrowerId, at, at).lastInsertRowid,
    );
  /**
   * A snapshot as an import writes it: in `bucket` on `asOf`, `dpd` days past due (by default
   * the bucket's first day: M1 1, M2 31, M3 61, M4+ 91), so overdue since `asOf` − `dpd`, with
   * ¥10 of interest overdue (a paid-off loan may still show its bucket). The reports count the
   * days on from that date to the 1st and to the month's last day.
   */
  const snapshot = (
    loanId: number,
    asOf: string,
    bucket: string,
    balanceFen: number,
    dpd: number = FIRST_DAY[bucket as keyof typeof FIRST_DAY],
  ) => {
    const overdue = bucket !== 'M0';
    db.prepare(
      `INSERT INTO loan_snapshots (loan_id, as_of, outstanding_principal_fen, overdue_principal_fen,
         overdue_interest_fen, penalty_fen, overdue_since, dpd, bucket, created_at)
       VALUES (?, ?, ?, 0, ?, 0, ?, ?, ?, ?)`,
    ).run(
      loanId,
      asOf,
      balanceFen,
      overdue ? 1000 : 0,
      overdue ? addDays(asOf, -dpd) : null,
      overdue ? dpd : 0,
      bucket,
      at,
    );
  };
  const visit = (v: {
    borrowerId: number;
    date: string;
    staff: number[];
    loans?: number[];
    status?: string;
    start?: string;
    end?: string;
    override?: string;
    plannedBy: number;
  }) => {
    const id = Number(
      db
        .prepare(
          `INSERT INTO visits (borrower_id, date, start_time, end_time, purpose, status, planned_by,
             planned_at, override_reason, overridden_by, updated_at)
           VALUES (?, ?, ?, ?, 'reminder', ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          v.borrowerId,
          v.date,
          v.start ?? '09:00',
          v.end ?? '10:00',
          v.status ?? 'planned',
          v.plannedBy,
          at,
          v.override ?? null,
          v.override ? v.plannedBy : null,
          at,
        ).lastInsertRowid,
    );
    for (const s of v.staff) db.prepare('INSERT INTO visit_staff VALUES (?, ?)').run(id, s);
    for (const l of v.loans ?? []) db.prepare('INSERT INTO visit_loans VALUES (?, ?)').run(id, l);
    if (v.override) {
      appendAudit(db, {
        staffId: v.plannedBy,
        action: 'visit.override',
        entity: 'visit',
        entityId: id,
        after: { reason: v.override },
      });
    }
    return id;
  };
  const record = (r: {
    visitId: number;
    borrowerId: number;
    date: string;
    met: 'borrower' | 'spouse' | 'family' | 'nobody';
    outcome: string;
    by: number;
    amends?: number;
  }) =>
    Number(
      db
        .prepare(
          `INSERT INTO visit_records (visit_id, borrower_id, amends, amend_reason, actual_date,
             actual_start, actual_end, met, outcome, staff_cards_shown, rights_explained,
             no_third_party_disclosure, recorded_on_media, recording_ref, recorded_by, recorded_at)
           VALUES (?, ?, ?, ?, ?, '09:00', '09:40', ?, ?, 1, 1, 1, 1, 'REC-1', ?, ?)`,
        )
        .run(
          r.visitId,
          r.borrowerId,
          r.amends ?? null,
          r.amends ? 'correction' : null,
          r.date,
          r.met,
          r.outcome,
          r.by,
          at,
        ).lastInsertRowid,
    );
  const promise = (p: {
    borrowerId: number;
    recordId: number;
    promisedOn: string;
    dueOn: string;
    amountFen: number;
    status?: string;
  }) =>
    db
      .prepare(
        `INSERT INTO promises (borrower_id, visit_record_id, promised_on, amount_fen, due_on, status, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(p.borrowerId, p.recordId, p.promisedOn, p.amountFen, p.dueOn, p.status ?? 'pending', at);
  const payment = (loanId: number, borrowerId: number, paidOn: string, amountFen: number) =>
    db
      .prepare(
        `INSERT INTO payments (loan_id, borrower_id, paid_on, amount_fen, source, created_at)
         VALUES (?, ?, ?, ?, 'import', ?)`,
      )
      .run(loanId, borrowerId, paidOn, amountFen, at);
  const target = (month: string, staffId: number | null, amountFen: number) =>
    db
      .prepare(
        `INSERT INTO monthly_targets (month, staff_id, visits_target, amount_target_fen, updated_at)
         VALUES (?, ?, 10, ?, ?)`,
      )
      .run(month, staffId, amountFen, at);
  const plan = (p: {
    borrowerId: number;
    recordId: number;
    by: number;
    status: string;
    decidedAt: string | null;
  }) =>
    db
      .prepare(
        `INSERT INTO repayment_plans (borrower_id, visit_record_id, total_fen, overdue_fen, status,
           proposed_by, proposed_at, decided_by, decided_at)
         VALUES (?, ?, 50000, 50000, ?, ?, ?, ?, ?)`,
      )
      .run(p.borrowerId, p.recordId, p.status, p.by, at, p.decidedAt ? p.by : null, p.decidedAt);
  return { staff, borrower, loan, snapshot, visit, record, promise, payment, target, plan };
}
