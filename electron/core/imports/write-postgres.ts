import { sql, type Kysely } from 'kysely';
import { tierNumber } from '../../shared/classification';
import { checkResidentId } from '../../shared/idcard';
import { AppFailure } from '../../shared/result';
import type { ImportOfficerRule } from '../../shared/schemas/assignments';
import { addDays } from '../../shared/dates';
import { loadImportOfficerRule } from '../assignments/import-rule';
import { nameSortKey } from '../cases/search';
import {
  isSettled,
  keep,
  loadOfficerLookup,
  loanDelinquency,
  newBorrowerTotals,
  officerForCase,
  type LastAssignment,
  type OfficerConflict,
  type OfficerLookup,
  type UpsertResult,
} from '../cases/upsert';
import type { DB } from '../db/schema';
import { checkFilePaidOn, type PaidOnUnused } from '../records/reconcile';
import {
  attachPayments,
  indexImported,
  openVisitCash,
  phonesOf,
  refreshTotals,
  thisBranch,
  updateBorrowers,
  updateLoans,
  type BorrowerUpdate,
  type LoanUpdate,
} from './bulk-postgres';
import type { PreparedRow } from './prepare';
import type { RowsToWrite } from './write-sqlite';

/**
 * PostgreSQL's write of an import's rows (issue 19): the rules of cases/upsert.ts, a batch of
 * rows at a time. Each batch reads what it needs in a few queries (its borrowers by resident ID,
 * their newest assignments, its loans by number, an older file's tiers), applies the rows to
 * those in memory in file order (a borrower's second row sees what its first changed), then
 * writes the batch in a statement per kind of row (here and in bulk-postgres.ts): new
 * borrowers, changed ones, assignments, new and moved loans, the file's repayments with the
 * visit cash they confirm, snapshots, list totals and the officer names waiting for a manager.
 * The search index is written once at the end for every borrower created or changed, from the
 * tables. The rows and the results are those SQLite's row-by-row write gives
 * (import-engines.test.ts).
 */

/** Rows a batch: one round of reads and writes (the progress bar moves a batch at a time). */
const ROWS_PER_BATCH = 1_000;

interface BorrowerState {
  /** Null until a borrower this batch creates is inserted. */
  id: number | null;
  /** The row to insert, for a borrower this batch creates (kept up to date by later rows). */
  insert: NewBorrowerRow | null;
  current: Omit<BorrowerUpdate, 'id' | 'nameSort'>;
  lastAssignment: LastAssignment | undefined;
  /** An existing borrower's fields changed. */
  changed: boolean;
}

interface RowOutcome {
  borrower: BorrowerState;
  borrowerResult: UpsertResult['borrower'];
  loanId: () => number;
  loanResult: UpsertResult['loan'];
  repayment: Repayment | null;
  sameDateFallFen: number;
  officerUnknown: boolean;
  officerConflict: OfficerConflict | null;
}

interface Repayment {
  loanId: number;
  borrowerId: number;
  previousAsOf: string;
  reductionFen: number;
  paidOn: string | null;
  unused: PaidOnUnused | null;
  confirmedFen: number;
  newFen: number;
}

interface ImportContext {
  job: RowsToWrite;
  officers: OfficerLookup;
  rule: ImportOfficerRule;
  /** Whether any officer name waited when the import began (else no row needs deleting). */
  namesWaiting: boolean;
  /** Borrowers whose search tokens are written at the end. */
  reindex: Set<number>;
}

