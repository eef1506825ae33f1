import type { Kysely } from 'kysely';
import { appendAudit, type AuditEntry } from '../../../electron/core/audit/audit';
import type { DB } from '../../../electron/core/db/schema';
import type { Sqlite } from '../../../electron/core/db/sqlite';
import type { BucketCode } from '../../../electron/core/cases/tables';
import type {
  MetWhom,
  OutcomeCode,
  PlanStatus,
  PromiseStatus,
} from '../../../electron/shared/schemas/records';
import type { VisitStatus } from '../../../electron/shared/schemas/planning';
import { addDays } from '../../../electron/shared/dates';

/** Days past due on a bucket's first day. */
const FIRST_DAY = { M0: 0, M1: 1, M2: 31, M3: 61, 'M4+': 91 } as const;

/** A visit as `seeder` writes it: planned by `plannedBy` at 09:00–10:00 unless given. */
interface SeededVisit {
  borrowerId: number;
  date: string;
  staff: number[];
  loans?: number[];
  status?: string;
  start?: string;
  end?: string;
  /** A rule override's reason: granted by the planner, with its visit.override audit row. */
  override?: string;
  plannedBy: number;
}

interface SeededRecord {
  visitId: number;
  borrowerId: number;
  date: string;
  met: 'borrower' | 'spouse' | 'family' | 'nobody';
  outcome: string;
  by: number;
  amends?: number;
}

interface SeededPromise {
  borrowerId: number;
  recordId: number;
  promisedOn: string;
  dueOn: string;
  amountFen: number;
  status?: string;
}

interface SeededPlan {
  borrowerId: number;
  recordId: number;
  by: number;
  status: string;
  decidedAt: string | null;
}

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
  const visit = (v: SeededVisit) => {
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
  const record = (r: SeededRecord) =>
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
  const promise = (p: SeededPromise) =>
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
  const plan = (p: SeededPlan) =>
    db
      .prepare(
        `INSERT INTO repayment_plans (borrower_id, visit_record_id, total_fen, overdue_fen, status,
           proposed_by, proposed_at, decided_by, decided_at)
         VALUES (?, ?, 50000, 50000, ?, ?, ?, ?, ?)`,
      )
      .run(p.borrowerId, p.recordId, p.status, p.by, at, p.decidedAt ? p.by : null, p.decidedAt);
  return { staff, borrower, loan, snapshot, visit, record, promise, payment, target, plan };
}

export type Seeder = ReturnType<typeof seeder>;

/**
 * `seeder`'s rows written on the app's engine instead (issue 19), in the caller's write
 * transaction `tx`, so a branch seeded this way reads alike on this PC's file and on
 * PostgreSQL: the same columns and values (flags as 0/1, which PostgreSQL's boolean takes as
 * false/true), ids from the database, and each override's audit row through `record` (the
 * app's `record`, chained as the app chains it). Each call resolves to its new row's id (a
 * snapshot has none).
 */
