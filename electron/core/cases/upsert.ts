import type { InferResult, Kysely, Selectable } from 'kysely';
import { tierNumber, type LoanTier } from '../../shared/classification';
import { delinquency } from '../../shared/delinquency';
import { checkResidentId } from '../../shared/idcard';
import { AppFailure } from '../../shared/result';
import { writeFlag } from '../db/columns';
import { all, qb, statement } from '../db/query';
import type { DB } from '../db/schema';
import type { Sqlite } from '../db/sqlite';
import { recordFileRepayment, type PaidOnUnused } from '../records/reconcile';
import { refreshBorrowerTotals } from './repo';
import { insertSearchRow, namePinyin, nameSortKey, reindexBorrower } from './search';
import type { SearchBacklog } from './search-backlog';
import { otherPhonesColumn, type BorrowersTable, type LoansTable } from './tables';
import { readImportOfficerRule } from '../assignments/import-rule';
import type { ImportOfficerRule } from '../../shared/schemas/assignments';

/**
 * The importer's write path: one borrower-and-loan row at a time, by resident ID and loan
 * number, inside the importer's single transaction. It runs 100,000 times in a loop, so it uses
 * cached prepared statements (not Kysely) and touches the search index only when something
 * searchable changed (with a `SearchBacklog`, once per borrower at the end of the import). It
 * writes no audit row: the importer records one for the whole file.
 *
 * Rules:
 * - A borrower's fields are overwritten only by non-empty cells, so a sparse file never erases
 *   what the branch recorded; a changed mobile keeps the old number among the other phones.
 * - A loan number that belongs to another borrower is refused (CONFLICT), never moved.
 * - A file older than the loan's last import (asOf earlier) only adds its dated snapshot; it
 *   does not roll the current amounts back.
 * - When outstanding principal fell since the previous import, the fall is repaid money: it is
 *   first matched with the visit cash on the loan that no file has confirmed yet, and only the
 *   rest becomes a payment with source 'import' (records/reconcile.ts), dated with the file's
 *   payment-date column when it has a usable one, else known only as "between the previous
 *   file and this one" (what "amount collected" in the monthly summary counts, once).
 */

/** A borrower and one loan as the importer reads them (its CaseImportRow adds the line). */
export interface CaseUpsertRow {
  name: string;
  idNumber: string;
  mobile: string | null;
  province: string;
  city: string;
  county: string;
  township: string;
  village: string;
  address: string;
  loanNo: string;
  product: string;
  principalFen: number;
  disbursedOn: string;
  maturityOn: string | null;
  outstandingPrincipalFen: number;
  overduePrincipalFen: number;
  overdueInterestFen: number;
  penaltyFen: number;
  overdueSince: string | null;
  /** Staff number or name as written in the file. */
  officer: string | null;
  /** The file's last repayment date for the loan (最近还款日), when it has the column. */
  lastPaidOn?: string | null;
  /**
   * The loan's five-tier classification (五级分类) when the file gives it; null or absent keeps
   * what an earlier file said.
   */
  classification?: LoanTier | null;
}

export interface UpsertResult {
  borrowerId: number;
  loanId: number;
  borrower: 'inserted' | 'updated' | 'unchanged';
  loan: 'inserted' | 'updated' | 'unchanged';
  /**
   * New money since the previous import: the fall in principal that no visit cash explains,
   * recorded as a payment (0 when none).
   */
  paymentFen: number;
  /** Visit cash on the loan that this file's fall in principal confirmed. */
  confirmedFen: number;
  /** The row's last repayment date was not used (impossible for the interval); null otherwise. */
  paidOnUnused: PaidOnUnused | null;
  /** The officer cell named nobody on the staff list (the assignment was left as it was). */
  officerUnknown: boolean;
  /**
   * The file named another officer than the one a manager assigned by hand: who had the case,
   * who the file named, and who has it now (the branch's import rule decided).
   */
  officerConflict: OfficerConflict | null;
  /**
   * Principal lower than in a file of the same date already imported: a file of the same date
   * is taken as a correction of that file, so the fall is not repaid money (the report warns).
   */
  sameDateFallFen: number;
}

export interface OfficerConflict {
  currentOfficerId: number;
  fileOfficerId: number;
  kept: ImportOfficerRule;
}