export async function writeRowsPostgres(
  tx: Kysely<DB>,
  job: RowsToWrite,
): Promise<ImportOfficerRule> {
  const { rows, writing } = job;
  writing.tell(0, rows.length);
  const context: ImportContext = {
    job,
    officers: await loadOfficerLookup(tx),
    rule: await loadImportOfficerRule(tx),
    namesWaiting:
      (await tx.selectFrom('import_officer_names').select('borrower_id').limit(1).execute())
        .length > 0,
    reindex: new Set(),
  };
  const analyseAfterFirst = rows.length > ROWS_PER_BATCH && (await fewBorrowersKnown(tx));
  for (let from = 0; from < rows.length; from += ROWS_PER_BATCH) {
    const batch = rows.slice(from, from + ROWS_PER_BATCH);
    const outcomes = await writeBatch(tx, batch, context);
    if (from === 0 && analyseAfterFirst) await sql`ANALYZE borrowers, loans`.execute(tx);
    outcomes.forEach((o, i) => {
      job.tally.row(batch[i]!, {
        borrowerId: o.borrower.id!,
        loanId: o.loanId(),
        borrower: o.borrowerResult,
        loan: o.loanResult,
        paymentFen: o.repayment?.newFen ?? 0,
        confirmedFen: o.repayment?.confirmedFen ?? 0,
        paidOnUnused: o.repayment?.unused ?? null,
        officerUnknown: o.officerUnknown,
        officerConflict: o.officerConflict,
        sameDateFallFen: o.sameDateFallFen,
      });
      writing.tell(from + i + 1, rows.length);
    });
  }
  job.progress(rows.length, rows.length, 'index');
  await indexImported(tx, [...context.reindex]);
  return context.rule;
}

/**
 * Whether the planner believes the borrowers table (nearly) empty: a new branch's first import,
 * or a table never analysed. The first batch then plans the foreign-key checks of its loans
 * (each loan's borrower, FOR KEY SHARE) on a table it thinks has no rows, and PostgreSQL keeps
 * that plan for the connection: measured on an empty branch, it looked each borrower up through
 * borrowers_last_contact, an index whose first column is only the branch, so every check read
 * every borrower written so far (5,000 rows: 11.8 million index entries read; the loans' insert
 * took 0.2 s for the first 1,000 rows and 1.7 s for the fifth). Statistics taken once the first
 * batch is in (ANALYZE sees the transaction's own rows, and the new statistics make the session
 * plan the checks again) give the primary key. A table with statistics is left as it is.
 */
async function fewBorrowersKnown(tx: Kysely<DB>): Promise<boolean> {
  const { rows } = await sql<{ few: boolean }>`
    SELECT reltuples < ${ROWS_PER_BATCH} AS few FROM pg_class
    WHERE oid = 'borrowers'::regclass`.execute(tx);
  return rows[0]?.few === true;
}

/** What a batch reads before applying its rows. */
async function readBatch(tx: Kysely<DB>, batch: readonly PreparedRow[], asOf: string) {
  const idNumbers = [...new Set(batch.map((r) => r.idNumber))];
  const borrowers = await tx
    .selectFrom('borrowers')
    .select([
      'id',
      'id_number',
      'name',
      'mobile',
      'other_phones',
      'province',
      'city',
      'county',
      'township',
      'village',
      'address_detail',
      'assigned_officer_id',
    ])
    .where(sql.ref('branch_id'), '=', thisBranch)
    .where('id_number', '=', sql<string>`any(${idNumbers}::text[])`)
    .execute();
  const ids = borrowers.map((b) => b.id);
  const { rows: assignments } = ids.length
    ? await sql<LastAssignment & { borrower_id: number }>`
        SELECT DISTINCT ON (borrower_id) borrower_id, source, to_officer_id FROM assignments
        WHERE branch_id = ${thisBranch} AND borrower_id = any(${ids}::bigint[])
        ORDER BY borrower_id, id DESC`.execute(tx)
    : { rows: [] };
  const loans = await tx
    .selectFrom('loans')
    .select([
      'id',
      'loan_no',
      'borrower_id',
      'as_of',
      'outstanding_principal_fen',
      'product',
      'maturity_on',
      'classification',
    ])
    .where(sql.ref('branch_id'), '=', thisBranch)
    .where('loan_no', '=', sql<string>`any(${batch.map((r) => r.loanNo)}::text[])`)
    .execute();
  // The tier an older file's date had, for a loan a newer file has moved on.
  const older = loans.filter((l) => l.as_of !== null && l.as_of > asOf).map((l) => l.id);
  const { rows: tiers } = older.length
    ? await sql<{ loan_id: number; classification: number | null }>`
        SELECT DISTINCT ON (loan_id) loan_id, classification FROM loan_snapshots
        WHERE branch_id = ${thisBranch} AND loan_id = any(${older}::bigint[])
          AND as_of <= ${asOf}::date
        ORDER BY loan_id, as_of DESC`.execute(tx)
    : { rows: [] };
  return {
    borrowers: new Map(borrowers.map((b) => [b.id_number, b])),
    assignments: new Map(assignments.map((a) => [a.borrower_id, a])),
    loans: new Map(loans.map((l) => [l.loan_no, l])),
    tiers: new Map(tiers.map((t) => [t.loan_id, t.classification])),
  };
}

