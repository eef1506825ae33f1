import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importFields } from '../../electron/shared/schemas/imports';
import { toCsv } from '../../electron/shared/spreadsheet';
import { formatFen } from '../../electron/shared/money';
import { bucketOf } from '../../electron/shared/delinquency';
import { daysBetween } from '../../electron/shared/dates';
import { migrate } from '../../electron/core/db/migrations';
import { nameSortKey } from '../../electron/core/cases/search';
import { pinyinTerms, searchColumns } from '../../electron/core/cases/search-tokens';
import { closeCleanly, copyRows, openPlain } from './plain';
import {
  BRANCH_PLACE,
  Dice,
  loanNumber,
  randomSource,
  syntheticBorrower,
  syntheticLoan,
  countyPlaces,
} from './synth';
import { benchCore, benchManagerSetup, expectOk } from './seed';

/**
 * The import case's inputs: a head-office CSV (standard template headers, amounts and dates
 * written every way the template allows) and the same rows as bare INSERT parameters for the
 * baseline, plus empty branch databases (encrypted and plain) to import into.
 */

export interface ImportBench {
  csv: Uint8Array;
  rows: number;
  asOf: string;
  managerId: number;
  /** A set-up encrypted database with the officers, no cases; copied before each run. */
  encryptedTemplate: string;
  key: Buffer;
  plainTemplate: string;
  baselineRows: { borrower: unknown[] | null; loan: unknown[]; snapshot: unknown[] }[];
  dir: string;
}

const amountStyles = [
  (fen: number) => formatFen(fen).replace(/,/g, ''),
  (fen: number) => formatFen(fen),
  (fen: number) => `¥${formatFen(fen)}`,
  (fen: number) => `￥${formatFen(fen)}`,
];
const dateStyles = [
  (iso: string) => iso,
  (iso: string) => iso.replace(/-/g, '/'),
  (iso: string) => `${iso.slice(0, 4)}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`,
];

/** The empty branch an import goes into: set up through the core as the manager sets it up. */
export const importSetup = {
  branch: {
    name: '导入测试支行',
    code: 'QS002',
    address: '长兴县',
    phone: '0572-6660000',
    complaintHotline: '0572-6669999',
    timeZone: 'Asia/Shanghai',
  },
  manager: benchManagerSetup,
};

/** The officers' staff numbers the file names (G001…); each is staff id its index + 2. */
export function importOfficerNumbers(officers: number): string[] {
  return Array.from({ length: officers }, (_, i) => `G${String(i + 1).padStart(3, '0')}`);
}

export async function prepareImportBench(
  rowCount: number,
  officers: number,
  asOf: string,
  at: string,
): Promise<ImportBench> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'visitdesk-bench-import-'));
  const dice = new Dice(randomSource(100_000 + rowCount));
  const places = countyPlaces();
  const officerNos = importOfficerNumbers(officers);

  // About 1.2 loans per borrower, as in the seeded branch.
  const csvRows: (string | null)[][] = [importFields.map((f) => f.zh)];
  const baselineRows: ImportBench['baselineRows'] = [];
  const seen = new Set<string>();
  let borrower = syntheticBorrower(dice, places);
  let officer = dice.pick(officerNos);
  for (let i = 0; i < rowCount; i++) {
    const newBorrower = i === 0 || dice.chance(0.83);
    if (newBorrower) {
      do borrower = syntheticBorrower(dice, places);
      while (seen.has(borrower.idNumber));
      seen.add(borrower.idNumber);
      officer = dice.pick(officerNos);
    }
    const loan = syntheticLoan(dice, asOf);
    const loanNo = loanNumber(5_000_000 + i);
    const amount = dice.pick(amountStyles);
    const date = dice.pick(dateStyles);
    csvRows.push([
      borrower.name,
      borrower.idNumber,
      borrower.mobile,
      BRANCH_PLACE.province,
      BRANCH_PLACE.city,
      BRANCH_PLACE.county,
      borrower.township.name,
      borrower.village.name,
      borrower.addressDetail,
      loanNo,
      loan.product,
      amount(loan.principalFen),
      date(loan.disbursedOn),
      date(loan.maturityOn),
      amount(loan.outstandingFen),
      amount(loan.overduePrincipalFen),
      amount(loan.overdueInterestFen),
      amount(loan.penaltyFen),
      loan.overdueSince ? date(loan.overdueSince) : '',
      officer,
      // Last paid on, and the five-tier classification: not in this file (a blank keeps what
      // was there, none for a new loan, as the bare inserts of the baseline leave it).
      '',
      '',
    ]);
    const officerId = officerNos.indexOf(officer) + 2; // the manager is staff 1
    const dpd = loan.overdueSince ? daysBetween(loan.overdueSince, asOf) : 0;
    baselineRows.push({
      borrower: newBorrower
        ? [
            borrower.name,
            nameSortKey(borrower.name),
            borrower.idNumber,
            borrower.birthDate,
            borrower.sex,
            borrower.mobile,
            BRANCH_PLACE.province,
            BRANCH_PLACE.city,
            BRANCH_PLACE.county,
            borrower.township.name,
            borrower.village.name,
            borrower.addressDetail,
            officerId,
            at,
            at,
          ]
        : null,
      loan: [
        loanNo,
        loan.product,
        loan.principalFen,
        loan.disbursedOn,
        loan.maturityOn,
        loan.outstandingFen,
        loan.overduePrincipalFen,
        loan.overdueInterestFen,
        loan.penaltyFen,
        loan.overdueSince,
        asOf,
        at,
        at,
      ],
      snapshot: [
        asOf,
        loan.outstandingFen,
        loan.overduePrincipalFen,
        loan.overdueInterestFen,
        loan.penaltyFen,
        loan.overdueSince,
        dpd,
        bucketOf(dpd),
        at,
      ],
    });
  }
  if (csvRows[0]!.length !== csvRows[1]!.length)
    throw new Error('CSV columns do not match the template');

  // Empty branches: set up through the core, with the same officers as the CSV names.
  const encryptedTemplate = path.join(dir, 'template.db');
  const core = benchCore(encryptedTemplate);
  expectOk(await core.invoke('auth:setup', importSetup));
  const insertOfficer = core.app.db.prepare(
    "INSERT INTO staff (staff_no, name, role, active, created_at, updated_at) VALUES (?, ?, 'officer', 1, ?, ?)",
  );
  for (const no of officerNos) insertOfficer.run(no, `客户经理${no}`, at, at);
  const managerId = (
    core.app.db.prepare("SELECT id FROM staff WHERE role = 'manager'").get() as { id: number }
  ).id;
  const key = core.app.withKey((k) => Buffer.from(k));
  const plainTemplate = path.join(dir, 'template-plain.db');
  const plain = openPlain(plainTemplate, { create: true });
  migrate(plain);
  for (const table of ['meta', 'branch', 'settings', 'staff']) copyRows(core.app.db, plain, table);
  closeCleanly(plain);
  await core.app.settle();
  core.app.lock('quit');
  return {
    csv: new TextEncoder().encode(toCsv(csvRows)),
    rows: rowCount,
    asOf,
    managerId,
    encryptedTemplate,
    key,
    plainTemplate,
    baselineRows,
    dir,
  };
}

