import type { Insertable, Kysely, Updateable } from 'kysely';
import { all, first, qb, run, statement } from '../db/query';
import type { DB } from '../db/schema';
import type { Sqlite } from '../db/sqlite';
import type { BorrowersTable } from './tables';
import { writeFlag } from '../db/columns';

/** Case-file reads and writes that are plain queries; rules and audit live in service.ts. */

export type BorrowerRow = Awaited<ReturnType<typeof borrowerRow>>;

const borrowerQuery = (db: Kysely<DB>, borrowerId: number) =>
  db.selectFrom('borrowers').selectAll().where('id', '=', borrowerId);

/** The borrower's row, on the engine (`db`, or a write's `tx`). */
export function loadBorrowerRow(db: Kysely<DB>, borrowerId: number): Promise<BorrowerRow> {
  return borrowerQuery(db, borrowerId).executeTakeFirst();
}

/** `loadBorrowerRow` on the connection, for the case actions still synchronous. */
export function borrowerRow(db: Sqlite, borrowerId: number) {
  return first(db, borrowerQuery(qb, borrowerId));
}

const residentIdQuery = (db: Kysely<DB>, idNumber: string) =>
  db.selectFrom('borrowers').select('id').where('id_number', '=', idNumber);

/** The borrower a resident ID number names, on the engine (`db`, or a write's `tx`). */
export async function loadBorrowerIdByResidentId(
  db: Kysely<DB>,
  idNumber: string,
): Promise<number | null> {
  return (await residentIdQuery(db, idNumber).executeTakeFirst())?.id ?? null;
}

/** `loadBorrowerIdByResidentId` on the connection. */
export function borrowerIdByResidentId(db: Sqlite, idNumber: string): number | null {
  return first(db, residentIdQuery(qb, idNumber))?.id ?? null;
}

export function insertBorrower(db: Sqlite, values: Insertable<BorrowersTable>): number {
  return run(db, qb.insertInto('borrowers').values(values)).lastInsertRowid;
}

export function updateBorrowerRow(
  db: Sqlite,
  borrowerId: number,
  values: Updateable<BorrowersTable>,
): void {
  run(db, qb.updateTable('borrowers').set(values).where('id', '=', borrowerId));
}

/**
 * Recomputes the borrower's denormalised overdue facts from their open loans: the oldest
 * overdue date among loans that still owe overdue money, the overdue total and the outstanding
 * principal, and the worst five-tier classification (tiers are numbered best to worst, so it is
 * the max). Called after every loan change, so the case list never aggregates loans.
 * Kept as SQL: Kysely has no row-value `SET (a, b, c) = (SELECT …)`, and the import calls this
 * once per borrower, where the prepared statement saves a compile each time.
 */
const REFRESH_TOTALS = `
  UPDATE borrowers SET (overdue_since, total_overdue_fen, outstanding_fen, classification) = (
    SELECT min(CASE WHEN overdue_principal_fen + overdue_interest_fen + penalty_fen > 0
                    THEN overdue_since END),
           coalesce(sum(overdue_principal_fen + overdue_interest_fen + penalty_fen), 0),
           coalesce(sum(outstanding_principal_fen), 0),
           max(classification)
    FROM loans WHERE borrower_id = :id AND status = 'active')
  WHERE id = :id`;

export function refreshBorrowerTotals(db: Sqlite, borrowerId: number): void {
  statement(db, REFRESH_TOTALS).run({ id: borrowerId });
}

export function staffMember(db: Sqlite, staffId: number) {
  return first(
    db,
    qb
      .selectFrom('staff')
      .select(['id', 'name', 'staff_no', 'role', 'active'])
      .where('id', '=', staffId),
  );
}

