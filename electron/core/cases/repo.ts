import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { Engine } from '../db/engine';
import { statement } from '../db/query';
import type { DB } from '../db/schema';
import type { Sqlite } from '../db/sqlite';
import { indexBorrowerPostgres, type SearchTokensDatabase } from './search-postgres';
import { searchColumns } from './search-tokens';
import { otherPhonesColumn, type BorrowersTable } from './tables';
import { writeFlag } from '../db/columns';

/**
 * Case-file reads and writes that are plain queries, on the engine (`db`, or a write's `tx`);
 * rules and audit live in service.ts and history.ts. JSON columns are read as their text on
 * both engines (PostgreSQL's jsonb would come back parsed), so the column codecs read them alike.
 */

const borrowerQuery = (db: Kysely<DB>, borrowerId: number) =>
  db
    .selectFrom('borrowers')
    .select([
      'id',
      'name',
      'name_sort',
      'id_number',
      'birth_date',
      'sex',
      'mobile',
      'province',
      'province_code',
      'city',
      'city_code',
      'county',
      'county_code',
      'township',
      'township_code',
      'village',
      'village_code',
      'address_detail',
      'occupation',
      'household_size',
      'dependents',
      'preferred_contact_times',
      'vulnerable_elderly',
      'vulnerable_ill',
      'vulnerable_disabled',
      'vulnerable_disaster',
      'vulnerability_notes',
      'assigned_officer_id',
      'status',
      'closed_at',
      'overdue_since',
      'total_overdue_fen',
      'outstanding_fen',
      'last_contact_at',
      'last_visit_at',
      'broken_promises',
      'created_at',
      'updated_at',
      'classification',
    ])
    .select((eb) => [
      eb.cast<string>('other_phones', 'text').as('other_phones'),
      eb.cast<string>('household_members', 'text').as('household_members'),
    ])
    .where('id', '=', borrowerId);

export type BorrowerRow = Awaited<ReturnType<typeof loadBorrowerRow>>;

/** The borrower's row, on the engine (`db`, or a write's `tx`). */
export function loadBorrowerRow(db: Kysely<DB>, borrowerId: number) {
  return borrowerQuery(db, borrowerId).executeTakeFirst();
}