export function engineSeeder(
  tx: Kysely<DB>,
  record: (entry: AuditEntry) => Promise<unknown>,
): { [K in keyof Seeder]: (...args: Parameters<Seeder[K]>) => Promise<number | undefined> } {
  const at = '2026-01-01T00:00:00.000Z';
  let idSeq = 0;
  return {
    staff: async (name, staffNo) =>
      (
        await tx
          .insertInto('staff')
          .values({
            staff_no: staffNo,
            name,
            role: 'officer',
            active: 1,
            created_at: at,
            updated_at: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    borrower: async (name, officerId) => {
      idSeq += 1;
      const { id } = await tx
        .insertInto('borrowers')
        .values({
          name,
          id_number: `33010019800101${String(idSeq).padStart(4, '0')}`,
          birth_date: '1980-01-01',
          sex: 'M',
          assigned_officer_id: officerId,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },
    loan: async (borrowerId, loanNo) =>
      (
        await tx
          .insertInto('loans')
          .values({
            loan_no: loanNo,
            borrower_id: borrowerId,
            principal_fen: 1000000,
            disbursed_on: '2025-01-01',
            created_at: at,
            updated_at: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    snapshot: async (
      loanId,
      asOf,
      bucket,
      balanceFen,
      dpd = FIRST_DAY[bucket as keyof typeof FIRST_DAY],
    ) => {
      const overdue = bucket !== 'M0';
      await tx
        .insertInto('loan_snapshots')
        .values({
          loan_id: loanId,
          as_of: asOf,
          outstanding_principal_fen: balanceFen,
          overdue_principal_fen: 0,
          overdue_interest_fen: overdue ? 1000 : 0,
          penalty_fen: 0,
          overdue_since: overdue ? addDays(asOf, -dpd) : null,
          dpd: overdue ? dpd : 0,
          bucket: bucket as BucketCode,
          created_at: at,
        })
        .execute();
      return undefined;
    },
    visit: async (v) => {
      const { id } = await tx
        .insertInto('visits')
        .values({
          borrower_id: v.borrowerId,
          date: v.date,
          start_time: v.start ?? '09:00',
          end_time: v.end ?? '10:00',
          purpose: 'reminder',
          status: (v.status ?? 'planned') as VisitStatus,
          planned_by: v.plannedBy,
          planned_at: at,
          override_reason: v.override ?? null,
          overridden_by: v.override ? v.plannedBy : null,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('visit_staff')
        .values(v.staff.map((s) => ({ visit_id: id, staff_id: s })))
        .execute();
      if (v.loans?.length) {
        await tx
          .insertInto('visit_loans')
          .values(v.loans.map((l) => ({ visit_id: id, loan_id: l })))
          .execute();
      }
      if (v.override) {
        await record({
          staffId: v.plannedBy,
          action: 'visit.override',
          entity: 'visit',
          entityId: id,
          after: { reason: v.override },
        });
      }
      return id;
    },
    record: async (r) =>
      (
        await tx
          .insertInto('visit_records')
          .values({
            visit_id: r.visitId,
            borrower_id: r.borrowerId,
            amends: r.amends ?? null,
            amend_reason: r.amends ? 'correction' : null,
            actual_date: r.date,
            actual_start: '09:00',
            actual_end: '09:40',
            met: r.met as MetWhom,
            outcome: r.outcome as OutcomeCode,
            staff_cards_shown: 1,
            rights_explained: 1,
            no_third_party_disclosure: 1,
            recorded_on_media: 1,
            recording_ref: 'REC-1',
            recorded_by: r.by,
            recorded_at: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    promise: async (p) =>
      (
        await tx
          .insertInto('promises')
          .values({
            borrower_id: p.borrowerId,
            visit_record_id: p.recordId,
            promised_on: p.promisedOn,
            amount_fen: p.amountFen,
            due_on: p.dueOn,
            status: (p.status ?? 'pending') as PromiseStatus,
            created_at: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    payment: async (loanId, borrowerId, paidOn, amountFen) =>
      (
        await tx
          .insertInto('payments')
          .values({
            loan_id: loanId,
            borrower_id: borrowerId,
            paid_on: paidOn,
            amount_fen: amountFen,
            source: 'import',
            created_at: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    target: async (month, staffId, amountFen) =>
      (
        await tx
          .insertInto('monthly_targets')
          .values({
            month,
            staff_id: staffId,
            visits_target: 10,
            amount_target_fen: amountFen,
            updated_at: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    plan: async (p) =>
      (
        await tx
          .insertInto('repayment_plans')
          .values({
            borrower_id: p.borrowerId,
            visit_record_id: p.recordId,
            total_fen: 50000,
            overdue_fen: 50000,
            status: p.status as PlanStatus,
            proposed_by: p.by,
            proposed_at: at,
            decided_by: p.decidedAt ? p.by : null,
            decided_at: p.decidedAt,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
  };
}
