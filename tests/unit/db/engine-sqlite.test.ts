import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sqliteEngine, type Engine } from '../../../electron/core/db/engine';
import { newDatabaseKey } from '../../../electron/core/db/keyslots';
import { migrate } from '../../../electron/core/db/migrations';
import { openEncrypted } from '../../../electron/core/db/open';
import type { Sqlite } from '../../../electron/core/db/sqlite';
import { nodeDriver } from '../../../electron/core/node';
import { tempDir } from '../support/core';

const opened: Sqlite[] = [];
afterEach(() => {
  for (const connection of opened.splice(0)) connection.close();
});

function encrypted(): { connection: Sqlite; file: string; key: Buffer } {
  const file = path.join(tempDir(), 'engine.db');
  const key = newDatabaseKey();
  const connection = openEncrypted(file, key, { driver: nodeDriver, create: true });
  opened.push(connection);
  migrate(connection);
  return { connection, file, key };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function setting(engine: Engine, key: string): Promise<string | undefined> {
  const row = await engine.db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.value;
}

describe('the SQLite engine', () => {
  it('runs Kysely queries on the app’s encrypted connection', async () => {
    const { connection, file } = encrypted();
    const engine = sqliteEngine(connection);
    await engine.db.insertInto('settings').values({ key: 'engine.test', value: 'on' }).execute();
    expect(await setting(engine, 'engine.test')).toBe('on');
    // The same connection: the app's synchronous code sees the row at once.
    expect(
      connection.prepare("SELECT value FROM settings WHERE key = 'engine.test'").get(),
    ).toEqual({ value: 'on' });
    const count = await sql<{ n: number }>`SELECT count(*) AS n FROM settings`.execute(engine.db);
    expect(count.rows[0]?.n).toBeGreaterThan(0);
    connection.pragma('wal_checkpoint(TRUNCATE)');
    expect(fs.readFileSync(file).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    const { connection } = encrypted();
    const engine = sqliteEngine(connection);
    const answer = await engine.transaction(async (tx) => {
      await tx.insertInto('settings').values({ key: 'kept', value: '1' }).execute();
      return 'done';
    });
    expect(answer).toBe('done');
    await expect(
      engine.transaction(async (tx) => {
        await tx.insertInto('settings').values({ key: 'dropped', value: '1' }).execute();
        await pause(5);
        throw new Error('refused half-way');
      }),
    ).rejects.toThrow('refused half-way');
    expect(await setting(engine, 'kept')).toBe('1');
    expect(await setting(engine, 'dropped')).toBeUndefined();
    expect(connection.inTransaction).toBe(false);
  });

  it('takes the write lock when a transaction begins, before its first write', async () => {
    const { connection, file, key } = encrypted();
    const engine = sqliteEngine(connection);
    const other = openEncrypted(file, key, { driver: nodeDriver });
    opened.push(other);
    other.pragma('busy_timeout=0');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const begun = new Promise<void>((resolve) => (started = resolve));
    const transaction = engine.transaction(async (tx) => {
      await tx.selectFrom('settings').select('key').execute();
      started();
      await held;
    });
    await begun;
    // Only a read so far, yet another writer is already kept out (BEGIN IMMEDIATE).
    expect(() =>
      other.prepare("INSERT INTO settings (key, value) VALUES ('other', '1')").run(),
    ).toThrow(expect.objectContaining({ code: 'SQLITE_BUSY' }) as Error);
    release();
    await transaction;
    other.prepare("INSERT INTO settings (key, value) VALUES ('other', '1')").run();
    expect(await setting(engine, 'other')).toBe('1');
  });

  it('runs two concurrent transactions one after the other, awaits inside included', async () => {
    const { connection } = encrypted();
    const engine = sqliteEngine(connection);
    await engine.db.insertInto('settings').values({ key: 'counter', value: '0' }).execute();
    const steps: string[] = [];
    const increment = (name: string) =>
      engine.transaction(async (tx) => {
        steps.push(`${name} reads`);
        const row = await tx
          .selectFrom('settings')
          .select('value')
          .where('key', '=', 'counter')
          .executeTakeFirstOrThrow();
        await pause(20);
        await tx
          .updateTable('settings')
          .set({ value: String(Number(row.value) + 1) })
          .where('key', '=', 'counter')
          .execute();
        await pause(5);
        steps.push(`${name} writes`);
      });
    await Promise.all([increment('a'), increment('b'), increment('c')]);
    expect(steps).toEqual(['a reads', 'a writes', 'b reads', 'b writes', 'c reads', 'c writes']);
    expect(await setting(engine, 'counter')).toBe('3');
  });

  it('prepares a repeated query once per connection', async () => {
    const { connection } = encrypted();
    const prepare = vi.spyOn(connection, 'prepare');
    const engine = sqliteEngine(connection);
    for (const key of ['a', 'b', 'c', 'd']) {
      await engine.db.insertInto('settings').values({ key, value: key }).execute();
      expect(await setting(engine, key)).toBe(key);
    }
    const texts = prepare.mock.calls.map(([text]) => text);
    expect(texts.filter((text) => /^insert into "settings"/.test(text))).toHaveLength(1);
    expect(texts.filter((text) => /^select "value" from "settings"/.test(text))).toHaveLength(1);
    // A second engine on the same connection reuses the statements.
    const again = sqliteEngine(connection);
    expect(await setting(again, 'a')).toBe('a');
    expect(texts.length).toBe(prepare.mock.calls.length);
    prepare.mockRestore();
  });

  it('leaves the connection open when the engine closes', async () => {
    const { connection } = encrypted();
    const engine = sqliteEngine(connection);
    await engine.db.insertInto('settings').values({ key: 'after', value: 'close' }).execute();
    await engine.close();
    expect(connection.open).toBe(true);
    expect(connection.prepare("SELECT value FROM settings WHERE key = 'after'").get()).toEqual({
      value: 'close',
    });
  });
});
