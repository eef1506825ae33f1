import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Sqlite } from '../../../electron/core/db/sqlite';
import {
  loanOwners,
  ownerLookupPath,
  type OwnerLookupPath,
} from '../../../electron/core/imports/prepare';
import { importCaseFile } from '../support/import-file';
import { signedInCore } from '../support/core';
import { caseRow, csvText, idFor, utf8, type CaseCells } from './fixtures';

const NOW = '2026-01-15T02:00:00.000Z';

async function importRows(db: Sqlite, rows: CaseCells[], asOf: string) {
  return importCaseFile(db, {
    fileName: `cases-${asOf}.csv`,
    bytes: utf8(csvText(rows)),
    mode: 'all-or-nothing',
    asOf,
    staffId: 1,
    now: NOW,
  });
}

/** A branch holding loans L000001 … L00000n, one per borrower n, as of 2026-01-14. */
async function branchOf(loans: number) {
  const { app } = await signedInCore();
  const full = Array.from({ length: loans }, (_, i) => caseRow(i + 1));
  expect(await importRows(app.db, full, '2026-01-14')).toMatchObject({
    written: true,
    inserted: loans,
    rejected: 0,
  });
  return app.db;
}

/** The loans a delta touched, with their owner and the snapshot it left, as stored. */
function loansOf(db: Sqlite, loanNos: string[]) {
  return loanNos.map((loanNo) =>
    db
      .prepare(
        `SELECT l.loan_no, b.id_number, b.name, l.outstanding_principal_fen, l.overdue_interest_fen,
                l.as_of, s.overdue_interest_fen AS snapshot_interest_fen
           FROM loans l JOIN borrowers b ON b.id = l.borrower_id
           LEFT JOIN loan_snapshots s ON s.loan_id = l.id AND s.as_of = '2026-01-15'
          WHERE l.loan_no = ?`,
      )
      .get(loanNo),
  );
}

// Three existing loans with the day's new figures: interest ¥99.00, balance ¥29,000.00.
const delta = () =>
  [2, 5, 9].map((n) => caseRow(n, { overdue_interest: '99.00', outstanding_principal: '29000' }));

const updatedLoan = (n: number) => ({
  loan_no: `L${String(n).padStart(6, '0')}`,
  id_number: idFor(n),
  name: `借款人${n}`,
  outstanding_principal_fen: 2_900_000,
  overdue_interest_fen: 9_900,
  as_of: '2026-01-15',
  snapshot_interest_fen: 9_900,
});

describe('a daily delta for loans the branch already has', () => {
  it('updates them in a branch of 200 loans and in one of 10, with the same report and rows', async () => {
    // 200 loans > 4 × 3 rows: one query per row; 10 loans ≤ 12: one scan of the table.
    expect(ownerLookupPath(200, 3)).toBe('lookup');
    expect(ownerLookupPath(10, 3)).toBe('scan');
    const large = await branchOf(200);
    const small = await branchOf(10);

    const expected = {
      written: true,
      total: 3,
      inserted: 0,
      updated: 3,
      unchanged: 0,
      rejected: 0,
      errors: [],
    };
    const largeReport = await importRows(large, delta(), '2026-01-15');
    const smallReport = await importRows(small, delta(), '2026-01-15');
    expect(largeReport).toMatchObject(expected);
    expect(smallReport).toEqual(largeReport);

    const touched = ['L000002', 'L000005', 'L000009'];
    expect(loansOf(large, touched)).toEqual([updatedLoan(2), updatedLoan(5), updatedLoan(9)]);
    expect(loansOf(small, touched)).toEqual(loansOf(large, touched));
    // A loan the delta did not name keeps the full file's figures and gets no new snapshot.
    expect(loansOf(large, ['L000003'])).toEqual([
      {
        ...updatedLoan(3),
        outstanding_principal_fen: 3_000_000,
        overdue_interest_fen: 8_880,
        as_of: '2026-01-14',
        snapshot_interest_fen: null,
      },
    ]);
  });

  it('refuses, in both branches alike, only the row whose loan belongs to someone else', async () => {
    const large = await branchOf(200);
    const small = await branchOf(10);
    // Line 5: borrower 7's loan number under borrower 300's resident ID.
    const rows = [...delta(), caseRow(300, { loan_no: 'L000007' })];
    expect(ownerLookupPath(200, 4)).toBe('lookup');
    expect(ownerLookupPath(10, 4)).toBe('scan');

    const largeReport = await importRows(large, rows, '2026-01-15');
    expect(largeReport).toMatchObject({
      written: false,
      total: 4,
      inserted: 0,
      updated: 0,
      rejected: 1,
      errors: [{ line: 5, column: '贷款编号', reason: 'v.import.loanOfOtherBorrower' }],
    });
    expect(await importRows(small, rows, '2026-01-15')).toEqual(largeReport);
    // All-or-nothing: the three good rows were not written either.
    expect(loansOf(large, ['L000002'])).toMatchObject([{ as_of: '2026-01-14' }]);
    expect(loansOf(small, ['L000002'])).toMatchObject([{ as_of: '2026-01-14' }]);
  });
});