/** Staff numbers and names of active staff → id, built once per import. */
export type OfficerLookup = Map<string, number>;

const activeOfficersQuery = (db: Kysely<DB>) =>
  db
    .selectFrom('staff')
    .select(['id', 'staff_no', 'name'])
    .where('active', '=', writeFlag(true))
    .orderBy('id');

function lookupOf(rows: InferResult<ReturnType<typeof activeOfficersQuery>>): OfficerLookup {
  const map: OfficerLookup = new Map();
  // Names first, then staff numbers, so a staff number wins when the two collide.
  for (const r of rows) if (!map.has(r.name)) map.set(r.name, r.id);
  for (const r of rows) map.set(r.staff_no, r.id);
  return map;
}

/** The lookup on SQLite's connection, for the import's prepared hot loop. */
export function officerLookup(db: Sqlite): OfficerLookup {
  return lookupOf(all(db, activeOfficersQuery(qb)));
}

/** The same lookup on the engine (PostgreSQL's import, the preview). */
export async function loadOfficerLookup(db: Kysely<DB>): Promise<OfficerLookup> {
  return lookupOf(await activeOfficersQuery(db).execute());
}

type ExistingBorrower = Pick<
  Selectable<BorrowersTable>,
  | 'id'
  | 'name'
  | 'mobile'
  | 'other_phones'
  | 'province'
  | 'city'
  | 'county'
  | 'township'
  | 'village'
  | 'address_detail'
  | 'assigned_officer_id'
>;

type ExistingLoan = Pick<
  Selectable<LoansTable>,
  | 'id'
  | 'borrower_id'
  | 'as_of'
  | 'outstanding_principal_fen'
  | 'overdue_principal_fen'
  | 'overdue_interest_fen'
  | 'penalty_fen'
  | 'overdue_since'
  | 'product'
  | 'principal_fen'
  | 'disbursed_on'
  | 'maturity_on'
  | 'classification'
>;