/** The borrower a resident ID number names, on the engine (`db`, or a write's `tx`). */
export async function loadBorrowerIdByResidentId(
  db: Kysely<DB>,
  idNumber: string,
): Promise<number | null> {
  const row = await db
    .selectFrom('borrowers')
    .select('id')
    .where('id_number', '=', idNumber)
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function insertBorrower(
  tx: Kysely<DB>,
  values: Insertable<BorrowersTable>,
): Promise<number> {
  const { id } = await tx
    .insertInto('borrowers')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateBorrowerRow(
  tx: Kysely<DB>,
  borrowerId: number,
  values: Updateable<BorrowersTable>,
): Promise<void> {
  await tx.updateTable('borrowers').set(values).where('id', '=', borrowerId).execute();
}

/**
 * Rewrites the borrower's search entry from the tables, in the write's `tx`: FTS5's row on
 * SQLite (a contentless table has no UPDATE of its text), the token rows on PostgreSQL
 * (search-postgres.ts). The same source as search.ts's reindexBorrower, which the import's hot
 * loop runs on the connection.
 */
export async function reindexBorrowerOn(
  tx: Kysely<DB>,
  kind: Engine['kind'],
  borrowerId: number,
): Promise<void> {
  const row = await tx
    .selectFrom('borrowers')
    .select(['name', 'township', 'village', 'id_number', 'mobile'])
    .select((eb) => eb.cast<string>('other_phones', 'text').as('other_phones'))
    .where('id', '=', borrowerId)
    .executeTakeFirst();
  if (!row) return;
  const loans = await tx
    .selectFrom('loans')
    .select('loan_no')
    .where('borrower_id', '=', borrowerId)
    .orderBy('id')
    .execute();
  const contacts = await tx
    .selectFrom('contacts')
    .select('phone')
    .where('borrower_id', '=', borrowerId)
    .where('phone', 'is not', null)
    .orderBy('id')
    .execute();
  const source = {
    name: row.name,
    township: row.township,
    village: row.village,
    idNumber: row.id_number,
    phones: [
      row.mobile,
      ...otherPhonesColumn.read(row.other_phones),
      ...contacts.map((c) => c.phone),
    ],
    loanNos: loans.map((l) => l.loan_no),
  };
  if (kind === 'postgres') {
    await indexBorrowerPostgres(tx as unknown as Kysely<SearchTokensDatabase>, borrowerId, source);
    return;
  }
  await tx.deleteFrom('borrower_search').where('rowid', '=', borrowerId).execute();
  await tx
    .insertInto('borrower_search')
    .values({ rowid: borrowerId, ...searchColumns(source) })
    .execute();
}

/**
 * Recomputes the borrower's denormalised overdue facts from their open loans: the oldest
 * overdue date among loans that still owe overdue money, the overdue total and the outstanding
 * principal, and the worst five-tier classification (tiers are numbered best to worst, so it is
 * the max). Called after every loan change, so the case list never aggregates loans.
 * Kept as SQL on the connection for SQLite's case import (cases/upsert.ts): Kysely has
 * no row-value `SET (a, b, c) = (SELECT …)`, and the import calls this once per borrower, where
 * the prepared statement saves a compile each time. PostgreSQL's import says it for many
 * borrowers at once (imports/bulk-postgres.ts refreshTotals); the demo works the same totals
 * out as it draws its loans (demo.ts).
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

/** A staff member's name, number, role and whether they are active. */
export function loadStaffMember(db: Kysely<DB>, staffId: number) {
  return db
    .selectFrom('staff')
    .select(['id', 'name', 'staff_no', 'role', 'active'])
    .where('id', '=', staffId)
    .executeTakeFirst();
}

/**
 * Staff a case can be assigned to: active officers and managers, with their case counts, by
 * staff number (by code point on PostgreSQL too, as SQLite orders text).
 */
export function loadOfficerOptions(db: Kysely<DB>, kind: Engine['kind']) {
  return db
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
    .orderBy(kind === 'postgres' ? sql`s.staff_no COLLATE "C"` : sql.ref('s.staff_no'))
    .orderBy('s.id')
    .execute();
}

export function loadLoans(db: Kysely<DB>, borrowerId: number) {
  return db
    .selectFrom('loans')
    .selectAll()
    .where('borrower_id', '=', borrowerId)
    .orderBy('disbursed_on')
    .orderBy('id')
    .execute();
}

export function loadContacts(db: Kysely<DB>, borrowerId: number) {
  return db
    .selectFrom('contacts')
    .selectAll()
    .where('borrower_id', '=', borrowerId)
    .orderBy('id')
    .execute();
}

export function loadContact(db: Kysely<DB>, contactId: number) {
  return db.selectFrom('contacts').selectAll().where('id', '=', contactId).executeTakeFirst();
}

export function loadAssessments(db: Kysely<DB>, borrowerId: number) {
  return db
    .selectFrom('assessments as a')
    .leftJoin('staff as s', 's.id', 'a.staff_id')
    .select([
      'a.id',
      'a.assessed_on',
      'a.staff_id',
      'a.income',
      'a.expenses',
      'a.assets',
      'a.livelihood',
      'a.monthly_income_fen',
      'a.monthly_expenses_fen',
      'a.household_size',
      'a.capacity_fen',
      'a.note',
      's.name as staff_name',
    ])
    .select((eb) => eb.cast<string>('a.hardship', 'text').as('hardship'))
    .where('a.borrower_id', '=', borrowerId)
    .orderBy('a.assessed_on', 'desc')
    .orderBy('a.id', 'desc')
    .execute();
}

export function loadPayments(db: Kysely<DB>, borrowerId: number) {
  return (
    db
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
      .orderBy('p.id', 'desc')
      .execute()
  );
}

/** Newest first; two at the same instant, the later logged first (SQLite's index order). */
export function loadContactEvents(db: Kysely<DB>, borrowerId: number) {
  return db
    .selectFrom('contact_events as e')
    .leftJoin('staff as s', 's.id', 'e.staff_id')
    .leftJoin('contacts as c', 'c.id', 'e.contact_id')
    .selectAll('e')
    .select(['s.name as staff_name', 'c.name as contact_name'])
    .where('e.borrower_id', '=', borrowerId)
    .orderBy('e.at', 'desc')
    .orderBy('e.id', 'desc')
    .execute();
}

/** Newest first; two at the same instant, the later written first (SQLite's index order). */
export function loadNotes(db: Kysely<DB>, borrowerId: number) {
  return db
    .selectFrom('notes as n')
    .leftJoin('staff as s', 's.id', 'n.staff_id')
    .selectAll('n')
    .select('s.name as staff_name')
    .where('n.borrower_id', '=', borrowerId)
    .orderBy('n.at', 'desc')
    .orderBy('n.id', 'desc')
    .execute();
}

/**
 * One row per import date that touched the borrower's loans (from the loan snapshots). The
 * sum comes back as text on PostgreSQL (a sum of bigint is numeric): read it with Number.
 */
export function loadImports(db: Kysely<DB>, borrowerId: number) {
  return db
    .selectFrom('loan_snapshots as sn')
    .innerJoin('loans as l', 'l.id', 'sn.loan_id')
    .select('sn.as_of')
    .select((eb) => [
      eb.fn.countAll<number>().as('loans'),
      eb.fn
        .sum<number | string>(
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
    .orderBy('sn.as_of', 'desc')
    .execute();
}
