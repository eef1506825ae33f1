import crypto from 'node:crypto';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../../electron/core/audit/audit';
import { appendAuditRow, verifyChain } from '../../../electron/core/audit/chain';
import type { Engine } from '../../../electron/core/db/engine';
import { newDatabaseKey } from '../../../electron/core/db/keyslots';
import { migrate } from '../../../electron/core/db/migrations';
import { openEncrypted } from '../../../electron/core/db/open';
import { postgresEngine } from '../../../electron/core/db/postgres/connect';
import { migratePostgres } from '../../../electron/core/db/postgres/migrate';
import type { DB } from '../../../electron/core/db/schema';
import type { Sqlite } from '../../../electron/core/db/sqlite';
import { nodeDriver } from '../../../electron/core/node';
import { tempDir } from '../support/core';
import { freshAppDatabase } from '../support/postgres';

/**
 * Migration 022: the branch server's `desks` and `enrolment_codes`, and `audit_log.desk_id`,
 * which the chain's hash covers only when it is set. A chain written before the migration
 * verifies after it with the same head; a row without a desk hashes as the nine fields it
 * always had (worked out here from the canonical JSON, not with auditHash); a row with a desk
 * hashes its desk too, so changing it breaks the chain there. On PostgreSQL the two tables are
 * also bound to the connection's branch by row-level security.
 */

const GENESIS = '0'.repeat(64);
const sha256 = (text: string) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

/** Two rows as the code of migration 021's time wrote them (no desk). */
const before = [
  {
    staffId: null,
    action: 'auth.setup',
    entity: 'branch',
    entityId: 1,
    at: '2026-03-01T01:02:03.004Z',
    after: { name: '石桥支行' },
  },
  {
    staffId: 1,
    action: 'access.refused',
    entity: 'channel',
    entityId: 'backup:restore',
    success: false,
    at: '2026-03-01T02:00:00.500Z',
    after: { role: 'officer' },
  },
];

/** Row 1's hash by hand: the genesis hash and its nine stored fields, as JSON. */
const row1Hash = sha256(
  JSON.stringify([
    GENESIS,
    '2026-03-01T01:02:03.004Z',
    null,
    'auth.setup',
    'branch',
    '1',
    1,
    null,
    '{"name":"石桥支行"}',
  ]),
);
/** Row 2's, linked to row 1: the refusal stored with success 0. */
const row2Hash = sha256(
  JSON.stringify([
    row1Hash,
    '2026-03-01T02:00:00.500Z',
    1,
    'access.refused',
    'channel',
    'backup:restore',
    0,
    null,
    '{"role":"officer"}',
  ]),
);

const DESK = '6f1c2a7e-0b4d-4c8e-9a35-1d2e3f405162';
const OTHER_DESK = '0a0b0c0d-1111-4222-8333-444455556666';

/** Row 3, written after the migration for a desk. */
const deskEntry = {
  staffId: 1,
  action: 'desks.enrolled',
  entity: 'desk',
  entityId: DESK,
  at: '2026-03-02T08:00:00.000Z',
  after: { name: '前台一号机' },
  deskId: DESK,
};
/** Its hash by hand: the nine fields and then the desk. */
const row3Hash = sha256(
  JSON.stringify([
    row2Hash,
    '2026-03-02T08:00:00.000Z',
    1,
    'desks.enrolled',
    'desk',
    DESK,
    1,
    null,
    '{"name":"前台一号机"}',
    DESK,
  ]),
);
/** Row 4, after the migration with no desk: hashed as before it. */
const plainEntry = {
  staffId: 1,
  action: 'auth.signOut',
  entity: 'staff',
  entityId: 1,
  at: '2026-03-02T09:00:00.000Z',
};
const row4Hash = sha256(
  JSON.stringify([
    row3Hash,
    '2026-03-02T09:00:00.000Z',
    1,
    'auth.signOut',
    'staff',
    '1',
    1,
    null,
    null,
  ]),
);

const HASH = 'a'.repeat(64);
const AT = '2026-03-02T08:00:00.000Z';

