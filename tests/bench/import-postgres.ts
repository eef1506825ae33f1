import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { indexTokens, searchFields } from '../../electron/core/cases/search-tokens';
import { createNodeCore } from '../../electron/core/node';
import type { Result } from '../../electron/shared/result';
import type { ImportResult } from '../../electron/shared/schemas/imports';
import { defineCase, type BenchCase } from './harness';
import {
  baselineBorrowers,
  IMPORT_AT,
  importOfficerNumbers,
  importSetup,
  prepareImportBench,
  type ImportBench,
} from './import-data';
import { APP_LOGIN, asSuperuser, bareQueryPool, withDatabase } from './postgres';
import { BENCH_KDF, BENCH_MANAGER, expectOk } from './seed';

/**
 * The import on PostgreSQL (issue 19): the same head-office CSV as on SQLite, through
 * `imports:run` and the real dispatcher on a desk whose data is on PostgreSQL (a core made by
 * createNodeCore with the server, signed in as the manager: a file this size goes to a worker
 * thread with a pool of its own, as on a server desk), into an empty branch. Each run, app's or
 * baseline's, gets a throw-away database of its own, copied (CREATE DATABASE … TEMPLATE) from
 * one set up once through the core with the officers the file names, owned by the bench's
 * RLS-bound login; the branch copied for the read cases is never written.
 *
 * Baseline: "bare INSERT (unnest)". COPY FROM STDIN needs pg-copy-streams, which is not
 * installed (pg has no COPY API of its own), so the floor is the fastest bare INSERT form: one
 * `INSERT … SELECT * FROM unnest($1::text[], …)` per table (borrowers with their list totals,
 * loans with status, snapshots, search tokens), one array parameter per column, in one
 * transaction on a plain `pg` connection of the same login (the app's session settings, no
 * Kysely). Every value is computed before the timer, except the ids the server gives: a loan's
 * borrower id and a snapshot's loan id come from the previous statement's RETURNING, as in the
 * app. The first round compares both databases' borrowers, loans, snapshots and search tokens
 * row by row.
 */

interface Columns {
  borrowers: unknown[][];
  /** Each loan's borrower (an index into the borrowers) and the loan's other columns. */
  loanBorrower: number[];
  loans: unknown[][];
  /** Each snapshot's loan (an index into the loans) and its other columns. */
  snapshotLoan: number[];
  snapshots: unknown[][];
  tokenBorrower: number[];
  tokens: unknown[][];
  idNumbers: string[];
  loanNos: string[];
}

interface Run {
  database: string;
  url: string;
  /** The app's desk (app runs only). */
  core: ReturnType<typeof createNodeCore> | null;
  /** The baseline's connection (baseline runs only). */
  pool: pg.Pool | null;
}

interface State extends ImportBench {
  serverUrl: string;
  /** The bench login's address of the template (a database name is put in for each run). */
  loginUrl: string;
  template: string;
  /** The desk's folder (its key file) set up with the template, copied for each app run. */
  deskDir: string;
  columns: Columns;
  run: Run | null;
  firstApp: Run | null;
}

const PREFIX = 'vdbench_import_';

/** A fixed clock: the rows' created_at is the baseline's. */
const clock = () => new Date(IMPORT_AT);

// Types of each column of the four statements, in their order.
// prettier-ignore
const borrowerTypes = [
  'text', 'text', 'text', 'date', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text',
  'bigint', 'timestamptz', 'timestamptz', 'date', 'bigint', 'bigint',
];
// prettier-ignore
const loanTypes = [
  'bigint', 'text', 'text', 'bigint', 'date', 'date', 'bigint', 'bigint', 'bigint', 'bigint',
  'date', 'date', 'timestamptz', 'timestamptz', 'text',
];
// prettier-ignore
const snapshotTypes = [
  'bigint', 'date', 'bigint', 'bigint', 'bigint', 'bigint', 'date', 'integer', 'text',
  'timestamptz',
];
const tokenTypes = ['bigint', 'text', 'integer', 'text', 'text'];