/** The import's clock: created_at and updated_at of what both sides write (10:00 in Shanghai). */
export const IMPORT_AT = '2026-06-30T02:00:00.000Z';

type Values = unknown[];

/** One borrower of the file, as the baseline inserts it. */
export interface BaselineBorrower {
  borrower: Values;
  loans: { loan: Values; snapshot: Values }[];
  /** Its search columns (searchColumns, in searchFields' order), from which the index is made. */
  search: Values;
}

// The row layouts of ImportBench.baselineRows (positions).
const B = { name: 0, idNumber: 2, mobile: 5, township: 9, village: 10 } as const;
const L = { loanNo: 0, outstanding: 5, overdue: [6, 7, 8], overdueSince: 9 } as const;

/**
 * Groups the file's rows by borrower and adds what the app derives: a loan's status (settled
 * when nothing is owed), the borrower's list totals over its open loans (as the cases feature's
 * refreshBorrowerTotals computes them) and its search columns (the app's own searchColumns).
 * A borrower's row is its baselineRows borrower values, then overdue_since, total_overdue_fen
 * and outstanding_fen; a loan's is its values then its status.
 */
export function baselineBorrowers(rows: ImportBench['baselineRows']): BaselineBorrower[] {
  const grouped: { borrower: Values; loans: { loan: Values; snapshot: Values }[] }[] = [];
  for (const row of rows) {
    if (row.borrower) grouped.push({ borrower: row.borrower, loans: [] });
    grouped[grouped.length - 1]!.loans.push({ loan: row.loan, snapshot: row.snapshot });
  }
  return grouped.map(({ borrower, loans }) => {
    let overdueSince: string | null = null;
    let totalOverdue = 0;
    let outstanding = 0;
    const withStatus = loans.map(({ loan, snapshot }) => {
      const owed = L.overdue.reduce((sum, i) => sum + (loan[i] as number), 0);
      const settled = loan[L.outstanding] === 0 && owed === 0;
      if (!settled) {
        totalOverdue += owed;
        outstanding += loan[L.outstanding] as number;
        const since = loan[L.overdueSince] as string | null;
        if (owed > 0 && since !== null && (overdueSince === null || since < overdueSince)) {
          overdueSince = since;
        }
      }
      return { loan: [...loan, settled ? 'settled' : 'active'], snapshot };
    });
    const name = borrower[B.name] as string;
    const c = searchColumns({
      name,
      pinyinTerms: pinyinTerms(name),
      township: borrower[B.township] as string,
      village: borrower[B.village] as string,
      idNumber: borrower[B.idNumber] as string,
      phones: [borrower[B.mobile] as string | null],
      loanNos: loans.map(({ loan }) => loan[L.loanNo] as string),
    });
    return {
      borrower: [...borrower, overdueSince, totalOverdue, outstanding],
      loans: withStatus,
      search: [c.name, c.pinyin, c.place, c.ids, c.phones, c.loans, c.tails],
    };
  });
}

export function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
}