async function writeBatch(
  tx: Kysely<DB>,
  batch: readonly PreparedRow[],
  context: ImportContext,
): Promise<RowOutcome[]> {
  const { job } = context;
  const { asOf, now } = job;
  const read = await readBatch(tx, batch, asOf);
  const states = new Map<string, BorrowerState>();
  const created: BorrowerState[] = [];
  const assignments: { borrower: BorrowerState; from: number | null; to: number }[] = [];
  const newLoans: { loanNo: string; borrower: BorrowerState; row: PreparedRow }[] = [];
  const loanUpdates: LoanUpdate[] = [];
  const snapshots: { loanId: () => number; row: PreparedRow; tier: number | null }[] = [];
  const refresh = new Set<BorrowerState>();
  const reindex = new Set<BorrowerState>();
  const waiting = new Map<
    BorrowerState,
    { row: PreparedRow; officerBefore: number | null } | null
  >();
  const outcomes: RowOutcome[] = [];
  // New loans' ids, once inserted.
  const loanIds = new Map<string, number>();

  for (const row of batch) {
    const officerText = row.officer?.trim() || null;
    const officerId = officerText ? (context.officers.get(officerText) ?? null) : null;
    let state = states.get(row.idNumber);
    let borrowerResult: UpsertResult['borrower'];
    let conflict: OfficerConflict | null = null;
    let searchChanged = false;
    if (!state) {
      const existing = read.borrowers.get(row.idNumber);
      if (existing) {
        state = {
          id: existing.id,
          insert: null,
          current: {
            name: existing.name,
            mobile: existing.mobile,
            otherPhones: phonesOf(existing.other_phones),
            province: existing.province,
            city: existing.city,
            county: existing.county,
            township: existing.township,
            village: existing.village,
            address: existing.address_detail,
            officerId: existing.assigned_officer_id,
          },
          lastAssignment: read.assignments.get(existing.id),
          changed: false,
        };
      }
    }
    if (!state) {
      state = newBorrower(row, officerId, now);
      created.push(state);
      states.set(row.idNumber, state);
      borrowerResult = 'inserted';
    } else {
      states.set(row.idNumber, state);
      const cur = state.current;
      const officer = officerForCase(
        cur.officerId,
        officerId,
        () => state!.lastAssignment,
        () => context.rule,
      );
      conflict = officer.conflict;
      const next = {
        name: keep(row.name, cur.name),
        mobile: row.mobile ?? cur.mobile,
        province: keep(row.province, cur.province),
        city: keep(row.city, cur.city),
        county: keep(row.county, cur.county),
        township: keep(row.township, cur.township),
        village: keep(row.village, cur.village),
        address: keep(row.address, cur.address),
        officerId: officer.officerId,
      };
      let otherPhones = cur.otherPhones;
      if (cur.mobile && next.mobile !== cur.mobile && !otherPhones.includes(cur.mobile)) {
        otherPhones = [cur.mobile, ...otherPhones].slice(0, 5);
      }
      const changed =
        otherPhones !== cur.otherPhones ||
        (Object.keys(next) as (keyof typeof next)[]).some((k) => next[k] !== cur[k]);
      if (!changed) borrowerResult = 'unchanged';
      else {
        borrowerResult = 'updated';
        if (next.officerId !== null && next.officerId !== cur.officerId) {
          // The file moved the case: kept as history like a manager's move, with the file's name.
          assignments.push({ borrower: state, from: cur.officerId, to: next.officerId });
          state.lastAssignment = { source: 'import', to_officer_id: next.officerId };
        }
        searchChanged =
          next.name !== cur.name ||
          next.mobile !== cur.mobile ||
          next.township !== cur.township ||
          next.village !== cur.village;
        state.current = { ...next, otherPhones };
        if (state.insert) Object.assign(state.insert, insertFields(state.current));
        else state.changed = true;
      }
    }

    const existingLoan = read.loans.get(row.loanNo);
    if (existingLoan && existingLoan.borrower_id !== state.id) {
      throw new AppFailure('CONFLICT', `loan ${row.loanNo} belongs to another borrower`, {
        fields: { loanNo: 'e.case.loanOwner' },
        details: { existingBorrowerId: existingLoan.borrower_id },
      });
    }
    const status = isSettled(row) ? 'settled' : 'active';
    const fileTier = row.classification ? tierNumber(row.classification) : null;
    let tierOnDate = fileTier ?? existingLoan?.classification ?? null;
    let loanResult: UpsertResult['loan'];
    let loanId: () => number;
    let repayment: Repayment | null = null;
    let sameDateFallFen = 0;
    if (!existingLoan) {
      newLoans.push({ loanNo: row.loanNo, borrower: state, row });
      loanId = () => loanIds.get(row.loanNo)!;
      loanResult = 'inserted';
    } else if (existingLoan.as_of !== null && existingLoan.as_of > asOf) {
      loanId = () => existingLoan.id;
      loanResult = 'unchanged';
      if (fileTier === null) tierOnDate = read.tiers.get(existingLoan.id) ?? null;
    } else {
      loanId = () => existingLoan.id;
      loanResult = 'updated';
      loanUpdates.push({
        id: existingLoan.id,
        product: keep(row.product, existingLoan.product),
        principalFen: row.principalFen,
        disbursedOn: row.disbursedOn,
        maturityOn: row.maturityOn ?? existingLoan.maturity_on,
        outstandingFen: row.outstandingPrincipalFen,
        overduePrincipalFen: row.overduePrincipalFen,
        overdueInterestFen: row.overdueInterestFen,
        penaltyFen: row.penaltyFen,
        overdueSince: row.overdueSince,
        status,
        classification: tierOnDate,
      });
      const before = existingLoan.outstanding_principal_fen;
      if (existingLoan.as_of === asOf) {
        sameDateFallFen = Math.max(0, before - row.outstandingPrincipalFen);
      }
      const reductionFen =
        existingLoan.as_of !== null && existingLoan.as_of < asOf
          ? Math.max(0, before - row.outstandingPrincipalFen)
          : 0;
      if (reductionFen > 0) {
        const checked = checkFilePaidOn(row.lastPaidOn ?? null, existingLoan.as_of!, asOf);
        repayment = {
          loanId: existingLoan.id,
          borrowerId: state.id!,
          previousAsOf: existingLoan.as_of!,
          reductionFen,
          paidOn: checked.paidOn,
          unused: checked.unused,
          confirmedFen: 0,
          newFen: 0,
        };
      }
    }
    snapshots.push({ loanId, row, tier: tierOnDate });
    if (borrowerResult === 'inserted') reindex.add(state);
    else {
      if (loanResult !== 'unchanged') refresh.add(state);
      if (searchChanged || loanResult === 'inserted') reindex.add(state);
    }
    // The name waits for a manager; a known officer in this file settles an older one.
    if (row.unknownOfficer) waiting.set(state, { row, officerBefore: state.current.officerId });
    else if (row.officer !== null && context.namesWaiting) waiting.set(state, null);
    outcomes.push({
      borrower: state,
      borrowerResult,
      loanId,
      loanResult,
      repayment,
      sameDateFallFen,
      officerUnknown: officerText !== null && officerId === null,
      officerConflict: conflict,
    });
  }

  // The batch's writes, in the order the rows' own would have made them.
  if (created.length) {
    const byIdNumber = await insertBorrowers(
      tx,
      created.map((s) => s.insert!),
    );
    for (const s of created) s.id = byIdNumber.get(s.insert!.id_number)!;
  }
  await updateBorrowers(
    tx,
    [...states.values()]
      .filter((s) => s.changed)
      .map((s) => ({ id: s.id!, nameSort: nameSortKey(s.current.name), ...s.current })),
    now,
  );
  if (assignments.length) {
    await tx
      .insertInto('assignments')
      .values(
        assignments.map((a) => ({
          borrower_id: a.borrower.id!,
          from_officer_id: a.from,
          to_officer_id: a.to,
          reason: job.fileName.slice(0, 200),
          source: 'import' as const,
          staff_id: job.staffId,
          at: now,
        })),
      )
      .execute();
  }
  if (newLoans.length) {
    const inserted = await insertLoans(
      tx,
      newLoans.map(({ loanNo, borrower, row }) => ({
        loanNo,
        borrowerId: borrower.id!,
        row,
        status: isSettled(row) ? ('settled' as const) : ('active' as const),
        classification: row.classification ? tierNumber(row.classification) : null,
      })),
      asOf,
      now,
    );
    for (const l of inserted) loanIds.set(l.loan_no, Number(l.id));
  }
  await updateLoans(tx, loanUpdates, asOf, now);
  await writeRepayments(
    tx,
    outcomes.flatMap((o) => (o.repayment ? [o.repayment] : [])),
    job,
  );
  await upsertSnapshots(
    tx,
    snapshots.map(({ loanId, row, tier }) => ({ loanId: loanId(), row, tier })),
    asOf,
    now,
  );
  await refreshTotals(
    tx,
    [...refresh].map((s) => s.id!),
  );
  await writeWaitingNames(tx, waiting, job);
  for (const s of reindex) context.reindex.add(s.id!);
  return outcomes;
}

