import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { copySqliteToPostgres } from '../../../electron/core/db/postgres/copy-from-sqlite';
import type { SummaryOutput } from '../../../electron/shared/schemas/reports';
import {
  bareQueryPool,
  deskInvoke,
  engineDesk,
  PgReplay,
  recordQueries,
} from '../../bench/postgres';
import { seedMarch2026 } from '../reports/dataset';
import { expectOk, signedInCore } from '../support/core';
import { postgresEngine } from '../../../electron/core/db/postgres/connect';
import { migratePostgres } from '../../../electron/core/db/postgres/migrate';
import type { Engine } from '../../../electron/core/db/engine';
import { freshAppDatabase } from '../support/postgres';

/**
 * The PostgreSQL baseline of the read cases (tests/bench/postgres.ts): the queries a channel
 * sent through the engine's pool, recorded and replayed bare with pg on a plain pool, give the
 * rows the service read; on a small branch built on SQLite and copied, as the benchmark does.
 */

const NOW = new Date('2026-11-29T02:00:00.000Z');

let open: { close(): Promise<unknown> }[] = [];
afterEach(async () => {
  for (const o of open.reverse()) await o.close();
  open = [];
});

/**
 * A migrated database owned by a login of its own that row-level security binds, as the
 * benchmark's (and a desk's): its queries carry the branch policies.
 */
async function postgresTarget(): Promise<{ engine: Engine; url: string }> {
  const database = await freshAppDatabase();
  open.push({ close: () => database.drop() });
  const engine = await postgresEngine({ url: database.appUrl });
  open.push(engine);
  await migratePostgres(engine.db);
  return { engine, url: database.appUrl };
}

describe('PostgreSQL baseline: recorded queries replayed bare', () => {
  it('replays the monthly summary’s queries with the rows the service read, and the summary is SQLite’s', async () => {
    const core = await signedInCore({ now: () => new Date(NOW.getTime()) });
    const { a, b } = seedMarch2026(core.app.db);
    await core.app.settle();
    const target = await postgresTarget();
    await copySqliteToPostgres(core.app.db, target.engine);
    const session = core.app.session!;
    const invoke = deskInvoke(engineDesk(target.engine, { ...session }, () => new Date(NOW)));
    const pool = bareQueryPool(target.url);
    open.push({ close: () => pool.end() });

    const { result, calls } = await recordQueries(
      () => invoke('reports:summary', { month: '2026-03' }),
      { keepRows: true },
    );
    const onPostgres = expectOk(result) as SummaryOutput;
    const onSqlite = expectOk(await core.invoke('reports:summary', { month: '2026-03' }));
    // Hand-worked in tests/unit/reports/figures.test.ts; the same on both engines.
    expect(onPostgres.figures.branch).toMatchObject({
      visitsPlanned: 6,
      visitsDone: 3,
      promisesKept: 2,
      collectedFen: 125000,
    });
    expect(onPostgres.figures.officers.map((o) => o.staffId)).toEqual([a, b, session.staffId]);
    expect(onPostgres.figures).toEqual(onSqlite.figures);

    // The figures are read at one instant: the snapshot's own statements were recorded and are
    // left out of the replay, which runs the data queries alone, each with its parameters;
    // none of a new connection's set-up.
    const replay = new PgReplay(pool, calls);
    const left = calls.filter((c) => !replay.queries.includes(c));
    expect(
      left.some((c) => /^start transaction isolation level repeatable read read only/i.test(c.sql)),
    ).toBe(true);
    expect(
      left.every((c) =>
        /^(start transaction .*read only|set transaction snapshot|select pg_export_snapshot\(\)|rollback)/i.test(
          c.sql,
        ),
      ),
    ).toBe(true);
    expect(replay.queries.length).toBeGreaterThan(3);
    expect(replay.queries.every((c) => /^\s*(select|with)\b/i.test(c.sql))).toBe(true);
    expect(replay.queries.some((c) => c.params.length > 0)).toBe(true);
    expect(calls.some((c) => /SET TimeZone/.test(c.sql))).toBe(false);
    const replayed = await replay.run();
    expect(replayed).toEqual(replay.queries.map((c) => c.rows));
    // The rows are not empty: the figures above came from them.
    expect(replayed.some((rows) => rows.length > 0)).toBe(true);
    // The replay ran on the plain pool, which the recording left out.
    const again = await recordQueries(() => new PgReplay(pool, calls).run());
    expect(again.calls).toEqual([]);
  });

  it('groups queries sent together into one batch, and refuses a write', async () => {
    const target = await postgresTarget();
    const db = target.engine.db;
    const pool = bareQueryPool(target.url);
    open.push({ close: () => pool.end() });
    // The first query waits for a lock the baseline's pool holds (not recorded) until the
    // second has been answered: both were in flight at once, whatever the machine's speed.
    const holder = await pool.connect();
    await holder.query('SELECT pg_advisory_lock(7)');
    const { result, calls } = await recordQueries(async () => {
      const first = sql<{ a: number }>`SELECT 1 AS a FROM pg_advisory_xact_lock(7)`.execute(db);
      const second = await sql<{ b: number }>`SELECT 2 AS b`.execute(db);
      await holder.query('SELECT pg_advisory_unlock(7)');
      holder.release();
      const a = (await first).rows[0]!.a;
      // Sent once both were answered: a batch of its own.
      const after = await sql<{ c: number }>`SELECT ${3}::integer AS c`.execute(db);
      return [a, second.rows[0]!.b, after.rows[0]!.c];
    });
    expect(result).toEqual([1, 2, 3]);
    expect(calls.map((c) => [c.sql, c.params, c.batch])).toEqual([
      ['SELECT 1 AS a FROM pg_advisory_xact_lock(7)', [], 0],
      ['SELECT 2 AS b', [], 0],
      ['SELECT $1::integer AS c', [3], 1],
    ]);
    expect(await new PgReplay(pool, calls.slice(1)).run()).toEqual([[{ b: 2 }], [{ c: 3 }]]);

    const wrote = await recordQueries(() =>
      sql`UPDATE settings SET value = value WHERE key = 'none'`.execute(db),
    );
    expect(() => new PgReplay(pool, wrote.calls)).toThrow(/a read case wrote \(UPDATE settings/);
    expect(() => new PgReplay(pool, [])).toThrow(/nothing to replay/);
  });
});
