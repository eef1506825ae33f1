import { sql, type Kysely } from 'kysely';
import { addDays } from '../../shared/dates';
import { otherPhonesColumn } from '../cases/tables';
import {
  indexBorrowersPostgres,
  searchSourcesOf,
  type SearchTokensDatabase,
} from '../cases/search-postgres';
import type { DB } from '../db/schema';
import { POSTING_LAG_DAYS } from '../records/reconcile';

/*
 * The statements of an import's batch on PostgreSQL (write-postgres.ts): each writes or reads a
 * whole batch's rows at once, the rows sent as one array parameter per column that `unnest`
 * turns back into rows (search-postgres.ts measured it faster than multi-row VALUES, and no row
 * count nears PostgreSQL's 65,535 parameters). Every statement says the connection's branch as
 * well as row-level security enforcing it, so a login that sees every branch still seeks by
 * the whole (branch_id, …) key.
 */

export const thisBranch = sql<number>`current_setting('visitdesk.branch_id')::integer`;

export { phonesOf } from '../cases/search-postgres';

/** Who owns each of these loan numbers already (their resident ID). */
export async function loanOwnersPostgres(
  db: Kysely<DB>,
  loanNos: readonly string[],
): Promise<Map<string, string>> {
  const owners = new Map<string, string>();
  for (let from = 0; from < loanNos.length; from += 5_000) {
    const part = loanNos.slice(from, from + 5_000);
    const { rows } = await sql<{ loan_no: string; id_number: string }>`
      SELECT l.loan_no, b.id_number FROM loans l
      JOIN borrowers b ON b.branch_id = l.branch_id AND b.id = l.borrower_id
      WHERE l.branch_id = ${thisBranch} AND l.loan_no = any(${part}::text[])`.execute(db);
    for (const r of rows) owners.set(r.loan_no, r.id_number);
  }
  return owners;
}

export interface BorrowerUpdate {
  id: number;
  name: string;
  nameSort: string;
  mobile: string | null;
  otherPhones: string[];
  province: string;
  city: string;
  county: string;
  township: string;
  village: string;
  address: string;
  officerId: number | null;
}

/** Existing borrowers' changed fields, all at `now`. */
export async function updateBorrowers(
  tx: Kysely<DB>,
  rows: readonly BorrowerUpdate[],
  now: string,
): Promise<void> {
  if (!rows.length) return;
  const col = <K extends keyof BorrowerUpdate>(k: K) => rows.map((r) => r[k]);
  await sql`
    UPDATE borrowers AS b SET name = v.name, name_sort = v.name_sort, mobile = v.mobile,
      other_phones = v.other_phones::jsonb, province = v.province, city = v.city,
      county = v.county, township = v.township, village = v.village,
      address_detail = v.address_detail, assigned_officer_id = v.officer_id,
      updated_at = ${now}::timestamptz
    FROM unnest(${col('id')}::bigint[], ${col('name')}::text[], ${col('nameSort')}::text[],
      ${col('mobile')}::text[], ${rows.map((r) => otherPhonesColumn.write(r.otherPhones))}::text[],
      ${col('province')}::text[], ${col('city')}::text[], ${col('county')}::text[],
      ${col('township')}::text[], ${col('village')}::text[], ${col('address')}::text[],
      ${col('officerId')}::bigint[])
      AS v(id, name, name_sort, mobile, other_phones, province, city, county, township, village,
        address_detail, officer_id)
    WHERE b.branch_id = ${thisBranch} AND b.id = v.id`.execute(tx);
}

export interface LoanUpdate {
  id: number;
  product: string;
  principalFen: number;
  disbursedOn: string;
  maturityOn: string | null;
  outstandingFen: number;
  overduePrincipalFen: number;
  overdueInterestFen: number;
  penaltyFen: number;
  overdueSince: string | null;
  status: 'active' | 'settled';
  classification: number | null;
}

/** Loans the file's date moves on, all as of `asOf` at `now`. */
export async function updateLoans(
  tx: Kysely<DB>,
  rows: readonly LoanUpdate[],
  asOf: string,
  now: string,
): Promise<void> {
  if (!rows.length) return;
  const col = <K extends keyof LoanUpdate>(k: K) => rows.map((r) => r[k]);
  await sql`
    UPDATE loans AS l SET product = v.product, principal_fen = v.principal_fen,
      disbursed_on = v.disbursed_on, maturity_on = v.maturity_on,
      outstanding_principal_fen = v.outstanding, overdue_principal_fen = v.overdue_principal,
      overdue_interest_fen = v.overdue_interest, penalty_fen = v.penalty,
      overdue_since = v.overdue_since, status = v.status, as_of = ${asOf}::date,
      classification = v.classification, updated_at = ${now}::timestamptz
    FROM unnest(${col('id')}::bigint[], ${col('product')}::text[],
      ${col('principalFen')}::bigint[], ${col('disbursedOn')}::date[],
      ${col('maturityOn')}::date[], ${col('outstandingFen')}::bigint[],
      ${col('overduePrincipalFen')}::bigint[], ${col('overdueInterestFen')}::bigint[],
      ${col('penaltyFen')}::bigint[], ${col('overdueSince')}::date[], ${col('status')}::text[],
      ${col('classification')}::integer[])
      AS v(id, product, principal_fen, disbursed_on, maturity_on, outstanding,
        overdue_principal, overdue_interest, penalty, overdue_since, status, classification)
    WHERE l.branch_id = ${thisBranch} AND l.id = v.id`.execute(tx);
}