/** A borrower the batch creates, as `insertBorrowers` writes it. */
type NewBorrowerRow = ReturnType<typeof insertFields> & {
  id_number: string;
  birth_date: string;
  sex: 'M' | 'F';
  overdue_since: string | null;
  total_overdue_fen: number;
  outstanding_fen: number;
  classification: number | null;
  created_at: string;
  updated_at: string;
};

/*
 * The batch's inserts send their rows as one array parameter per column, which `unnest` turns
 * back into rows in the order given (so the ids come out as multi-row VALUES gave them): a
 * parameter per column where multi-row VALUES bound one per cell (16,000 for 1,000 loans),
 * compiled by Kysely each time. bulk-postgres.ts and search-postgres.ts send theirs the same
 * way (search-postgres.ts measured it 1.4–1.6 times as fast as VALUES for its token rows).
 */

/** New borrowers; their ids by resident ID. */
async function insertBorrowers(
  tx: Kysely<DB>,
  rows: readonly NewBorrowerRow[],
): Promise<Map<string, number>> {
  const col = <K extends keyof NewBorrowerRow>(k: K) => rows.map((r) => r[k]);
  const { rows: inserted } = await sql<{ id: number; id_number: string }>`
    INSERT INTO borrowers (name, name_sort, id_number, birth_date, sex, mobile, other_phones,
      province, city, county, township, village, address_detail, assigned_officer_id,
      overdue_since, total_overdue_fen, outstanding_fen, classification, created_at, updated_at)
    SELECT name, name_sort, id_number, birth_date, sex, mobile, other_phones::jsonb, province,
      city, county, township, village, address_detail, assigned_officer_id, overdue_since,
      total_overdue_fen, outstanding_fen, classification, created_at, updated_at
    FROM unnest(${col('name')}::text[], ${col('name_sort')}::text[], ${col('id_number')}::text[],
      ${col('birth_date')}::date[], ${col('sex')}::text[], ${col('mobile')}::text[],
      ${col('other_phones')}::text[], ${col('province')}::text[], ${col('city')}::text[],
      ${col('county')}::text[], ${col('township')}::text[], ${col('village')}::text[],
      ${col('address_detail')}::text[], ${col('assigned_officer_id')}::bigint[],
      ${col('overdue_since')}::date[], ${col('total_overdue_fen')}::bigint[],
      ${col('outstanding_fen')}::bigint[], ${col('classification')}::integer[],
      ${col('created_at')}::timestamptz[], ${col('updated_at')}::timestamptz[])
      AS v(name, name_sort, id_number, birth_date, sex, mobile, other_phones, province, city,
        county, township, village, address_detail, assigned_officer_id, overdue_since,
        total_overdue_fen, outstanding_fen, classification, created_at, updated_at)
    RETURNING id, id_number`.execute(tx);
  return new Map(inserted.map((b) => [b.id_number, Number(b.id)]));
}

