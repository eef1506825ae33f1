import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditRow, verifyChain } from '../../../electron/core/audit/chain';
import type { Engine } from '../../../electron/core/db/engine';
import { postgresEngine, type PostgresEngine } from '../../../electron/core/db/postgres/connect';
import { migratePostgres } from '../../../electron/core/db/postgres/migrate';
import type { DB } from '../../../electron/core/db/schema';
import { AppFailure } from '../../../electron/shared/result';
import { openTestEngine } from '../support/engines';
import { startOwnCluster, type OwnCluster } from '../support/postgres-own-cluster';
import { asSuperuser } from '../support/postgres';

/**
 * The fault tests of tests/unit/faults on PostgreSQL (issue 19), at the engine: the services
 * still run on SQLite, so each test runs transactions shaped like theirs through
 * `Engine.transaction` — an import (borrowers, their loans, sealed audit rows, in batches with
 * the event loop free between them) and a month close (the frozen row, then its audit row) —
 * and breaks the server under them. Each checks the transaction is whole or absent, the audit
 * chain verifies, and the engine writes again once the server is back.
 *
 * The server-killing, disk-filling and cloning tests run on a cluster of their own
 * (support/postgres-own-cluster.ts); the others on the suite's shared cluster.
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** The outcome of a promise, without an unhandled rejection while the test breaks things. */
function settle<T>(
  promise: Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

function failureOf(outcome: { ok: true } | { ok: false; error: unknown }): AppFailure {
  if (outcome.ok) throw new Error('the transaction committed');
  if (!(outcome.error instanceof AppFailure)) {
    throw new Error(`not an AppFailure: ${String(outcome.error)}`, { cause: outcome.error });
  }
  return outcome.error;
}

const now = () => new Date().toISOString();

interface ImportRun {
  /** Distinguishes this run's ID numbers and loan numbers from every other run's. */
  run: number;
  borrowers: number;
  batch: number;
  /** Awaited between batches: the event loop runs, the transaction stays open. */
  pauseMs: number;
  /** Borrowers inserted so far inside the transaction (not committed). */
  progress?: { rows: number };
}

/**
 * One import in `tx`, as the import service does it: each batch inserts borrowers and a loan
 * each, and appends an audit row sealed for the batch's first borrower (which writes that
 * borrower's key); the whole import ends with its own audit row.
 */
async function importCases(engine: Engine, tx: Kysely<DB>, options: ImportRun): Promise<void> {
  const at = now();
  for (let start = 0; start < options.borrowers; start += options.batch) {
    const size = Math.min(options.batch, options.borrowers - start);
    const rows = Array.from({ length: size }, (_, k) => {
      const i = start + k;
      return {
        name: `借款人${options.run}-${i}`,
        // 18 characters, unique per run and row.
        id_number: `${String(options.run).padStart(6, '0')}${String(i).padStart(12, '0')}`,
        birth_date: '1980-01-01',
        sex: i % 2 === 0 ? ('M' as const) : ('F' as const),
        mobile: `1380000${String(i % 10_000).padStart(4, '0')}`,
        township: '城关镇',
        village: `第${i % 40}村`,
        overdue_since: '2026-01-15',
        total_overdue_fen: 100_000,
        outstanding_fen: 800_000,
        created_at: at,
        updated_at: at,
      };
    });
    const ids = await tx.insertInto('borrowers').values(rows).returning('id').execute();
    await tx
      .insertInto('loans')
      .values(
        ids.map(({ id }, k) => ({
          loan_no: `L${options.run}-${start + k}`,
          borrower_id: id,
          principal_fen: 1_000_000,
          disbursed_on: '2025-01-01',
          outstanding_principal_fen: 800_000,
          overdue_principal_fen: 100_000,
          overdue_since: '2026-01-15',
          as_of: '2026-03-31',
          created_at: at,
          updated_at: at,
        })),
      )
      .execute();
    await appendAuditRow(engine, tx, {
      staffId: null,
      action: 'cases.import.batch',
      entity: 'borrower',
      entityId: ids[0]!.id,
      subject: ids[0]!.id,
      after: { run: options.run, first: start, rows: size },
    });
    if (options.progress) options.progress.rows += size;
    if (options.pauseMs > 0) await sleep(options.pauseMs);
  }
  await appendAuditRow(engine, tx, {
    staffId: null,
    action: 'cases.import',
    entity: 'import',
    entityId: options.run,
    after: { run: options.run, borrowers: options.borrowers },
  });
}

async function staffMember(engine: Engine): Promise<number> {
  return engine.transaction(async (tx) => {
    const row = await tx
      .insertInto('staff')
      .values({
        staff_no: 'M001',
        name: '王经理',
        role: 'manager',
        username: 'manager',
        created_at: now(),
        updated_at: now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAuditRow(engine, tx, {
      staffId: row.id,
      action: 'staff.create',
      entity: 'staff',
      entityId: row.id,
    });
    return row.id;
  });
}

/**
 * A month close as the reports service writes it: the frozen figures anchored to the chain's
 * head, then the audit row that records it. `between` runs after the first statement.
 */
async function closeMonth(
  engine: Engine,
  tx: Kysely<DB>,
  month: string,
  staffId: number,
  between: () => Promise<void> = async () => {},
): Promise<void> {
  const head = await tx.selectFrom('audit_head').select('hash').executeTakeFirstOrThrow();
  const figures = JSON.stringify({ month, borrowers: 0, visits: 0, collectedFen: 0 });
  const close = await tx
    .insertInto('month_closes')
    .values({
      month,
      figures_json: figures,
      figures_sha256: crypto.createHash('sha256').update(figures).digest('hex'),
      audit_head: head.hash,
      closed_by: staffId,
      closed_at: now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await between();
  await appendAuditRow(engine, tx, {
    staffId,
    action: 'reports.closeMonth',
    entity: 'month_close',
    entityId: close.id,
    after: { month },
  });
}

interface Counts {
  borrowers: number;
  loans: number;
  audit: number;
  keys: number;
  closes: number;
  head: number;
}

async function counts(db: Kysely<DB>): Promise<Counts> {
  const count = async (
    table: 'borrowers' | 'loans' | 'audit_log' | 'audit_subject_keys' | 'month_closes',
  ) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const head = await db.selectFrom('audit_head').select('last_id').executeTakeFirstOrThrow();
  return {
    borrowers: await count('borrowers'),
    loans: await count('loans'),
    audit: await count('audit_log'),
    keys: await count('audit_subject_keys'),
    closes: await count('month_closes'),
    head: Number(head.last_id),
  };
}

/** What a whole import of `borrowers` rows in batches of `batch` adds. */
function importAdds(borrowers: number, batch: number): Partial<Counts> {
  const batches = Math.ceil(borrowers / batch);
  return { borrowers, loans: borrowers, audit: batches + 1, keys: batches, head: batches + 1 };
}

function plus(base: Counts, added: Partial<Counts>): Counts {
  return {
    borrowers: base.borrowers + (added.borrowers ?? 0),
    loans: base.loans + (added.loans ?? 0),
    audit: base.audit + (added.audit ?? 0),
    keys: base.keys + (added.keys ?? 0),
    closes: base.closes + (added.closes ?? 0),
    head: base.head + (added.head ?? 0),
  };
}

/** The chain verifies, every row of it, ids 1…n without a gap, and the head row agrees. */
async function expectChainWhole(db: Kysely<DB>, rows: number): Promise<void> {
  const report = await verifyChain(db, 'postgres');
  expect(report).toMatchObject({ ok: true, rows, firstBadId: null });
  const head = await db
    .selectFrom('audit_head')
    .select(['last_id', 'hash'])
    .executeTakeFirstOrThrow();
  expect(Number(head.last_id)).toBe(rows);
  expect(head.hash).toBe(report.head);
}

/** The engine's connections to a database, seen from the server. */
async function backendsOf(
  database: string,
  query: (text: string, values: unknown[]) => Promise<{ rows: { pid: number; state: string }[] }>,
) {
  const { rows } = await query(
    `SELECT pid, state FROM pg_stat_activity
      WHERE datname = $1 AND application_name = 'visitdesk' AND pid <> pg_backend_pid()`,
    [database],
  );
  return rows;
}

describe('PostgreSQL faults on a server of the test’s own', () => {
  let cluster: OwnCluster;
  const engines: PostgresEngine[] = [];

  beforeAll(async () => {
    cluster = await startOwnCluster();
  }, 60_000);

  // A test that failed with the server down leaves it running for the next.
  afterEach(() => cluster?.ensureRunning());

  afterAll(async () => {
    for (const engine of engines.splice(0)) await engine.close().catch(() => undefined);
    cluster?.stop();
  });

  async function openMigrated(url: string): Promise<PostgresEngine> {
    const engine = await postgresEngine({ url, seesEveryBranch: true });
    engines.push(engine);
    await migratePostgres(engine.db);
    return engine;
  }

  it('kill -9 of the server mid-import: the import is absent, a committed one whole, the chain verifies, the same engine writes again', async () => {
    const url = await cluster.createDatabase();
    const engine = await openMigrated(url);
    // A committed import before the crash, which the crash must leave whole.
    await engine.transaction((tx) =>
      importCases(engine, tx, { run: 1, borrowers: 300, batch: 100, pauseMs: 0 }),
    );
    const before = await counts(engine.db);
    expect(before).toEqual(
      plus({ borrowers: 0, loans: 0, audit: 0, keys: 0, closes: 0, head: 0 }, importAdds(300, 100)),
    );

    const progress = { rows: 0 };
    const crashed = settle(
      engine.transaction((tx) =>
        importCases(engine, tx, { run: 2, borrowers: 6000, batch: 250, pauseMs: 25, progress }),
      ),
    );
    await until('the import to be under way', () => progress.rows >= 1500);
    expect(progress.rows).toBeLessThan(6000);
    await cluster.killServer();

    const failure = failureOf(await crashed);
    expect(failure.code).toBe('PG_UNREACHABLE');
    expect(failure.message).toContain(`127.0.0.1:${cluster.port}`);

    cluster.start();
    // A new engine (new connections) reads what crash recovery left.
    const fresh = await postgresEngine({ url, seesEveryBranch: true });
    engines.push(fresh);
    expect(await counts(fresh.db)).toEqual(before);
    await expectChainWhole(fresh.db, before.audit);

    // The engine that saw the crash writes again: its pool replaced the dead connections.
    await engine.transaction((tx) =>
      importCases(engine, tx, { run: 3, borrowers: 200, batch: 100, pauseMs: 0 }),
    );
    const after = plus(before, importAdds(200, 100));
    expect(await counts(fresh.db)).toEqual(after);
    await expectChainWhole(fresh.db, after.audit);
  });

  it('the server stopped (immediate) between the statements of a month close: no close, the chain verifies, the close then succeeds', async () => {
    const url = await cluster.createDatabase();
    const engine = await openMigrated(url);
    const manager = await staffMember(engine);
    await engine.transaction((tx) => closeMonth(engine, tx, '2026-01', manager));
    const before = await counts(engine.db);
    expect(before).toMatchObject({ closes: 1, audit: 2 });

    let reached = false;
    let resume!: () => void;
    const resumed = new Promise<void>((resolve) => (resume = resolve));
    const stopped = settle(
      engine.transaction((tx) =>
        closeMonth(engine, tx, '2026-02', manager, async () => {
          reached = true;
          await resumed;
        }),
      ),
    );
    await until('the close to have written its row', () => reached);
    cluster.stopImmediately();
    resume();

    const failure = failureOf(await stopped);
    expect(failure.code).toBe('PG_UNREACHABLE');

    cluster.start();
    const fresh = await postgresEngine({ url, seesEveryBranch: true });
    engines.push(fresh);
    expect(await counts(fresh.db)).toEqual(before);
    const months = await fresh.db.selectFrom('month_closes').select('month').execute();
    expect(months.map((m) => m.month)).toEqual(['2026-01']);
    await expectChainWhole(fresh.db, before.audit);

    // Nothing half-written stands in the way: the standing close of 2026-02 is unique.
    await engine.transaction((tx) => closeMonth(engine, tx, '2026-02', manager));
    expect(await counts(fresh.db)).toEqual(plus(before, { closes: 1, audit: 1, head: 1 }));
    await expectChainWhole(fresh.db, before.audit + 1);
  });

  it('a full disk on the server mid-import: DISK_FULL, nothing half-written, the chain verifies, the rest of the database works, and the import succeeds once there is room', async () => {
    // The import's tables live in a tablespace on a 2 MB tmpfs; the rest (the audit log, the
    // catalogs, the WAL) on the server's ordinary disk.
    const disk = cluster.smallDisk(2);
    const url = await cluster.createDatabase();
    const engine = await openMigrated(url);
    await cluster.superuser(async (c) => {
      await c.query(`CREATE TABLESPACE small LOCATION '${disk.dir}'`);
      for (const table of ['borrowers', 'loans']) {
        await c.query(`ALTER TABLE ${table} SET TABLESPACE small`);
        const { rows } = await c.query<{ index: string }>(
          `SELECT indexrelid::regclass::text AS index FROM pg_index WHERE indrelid = $1::regclass`,
          [table],
        );
        for (const { index } of rows) await c.query(`ALTER INDEX ${index} SET TABLESPACE small`);
      }
    }, url);
    const manager = await staffMember(engine);
    await engine.transaction((tx) =>
      importCases(engine, tx, { run: 1, borrowers: 100, batch: 100, pauseMs: 0 }),
    );
    const before = await counts(engine.db);

    const progress = { rows: 0 };
    const full = await settle(
      engine.transaction((tx) =>
        importCases(engine, tx, { run: 2, borrowers: 40_000, batch: 1000, pauseMs: 0, progress }),
      ),
    );
    const failure = failureOf(full);
    expect(failure.code).toBe('DISK_FULL');
    expect(failure.message).toMatch(/No space left on device/);
    expect(progress.rows).toBeGreaterThan(0);
    expect(progress.rows).toBeLessThan(40_000);
    expect(engine.retries).toBe(0);

    expect(await counts(engine.db)).toEqual(before);
    await expectChainWhole(engine.db, before.audit);

    // What is not on the full disk still takes writes, on the same engine.
    await engine.transaction((tx) => closeMonth(engine, tx, '2026-03', manager));
    const closed = plus(before, { closes: 1, audit: 1, head: 1 });
    expect(await counts(engine.db)).toEqual(closed);

    // The administrator makes room: the same import lands whole.
    disk.resize(64);
    await engine.transaction((tx) =>
      importCases(engine, tx, { run: 2, borrowers: 5000, batch: 1000, pauseMs: 0 }),
    );
    const after = plus(closed, importAdds(5000, 1000));
    expect(await counts(engine.db)).toEqual(after);
    await expectChainWhole(engine.db, after.audit);
  });

  it('a streaming replica given by mistake: PG_READ_ONLY before anything is written', async () => {
    const url = await cluster.createDatabase();
    const engine = await openMigrated(url);
    await engine.transaction((tx) =>
      importCases(engine, tx, { run: 1, borrowers: 50, batch: 50, pauseMs: 0 }),
    );
    const before = await counts(engine.db);
    const database = new URL(url).pathname.slice(1);

    const replicaUrl = await cluster.replica(database);
    // A real hot standby, streaming from the primary and holding its data.
    const standby = await cluster.superuser(
      async (c) =>
        (
          await c.query<{ recovery: boolean; borrowers: string }>(
            'SELECT pg_is_in_recovery() AS recovery, (SELECT count(*) FROM borrowers) AS borrowers',
          )
        ).rows[0]!,
      replicaUrl,
    );
    expect(standby).toEqual({ recovery: true, borrowers: String(before.borrowers) });

    const refused = await settle(postgresEngine({ url: replicaUrl, seesEveryBranch: true }));
    if (refused.ok) engines.push(refused.value);
    const failure = failureOf(refused);
    expect(failure.code).toBe('PG_READ_ONLY');
    expect(failure.message).toMatch(/replica/);
    expect(failure.message).not.toContain(decodeURIComponent(new URL(url).password));

    // Nothing was written on the primary either.
    expect(await counts(engine.db)).toEqual(before);
    await expectChainWhole(engine.db, before.audit);
  });
});

describe('PostgreSQL faults on the shared test cluster', () => {
  it('the connection dropped mid-transaction (pg_terminate_backend): the rows are absent, the error clear, the next transaction on the same engine succeeds', async () => {
    const under = await openTestEngine('postgres');
    try {
      const engine = under.engine;
      const database = new URL(under.url!).pathname.slice(1);
      await engine.transaction((tx) =>
        importCases(engine, tx, { run: 1, borrowers: 100, batch: 100, pauseMs: 0 }),
      );
      const before = await counts(engine.db);

      let reached = false;
      let resume!: () => void;
      const resumed = new Promise<void>((resolve) => (resume = resolve));
      let attempts = 0;
      const dropped = settle(
        engine.transaction(async (tx) => {
          attempts++;
          await importCases(engine, tx, { run: 2, borrowers: 500, batch: 100, pauseMs: 0 });
          reached = true;
          await resumed;
          await appendAuditRow(engine, tx, {
            staffId: null,
            action: 'cases.import.checked',
            entity: 'import',
            entityId: 2,
          });
        }),
      );
      await until('the transaction to be open', () => reached);
      await asSuperuser(async (c) => {
        const query = (text: string, values: unknown[]) => c.query(text, values);
        const open = (await backendsOf(database, query)).filter(
          (b) => b.state === 'idle in transaction',
        );
        expect(open).toHaveLength(1);
        await c.query('SELECT pg_terminate_backend($1, 5000)', [open[0]!.pid]);
      });
      resume();

      const failure = failureOf(await dropped);
      expect(failure.code).toBe('PG_UNREACHABLE');
      // Not run again: the engine retries only serialisation failures and deadlocks.
      expect(attempts).toBe(1);

      expect(await counts(engine.db)).toEqual(before);
      await expectChainWhole(engine.db, before.audit);

      await engine.transaction((tx) =>
        importCases(engine, tx, { run: 3, borrowers: 100, batch: 100, pauseMs: 0 }),
      );
      const after = plus(before, importAdds(100, 100));
      expect(await counts(engine.db)).toEqual(after);
      await expectChainWhole(engine.db, after.audit);
    } finally {
      await under.close();
    }
  });

  it('eight desks writing at once, 20 transactions each: the counter is 160, the chain 160 rows, ids gapless', async () => {
    const under = await openTestEngine('postgres');
    const desks: PostgresEngine[] = [];
    try {
      await under.engine.transaction((tx) =>
        tx.insertInto('meta').values({ key: 'fault_counter', value: '0' }).execute(),
      );
      for (let d = 0; d < 8; d++) desks.push(await postgresEngine({ url: under.url! }));
      await Promise.all(
        desks.map(async (desk, d) => {
          for (let n = 0; n < 20; n++) {
            await desk.transaction(async (tx) => {
              const row = await tx
                .selectFrom('meta')
                .select('value')
                .where('key', '=', 'fault_counter')
                .executeTakeFirstOrThrow();
              // The event loop runs between the read and the write: another desk's
              // transaction would interleave here if the engine let it.
              await sleep(1);
              await tx
                .updateTable('meta')
                .set({ value: String(Number(row.value) + 1) })
                .where('key', '=', 'fault_counter')
                .execute();
              await appendAuditRow(desk, tx, {
                staffId: null,
                action: 'desk.write',
                entity: 'desk',
                entityId: d,
                after: { desk: d, n, counter: Number(row.value) + 1 },
              });
            });
          }
        }),
      );
      const db = under.engine.db;
      const counter = await db
        .selectFrom('meta')
        .select('value')
        .where('key', '=', 'fault_counter')
        .executeTakeFirstOrThrow();
      expect(counter.value).toBe('160');
      await expectChainWhole(db, 160);
      const ids = await db.selectFrom('audit_log').select('id').orderBy('id').execute();
      expect(ids.map((r) => Number(r.id))).toEqual(Array.from({ length: 160 }, (_, i) => i + 1));
      const perDesk = await db
        .selectFrom('audit_log')
        .select(['entity_id', (eb) => eb.fn.countAll<string>().as('n')])
        .groupBy('entity_id')
        .orderBy('entity_id')
        .execute();
      expect(perDesk.map((r) => [r.entity_id, Number(r.n)])).toEqual(
        Array.from({ length: 8 }, (_, d) => [String(d), 20]),
      );
      // Each transaction saw the one before it: the counters the audit rows carry are 1…160.
      const seen = await sql<{ counter: number }>`
        SELECT (after::jsonb ->> 'counter')::int AS counter FROM audit_log ORDER BY id`.execute(db);
      expect(seen.rows.map((r) => r.counter)).toEqual(Array.from({ length: 160 }, (_, i) => i + 1));
    } finally {
      for (const desk of desks) await desk.close();
      await under.close();
    }
  });
});
