import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { migrate } from '../../../electron/core/db/migrations';
import { openEncrypted } from '../../../electron/core/db/open';
import type { Sqlite } from '../../../electron/core/db/sqlite';
import { importCases } from '../../../electron/core/imports/service';
import { nodeDriver } from '../../../electron/core/node';
import { defineCase } from '../harness';
import {
  baselineBorrowers,
  IMPORT_AT,
  prepareImportBench,
  removeDatabase,
  type BaselineBorrower,
  type ImportBench,
} from '../import-data';
import { importOnPostgres } from '../import-postgres';
import { openPlain } from '../plain';

/**
 * Importing a head-office CSV into an empty branch, in process: decoding, parsing, header
 * recognition, validation of every cell, upserts with snapshots, list totals, search index and
 * the audit row, in one transaction. The baseline writes the same rows into the same tables
 * with bare prepared statements in one transaction on a plain database, every value computed
 * beforehand (untimed): borrowers with their list totals, loans with their status, snapshots,
 * and each borrower's search-index row. No parsing, no checks, no lookups. The first round
 * compares the two databases row by row, so the baseline cannot drift from what the app writes.
 * Issue 9's target: at least 40% of the baseline's rows per second.
 */

interface State extends ImportBench {
  target: Sqlite | null;
  file: string;
  borrowers: BaselineBorrower[];
  /** The first app run's database, kept open until the first baseline is compared with it. */
  firstApp: { db: Sqlite; file: string } | null;
}

/** Digests of what an import leaves in each table (search rows by their token counts). */
function tableDigests(db: Sqlite): Record<string, string> {
  const queries = {
    borrowers: `SELECT id, name, name_sort, id_number, birth_date, sex, mobile, other_phones,
        province, city, county, township, village, address_detail, assigned_officer_id, status,
        overdue_since, total_overdue_fen, outstanding_fen, created_at, updated_at
      FROM borrowers ORDER BY id`,
    loans: `SELECT id, loan_no, borrower_id, product, principal_fen, disbursed_on, maturity_on,
        outstanding_principal_fen, overdue_principal_fen, overdue_interest_fen, penalty_fen,
        overdue_since, status, as_of, created_at, updated_at FROM loans ORDER BY id`,
    loan_snapshots: 'SELECT * FROM loan_snapshots ORDER BY loan_id, as_of',
    borrower_search: 'SELECT id, hex(sz) FROM borrower_search_docsize ORDER BY id',
  };
  return Object.fromEntries(
    Object.entries(queries).map(([table, sql]) => {
      const hash = crypto.createHash('sha256');
      for (const row of db.prepare(sql).raw().iterate()) hash.update(JSON.stringify(row));
      return [table, hash.digest('hex')];
    }),
  );
}

function sameRowsOrThrow(app: Sqlite, baseline: Sqlite): void {
  const a = tableDigests(app);
  const b = tableDigests(baseline);
  const differ = Object.keys(a).filter((table) => a[table] !== b[table]);
  if (differ.length) {
    throw new Error(`the baseline wrote other rows than the app in: ${differ.join(', ')}`);
  }
}

export default defineCase<State>({
  name: 'import 100k rows',
  about:
    'importCases on a CSV (UTF-8 BOM, mixed amount/date styles) into an empty encrypted branch; baseline: bare INSERTs of the same rows (borrowers with totals, loans, snapshots, search rows), plain file',
  needs: ['borrowers', 'loans', 'loan_snapshots', 'borrower_search'],
  target: { throughputShareMin: 0.4 },
  postgres: importOnPostgres,
  units: { label: 'rows', perRun: (ctx) => ctx.scale.importRows },
  iterations: 3,
  warmup: 1,
  quick: { iterations: 2, warmup: 1 },
  async setup(ctx) {
    const data = await prepareImportBench(
      ctx.scale.importRows,
      ctx.scale.officers,
      ctx.branch.asOf,
      IMPORT_AT,
    );
    const borrowers = baselineBorrowers(data.baselineRows);
    return { ...data, target: null, file: '', borrowers, firstApp: null };
  },
  beforeRun(s, i) {
    s.file = path.join(s.dir, `import-${i}.db`);
    fs.copyFileSync(s.encryptedTemplate, s.file);
    s.target = openEncrypted(s.file, s.key, { driver: nodeDriver });
    migrate(s.target);
  },
  run: (s) =>
    importCases(s.target!, {
      fileName: 'head-office.csv',
      source: { kind: 'csv', bytes: s.csv, encoding: 'auto' },
      mode: 'valid-only',
      asOf: s.asOf,
      staffId: s.managerId,
      now: IMPORT_AT,
    }),
  afterRun(s, result, i) {
    const r = result as Awaited<ReturnType<typeof importCases>>;
    if (i === 0) s.firstApp = { db: s.target!, file: s.file };
    else {
      s.target!.close();
      removeDatabase(s.file);
    }
    if (!r.written || r.inserted !== s.rows || r.rejected !== 0) {
      throw new Error(
        `import wrote ${r.inserted}/${s.rows} rows: ${JSON.stringify(r.errors.slice(0, 3))}`,
      );
    }
  },
  beforeBaseline(s, i) {
    s.file = path.join(s.dir, `baseline-${i}.db`);
    fs.copyFileSync(s.plainTemplate, s.file);
    s.target = openPlain(s.file);
  },
  baseline(s) {
    const db = s.target!;
    const borrower = db.prepare(
      `INSERT INTO borrowers (name, name_sort, id_number, birth_date, sex, mobile, province, city,
         county, township, village, address_detail, assigned_officer_id, created_at, updated_at,
         overdue_since, total_overdue_fen, outstanding_fen)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const loan = db.prepare(
      `INSERT INTO loans (borrower_id, loan_no, product, principal_fen, disbursed_on, maturity_on,
         outstanding_principal_fen, overdue_principal_fen, overdue_interest_fen, penalty_fen,
         overdue_since, as_of, created_at, updated_at, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const snapshot = db.prepare(
      `INSERT INTO loan_snapshots (loan_id, as_of, outstanding_principal_fen,
         overdue_principal_fen, overdue_interest_fen, penalty_fen, overdue_since, dpd, bucket,
         created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const search = db.prepare(
      `INSERT INTO borrower_search (rowid, name, pinyin, place, ids, phones, loans, tails)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    db.transaction(() => {
      const ids: number[] = [];
      for (const b of s.borrowers) {
        const borrowerId = Number(borrower.run(...b.borrower).lastInsertRowid);
        ids.push(borrowerId);
        for (const l of b.loans) {
          const loanId = loan.run(borrowerId, ...l.loan).lastInsertRowid;
          snapshot.run(loanId, ...l.snapshot);
        }
      }
      s.borrowers.forEach((b, i) => search.run(ids[i], ...b.search));
    })();
  },
  afterBaseline(s, _result, i) {
    const count = (s.target!.prepare('SELECT count(*) AS n FROM loans').get() as { n: number }).n;
    try {
      if (count !== s.rows) throw new Error(`baseline wrote ${count}/${s.rows} loans`);
      if (i === 0 && s.firstApp) sameRowsOrThrow(s.firstApp.db, s.target!);
    } finally {
      s.target!.close();
      removeDatabase(s.file);
      if (i === 0 && s.firstApp) {
        s.firstApp.db.close();
        removeDatabase(s.firstApp.file);
        s.firstApp = null;
      }
    }
  },
  teardown(s) {
    s.firstApp?.db.close();
    s.key.fill(0);
    fs.rmSync(s.dir, { recursive: true, force: true });
  },
});