/** The constraint breaches both engines refuse, as a desk's or a code's columns. */
const badDesks: [string, { id: string; name: string; secret: string; revokedAt: string | null }][] =
  [
    ['an id not 36 long', { id: DESK.slice(1), name: '甲', secret: HASH, revokedAt: null }],
    ['an empty name', { id: DESK, name: '', secret: HASH, revokedAt: null }],
    ['a name of spaces', { id: DESK, name: '   ', secret: HASH, revokedAt: null }],
    ['a name of 61', { id: DESK, name: '机'.repeat(61), secret: HASH, revokedAt: null }],
    ['a secret hash of 63', { id: DESK, name: '甲', secret: HASH.slice(1), revokedAt: null }],
    ['a secret hash of 65', { id: DESK, name: '甲', secret: `${HASH}a`, revokedAt: null }],
    ['revoked with no one revoking', { id: DESK, name: '甲', secret: HASH, revokedAt: AT }],
  ];

function sqliteAt(version: number): Sqlite {
  const db = openEncrypted(path.join(tempDir(), 'm.db'), newDatabaseKey(), {
    driver: nodeDriver,
    create: true,
  });
  migrate(db, version);
  return db;
}

describe('migration 022 on SQLite: desks, enrolment codes and the audit row’s desk', () => {
  it('keeps a chain written before it verifying with the same head, each row hashed as before', () => {
    const db = sqliteAt(21);
    for (const entry of before) db.transaction(() => appendAudit(db, entry))();
    expect(verifyAuditChain(db)).toEqual({ ok: true, rows: 2, head: row2Hash, firstBadId: null });

    expect(migrate(db, 22)).toBe(22);
    expect(verifyAuditChain(db)).toEqual({ ok: true, rows: 2, head: row2Hash, firstBadId: null });
    expect(db.prepare('SELECT hash, desk_id FROM audit_log ORDER BY id').all()).toEqual([
      { hash: row1Hash, desk_id: null },
      { hash: row2Hash, desk_id: null },
    ]);

    // A row for a desk hashes its desk; one without, the nine fields as before 022.
    db.transaction(() => appendAudit(db, deskEntry))();
    db.transaction(() => appendAudit(db, plainEntry))();
    expect(
      db.prepare('SELECT hash, desk_id FROM audit_log WHERE id > 2 ORDER BY id').all(),
    ).toEqual([
      { hash: row3Hash, desk_id: DESK },
      { hash: row4Hash, desk_id: null },
    ]);
    expect(verifyAuditChain(db)).toEqual({ ok: true, rows: 4, head: row4Hash, firstBadId: null });

    // The desk is part of what the row says: someone who takes the guard off and moves the
    // row to another desk, or takes the desk away, or names one on a row without, breaks it.
    expect(() =>
      db.prepare(`UPDATE audit_log SET desk_id = '${OTHER_DESK}' WHERE id = 3`).run(),
    ).toThrow(/append-only/);
    db.exec('DROP TRIGGER audit_log_no_update');
    const setDesk = (id: number, desk: string | null) =>
      db.prepare('UPDATE audit_log SET desk_id = ? WHERE id = ?').run(desk, id);
    setDesk(3, OTHER_DESK);
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, firstBadId: 3 });
    setDesk(3, null);
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, firstBadId: 3 });
    setDesk(3, DESK);
    expect(verifyAuditChain(db)).toMatchObject({ ok: true, rows: 4 });
    setDesk(2, DESK);
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, firstBadId: 2 });
    db.close();
  });

  it('refuses desks and codes that break the tables’ rules', () => {
    const db = sqliteAt(22);
    db.prepare(
      `INSERT INTO staff (id, staff_no, name, role, created_at, updated_at)
       VALUES (1, 'M001', '王建国', 'manager', '${AT}', '${AT}')`,
    ).run();
    const insertDesk = (d: (typeof badDesks)[number][1], revokedBy: number | null = null) =>
      db
        .prepare(
          `INSERT INTO desks (id, name, secret_hash, enrolled_at, code_by, revoked_at, revoked_by)
           VALUES (?, ?, ?, '${AT}', 1, ?, ?)`,
        )
        .run(d.id, d.name, d.secret, d.revokedAt, revokedBy);
    for (const [what, d] of badDesks) {
      expect(() => insertDesk(d), what).toThrow(/CHECK constraint failed/);
    }
    // Revoked by someone with no time, and by a staff member who does not exist.
    expect(() => insertDesk({ id: DESK, name: '甲', secret: HASH, revokedAt: null }, 1)).toThrow(
      /CHECK constraint failed/,
    );
    expect(() => insertDesk({ id: DESK, name: '甲', secret: HASH, revokedAt: AT }, 9)).toThrow(
      /FOREIGN KEY constraint failed/,
    );
    expect(db.prepare('SELECT count(*) AS n FROM desks').get()).toEqual({ n: 0 });

    // The edges accepted: a name of 60, kept; another desk's secret hash refused.
    insertDesk({ id: DESK, name: '机'.repeat(60), secret: HASH, revokedAt: null });
    expect(() => insertDesk({ id: OTHER_DESK, name: '乙', secret: HASH, revokedAt: null })).toThrow(
      /UNIQUE constraint failed/,
    );

    const insertCode = (hash: string, desk: string | null) =>
      db
        .prepare(
          `INSERT INTO enrolment_codes (code_hash, created_at, created_by, expires_at, desk_id)
           VALUES (?, '${AT}', 1, '${AT}', ?)`,
        )
        .run(hash, desk);
    expect(() => insertCode('b'.repeat(63), null)).toThrow(/CHECK constraint failed/);
    expect(() => insertCode('b'.repeat(64), OTHER_DESK)).toThrow(/FOREIGN KEY constraint failed/);
    insertCode('b'.repeat(64), DESK);
    insertCode('c'.repeat(64), null);
    expect(() => insertCode('c'.repeat(64), null)).toThrow(/UNIQUE constraint failed/);
    expect(
      db.prepare('SELECT code_hash, desk_id FROM enrolment_codes ORDER BY code_hash').all(),
    ).toEqual([
      { code_hash: 'b'.repeat(64), desk_id: DESK },
      { code_hash: 'c'.repeat(64), desk_id: null },
    ]);
    db.close();
  });
});