interface NewLoan {
  loanNo: string;
  borrowerId: number;
  row: PreparedRow;
  status: 'active' | 'settled';
  classification: number | null;
}

/** New loans, all as of `asOf` at `now`; their ids with their numbers. */
async function insertLoans(
  tx: Kysely<DB>,
  loans: readonly NewLoan[],
  asOf: string,
  now: string,
): Promise<{ id: number; loan_no: string }[]> {
  const row = <K extends keyof PreparedRow>(k: K) => loans.map((l) => l.row[k] ?? null);
  const { rows } = await sql<{ id: number; loan_no: string }>`
    INSERT INTO loans (loan_no, borrower_id, product, principal_fen, disbursed_on, maturity_on,
      outstanding_principal_fen, overdue_principal_fen, overdue_interest_fen, penalty_fen,
      overdue_since, status, as_of, classification, created_at, updated_at)
    SELECT loan_no, borrower_id, product, principal_fen, disbursed_on, maturity_on, outstanding,
      overdue_principal, overdue_interest, penalty, overdue_since, status, ${asOf}::date,
      classification, ${now}::timestamptz, ${now}::timestamptz
    FROM unnest(${loans.map((l) => l.loanNo)}::text[],
      ${loans.map((l) => l.borrowerId)}::bigint[], ${row('product')}::text[],
      ${row('principalFen')}::bigint[], ${row('disbursedOn')}::date[],
      ${row('maturityOn')}::date[], ${row('outstandingPrincipalFen')}::bigint[],
      ${row('overduePrincipalFen')}::bigint[], ${row('overdueInterestFen')}::bigint[],
      ${row('penaltyFen')}::bigint[], ${row('overdueSince')}::date[],
      ${loans.map((l) => l.status)}::text[], ${loans.map((l) => l.classification)}::integer[])
      AS v(loan_no, borrower_id, product, principal_fen, disbursed_on, maturity_on,
        outstanding, overdue_principal, overdue_interest, penalty, overdue_since, status,
        classification)
    RETURNING id, loan_no`.execute(tx);
  return rows;
}

