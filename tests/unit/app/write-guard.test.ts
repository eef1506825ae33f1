import fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { appendAudit } from '../../../electron/core/audit/audit';
import { verifyChain } from '../../../electron/core/audit/chain';
import { expectOk, MANAGER, signedInCore } from '../support/core';

const noteCount = (core: Awaited<ReturnType<typeof signedInCore>>) =>
  (
    core.app.db.prepare("SELECT count(*) AS n FROM meta WHERE key LIKE 'guard-%'").get() as {
      n: number;
    }
  ).n;

/**
 * Signed in, with the sign-in's background work (the due promises' evaluation, a write of its
 * own) finished: otherwise that write, queued behind a test's write, opens as soon as the
 * test's ends, and the test's own check on the connection lands inside it.
 */
async function settledCore() {
  const core = await signedInCore();
  await core.app.settle();
  return core;
}

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('app.write: a SQLite write transaction never gives the event loop a turn', () => {
  it('commits work that awaits only queries, several of them, with the still-synchronous features on the same transaction', async () => {
    const core = await settledCore();
    const hash = await core.app.write(async (tx) => {
      await tx.insertInto('meta').values({ key: 'guard-1', value: 'a' }).execute();
      const row = await tx
        .selectFrom('meta')
        .select('value')
        .where('key', '=', 'guard-1')
        .executeTakeFirstOrThrow();
      await tx.insertInto('meta').values({ key: 'guard-2', value: row.value }).execute();
      // A synchronous feature called with `db` inside the write sees its uncommitted rows.
      const seen = core.app.db.prepare("SELECT value FROM meta WHERE key = 'guard-2'").get();
      expect(seen).toEqual({ value: 'a' });
      return core.app.record(tx, { action: 'test.guard', entity: 'meta', entityId: 'guard-1' });
    });
    expect(noteCount(core)).toBe(2);
    const last = core.app.db
      .prepare('SELECT staff_id, action, hash FROM audit_log ORDER BY id DESC LIMIT 1')
      .get();
    expect(last).toEqual({ staff_id: 1, action: 'test.guard', hash });
    expect((await verifyChain(core.app.engine.db)).ok).toBe(true);
  });

  it('refuses the connection to other code while a write is open on it, and keeps the write whole', async () => {
    const core = await settledCore();
    let outside: unknown = null;
    let opened!: () => void;
    const isOpen = new Promise<void>((resolve) => (opened = resolve));
    const write = core.app.write(async (tx) => {
      await tx.insertInto('meta').values({ key: 'guard-1', value: 'a' }).execute();
      opened();
      await tx.insertInto('meta').values({ key: 'guard-2', value: 'b' }).execute();
    });
    // Another call's synchronous code, run in the same turn while the write is open (as two
    // calls under Promise.all would): its writes would land inside the open transaction. It is
    // refused instead.
    const other = isOpen.then(() => {
      try {
        core.app.db.prepare("INSERT INTO meta (key, value) VALUES ('guard-other', 'x')").run();
      } catch (error) {
        outside = error;
      }
    });
    await Promise.all([write, other]);
    expect(String(outside)).toMatch(/used outside the write transaction open on it/);
    expect(noteCount(core)).toBe(2);
    // Reads through the engine wait for the write instead, and the connection is free after it.
    expect(
      await core.app.engine.db
        .selectFrom('meta')
        .select('key')
        .where('key', '=', 'guard-2')
        .execute(),
    ).toEqual([{ key: 'guard-2' }]);
    expect(core.app.db.inTransaction).toBe(false);
  });

  it('rolls back and fails, naming the rule, when the work awaits a timer', async () => {
    const core = await settledCore();
    const write = core.app.write(async (tx) => {
      await tx.insertInto('meta').values({ key: 'guard-1', value: 'a' }).execute();
      await later(5);
      await tx.insertInto('meta').values({ key: 'guard-2', value: 'b' }).execute();
    });
    await expect(write).rejects.toThrow(/awaited something other than the database/);
    expect(noteCount(core)).toBe(0);
    expect(core.app.db.inTransaction).toBe(false);
  });

  it('rolls back when the work reads a file, and when it begins inside an immediate and awaits a zero timeout', async () => {
    const core = await settledCore();
    const fromFile = core.app.write(async (tx) => {
      await tx.insertInto('meta').values({ key: 'guard-1', value: 'a' }).execute();
      await fs.readFile(core.dbFile);
    });
    await expect(fromFile).rejects.toThrow(/awaited something other than the database/);
    // Begun in the loop's check phase, the next immediate comes after the next timers.
    const fromImmediate = new Promise<void>((resolve, reject) => {
      setImmediate(() => {
        core.app
          .write(async (tx) => {
            await tx.insertInto('meta').values({ key: 'guard-2', value: 'b' }).execute();
            const timer = later(0);
            // Past the timeout's millisecond, so it is due in the very next timers phase.
            const until = Date.now() + 3;
            while (Date.now() < until);
            await timer;
          })
          .then(resolve, reject);
      });
    });
    await expect(fromImmediate).rejects.toThrow(/awaited something other than the database/);
    expect(noteCount(core)).toBe(0);
  });

  it('keeps the work’s own error when it failed without yielding', async () => {
    const core = await settledCore();
    const write = core.app.write(async (tx) => {
      await tx.insertInto('meta').values({ key: 'guard-1', value: 'a' }).execute();
      throw new Error('the rule checked inside refused');
    });
    await expect(write).rejects.toThrow('the rule checked inside refused');
    expect(noteCount(core)).toBe(0);
  });

  it('record writes the same chain as audit, as the signed-in account', async () => {
    const core = await settledCore();
    appendAudit(core.app.db, { staffId: null, action: 'test.sync', entity: 'x' });
    await core.app.write((tx) =>
      core.app.record(tx, { action: 'test.async', entity: 'x', after: { a: 1 } }),
    );
    core.app.audit({ action: 'test.sync', entity: 'x' });
    const rows = core.app.db
      .prepare('SELECT staff_id, action, after FROM audit_log ORDER BY id DESC LIMIT 3')
      .all();
    expect(rows).toEqual([
      { staff_id: 1, action: 'test.sync', after: null },
      { staff_id: 1, action: 'test.async', after: '{"a":1}' },
      { staff_id: null, action: 'test.sync', after: null },
    ]);
    expect((await verifyChain(core.app.engine.db)).ok).toBe(true);
  });

  it('gives each connection its own engine: a new one after the database is closed and opened again', async () => {
    const core = await settledCore();
    const before = core.app.engine;
    expect(core.app.engine).toBe(before);
    core.app.lock('signOut');
    expect(() => core.app.engine).toThrow('the database is locked');
    expectOk(await core.invoke('auth:signIn', MANAGER));
    const after = core.app.engine;
    expect(after).not.toBe(before);
    await core.app.write((tx) =>
      tx.insertInto('meta').values({ key: 'guard-1', value: 'a' }).execute(),
    );
    expect(noteCount(core)).toBe(1);
  });
});