const opened: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (opened.length) await opened.pop()!();
});

/**
 * A new database owned by a login of its own (no superuser, no BYPASSRLS), migrated as that
 * login to `version`, as `init` makes one; connected for branch 1, and `branch` opens another
 * connection of the same login for another branch.
 */
async function postgresAt(version: number) {
  const database = await freshAppDatabase();
  const engines: Engine[] = [];
  opened.push(async () => {
    for (const e of engines) await e.close();
    await database.drop();
  });
  const engine = await postgresEngine({ url: database.appUrl });
  engines.push(engine);
  expect(await migratePostgres(engine.db, { target: version })).toBe(version);
  const branch = async (branchId: number) => {
    const other = await postgresEngine({ url: database.appUrl, branchId });
    engines.push(other);
    return other;
  };
  return { engine, branch };
}

/** A PostgreSQL error's SQLSTATE, or the error itself if it succeeded or was something else. */
async function sqlState(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    throw error;
  }
  return 'succeeded';
}

const staffId = async (db: Kysely<DB>, staffNo: string) =>
  (
    await sql<{ id: string }>`INSERT INTO staff (staff_no, name, role, created_at, updated_at)
      VALUES (${staffNo}, '王建国', 'manager', now(), now()) RETURNING id`.execute(db)
  ).rows[0]!.id;