const unnest = (types: readonly string[]) =>
  `SELECT * FROM unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`;

const insertBorrowers = `INSERT INTO borrowers (name, name_sort, id_number, birth_date, sex,
    mobile, province, city, county, township, village, address_detail, assigned_officer_id,
    created_at, updated_at, overdue_since, total_overdue_fen, outstanding_fen)
  ${unnest(borrowerTypes)} RETURNING id, id_number`;
const insertLoans = `INSERT INTO loans (borrower_id, loan_no, product, principal_fen,
    disbursed_on, maturity_on, outstanding_principal_fen, overdue_principal_fen,
    overdue_interest_fen, penalty_fen, overdue_since, as_of, created_at, updated_at, status)
  ${unnest(loanTypes)} RETURNING id, loan_no`;
const insertSnapshots = `INSERT INTO loan_snapshots (loan_id, as_of, outstanding_principal_fen,
    overdue_principal_fen, overdue_interest_fen, penalty_fen, overdue_since, dpd, bucket,
    created_at)
  ${unnest(snapshotTypes)}`;
const insertTokens = `INSERT INTO borrower_search_tokens (borrower_id, field, pos, token,
    next_token)
  ${unnest(tokenTypes)}`;

/** Row-major values turned into one array per column. */
function byColumn(rows: readonly (readonly unknown[])[], width: number): unknown[][] {
  const columns = Array.from({ length: width }, () => new Array<unknown>(rows.length));
  rows.forEach((row, r) => {
    if (row.length !== width) throw new Error(`a row of ${row.length} values, not ${width}`);
    row.forEach((value, c) => (columns[c]![r] = value));
  });
  return columns;
}

/** The four statements' columns, from the rows the SQLite baseline inserts. */
function baselineColumns(data: ImportBench): Columns {
  const borrowers = baselineBorrowers(data.baselineRows);
  const loanBorrower: number[] = [];
  const loans: unknown[][] = [];
  const snapshotLoan: number[] = [];
  const snapshots: unknown[][] = [];
  const tokenBorrower: number[] = [];
  const tokens: unknown[][] = [];
  borrowers.forEach((b, bi) => {
    for (const l of b.loans) {
      snapshotLoan.push(loans.length);
      loanBorrower.push(bi);
      loans.push(l.loan);
      snapshots.push(l.snapshot);
    }
    // The token rows search-postgres.ts writes for the borrower's search columns.
    searchFields.forEach((field, f) => {
      const list = indexTokens(b.search[f] as string);
      list.forEach((token, pos) => {
        tokenBorrower.push(bi);
        tokens.push([field, pos, token, list[pos + 1] ?? null]);
      });
    });
  });
  return {
    borrowers: byColumn(
      borrowers.map((b) => b.borrower),
      borrowerTypes.length,
    ),
    loanBorrower,
    loans: byColumn(loans, loanTypes.length - 1),
    snapshotLoan,
    snapshots: byColumn(snapshots, snapshotTypes.length - 1),
    tokenBorrower,
    tokens: byColumn(tokens, tokenTypes.length - 1),
    idNumbers: borrowers.map((b) => b.borrower[2] as string),
    loanNos: loans.map((l) => l[0] as string),
  };
}

async function createRunDatabase(s: State, name: string): Promise<void> {
  await asSuperuser(s.serverUrl, (c) =>
    c.query(`CREATE DATABASE "${name}" TEMPLATE "${s.template}" OWNER ${APP_LOGIN}`),
  );
}

