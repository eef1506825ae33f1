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
import { benchCore, BENCH_MANAGER, expectOk } from './seed';

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

export async function prepareImportBench(
  rowCount: number,
  officers: number,
  asOf: string,
  at: string,
): Promise<ImportBench> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'visitdesk-bench-import-'));
  const dice = new Dice(randomSource(100_000 + rowCount));
  const places = countyPlaces();
  const officerNos = Array.from(
    { length: officers },
    (_, i) => `G${String(i + 1).padStart(3, '0')}`,
  );

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
  expectOk(
    await core.invoke('auth:setup', {
      branch: {
        name: '导入测试支行',
        code: 'QS002',
        address: '长兴县',
        phone: '0572-6660000',
        complaintHotline: '0572-6669999',
        timeZone: 'Asia/Shanghai',
      },
      manager: {
        name: '王建国',
        staffNo: 'M001',
        username: BENCH_MANAGER.username,
        passphrase: BENCH_MANAGER.passphrase,
        confirm: BENCH_MANAGER.passphrase,
      },
    }),
  );
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

export function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
}
