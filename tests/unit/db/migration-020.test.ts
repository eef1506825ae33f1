import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { newDatabaseKey } from '../../../electron/core/db/keyslots';
import { migrate } from '../../../electron/core/db/migrations';
import { openEncrypted } from '../../../electron/core/db/open';
import { migratePostgres } from '../../../electron/core/db/postgres/migrate';
import type { Sqlite } from '../../../electron/core/db/sqlite';
import { nodeDriver } from '../../../electron/core/node';
import { tempDir } from '../support/core';
import { freshDatabase, type TestDatabase } from '../support/postgres';

/**
 * Migration 020: a sequence row per branch code and year, filled from the receipts issued
 * before it. Receipts of two years, some with numbers from before the SJ series (which share
 * the sequence), and a series of an earlier branch code; on PostgreSQL also another branch's.
 * Only the receipts' own columns matter here, so they are written without their payments and
 * records (foreign keys off on SQLite, replication mode on PostgreSQL).
 */

const t = '2026-03-01T00:00:00.000Z';

/** [receipt_no, branch_code, year, seq], out of order as a real table may hold them. */
const issued: [string, string, number, number][] = [
  ['QS001-SJ-2025-000003', 'QS001', 2025, 3],
  ['QS001-2025-000001', 'QS001', 2025, 1],
  ['QS001-2026-000001', 'QS001', 2026, 1],
  ['QS001-2025-000002', 'QS001', 2025, 2],
  ['QS001-SJ-2026-000002', 'QS001', 2026, 2],
  ['QS009-2024-000001', 'QS009', 2024, 1],
];

/** Each series' last number, by hand: 2025 ends at 3, 2026 at 2, QS009's 2024 at 1. */
const expected = [
  { branch_code: 'QS001', year: 2025, last_seq: 3 },
  { branch_code: 'QS001', year: 2026, last_seq: 2 },
  { branch_code: 'QS009', year: 2024, last_seq: 1 },
];

function sqliteAt(version: number): Sqlite {
  const db = openEncrypted(path.join(tempDir(), 'm.db'), newDatabaseKey(), {
    driver: nodeDriver,
    create: true,
  });
  migrate(db, version);
  return db;
}

const sqliteSequences = (db: Sqlite) =>
  db
    .prepare('SELECT branch_code, year, last_seq FROM receipt_sequences ORDER BY branch_code, year')
    .all();

describe('migration 020 on SQLite: receipt sequences', () => {
  it('continues each series from the receipts issued before it', () => {
    const db = sqliteAt(19);
    db.pragma('foreign_keys = OFF');
    const insert = db.prepare(
      `INSERT INTO receipts (receipt_no, branch_code, year, seq, payment_id, visit_record_id,
         paid_at, issued_by, issued_at) VALUES (?, ?, ?, ?, ?, ?, '2025-06-01T10:00', 1, '${t}')`,
    );
    issued.forEach(([no, code, year, seq], i) => insert.run(no, code, year, seq, i + 1, i + 1));
    db.pragma('foreign_keys = ON');

    expect(migrate(db, 20)).toBe(20);
    expect(sqliteSequences(db)).toEqual(expected);
    expect(db.prepare('SELECT count(*) AS n FROM receipts').get()).toEqual({ n: 6 });
    db.close();
  });

  it('starts empty in a new database, and a row only moves on by one and stays', () => {
    const db = sqliteAt(20);
    expect(sqliteSequences(db)).toEqual([]);
    db.prepare(
      "INSERT INTO receipt_sequences (branch_code, year, last_seq) VALUES ('QS001', 2026, 1)",
    ).run();
    const set = (change: string) =>
      db.prepare(`UPDATE receipt_sequences SET ${change} WHERE year = 2026`).run().changes;
    expect(set('last_seq = last_seq + 1')).toBe(1);
    expect(() => set('last_seq = last_seq + 2')).toThrow('a receipt sequence only moves on by one');
    expect(() => set('last_seq = last_seq - 1')).toThrow('a receipt sequence only moves on by one');
    expect(() => set('last_seq = last_seq + 1, year = 2027')).toThrow(
      'a receipt sequence only moves on by one',
    );
    expect(() => db.prepare('DELETE FROM receipt_sequences').run()).toThrow(
      'receipt sequences are never deleted',
    );
    expect(() =>
      db
        .prepare(
          "INSERT INTO receipt_sequences (branch_code, year, last_seq) VALUES ('QS001', 2026, 9)",
        )
        .run(),
    ).toThrow(/UNIQUE/);
    expect(sqliteSequences(db)).toEqual([{ branch_code: 'QS001', year: 2026, last_seq: 2 }]);
    db.close();
  });
});

