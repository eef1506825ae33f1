import fc from 'fast-check';
import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { postgresEngine } from '../../../electron/core/db/postgres/connect';
import { readInOneSnapshot, readTogether } from '../../../electron/core/db/postgres/snapshot';
import type { DB } from '../../../electron/core/db/schema';
import { testEngines } from '../planning/engine-desk';
import { asSuperuser } from '../support/postgres';

/**
 * Reads that see PostgreSQL at one instant (db/postgres/snapshot.ts): a write committed while
 * a read is under way is in none of its answers, whichever connection each query ran on, and
 * groups of connections never wait for one another for ever.
 */

const engineOn = testEngines();

const notes = async (db: Kysely<DB>) =>
  Number(
    (await sql<{ n: string }>`SELECT count(*) AS n FROM meta WHERE key LIKE 'snap-%'`.execute(db))
      .rows[0]!.n,
  );

const addNote = (db: Kysely<DB>, key: string) =>
  db.insertInto('meta').values({ key, value: 'x' }).execute();

describe('reads at one instant on PostgreSQL', () => {
  it('shares one snapshot across connections: a write committed in between is in no answer', async () => {
    const { engine } = await engineOn('postgres');
    await engine.transaction((tx) => addNote(tx, 'snap-1'));
    const seen = await readTogether(engine.db, 3, async (db) => {
      const first = await notes(db);
      // Another desk commits now, while the read is under way.
      await engine.transaction((tx) => addNote(tx, 'snap-2'));
      // Sent at once, so each runs on its own connection of the group.
      const pids = await Promise.all(
        [0, 1, 2].map(async () => {
          const { rows } = await sql<{ pid: number; n: string }>`
            SELECT pg_backend_pid() AS pid, (SELECT count(*) FROM meta WHERE key LIKE 'snap-%') AS n,
              pg_sleep(0.05)`.execute(db);
          return { pid: rows[0]!.pid, n: Number(rows[0]!.n) };
        }),
      );
      return { first, later: pids.map((p) => p.n), connections: new Set(pids.map((p) => p.pid)) };
    });
    expect(seen.first).toBe(1);
    expect(seen.later).toEqual([1, 1, 1]);
    expect(seen.connections.size).toBe(3);
    // Afterwards the pool sees the write.
    expect(await notes(engine.db)).toBe(2);
  });

  it('runs a read of one query after another in one snapshot', async () => {
    const { engine } = await engineOn('postgres');
    const seen = await readInOneSnapshot(engine.db, async (db) => {
      const before = await notes(db);
      await engine.transaction((tx) => addNote(tx, 'snap-1'));
      return [before, await notes(db)];
    });
    expect(seen).toEqual([0, 0]);
    expect(await notes(engine.db)).toBe(1);
  });

  it('refuses a write inside a shared snapshot, and leaves the database as it was', async () => {
    const { engine } = await engineOn('postgres');
    await expect(readTogether(engine.db, 2, (db) => addNote(db, 'snap-1'))).rejects.toThrow(
      /read-only transaction/,
    );
    expect(await notes(engine.db)).toBe(0);
  });

  it('gives every one of many groups at once its connections (more than the pool holds in all)', async () => {
    const { engine } = await engineOn('postgres');
    await engine.transaction((tx) => addNote(tx, 'snap-1'));
    // Eight groups of four: 32 connections asked of a pool of 10.
    const counts = await Promise.all(
      Array.from({ length: 8 }, () =>
        readTogether(engine.db, 4, (db) => Promise.all([0, 1, 2, 3].map(() => notes(db)))),
      ),
    );
    expect(counts).toEqual(Array.from({ length: 8 }, () => [1, 1, 1, 1]));
  });

  it('fails as a whole, and holds no connection, when the work fails', async () => {
    const { engine } = await engineOn('postgres');
    await expect(
      readTogether(engine.db, 3, async (db) => {
        await sql`SELECT no_such_column FROM meta`.execute(db);
      }),
    ).rejects.toThrow(/no_such_column/);
    // Every connection went back to the pool: ten readers at once still get theirs.
    expect(await readTogether(engine.db, 10, (db) => notes(db))).toBe(0);
  });

  it('answers before its read-only transaction ends, as the plain transaction would have answered (property)', async () => {
    const { engine, url } = await engineOn('postgres');
    const login = decodeURIComponent(new URL(url!).username);
    /** The plain path: Kysely's own transaction, answered after its COMMIT. */
    const plain = <T>(work: (db: Kysely<DB>) => Promise<T>) =>
      engine.db
        .transaction()
        .setIsolationLevel('repeatable read')
        .setAccessMode('read only')
        .execute(work);
    let written = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.constant({ kind: 'write' as const }),
            fc.record({
              kind: fc.constant('read' as const),
              readers: fc.integer({ min: 1, max: 4 }),
            }),
          ),
          { minLength: 1, maxLength: 12 },
        ),
        async (steps) => {
          // Each step is started at once, none waiting for the one before: reads overlap writes
          // and each other, and a read's transaction may still be ending when the next starts.
          const answers = await Promise.all(
            steps.map(async (step) => {
              if (step.kind === 'write') {
                await engine.transaction((tx) => addNote(tx, `snap-w${written++}`));
                return null;
              }
              const read = (db: Kysely<DB>) => Promise.all([notes(db), notes(db), notes(db)]);
              const [fast, slow] = await Promise.all([
                readTogether(engine.db, step.readers, read),
                plain(read),
              ]);
              return { fast, slow };
            }),
          );
          const writes = steps.some((step) => step.kind === 'write');
          for (const answer of answers) {
            if (!answer) continue;
            // Nothing written meanwhile: the same answer as the plain path.
            if (!writes) expect(answer.fast).toEqual(answer.slow);
            // One instant for each read: its three queries agree.
            expect(new Set(answer.fast).size).toBe(1);
            expect(new Set(answer.slow).size).toBe(1);
            expect(answer.fast[0]).toBeLessThanOrEqual(written);
          }
          // Straight after the last answer, a write on the pool succeeds (no connection was
          // handed back still inside its read-only transaction) and a read sees it.
          await engine.transaction((tx) => addNote(tx, `snap-w${written++}`));
          const [after] = await readInOneSnapshot(engine.db, (db) => Promise.all([notes(db)]));
          expect(after).toBe(written);
        },
      ),
      { numRuns: 25, seed: 20261206 },
    );
    // Every transaction ended: none of the login's connections stays inside one.
    const inTransaction = async () =>
      asSuperuser(async (client) => {
        const { rows } = await client.query<{ n: number }>(
          `SELECT count(*)::integer AS n FROM pg_stat_activity
            WHERE usename = $1 AND state LIKE 'idle in transaction%'`,
          [login],
        );
        return rows[0]!.n;
      });
    const deadline = Date.now() + 10_000;
    while ((await inTransaction()) > 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(await inTransaction()).toBe(0);
  });

  it('fails, and lets go of the connections it had, when one of a group cannot be had', async () => {
    const { url } = await engineOn('postgres');
    const login = decodeURIComponent(new URL(url!).username);
    // The server takes only two more connections of this login (the suite's own engine holds
    // some): the group's third is refused.
    await asSuperuser(async (client) => {
      const { rows } = await client.query<{ n: number }>(
        'SELECT count(*)::integer AS n FROM pg_stat_activity WHERE usename = $1',
        [login],
      );
      await client.query(
        `ALTER ROLE ${client.escapeIdentifier(login)} CONNECTION LIMIT ${rows[0]!.n + 2}`,
      );
    });
    const engine = await postgresEngine({ url: url! });
    try {
      // Its checks on connecting used one connection, idle in its pool now.
      await expect(readTogether(engine.db, 3, (db) => notes(db))).rejects.toThrow(
        /too many connections/,
      );
      // The two it had are back in the pool: a group of two gets them.
      expect(await readTogether(engine.db, 2, (db) => notes(db))).toBe(0);
    } finally {
      await engine.close();
    }
  });
});