/** Staff a case can be assigned to: active officers and managers, with their case counts. */
export function officerOptions(db: Sqlite) {
  return all(
    db,
    qb
      .selectFrom('staff as s')
      .select(['s.id', 's.staff_no', 's.name', 's.role'])
      .select((eb) =>
        eb
          .selectFrom('borrowers as b')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('b.assigned_officer_id', '=', 's.id')
          .where('b.status', '!=', 'closed')
          .as('cases'),
      )
      .where('s.active', '=', writeFlag(true))
      .where('s.role', 'in', ['officer', 'manager'])
      .orderBy('s.staff_no'),
  );
}

export function loansOf(db: Sqlite, borrowerId: number) {
  return all(
    db,
    qb
      .selectFrom('loans')
      .selectAll()
      .where('borrower_id', '=', borrowerId)
      .orderBy('disbursed_on')
      .orderBy('id'),
  );
}

export function contactsOf(db: Sqlite, borrowerId: number) {
  return all(
    db,
    qb.selectFrom('contacts').selectAll().where('borrower_id', '=', borrowerId).orderBy('id'),
  );
}

export function contactOf(db: Sqlite, contactId: number) {
  return first(db, qb.selectFrom('contacts').selectAll().where('id', '=', contactId));
}

export function assessmentsOf(db: Sqlite, borrowerId: number) {
  return all(
    db,
    qb
      .selectFrom('assessments as a')
      .leftJoin('staff as s', 's.id', 'a.staff_id')
      .selectAll('a')
      .select('s.name as staff_name')
      .where('a.borrower_id', '=', borrowerId)
      .orderBy('a.assessed_on', 'desc')
      .orderBy('a.id', 'desc'),
  );
}

export function paymentsOf(db: Sqlite, borrowerId: number) {
  return all(
    db,
    qb
      .selectFrom('payments as p')
      .innerJoin('loans as l', 'l.id', 'p.loan_id')
      .leftJoin('staff as s', 's.id', 'p.recorded_by')
      // Money taken on a visit has a receipt, which the case page offers to print.
      .leftJoin('receipts as r', 'r.payment_id', 'p.id')
      .leftJoin('visit_records as vr', 'vr.id', 'r.visit_record_id')
      .selectAll('p')
      .select(['l.loan_no', 's.name as staff_name', 'r.id as receipt_id', 'vr.visit_id'])
      .where('p.borrower_id', '=', borrowerId)
      .orderBy('p.paid_on', 'desc')
      .orderBy('p.id', 'desc'),
  );
}

export function contactEventsOf(db: Sqlite, borrowerId: number) {
  return all(
    db,
    qb
      .selectFrom('contact_events as e')
      .leftJoin('staff as s', 's.id', 'e.staff_id')
      .leftJoin('contacts as c', 'c.id', 'e.contact_id')
      .selectAll('e')
      .select(['s.name as staff_name', 'c.name as contact_name'])
      .where('e.borrower_id', '=', borrowerId)
      .orderBy('e.at', 'desc'),
  );
}

export function notesOf(db: Sqlite, borrowerId: number) {
  return all(
    db,
    qb
      .selectFrom('notes as n')
      .leftJoin('staff as s', 's.id', 'n.staff_id')
      .selectAll('n')
      .select('s.name as staff_name')
      .where('n.borrower_id', '=', borrowerId)
      .orderBy('n.at', 'desc'),
  );
}

/** One row per import date that touched the borrower's loans (from the loan snapshots). */
export function importsOf(db: Sqlite, borrowerId: number) {
  return all(
    db,
    qb
      .selectFrom('loan_snapshots as sn')
      .innerJoin('loans as l', 'l.id', 'sn.loan_id')
      .select('sn.as_of')
      .select((eb) => [
        eb.fn.countAll<number>().as('loans'),
        eb.fn
          .sum<number>(
            eb(
              'sn.overdue_principal_fen',
              '+',
              eb('sn.overdue_interest_fen', '+', eb.ref('sn.penalty_fen')),
            ),
          )
          .as('overdue_fen'),
        eb.fn.max<number>('sn.dpd').as('max_dpd'),
      ])
      .where('l.borrower_id', '=', borrowerId)
      .groupBy('sn.as_of')
      .orderBy('sn.as_of', 'desc'),
  );
}