const opened: { db: Kysely<unknown>; database: TestDatabase }[] = [];

/** A new PostgreSQL database and a pool of the cluster's superuser working for branch 1. */
async function postgresDatabase() {
  const database = await freshDatabase();
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  pool.on('connect', (client) => {
    void client.query("SELECT set_config('visitdesk.branch_id', '1', false)");
  });
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  opened.push({ db, database });
  return db;
}

afterEach(async () => {
  for (const { db, database } of opened.splice(0)) {
    await db.destroy();
    await database.drop();
  }
});

interface SequenceRow {
  branch_id: number;
  branch_code: string;
  year: number;
  last_seq: number;
}

const postgresSequences = async (db: Kysely<unknown>) =>
  (
    await sql<SequenceRow>`SELECT branch_id, branch_code, year, last_seq FROM receipt_sequences
      ORDER BY branch_id, branch_code, year`.execute(db)
  ).rows;

describe('migration 020 on PostgreSQL: receipt sequences', () => {
  it('continues each branch’s series from the receipts issued before it', async () => {
    const db = await postgresDatabase();
    expect(await migratePostgres(db, { target: 19 })).toBe(19);
    // Branch 2 shares the database: its own series, which the superuser's fill sees too.
    const rows = [
      ...issued.map(([no, code, year, seq]) => ({ branch: 1, no, code, year, seq })),
      ...[1, 2, 3, 4].map((seq) => ({
        branch: 2,
        no: `QS002-SJ-2026-00000${seq}`,
        code: 'QS002',
        year: 2026,
        seq,
      })),
    ];
    await db.transaction().execute(async (tx) => {
      await sql`SET LOCAL session_replication_role = replica`.execute(tx);
      for (const [i, r] of rows.entries()) {
        await sql`INSERT INTO receipts (branch_id, receipt_no, branch_code, year, seq, payment_id,
            visit_record_id, paid_at, issued_by, issued_at)
          VALUES (${r.branch}, ${r.no}, ${r.code}, ${r.year}, ${r.seq}, ${i + 1}, ${i + 1},
            '2025-06-01T10:00', 1, ${t})`.execute(tx);
      }
    });

    expect(await migratePostgres(db, { target: 20 })).toBe(20);
    const sequences = await postgresSequences(db);
    expect(sequences).toEqual([
      ...expected.map((e) => ({ branch_id: 1, ...e })),
      { branch_id: 2, branch_code: 'QS002', year: 2026, last_seq: 4 },
    ]);
  });

  it('starts empty in a new database, and a row only moves on by one and stays', async () => {
    const db = await postgresDatabase();
    expect(await migratePostgres(db, { target: 20 })).toBe(20);
    expect(await postgresSequences(db)).toEqual([]);
    await sql`INSERT INTO receipt_sequences (branch_code, year, last_seq)
      VALUES ('QS001', 2026, 1)`.execute(db);
    const set = async (change: string) =>
      Number(
        (await sql`UPDATE receipt_sequences SET ${sql.raw(change)} WHERE year = 2026`.execute(db))
          .numAffectedRows,
      );
    expect(await set('last_seq = last_seq + 1')).toBe(1);
    for (const change of [
      'last_seq = last_seq + 2',
      'last_seq = last_seq - 1',
      'last_seq = last_seq + 1, year = 2027',
      'last_seq = last_seq + 1, branch_id = 2',
    ]) {
      await expect(set(change), change).rejects.toThrow('a receipt sequence only moves on by one');
    }
    for (const statement of ['DELETE FROM receipt_sequences', 'TRUNCATE receipt_sequences']) {
      await expect(sql.raw(statement).execute(db), statement).rejects.toThrow(
        'receipt sequences are never deleted',
      );
    }
    await expect(
      sql`INSERT INTO receipt_sequences (branch_code, year, last_seq)
        VALUES ('QS001', 2026, 9)`.execute(db),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await postgresSequences(db)).toEqual([
      { branch_id: 1, branch_code: 'QS001', year: 2026, last_seq: 2 },
    ]);
  });
});