/** Each row's snapshot of its loan on `asOf`: written, or replaced if the date has one. */
async function upsertSnapshots(
  tx: Kysely<DB>,
  snapshots: readonly { loanId: number; row: PreparedRow; tier: number | null }[],
  asOf: string,
  now: string,
): Promise<void> {
  if (!snapshots.length) return;
  const delinquency = snapshots.map(({ row }) => loanDelinquency(row, asOf));
  const row = <K extends keyof PreparedRow>(k: K) => snapshots.map((s) => s.row[k] ?? null);
  await sql`
    INSERT INTO loan_snapshots (loan_id, as_of, outstanding_principal_fen, overdue_principal_fen,
      overdue_interest_fen, penalty_fen, overdue_since, dpd, bucket, classification, created_at)
    SELECT loan_id, ${asOf}::date, outstanding, overdue_principal, overdue_interest, penalty,
      overdue_since, dpd, bucket, classification, ${now}::timestamptz
    FROM unnest(${snapshots.map((s) => s.loanId)}::bigint[],
      ${row('outstandingPrincipalFen')}::bigint[], ${row('overduePrincipalFen')}::bigint[],
      ${row('overdueInterestFen')}::bigint[], ${row('penaltyFen')}::bigint[],
      ${row('overdueSince')}::date[], ${delinquency.map((d) => d.dpd)}::integer[],
      ${delinquency.map((d) => d.bucket)}::text[], ${snapshots.map((s) => s.tier)}::integer[])
      AS v(loan_id, outstanding, overdue_principal, overdue_interest, penalty, overdue_since,
        dpd, bucket, classification)
    ON CONFLICT ON CONSTRAINT loan_snapshots_pkey DO UPDATE SET
      outstanding_principal_fen = excluded.outstanding_principal_fen,
      overdue_principal_fen = excluded.overdue_principal_fen,
      overdue_interest_fen = excluded.overdue_interest_fen,
      penalty_fen = excluded.penalty_fen,
      overdue_since = excluded.overdue_since,
      dpd = excluded.dpd,
      bucket = excluded.bucket,
      classification = excluded.classification`.execute(tx);
}