/** Borrowers 1–12 and loan numbers K0–K29: small pools, so files hit owned loans often. */
const BORROWERS = 12;
const LOAN_NOS = 30;
const loanNo = (i: number) => `K${i}`;

/** A loans table: each loan number at most once, each owned by one of the pool's borrowers. */
const loansTable = fc.uniqueArray(
  fc.record({
    loan: fc.integer({ min: 0, max: LOAN_NOS - 1 }),
    owner: fc.integer({ min: 1, max: BORROWERS }),
  }),
  { selector: (l) => l.loan, maxLength: LOAN_NOS },
);

/** A file's (loan number, resident ID) pairs, loan numbers unique as rows.ts makes them. */
const fileRows = fc.uniqueArray(
  fc.record({
    loan: fc.integer({ min: 0, max: LOAN_NOS - 1 }),
    owner: fc.integer({ min: 1, max: BORROWERS }),
  }),
  { selector: (r) => r.loan, minLength: 1, maxLength: 12 },
);

function fillLoans(db: Sqlite, loans: { loan: number; owner: number }[]) {
  const borrower = db.prepare(
    `INSERT INTO borrowers (id, name, id_number, birth_date, sex, created_at, updated_at)
     VALUES (?, ?, ?, '1980-01-01', 'M', ?, ?)`,
  );
  for (let n = 1; n <= BORROWERS; n++) borrower.run(n, `借款人${n}`, idFor(n), NOW, NOW);
  const loan = db.prepare(
    `INSERT INTO loans (loan_no, borrower_id, principal_fen, disbursed_on, created_at, updated_at)
     VALUES (?, ?, 100, '2024-03-01', ?, ?)`,
  );
  for (const l of loans) loan.run(loanNo(l.loan), l.owner, NOW, NOW);
}

/**
 * The plain recomputation: the file in a temporary table, joined to the loans in one query.
 * Returns the positions of file rows whose loan number another borrower holds.
 */
function refusedBySql(db: Sqlite, file: { loan: number; owner: number }[]): number[] {
  db.exec('CREATE TEMP TABLE IF NOT EXISTS file_rows (pos INTEGER, loan_no TEXT, id_number TEXT)');
  db.exec('DELETE FROM temp.file_rows');
  const insert = db.prepare('INSERT INTO temp.file_rows VALUES (?, ?, ?)');
  file.forEach((r, pos) => insert.run(pos, loanNo(r.loan), idFor(r.owner)));
  return db
    .prepare(
      `SELECT f.pos FROM temp.file_rows f
         JOIN loans l ON l.loan_no = f.loan_no
         JOIN borrowers b ON b.id = l.borrower_id
        WHERE b.id_number <> f.id_number
        ORDER BY f.pos`,
    )
    .pluck()
    .all() as number[];
}

/** The same verdict through a lookup, as prepare.ts reaches it. */
function refusedBy(
  ownerOf: (loanNo: string) => string | undefined,
  file: { loan: number; owner: number }[],
): number[] {
  return file.flatMap((r, pos) => {
    const owner = ownerOf(loanNo(r.loan));
    return owner !== undefined && owner !== idFor(r.owner) ? [pos] : [];
  });
}

describe('the owner lookup', () => {
  it('gives the same owners by scan and by lookup as the loans table says, on both sides of 4×', async () => {
    const { app } = await signedInCore();
    const db = app.db;
    const sides = new Set<OwnerLookupPath>();
    fc.assert(
      fc.property(loansTable, fileRows, (loans, file) => {
        db.exec('BEGIN');
        try {
          fillLoans(db, loans);
          const model = new Map(loans.map((l) => [loanNo(l.loan), idFor(l.owner)]));
          const chosen = loanOwners(db, file.length);
          const scan = loanOwners(db, file.length, 'scan');
          const lookup = loanOwners(db, file.length, 'lookup');
          sides.add(ownerLookupPath(loans.length, file.length));
          // Every loan number of the pool, held or not, and one the branch never had.
          for (let i = 0; i <= LOAN_NOS; i++) {
            const expected = model.get(loanNo(i));
            expect(scan(loanNo(i))).toBe(expected);
            expect(lookup(loanNo(i))).toBe(expected);
            expect(chosen(loanNo(i))).toBe(expected);
          }
          const bySql = refusedBySql(db, file);
          expect(refusedBy(scan, file)).toEqual(bySql);
          expect(refusedBy(lookup, file)).toEqual(bySql);
        } finally {
          db.exec('ROLLBACK');
        }
      }),
      { numRuns: 200, seed: 15 },
    );
    // The generated tables fall on both sides of the threshold.
    expect([...sides].sort()).toEqual(['lookup', 'scan']);
  });

  it('scans a table of at most four times the file and looks rows up beyond that', () => {
    expect(ownerLookupPath(0, 1)).toBe('scan');
    expect(ownerLookupPath(8, 2)).toBe('scan');
    expect(ownerLookupPath(9, 2)).toBe('lookup');
    expect(ownerLookupPath(5000, 3)).toBe('lookup');
  });
});
