import fs from 'node:fs';
import path from 'node:path';
import { migrate } from '../../../electron/core/db/migrations';
import { openEncrypted } from '../../../electron/core/db/open';
import type { Sqlite } from '../../../electron/core/db/sqlite';
import { importCases } from '../../../electron/core/imports/service';
import { nodeDriver } from '../../../electron/core/node';
import { defineCase } from '../harness';
import { prepareImportBench, removeDatabase, type ImportBench } from '../import-data';
import { openPlain } from '../plain';

/**
 * Importing a head-office CSV into an empty branch, in process: decoding, parsing, header
 * recognition, validation of every cell, upserts with snapshots, list totals, search index and
 * the audit row, in one transaction. The baseline inserts the same borrower, loan and snapshot
 * rows with bare prepared statements in one transaction on a plain database: no parsing, no
 * checks, no index. Issue 9's target: at least 40% of the baseline's rows per second.
 */
interface State extends ImportBench {
  target: Sqlite | null;
  file: string;
}

const AT = '2026-06-30T02:00:00.000Z';

export default defineCase<State>({
  name: 'import 100k rows',
  about:
    'importCases on a CSV (UTF-8 BOM, mixed amount/date styles) into an empty encrypted branch; baseline: bare INSERTs of the same rows, plain file',
  needs: ['borrowers', 'loans', 'loan_snapshots'],
  target: { throughputShareMin: 0.4 },
  units: { label: 'rows', perRun: (ctx) => ctx.scale.importRows },
  iterations: 3,
  warmup: 1,
  quick: { iterations: 2, warmup: 1 },
  async setup(ctx) {
    const data = await prepareImportBench(
      ctx.scale.importRows,
      ctx.scale.officers,
      ctx.branch.asOf,
      AT,
    );
    return { ...data, target: null, file: '' };
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
      now: AT,
    }),
  afterRun(s, result) {
    const r = result as ReturnType<typeof importCases>;
    s.target!.close();
    removeDatabase(s.file);
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
         county, township, village, address_detail, assigned_officer_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const loan = db.prepare(
      `INSERT INTO loans (borrower_id, loan_no, product, principal_fen, disbursed_on, maturity_on,
         outstanding_principal_fen, overdue_principal_fen, overdue_interest_fen, penalty_fen,
         overdue_since, as_of, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const snapshot = db.prepare(
      `INSERT INTO loan_snapshots (loan_id, as_of, outstanding_principal_fen,
         overdue_principal_fen, overdue_interest_fen, penalty_fen, overdue_since, dpd, bucket,
         created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    db.transaction(() => {
      let borrowerId = 0;
      for (const row of s.baselineRows) {
        if (row.borrower) borrowerId = Number(borrower.run(...row.borrower).lastInsertRowid);
        const loanId = loan.run(borrowerId, ...row.loan).lastInsertRowid;
        snapshot.run(loanId, ...row.snapshot);
      }
    })();
  },
  afterBaseline(s) {
    const count = (s.target!.prepare('SELECT count(*) AS n FROM loans').get() as { n: number }).n;
    s.target!.close();
    removeDatabase(s.file);
    if (count !== s.rows) throw new Error(`baseline wrote ${count}/${s.rows} loans`);
  },
  teardown(s) {
    s.key.fill(0);
    fs.rmSync(s.dir, { recursive: true, force: true });
  },
});