async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await asSuperuser(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

async function closeRun(s: State, run: Run): Promise<void> {
  try {
    if (run.core) {
      await run.core.app.settle();
      run.core.app.lock('quit');
      await run.core.app.closed();
    }
    await run.pool?.end();
  } finally {
    await dropDatabase(s.serverUrl, run.database);
  }
}

/** A digest of each table an import fills, read the same way on either database. */
async function tableDigests(url: string): Promise<Record<string, string>> {
  const queries = {
    borrowers: `SELECT id, name, name_sort, id_number, birth_date, sex, mobile, other_phones,
        province, city, county, township, village, address_detail, assigned_officer_id, status,
        overdue_since, total_overdue_fen, outstanding_fen, classification, created_at, updated_at
      FROM borrowers`,
    loans: `SELECT id, loan_no, borrower_id, product, principal_fen, disbursed_on, maturity_on,
        outstanding_principal_fen, overdue_principal_fen, overdue_interest_fen, penalty_fen,
        overdue_since, status, as_of, classification, created_at, updated_at FROM loans`,
    loan_snapshots: 'SELECT * FROM loan_snapshots',
    borrower_search_tokens: 'SELECT * FROM borrower_search_tokens',
  };
  const pool = bareQueryPool(url);
  try {
    const out: Record<string, string> = {};
    for (const [table, query] of Object.entries(queries)) {
      const { rows } = await pool.query<{ digest: string; n: string }>(
        `SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS digest,
           count(*) AS n FROM (${query}) t`,
      );
      out[table] = `${rows[0]!.n}:${rows[0]!.digest}`;
    }
    return out;
  } finally {
    await pool.end();
  }
}

export const importOnPostgres: BenchCase = defineCase<State>({
  name: 'import 100k rows',
  about:
    'imports:run of the same CSV through the dispatcher on a PostgreSQL desk (a worker with its own pool), into an empty branch; baseline: bare INSERT (unnest), one statement per table, one transaction, of the same rows (no COPY: pg-copy-streams is not installed)',
  needs: ['borrowers', 'loans', 'loan_snapshots', 'borrower_search'],
  target: { throughputShareMin: 0.4 },
  units: { label: 'rows', perRun: (ctx) => ctx.scale.importRows },
  iterations: 3,
  warmup: 1,
  quick: { iterations: 2, warmup: 1 },
  async setup(ctx) {
    if (!ctx.postgres) throw new Error('the import on PostgreSQL needs the run’s server');
    const data = await prepareImportBench(
      ctx.scale.importRows,
      ctx.scale.officers,
      ctx.branch.asOf,
      IMPORT_AT,
    );
    const { serverUrl, url: branchUrl } = ctx.postgres;
    const template = `${PREFIX}template`;
    // Leftovers of an interrupted run, then the template: migrated and set up by the core.
    await asSuperuser(serverUrl, async (c) => {
      const { rows } = await c.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE starts_with(datname, $1)`,
        [PREFIX],
      );
      for (const { datname } of rows) {
        await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      }
      await c.query(`CREATE DATABASE "${template}" OWNER ${APP_LOGIN}`);
    });
    const deskDir = path.join(data.dir, 'desk');
    fs.mkdirSync(deskDir);
    const core = createNodeCore(path.join(deskDir, 'visitdesk.db'), {
      server: { url: withDatabase(branchUrl, template) },
      kdfCost: BENCH_KDF,
      dailyBackup: false,
      now: clock,
      log: () => {},
    });
    try {
      expectOk(await core.invoke('auth:setup', importSetup));
      const officers = importOfficerNumbers(ctx.scale.officers);
      await core.app.engine.db
        .insertInto('staff')
        .values(
          officers.map((no) => ({
            staff_no: no,
            name: `客户经理${no}`,
            role: 'officer' as const,
            active: 1,
            created_at: IMPORT_AT,
            updated_at: IMPORT_AT,
          })),
        )
        .execute();
    } finally {
      await core.app.settle();
      core.app.lock('quit');
      await core.app.closed();
    }
    return {
      ...data,
      serverUrl,
      loginUrl: branchUrl,
      template,
      deskDir,
      columns: baselineColumns(data),
      run: null,
      firstApp: null,
    };
  },
  async beforeRun(s, i) {
    const database = `${PREFIX}app_${i}`;
    await createRunDatabase(s, database);
    const dir = path.join(s.dir, `desk-${i}`);
    fs.cpSync(s.deskDir, dir, { recursive: true });
    const url = withDatabase(s.loginUrl, database);
    const core = createNodeCore(path.join(dir, 'visitdesk.db'), {
      server: { url },
      kdfCost: BENCH_KDF,
      dailyBackup: false,
      now: clock,
      log: () => {},
    });
    s.run = { database, url, core, pool: null };
    expectOk(await core.invoke('auth:signIn', BENCH_MANAGER));
  },
  run: (s) =>
    s.run!.core!.invoke('imports:run', {
      fileName: 'head-office.csv',
      contentBase64: Buffer.from(s.csv).toString('base64'),
      mode: 'valid-only',
      asOf: s.asOf,
    }),
  async afterRun(s, result, i) {
    const run = s.run!;
    s.run = null;
    const r = expectOk(result as Result<ImportResult>);
    if (i === 0) {
      // Compared with the first baseline's database, then dropped.
      await run.core!.app.settle();
      run.core!.app.lock('quit');
      await run.core!.app.closed();
      s.firstApp = { ...run, core: null };
    } else await closeRun(s, run);
    if (!r.written || r.inserted !== s.rows || r.rejected !== 0) {
      throw new Error(
        `import wrote ${r.inserted}/${s.rows} rows: ${JSON.stringify(r.errors.slice(0, 3))}`,
      );
    }
  },
  async beforeBaseline(s, i) {
    const database = `${PREFIX}baseline_${i}`;
    await createRunDatabase(s, database);
    const url = withDatabase(s.loginUrl, database);
    const pool = bareQueryPool(url);
    // The connection opened before the timer, as the app's desk is open before the import.
    (await pool.connect()).release();
    s.run = { database, url, core: null, pool };
  },
  async baseline(s) {
    const c = s.columns;
    const client = await s.run!.pool!.connect();
    try {
      await client.query('BEGIN');
      const borrowers = await client.query<{ id: string; id_number: string }>(
        insertBorrowers,
        c.borrowers,
      );
      const borrowerIds = new Map(borrowers.rows.map((r) => [r.id_number, r.id]));
      const borrowerId = (i: number) => borrowerIds.get(c.idNumbers[i]!);
      const loans = await client.query<{ id: string; loan_no: string }>(insertLoans, [
        c.loanBorrower.map(borrowerId),
        ...c.loans,
      ]);
      const loanIds = new Map(loans.rows.map((r) => [r.loan_no, r.id]));
      await client.query(insertSnapshots, [
        c.snapshotLoan.map((i) => loanIds.get(c.loanNos[i]!)),
        ...c.snapshots,
      ]);
      await client.query(insertTokens, [c.tokenBorrower.map(borrowerId), ...c.tokens]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  },
  async afterBaseline(s, _result, i) {
    const run = s.run!;
    s.run = null;
    try {
      const { rows } = await run.pool!.query<{ n: string }>('SELECT count(*) AS n FROM loans');
      if (Number(rows[0]!.n) !== s.rows) {
        throw new Error(`baseline wrote ${rows[0]!.n}/${s.rows} loans`);
      }
      if (i === 0 && s.firstApp) {
        const [a, b] = await Promise.all([tableDigests(s.firstApp.url), tableDigests(run.url)]);
        const differ = Object.keys(a).filter((table) => a[table] !== b[table]);
        if (differ.length) {
          throw new Error(
            `the baseline wrote other rows than the app in: ${differ.map((t) => `${t} (app ${a[t]}, baseline ${b[t]})`).join(', ')}`,
          );
        }
      }
    } finally {
      await closeRun(s, run);
      if (i === 0 && s.firstApp) {
        await dropDatabase(s.serverUrl, s.firstApp.database);
        s.firstApp = null;
      }
    }
  },
  async teardown(s) {
    for (const run of [s.run, s.firstApp]) if (run) await closeRun(s, run).catch(() => {});
    await dropDatabase(s.serverUrl, s.template);
    s.key.fill(0);
    fs.rmSync(s.dir, { recursive: true, force: true });
  },
});