/**
 * The borrowers' list totals from their open loans: cases/repo.ts refreshBorrowerTotals's
 * statement (the oldest overdue date, the overdue total, the outstanding principal, the worst
 * tier), for many borrowers in one.
 */
export async function refreshTotals(tx: Kysely<DB>, borrowerIds: readonly number[]): Promise<void> {
  if (!borrowerIds.length) return;
  await sql`
    UPDATE borrowers AS b
    SET (overdue_since, total_overdue_fen, outstanding_fen, classification) = (
      SELECT min(CASE WHEN l.overdue_principal_fen + l.overdue_interest_fen + l.penalty_fen > 0
                      THEN l.overdue_since END),
             coalesce(sum(l.overdue_principal_fen + l.overdue_interest_fen + l.penalty_fen), 0),
             coalesce(sum(l.outstanding_principal_fen), 0),
             max(l.classification)
      FROM loans l
      WHERE l.branch_id = b.branch_id AND l.borrower_id = b.id AND l.status = 'active')
    WHERE b.branch_id = ${thisBranch} AND b.id = any(${[...borrowerIds]}::bigint[])`.execute(tx);
}

/**
 * The visit cash on each loan that a file may still confirm (records/reconcile.ts says the rule
 * and spells it for SQLite), oldest first: taken by the file's date, after the posting lag
 * before the loan's previous file or with at most one file since.
 */
export async function openVisitCash(
  tx: Kysely<DB>,
  loans: readonly { loanId: number; previousAsOf: string }[],
  asOf: string,
): Promise<Map<number, { id: number; open: number }[]>> {
  const byLoan = new Map<number, { id: number; open: number }[]>();
  if (!loans.length) return byLoan;
  const { rows } = await sql<{ loan_id: number; id: number; open: number }>`
    SELECT v.loan_id, p.id, (p.amount_fen - coalesce((SELECT sum(c.amount_fen)
        FROM payment_confirmations c
        WHERE c.branch_id = p.branch_id AND c.visit_payment_id = p.id), 0))::bigint AS open
    FROM unnest(${loans.map((l) => l.loanId)}::bigint[],
      ${loans.map((l) => addDays(l.previousAsOf, -POSTING_LAG_DAYS))}::date[])
      AS v(loan_id, lag_floor)
    JOIN payments p ON p.branch_id = ${thisBranch} AND p.loan_id = v.loan_id
    WHERE p.paid_on <= ${asOf}::date AND p.source = 'visit'
      AND (p.paid_on > v.lag_floor OR (SELECT count(*) FROM loan_snapshots s
        WHERE s.branch_id = p.branch_id AND s.loan_id = v.loan_id AND s.as_of >= p.paid_on
          AND s.as_of < ${asOf}::date) <= 1)
    ORDER BY v.loan_id, p.paid_on, p.id`.execute(tx);
  for (const r of rows) {
    const list = byLoan.get(r.loan_id) ?? [];
    list.push({ id: r.id, open: r.open });
    byLoan.set(r.loan_id, list);
  }
  return byLoan;
}

/** Each file repayment's import payment, once both are written. */
export async function attachPayments(
  tx: Kysely<DB>,
  links: readonly { fileId: number; paymentId: number }[],
): Promise<void> {
  if (!links.length) return;
  await sql`
    UPDATE file_repayments AS f SET payment_id = v.payment_id
    FROM unnest(${links.map((l) => l.fileId)}::bigint[],
      ${links.map((l) => l.paymentId)}::bigint[]) AS v(id, payment_id)
    WHERE f.branch_id = ${thisBranch} AND f.id = v.id`.execute(tx);
}

/** Borrowers per page of the search index's reads. */
const INDEX_PAGE = 1_000;

/**
 * The borrowers' search tokens from what the tables hold once every row is written, as
 * SQLite's SearchBacklog indexes the borrowers an import created or changed: name, township,
 * village, ID, mobile, other phones and the contacts' phones, loan numbers in id order.
 */
export async function indexImported(tx: Kysely<DB>, borrowerIds: readonly number[]): Promise<void> {
  const ids = [...borrowerIds].sort((a, b) => a - b);
  for (let from = 0; from < ids.length; from += INDEX_PAGE) {
    const page = ids.slice(from, from + INDEX_PAGE);
    const borrowers = await tx
      .selectFrom('borrowers')
      .select(['id', 'name', 'township', 'village', 'id_number', 'mobile', 'other_phones'])
      .where('id', 'in', page)
      .orderBy('id')
      .execute();
    const loans = await tx
      .selectFrom('loans')
      .select(['borrower_id', 'loan_no'])
      .where('borrower_id', 'in', page)
      .orderBy('id')
      .execute();
    const contacts = await tx
      .selectFrom('contacts')
      .select(['borrower_id', 'phone'])
      .where('borrower_id', 'in', page)
      .where('phone', 'is not', null)
      .orderBy('id')
      .execute();
    const sources = searchSourcesOf({ borrowers, loans, contacts });
    await indexBorrowersPostgres(tx as unknown as Kysely<SearchTokensDatabase>, sources);
  }
}