/** A borrower the row creates (its resident ID checked), as the insert will write it. */
function newBorrower(row: PreparedRow, officerId: number | null, now: string): BorrowerState {
  const checked = checkResidentId(row.idNumber);
  if (!checked.ok) {
    throw new AppFailure('VALIDATION', 'invalid resident ID', {
      fields: { idNumber: 'v.idNumber' },
    });
  }
  const totals = newBorrowerTotals(row);
  const current = {
    name: row.name,
    mobile: row.mobile,
    otherPhones: [],
    province: row.province,
    city: row.city,
    county: row.county,
    township: row.township,
    village: row.village,
    address: row.address,
    officerId,
  };
  return {
    id: null,
    insert: {
      ...insertFields(current),
      id_number: checked.facts.idNumber,
      birth_date: checked.facts.birthDate,
      sex: checked.facts.sex,
      overdue_since: totals.overdueSince,
      total_overdue_fen: totals.totalOverdueFen,
      outstanding_fen: totals.outstandingFen,
      classification: totals.classification,
      created_at: now,
      updated_at: now,
    },
    current,
    lastAssignment: undefined,
    changed: false,
  };
}

/** A borrower's fields as the insert writes them (a later row of the batch may change them). */
function insertFields(current: BorrowerState['current']) {
  return {
    name: current.name,
    name_sort: nameSortKey(current.name),
    mobile: current.mobile,
    other_phones: JSON.stringify(current.otherPhones),
    province: current.province,
    city: current.city,
    county: current.county,
    township: current.township,
    village: current.village,
    address_detail: current.address,
    assigned_officer_id: current.officerId,
  };
}

/**
 * records/reconcile.ts recordFileRepayment for a batch's loans: each fall in principal is a
 * file repayment, matched first with the loan's visit cash that no file has confirmed yet
 * (oldest first); only the rest is new money, an import payment.
 */