const SQL = {
  lastAssignment: `SELECT source, to_officer_id FROM assignments WHERE borrower_id = ?
      ORDER BY id DESC LIMIT 1`,
  assignment: `INSERT INTO assignments (borrower_id, from_officer_id, to_officer_id, reason, source,
      staff_id, at) VALUES (?, ?, ?, ?, 'import', ?, ?)`,
  findBorrower: `SELECT id, name, mobile, other_phones, province, city, county, township, village,
      address_detail, assigned_officer_id FROM borrowers WHERE id_number = ?`,
  insertBorrower: `INSERT INTO borrowers (name, name_sort, id_number, birth_date, sex, mobile,
      province, city, county, township, village, address_detail, assigned_officer_id,
      overdue_since, total_overdue_fen, outstanding_fen, classification, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  updateBorrower: `UPDATE borrowers SET name = ?, name_sort = ?, mobile = ?, other_phones = ?,
      province = ?, city = ?, county = ?, township = ?, village = ?, address_detail = ?,
      assigned_officer_id = ?, updated_at = ? WHERE id = ?`,
  findLoan: `SELECT id, borrower_id, as_of, outstanding_principal_fen, overdue_principal_fen,
      overdue_interest_fen, penalty_fen, overdue_since, product, principal_fen, disbursed_on,
      maturity_on, classification FROM loans WHERE loan_no = ?`,
  insertLoan: `INSERT INTO loans (loan_no, borrower_id, product, principal_fen, disbursed_on,
      maturity_on, outstanding_principal_fen, overdue_principal_fen, overdue_interest_fen,
      penalty_fen, overdue_since, status, as_of, classification, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  updateLoan: `UPDATE loans SET product = ?, principal_fen = ?, disbursed_on = ?, maturity_on = ?,
      outstanding_principal_fen = ?, overdue_principal_fen = ?, overdue_interest_fen = ?,
      penalty_fen = ?, overdue_since = ?, status = ?, as_of = ?, classification = ?,
      updated_at = ? WHERE id = ?`,
  snapshot: `INSERT INTO loan_snapshots (loan_id, as_of, outstanding_principal_fen,
      overdue_principal_fen, overdue_interest_fen, penalty_fen, overdue_since, dpd, bucket,
      classification, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (loan_id, as_of) DO UPDATE SET
        outstanding_principal_fen = excluded.outstanding_principal_fen,
        overdue_principal_fen = excluded.overdue_principal_fen,
        overdue_interest_fen = excluded.overdue_interest_fen,
        penalty_fen = excluded.penalty_fen, overdue_since = excluded.overdue_since,
        dpd = excluded.dpd, bucket = excluded.bucket, classification = excluded.classification`,
  /** The classification a loan had on a date, for a file older than the loan's last one. */
  tierOnDate: `SELECT classification FROM loan_snapshots WHERE loan_id = ? AND as_of <= ?
      ORDER BY as_of DESC LIMIT 1`,
};

/** A file's cell overwrites what the branch holds only when it is not empty. */
export const keep = (incoming: string, current: string) =>
  incoming.trim() ? incoming.trim() : current;

interface AssignmentContext {
  /** Who wins against a manual assignment; read from the settings when not given. */
  rule?: ImportOfficerRule;
  /** Kept as the reason of the 'import' assignment rows. */
  fileName: string;
  staffId: number | null;
}

/** A case's newest assignment: who made it (a manager by hand, or a file) and to whom. */
export interface LastAssignment {
  source: string;
  to_officer_id: number;
}

/**
 * The officer an existing case gets from a file's officer cell. A case a manager assigned by hand
 * (its newest assignment is 'manual' and still current) is not moved silently: the branch's rule
 * keeps it (branch wins) or lets the file move it (head office wins), and either way the
 * difference is reported. The newest assignment and the rule are read only when needed.
 */
export function officerForCase(
  current: number | null,
  fileOfficerId: number | null,
  lastAssignment: () => LastAssignment | undefined,
  rule: () => ImportOfficerRule,
): { officerId: number | null; conflict: OfficerConflict | null } {
  if (fileOfficerId === null || fileOfficerId === current)
    return { officerId: current, conflict: null };
  if (current === null) return { officerId: fileOfficerId, conflict: null };
  const last = lastAssignment();
  if (last?.source !== 'manual' || last.to_officer_id !== current) {
    return { officerId: fileOfficerId, conflict: null };
  }
  const kept = rule();
  return {
    officerId: kept === 'branch' ? current : fileOfficerId,
    conflict: { currentOfficerId: current, fileOfficerId, kept },
  };
}

/** `officerForCase` on SQLite's connection, with its prepared statement. */
function officerFromFile(
  db: Sqlite,
  existing: ExistingBorrower,
  fileOfficerId: number | null,
  context: AssignmentContext,
): { officerId: number | null; conflict: OfficerConflict | null } {
  return officerForCase(
    existing.assigned_officer_id,
    fileOfficerId,
    () => statement(db, SQL.lastAssignment).get(existing.id) as LastAssignment | undefined,
    () => context.rule ?? readImportOfficerRule(db),
  );
}

function upsertBorrower(
  db: Sqlite,
  row: CaseUpsertRow,
  fileOfficerId: number | null,
  now: string,
  search: SearchBacklog | undefined,
  context: AssignmentContext,
): {
  id: number;
  result: UpsertResult['borrower'];
  searchChanged: boolean;
  officerConflict: OfficerConflict | null;
} {
  const officerId = fileOfficerId;
  const existing = statement(db, SQL.findBorrower).get(row.idNumber) as
    ExistingBorrower | undefined;
  if (!existing) {
    const checked = checkResidentId(row.idNumber);
    if (!checked.ok) {
      throw new AppFailure('VALIDATION', 'invalid resident ID', {
        fields: { idNumber: 'v.idNumber' },
      });
    }
    const totals = newBorrowerTotals(row);
    const spelled = namePinyin(row.name);
    const info = statement(db, SQL.insertBorrower).run(
      row.name,
      spelled.sort,
      checked.facts.idNumber,
      checked.facts.birthDate,
      checked.facts.sex,
      row.mobile,
      row.province,
      row.city,
      row.county,
      row.township,
      row.village,
      row.address,
      officerId,
      totals.overdueSince,
      totals.totalOverdueFen,
      totals.outstandingFen,
      totals.classification,
      now,
      now,
    );
    const id = Number(info.lastInsertRowid);
    if (search) {
      search.borrowerCreated(id, row.name, spelled.terms);
      return { id, result: 'inserted', searchChanged: false, officerConflict: null };
    }
    insertSearchRow(db, id, {
      name: row.name,
      pinyinTerms: spelled.terms,
      township: row.township,
      village: row.village,
      idNumber: checked.facts.idNumber,
      phones: [row.mobile],
      loanNos: [row.loanNo],
    });
    return { id, result: 'inserted', searchChanged: false, officerConflict: null };
  }
  const officer = officerFromFile(db, existing, officerId, context);
  const next = {
    name: keep(row.name, existing.name),
    mobile: row.mobile ?? existing.mobile,
    province: keep(row.province, existing.province),
    city: keep(row.city, existing.city),
    county: keep(row.county, existing.county),
    township: keep(row.township, existing.township),
    village: keep(row.village, existing.village),
    address_detail: keep(row.address, existing.address_detail),
    assigned_officer_id: officer.officerId,
  };
  let otherPhones = existing.other_phones;
  if (existing.mobile && next.mobile !== existing.mobile) {
    const phones = otherPhonesColumn.read(existing.other_phones);
    if (!phones.includes(existing.mobile))
      otherPhones = otherPhonesColumn.write([existing.mobile, ...phones].slice(0, 5));
  }
  const changed =
    otherPhones !== existing.other_phones ||
    (Object.keys(next) as (keyof typeof next)[]).some((k) => next[k] !== existing[k]);
  if (!changed) {
    return {
      id: existing.id,
      result: 'unchanged',
      searchChanged: false,
      officerConflict: officer.conflict,
    };
  }
  statement(db, SQL.updateBorrower).run(
    next.name,
    nameSortKey(next.name),
    next.mobile,
    otherPhones,
    next.province,
    next.city,
    next.county,
    next.township,
    next.village,
    next.address_detail,
    next.assigned_officer_id,
    now,
    existing.id,
  );
  if (
    next.assigned_officer_id !== null &&
    next.assigned_officer_id !== existing.assigned_officer_id
  ) {
    // The file moved the case: kept as history like a manager's move, with the file's name.
    statement(db, SQL.assignment).run(
      existing.id,
      existing.assigned_officer_id,
      next.assigned_officer_id,
      context.fileName.slice(0, 200),
      context.staffId,
      now,
    );
  }
  const searchChanged =
    next.name !== existing.name ||
    next.mobile !== existing.mobile ||
    next.township !== existing.township ||
    next.village !== existing.village;
  return { id: existing.id, result: 'updated', searchChanged, officerConflict: officer.conflict };
}

/**
 * A new borrower's only loan is the row: its overdue totals are written with the insert, so the
 * indexes on them are written once instead of insert-then-update.
 */
export function newBorrowerTotals(row: CaseUpsertRow) {
  const overdue = row.overduePrincipalFen + row.overdueInterestFen + row.penaltyFen;
  const open = !isSettled(row);
  return {
    overdueSince: open && overdue > 0 ? row.overdueSince : null,
    totalOverdueFen: open ? overdue : 0,
    outstandingFen: open ? row.outstandingPrincipalFen : 0,
    classification: open && row.classification ? tierNumber(row.classification) : null,
  };
}

export function isSettled(row: CaseUpsertRow): boolean {
  return (
    row.outstandingPrincipalFen === 0 &&
    row.overduePrincipalFen + row.overdueInterestFen + row.penaltyFen === 0
  );
}

export function loanDelinquency(row: CaseUpsertRow, asOf: string) {
  const overdue = row.overduePrincipalFen + row.overdueInterestFen + row.penaltyFen;
  return overdue > 0 ? delinquency(row.overdueSince, asOf) : { dpd: 0, bucket: 'M0' as const };
}

export function upsertBorrowerAndLoan(
  db: Sqlite,
  row: CaseUpsertRow,
  asOf: string,
  staffId: number | null,
  options: {
    officers?: OfficerLookup;
    now?: string;
    /** Defers search-index writes to the caller's `flush` (an import's many rows). */
    search?: SearchBacklog;
    /** The branch's rule on manual assignments (read once per import) and the file's name. */
    officerRule?: ImportOfficerRule;
    fileName?: string;
  } = {},
): UpsertResult {
  const now = options.now ?? new Date().toISOString();
  const officerText = row.officer?.trim() || null;
  const officers = officerText ? (options.officers ?? officerLookup(db)) : null;
  const officerId = officerText ? (officers!.get(officerText) ?? null) : null;
  const borrower = upsertBorrower(db, row, officerId, now, options.search, {
    rule: options.officerRule,
    fileName: options.fileName ?? '',
    staffId,
  });

  const existing = statement(db, SQL.findLoan).get(row.loanNo) as ExistingLoan | undefined;
  if (existing && existing.borrower_id !== borrower.id) {
    throw new AppFailure('CONFLICT', `loan ${row.loanNo} belongs to another borrower`, {
      fields: { loanNo: 'e.case.loanOwner' },
      details: { existingBorrowerId: existing.borrower_id },
    });
  }
  const status = isSettled(row) ? 'settled' : 'active';
  const fileTier = row.classification ? tierNumber(row.classification) : null;
  // The tier on this file's date: the file's, else (an empty cell) the last one said before.
  let tierOnDate = fileTier ?? existing?.classification ?? null;
  let loanId: number;
  let loanResult: UpsertResult['loan'];
  let paymentFen = 0;
  let confirmedFen = 0;
  let paidOnUnused: PaidOnUnused | null = null;
  let sameDateFallFen = 0;
  if (!existing) {
    loanId = Number(
      statement(db, SQL.insertLoan).run(
        row.loanNo,
        borrower.id,
        row.product,
        row.principalFen,
        row.disbursedOn,
        row.maturityOn,
        row.outstandingPrincipalFen,
        row.overduePrincipalFen,
        row.overdueInterestFen,
        row.penaltyFen,
        row.overdueSince,
        status,
        asOf,
        fileTier,
        now,
        now,
      ).lastInsertRowid,
    );
    loanResult = 'inserted';
  } else if (existing.as_of !== null && existing.as_of > asOf) {
    loanId = existing.id;
    loanResult = 'unchanged';
    if (fileTier === null) {
      const earlier = statement(db, SQL.tierOnDate).get(loanId, asOf) as
        { classification: number | null } | undefined;
      tierOnDate = earlier?.classification ?? null;
    }
  } else {
    loanId = existing.id;
    const reductionFen =
      existing.as_of !== null && existing.as_of < asOf
        ? Math.max(0, existing.outstanding_principal_fen - row.outstandingPrincipalFen)
        : 0;
    statement(db, SQL.updateLoan).run(
      keep(row.product, existing.product),
      row.principalFen,
      row.disbursedOn,
      row.maturityOn ?? existing.maturity_on,
      row.outstandingPrincipalFen,
      row.overduePrincipalFen,
      row.overdueInterestFen,
      row.penaltyFen,
      row.overdueSince,
      status,
      asOf,
      tierOnDate,
      now,
      loanId,
    );
    loanResult = 'updated';
    if (existing.as_of === asOf) {
      sameDateFallFen = Math.max(
        0,
        existing.outstanding_principal_fen - row.outstandingPrincipalFen,
      );
    }
    if (reductionFen > 0) {
      const repaid = recordFileRepayment(db, {
        loanId,
        borrowerId: borrower.id,
        asOf,
        previousAsOf: existing.as_of!,
        reductionFen,
        paidOn: row.lastPaidOn ?? null,
        staffId,
        now,
      });
      paymentFen = repaid.newFen;
      confirmedFen = repaid.confirmedFen;
      paidOnUnused = repaid.paidOnUnused;
    }
  }
  const { dpd, bucket } = loanDelinquency(row, asOf);
  statement(db, SQL.snapshot).run(
    loanId,
    asOf,
    row.outstandingPrincipalFen,
    row.overduePrincipalFen,
    row.overdueInterestFen,
    row.penaltyFen,
    row.overdueSince,
    dpd,
    bucket,
    tierOnDate,
    now,
  );
  // A new borrower was written complete (totals and search row); others are refreshed.
  if (borrower.result !== 'inserted') {
    if (loanResult !== 'unchanged') refreshBorrowerTotals(db, borrower.id);
    if (borrower.searchChanged || loanResult === 'inserted') {
      if (options.search) options.search.borrowerChanged(borrower.id);
      else reindexBorrower(db, borrower.id);
    }
  }
  return {
    borrowerId: borrower.id,
    loanId,
    borrower: borrower.result,
    loan: loanResult,
    paymentFen,
    confirmedFen,
    paidOnUnused,
    sameDateFallFen,
    officerUnknown: officerText !== null && officerId === null,
    officerConflict: borrower.officerConflict,
  };
}