describe('migration 022 on PostgreSQL: desks, enrolment codes and the audit row’s desk', () => {
  it('keeps a chain written before it verifying, and hashes a row’s desk only when it has one', async () => {
    const { engine } = await postgresAt(21);
    for (const entry of before) await engine.transaction((tx) => appendAuditRow(engine, tx, entry));
    // verifyChain reads desk_id, which a database at 021 has not: the stored hashes instead.
    const at21 = await sql<{ hash: string }>`SELECT hash FROM audit_log ORDER BY id`.execute(
      engine.db,
    );
    expect(at21.rows).toEqual([{ hash: row1Hash }, { hash: row2Hash }]);

    expect(await migratePostgres(engine.db, { target: 22 })).toBe(22);
    expect(await verifyChain(engine.db, 'postgres')).toEqual({
      ok: true,
      rows: 2,
      head: row2Hash,
      firstBadId: null,
    });
    await engine.transaction((tx) => appendAuditRow(engine, tx, deskEntry));
    await engine.transaction((tx) => appendAuditRow(engine, tx, plainEntry));
    const rows = await engine.db
      .selectFrom('audit_log')
      .select(['hash', 'desk_id'])
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { hash: row1Hash, desk_id: null },
      { hash: row2Hash, desk_id: null },
      { hash: row3Hash, desk_id: DESK },
      { hash: row4Hash, desk_id: null },
    ]);
    expect(await verifyChain(engine.db, 'postgres')).toEqual({
      ok: true,
      rows: 4,
      head: row4Hash,
      firstBadId: null,
    });

    await expect(
      sql`UPDATE audit_log SET desk_id = ${OTHER_DESK} WHERE id = 3`.execute(engine.db),
    ).rejects.toThrow(/append-only/);
    // The database's owner takes the guard off and moves row 3 to another desk.
    await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(engine.db);
    await sql`UPDATE audit_log SET desk_id = ${OTHER_DESK} WHERE id = 3`.execute(engine.db);
    expect(await verifyChain(engine.db, 'postgres')).toMatchObject({ ok: false, firstBadId: 3 });
    await sql`UPDATE audit_log SET desk_id = NULL WHERE id = 3`.execute(engine.db);
    expect(await verifyChain(engine.db, 'postgres')).toMatchObject({ ok: false, firstBadId: 3 });
    await sql`UPDATE audit_log SET desk_id = ${DESK} WHERE id = 3`.execute(engine.db);
    expect(await verifyChain(engine.db, 'postgres')).toMatchObject({ ok: true, rows: 4 });
    await sql`UPDATE audit_log SET desk_id = ${DESK} WHERE id = 2`.execute(engine.db);
    expect(await verifyChain(engine.db, 'postgres')).toMatchObject({ ok: false, firstBadId: 2 });
  });

  it('refuses desks and codes that break the tables’ rules', async () => {
    const { engine } = await postgresAt(22);
    const db = engine.db;
    const manager = await staffId(db, 'M001');
    const insertDesk = (d: (typeof badDesks)[number][1], revokedBy: string | null = null) =>
      sql`INSERT INTO desks (id, name, secret_hash, enrolled_at, code_by, revoked_at, revoked_by)
        VALUES (${d.id}, ${d.name}, ${d.secret}, ${AT}, ${manager}, ${d.revokedAt},
          ${revokedBy})`.execute(db);
    for (const [what, d] of badDesks) expect(await sqlState(insertDesk(d)), what).toBe('23514');
    expect(
      await sqlState(insertDesk({ id: DESK, name: '甲', secret: HASH, revokedAt: null }, manager)),
    ).toBe('23514');
    expect(
      await sqlState(insertDesk({ id: DESK, name: '甲', secret: HASH, revokedAt: AT }, '9')),
    ).toBe('23503');
    // PostgreSQL also holds the hash to lower-case hex, as sha256 writes it.
    expect(
      await sqlState(
        insertDesk({ id: DESK, name: '甲', secret: HASH.toUpperCase(), revokedAt: null }),
      ),
    ).toBe('23514');
    expect(await db.selectFrom('desks').select('id').execute()).toEqual([]);

    await insertDesk({ id: DESK, name: '机'.repeat(60), secret: HASH, revokedAt: null });
    expect(
      await sqlState(insertDesk({ id: OTHER_DESK, name: '乙', secret: HASH, revokedAt: null })),
    ).toBe('23505');

    const insertCode = (hash: string, desk: string | null) =>
      sql`INSERT INTO enrolment_codes (code_hash, created_at, created_by, expires_at, desk_id)
        VALUES (${hash}, ${AT}, ${manager}, ${AT}, ${desk})`.execute(db);
    expect(await sqlState(insertCode('b'.repeat(63), null))).toBe('23514');
    expect(await sqlState(insertCode('b'.repeat(64), OTHER_DESK))).toBe('23503');
    await insertCode('b'.repeat(64), DESK);
    await insertCode('c'.repeat(64), null);
    expect(await sqlState(insertCode('c'.repeat(64), null))).toBe('23505');
    expect(
      await db
        .selectFrom('enrolment_codes')
        .select(['code_hash', 'desk_id'])
        .orderBy('code_hash')
        .execute(),
    ).toEqual([
      { code_hash: 'b'.repeat(64), desk_id: DESK },
      { code_hash: 'c'.repeat(64), desk_id: null },
    ]);
  });

  it('binds desks and enrolment codes to the connection’s branch', async () => {
    const { engine: one, branch } = await postgresAt(22);
    const two = await branch(2);
    const desk = async (db: Kysely<DB>, id: string, name: string, secret: string) => {
      const by = await staffId(db, 'M001');
      await sql`INSERT INTO desks (id, name, secret_hash, enrolled_at, code_by)
        VALUES (${id}, ${name}, ${secret}, ${AT}, ${by})`.execute(db);
      await sql`INSERT INTO enrolment_codes (code_hash, created_at, created_by, expires_at, desk_id)
        VALUES (${secret}, ${AT}, ${by}, ${AT}, ${id})`.execute(db);
    };
    await desk(one.db, DESK, '一分行的机', HASH);
    // Branch 2 may use the same desk id and hashes: each branch's keys are its own.
    await desk(two.db, DESK, '二分行的机', HASH);

    const seen = async (db: Kysely<DB>) => ({
      desks: (
        await sql<{
          branch_id: number;
          name: string;
        }>`SELECT branch_id, name FROM desks ORDER BY branch_id`.execute(db)
      ).rows,
      codes: (
        await sql<{
          branch_id: number;
          desk_id: string;
        }>`SELECT branch_id, desk_id FROM enrolment_codes ORDER BY branch_id`.execute(db)
      ).rows,
    });
    expect(await seen(one.db)).toEqual({
      desks: [{ branch_id: 1, name: '一分行的机' }],
      codes: [{ branch_id: 1, desk_id: DESK }],
    });
    expect(await seen(two.db)).toEqual({
      desks: [{ branch_id: 2, name: '二分行的机' }],
      codes: [{ branch_id: 2, desk_id: DESK }],
    });

    // Branch 2 cannot write a row for branch 1, nor change or remove branch 1's.
    expect(
      await sqlState(
        sql`INSERT INTO desks (branch_id, id, name, secret_hash, enrolled_at, code_by)
          VALUES (1, ${OTHER_DESK}, '冒名', ${'d'.repeat(64)}, ${AT}, 1)`.execute(two.db),
      ),
    ).toBe('42501');
    expect(
      await sqlState(
        sql`INSERT INTO enrolment_codes (branch_id, code_hash, created_at, created_by, expires_at)
          VALUES (1, ${'d'.repeat(64)}, ${AT}, 1, ${AT})`.execute(two.db),
      ),
    ).toBe('42501');
    const changed = await sql`UPDATE desks SET revoked_at = ${AT}, revoked_by = 1
      WHERE branch_id = 1`.execute(two.db);
    expect(Number(changed.numAffectedRows)).toBe(0);
    const removed = await sql`DELETE FROM enrolment_codes WHERE branch_id = 1`.execute(two.db);
    expect(Number(removed.numAffectedRows)).toBe(0);
    expect(await seen(one.db)).toEqual({
      desks: [{ branch_id: 1, name: '一分行的机' }],
      codes: [{ branch_id: 1, desk_id: DESK }],
    });
  });
});