async function writeRepayments(
  tx: Kysely<DB>,
  repayments: Repayment[],
  job: RowsToWrite,
): Promise<void> {
  if (!repayments.length) return;
  const { asOf, now } = job;
  const files = await tx
    .insertInto('file_repayments')
    .values(
      repayments.map((r) => ({
        loan_id: r.loanId,
        as_of: asOf,
        previous_as_of: r.previousAsOf,
        reduction_fen: r.reductionFen,
        paid_on: r.paidOn,
        payment_id: null,
        created_at: now,
      })),
    )
    .returning(['id', 'loan_id'])
    .execute();
  const fileIds = new Map(files.map((f) => [f.loan_id, f.id]));
  const cash = await openVisitCash(tx, repayments, asOf);
  const confirmations = [];
  for (const r of repayments) {
    let left = r.reductionFen;
    for (const c of cash.get(r.loanId) ?? []) {
      if (left === 0) break;
      if (c.open <= 0) continue;
      const take = Math.min(left, c.open);
      confirmations.push({
        file_repayment_id: fileIds.get(r.loanId)!,
        visit_payment_id: c.id,
        amount_fen: take,
        created_at: now,
      });
      left -= take;
    }
    r.confirmedFen = r.reductionFen - left;
    r.newFen = left;
  }
  if (confirmations.length) {
    await tx.insertInto('payment_confirmations').values(confirmations).execute();
  }
  const paid = repayments.filter((r) => r.newFen > 0);
  if (!paid.length) return;
  const payments = await tx
    .insertInto('payments')
    .values(
      paid.map((r) => {
        // Known to the day when the file says so; otherwise only as "after the previous file,
        // by this one", which promises are judged against in the borrower's favour.
        const paidOn = r.paidOn ?? asOf;
        const from = r.paidOn === null ? addDays(r.previousAsOf, 1) : null;
        return {
          loan_id: r.loanId,
          borrower_id: r.borrowerId,
          paid_on: paidOn,
          paid_from: from !== null && from < paidOn ? from : null,
          amount_fen: r.newFen,
          source: 'import' as const,
          method: 'principal_reduction',
          reference: `import ${r.previousAsOf} → ${asOf}`,
          recorded_by: job.staffId,
          created_at: now,
        };
      }),
    )
    .returning(['id', 'loan_id'])
    .execute();
  await attachPayments(
    tx,
    payments.map((p) => ({ fileId: fileIds.get(p.loan_id)!, paymentId: p.id })),
  );
}

/**
 * The officer names the batch's rows left waiting (officers.ts UnknownOfficerLedger): a
 * borrower's last row decides, a name nobody has recorded with the officer the case had then,
 * a known officer settling an older name.
 */
async function writeWaitingNames(
  tx: Kysely<DB>,
  waiting: Map<BorrowerState, { row: PreparedRow; officerBefore: number | null } | null>,
  job: RowsToWrite,
): Promise<void> {
  const named = [...waiting].flatMap(([s, w]) => (w ? [{ id: s.id!, ...w }] : []));
  const settled = [...waiting].flatMap(([s, w]) => (w ? [] : [s.id!]));
  if (settled.length) {
    await tx.deleteFrom('import_officer_names').where('borrower_id', 'in', settled).execute();
  }
  if (!named.length) return;
  await tx
    .insertInto('import_officer_names')
    .values(
      named.map(({ id, row, officerBefore }) => ({
        borrower_id: id,
        name: row.unknownOfficer!.name,
        name_key: row.unknownOfficer!.key,
        officer_before: officerBefore,
        file_name: job.fileName.slice(0, 255),
        line: row.line,
        as_of: job.asOf,
        created_at: job.now,
      })),
    )
    .onConflict((oc) =>
      oc.constraint('import_officer_names_pkey').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        name_key: eb.ref('excluded.name_key'),
        officer_before: eb.ref('excluded.officer_before'),
        file_name: eb.ref('excluded.file_name'),
        line: eb.ref('excluded.line'),
        as_of: eb.ref('excluded.as_of'),
        created_at: eb.ref('excluded.created_at'),
      })),
    )
    .execute();
}
