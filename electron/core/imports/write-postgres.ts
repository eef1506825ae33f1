import { sql, type Insertable, type Kysely } from 'kysely';
import { tierNumber } from '../../shared/classification';
import { checkResidentId } from '../../shared/idcard';
import { AppFailure } from '../../shared/result';
import type { ImportOfficerRule } from '../../shared/schemas/assignments';
import { addDays } from '../../shared/dates';
import { loadImportOfficerRule } from '../assignments/import-rule';
import type { BorrowersTable } from '../cases/tables';
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
 * writes the batch in multi-row statements (bulk-postgres.ts): new borrowers, changed ones,
 * assignments, new and moved loans, the file's repayments with the visit cash they confirm,
 * snapshots, list totals and the officer names waiting for a manager. The search index is
 * written once at the end for every borrower created or changed, from the tables. The rows
 * and the results are those SQLite's row-by-row write gives (import-engines.test.ts).
 */

/** Rows a batch: a borrower insert of this many rows binds about 20,000 parameters. */
const ROWS_PER_BATCH = 1_000;

interface BorrowerState {
  /** Null until a borrower this batch creates is inserted. */
  id: number | null;
  /** The row to insert, for a borrower this batch creates (kept up to date by later rows). */
  insert: Insertable<BorrowersTable> | null;
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
  for (let from = 0; from < rows.length; from += ROWS_PER_BATCH) {
    const batch = rows.slice(from, from + ROWS_PER_BATCH);
    const outcomes = await writeBatch(tx, batch, context);
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
    .where('id_number', 'in', idNumbers)
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
    .where(
      'loan_no',
      'in',
      batch.map((r) => r.loanNo),
    )
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
    const inserted = await tx
      .insertInto('borrowers')
      .values(created.map((s) => s.insert!))
      .returning(['id', 'id_number'])
      .execute();
    const byIdNumber = new Map(inserted.map((b) => [b.id_number, b.id]));
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
    const inserted = await tx
      .insertInto('loans')
      .values(
        newLoans.map(({ loanNo, borrower, row }) => ({
          loan_no: loanNo,
          borrower_id: borrower.id!,
          product: row.product,
          principal_fen: row.principalFen,
          disbursed_on: row.disbursedOn,
          maturity_on: row.maturityOn,
          outstanding_principal_fen: row.outstandingPrincipalFen,
          overdue_principal_fen: row.overduePrincipalFen,
          overdue_interest_fen: row.overdueInterestFen,
          penalty_fen: row.penaltyFen,
          overdue_since: row.overdueSince,
          status: isSettled(row) ? ('settled' as const) : ('active' as const),
          as_of: asOf,
          classification: row.classification ? tierNumber(row.classification) : null,
          created_at: now,
          updated_at: now,
        })),
      )
      .returning(['id', 'loan_no'])
      .execute();
    for (const l of inserted) loanIds.set(l.loan_no, l.id);
  }
  await updateLoans(tx, loanUpdates, asOf, now);
  await writeRepayments(
    tx,
    outcomes.flatMap((o) => (o.repayment ? [o.repayment] : [])),
    job,
  );
  await tx
    .insertInto('loan_snapshots')
    .values(
      snapshots.map(({ loanId, row, tier }) => {
        const { dpd, bucket } = loanDelinquency(row, asOf);
        return {
          loan_id: loanId(),
          as_of: asOf,
          outstanding_principal_fen: row.outstandingPrincipalFen,
          overdue_principal_fen: row.overduePrincipalFen,
          overdue_interest_fen: row.overdueInterestFen,
          penalty_fen: row.penaltyFen,
          overdue_since: row.overdueSince,
          dpd,
          bucket,
          classification: tier,
          created_at: now,
        };
      }),
    )
    .onConflict((oc) =>
      oc.constraint('loan_snapshots_pkey').doUpdateSet((eb) => ({
        outstanding_principal_fen: eb.ref('excluded.outstanding_principal_fen'),
        overdue_principal_fen: eb.ref('excluded.overdue_principal_fen'),
        overdue_interest_fen: eb.ref('excluded.overdue_interest_fen'),
        penalty_fen: eb.ref('excluded.penalty_fen'),
        overdue_since: eb.ref('excluded.overdue_since'),
        dpd: eb.ref('excluded.dpd'),
        bucket: eb.ref('excluded.bucket'),
        classification: eb.ref('excluded.classification'),
      })),
    )
    .execute();
  await refreshTotals(
    tx,
    [...refresh].map((s) => s.id!),
  );
  await writeWaitingNames(tx, waiting, job);
  for (const s of reindex) context.reindex.add(s.id!);
  return outcomes;
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
