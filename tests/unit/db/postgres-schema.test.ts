import path from 'node:path';
import crypto from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, migrations } from '../../../electron/core/db/migrations';
import { openEncrypted } from '../../../electron/core/db/open';
import { newDatabaseKey } from '../../../electron/core/db/keyslots';
import {
  branchTables as baselineTables,
  postgresBaselineVersion,
  postgresOnlyTables,
} from '../../../electron/core/db/postgres/baseline';
import { migratePostgres } from '../../../electron/core/db/postgres/migrate';
import { searchDdl } from '../../../electron/core/db/postgres/search-ddl';
import { nodeDriver } from '../../../electron/core/node';
import { tempDir } from '../support/core';
import { asSuperuser, freshDatabase, withDatabase, type TestDatabase } from '../support/postgres';

/** The branch tables the migrations after the baseline create, on both engines. */
const laterTables = migrations
  .filter((m) => m.version > postgresBaselineVersion)
  .flatMap((m) => [...(m.postgres ?? '').matchAll(/CREATE TABLE (\w+)/g)].map((c) => c[1]!));
const branchTables = [...baselineTables, ...laterTables];

interface SqliteColumn {
  name: string;
  type: string;
  notnull: number;
  pk: number;
}

interface SqliteTable {
  columns: SqliteColumn[];
  /** Columns with CHECK (x IN (0, 1)) or CHECK (x = 1): flags. */
  flags: Set<string>;
  /** Columns with CHECK (json_valid(x)). */
  json: Set<string>;
}

/** Every table of a fresh SQLite database at the latest version, less the FTS5 index. */
function sqliteSchema(): Map<string, SqliteTable> {
  const db = openEncrypted(path.join(tempDir(), 'parity.db'), newDatabaseKey(), {
    driver: nodeDriver,
    create: true,
  });
  try {
    migrate(db);
    const tables = db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all() as { name: string; sql: string }[];
    const schema = new Map<string, SqliteTable>();
    for (const t of tables) {
      if (t.name.startsWith('borrower_search')) continue;
      const columns = db
        .prepare('SELECT name, type, "notnull", pk FROM pragma_table_xinfo(?)')
        .all(t.name) as SqliteColumn[];
      // ALTER TABLE … ADD COLUMN appends its definition to the stored CREATE TABLE text.
      const flags = new Set(
        [...t.sql.matchAll(/CHECK \((\w+) (?:IN \(0, 1\)|= 1)\)/g)].map((m) => m[1]!),
      );
      const json = new Set([...t.sql.matchAll(/json_valid\((\w+)\)/g)].map((m) => m[1]!));
      schema.set(t.name, { columns, flags, json });
    }
    return schema;
  } finally {
    db.close();
  }
}

/**
 * The PostgreSQL type a SQLite column must have, from what its name and checks say it holds
 * (the meanings found in the migrations and the tables.ts row types). Every column goes
 * through here, so a new one gets a type checked as soon as it exists on both engines.
 */
function expectedType(table: string, column: SqliteColumn, t: SqliteTable): string {
  const name = column.name;
  // branch.id's CHECK (id = 1) keeps one row; it is no flag.
  if (t.flags.has(name) && column.pk === 0) return 'boolean';
  // Generated from the four vulnerability flags.
  if (`${table}.${name}` === 'borrowers.is_vulnerable') return 'boolean';
  if (name.endsWith('_fen')) return 'bigint';
  // The hashed close document keeps its exact text (its SHA-256 is of the text).
  if (`${table}.${name}` === 'month_closes.figures_json') return 'text';
  if (t.json.has(name) || `${table}.${name}` === 'visits.override_codes') return 'jsonb';
  if (table === 'settings' && name === 'value') return 'jsonb';
  // The branch's wall-clock time of payment: YYYY-MM-DDTHH:MM with no zone, not an instant.
  if (`${table}.${name}` === 'receipts.paid_at') return 'text';
  if (/(^|_)at$/.test(name)) return 'timestamp with time zone';
  if (/(_on|_date|^date|^day|as_of|_since|^dpd_sort|^pay_by|^paid_from)$/.test(name)) {
    return 'date';
  }
  if (column.type === 'BLOB') return 'bytea';
  if (column.type === 'TEXT' || column.type === '') return 'text';
  if (column.type === 'INTEGER') {
    // Ids and references to them are bigint; the branch row's id is always 1.
    if (table === 'branch' && name === 'id') return 'integer';
    const reference =
      name === 'id' ||
      name.endsWith('_id') ||
      name.endsWith('_by') ||
      ['amends', 'rescheduled_from', 'officer_before'].includes(name);
    return reference ? 'bigint' : 'integer';
  }
  throw new Error(`${table}.${name}: no rule for SQLite type ${column.type}`);
}

interface PgColumn {
  table_name: string;
  column_name: string;
  data_type: string;
  is_nullable: 'YES' | 'NO';
}

let database: TestDatabase;
let superuser: pg.Client;
let sqlite: Map<string, SqliteTable>;
let pgColumns: Map<string, Map<string, PgColumn>>;

/** A client of the test database as the cluster's superuser, working for `branch`. */
async function clientFor(url: string, branch: number): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("SELECT set_config('visitdesk.branch_id', $1, false)", [String(branch)]);
  return client;
}

const asBranch = (client: pg.Client, branch: number) =>
  client.query("SELECT set_config('visitdesk.branch_id', $1, false)", [String(branch)]);

const staffRow = (staffNo: string) =>
  `INSERT INTO staff (staff_no, name, role, created_at, updated_at)
   VALUES ('${staffNo}', 'Wang', 'officer', now(), now()) RETURNING id`;

beforeAll(async () => {
  sqlite = sqliteSchema();
  database = await freshDatabase();
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  pool.on('connect', (client) => {
    void client.query("SELECT set_config('visitdesk.branch_id', '1', false)");
  });
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  await migratePostgres(db);
  await db.destroy();
  superuser = await clientFor(database.url, 1);
  const columns = await superuser.query<PgColumn>(
    `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
     WHERE table_schema = 'public'`,
  );
  pgColumns = new Map();
  for (const c of columns.rows) {
    const table = pgColumns.get(c.table_name) ?? new Map<string, PgColumn>();
    table.set(c.column_name, c);
    pgColumns.set(c.table_name, table);
  }
});

afterAll(async () => {
  await superuser?.end();
  await database?.drop();
});

describe('the PostgreSQL schema, against SQLite’s', () => {
  it('has every SQLite table but the FTS5 index, plus the marker, the search table and the PostgreSQL-only tables', () => {
    const searchTables = [...searchDdl.matchAll(/CREATE TABLE (\w+)/g)].map((m) => m[1]!);
    expect(searchTables.length).toBeGreaterThan(0);
    expect([...pgColumns.keys()].sort()).toEqual(
      [...sqlite.keys(), 'visitdesk_schema', ...searchTables, ...postgresOnlyTables].sort(),
    );
    expect([...branchTables].sort()).toEqual([...sqlite.keys()].sort());
    expect(baselineTables).toHaveLength(48);
    expect(laterTables).toEqual(['receipt_sequences', 'desks', 'enrolment_codes']);
  });

  it('has the same columns, each NOT NULL where SQLite’s is, in the type its meaning asks', () => {
    for (const [table, t] of sqlite) {
      const columns = pgColumns.get(table)!;
      expect([...columns.keys()].filter((c) => c !== 'branch_id').sort(), table).toEqual(
        t.columns.map((c) => c.name).sort(),
      );
      for (const c of t.columns) {
        const found = columns.get(c.name)!;
        const where = `${table}.${c.name}`;
        // SQLite's INTEGER PRIMARY KEY reports nullable; it never holds NULL.
        expect(found.is_nullable === 'NO', where).toBe(c.notnull === 1 || c.pk > 0);
        expect(found.data_type, where).toBe(expectedType(table, c, t));
      }
    }
  });

  it('keeps money in bigint fen, instants in timestamptz and days in date', () => {
    // The rules above, seen from the other side: no such column slipped into text or integer.
    const all = [...pgColumns.values()].flatMap((t) => [...t.values()]);
    for (const c of all.filter((c) => c.column_name.endsWith('_fen'))) {
      expect(c.data_type, `${c.table_name}.${c.column_name}`).toBe('bigint');
    }
    const instants = all.filter((c) => /(^|_)at$/.test(c.column_name));
    expect(instants.length).toBeGreaterThan(60);
    for (const c of instants) {
      const where = `${c.table_name}.${c.column_name}`;
      if (where === 'receipts.paid_at') continue;
      expect(c.data_type, where).toBe('timestamp with time zone');
    }
    const days = ['birth_date', 'due_on', 'as_of', 'overdue_since', 'date', 'day', 'pay_by'];
    for (const c of all.filter((c) => days.includes(c.column_name))) {
      expect(c.data_type, `${c.table_name}.${c.column_name}`).toBe('date');
    }
  });

  it('gives every branch table branch_id, first in every key, index and foreign key', async () => {
    for (const table of branchTables) {
      expect(pgColumns.get(table)!.get('branch_id'), table).toMatchObject({
        data_type: 'integer',
        is_nullable: 'NO',
      });
    }
    const indexes = await superuser.query<{ table: string; name: string; first: string }>(
      `SELECT t.relname AS table, i.relname AS name, a.attname AS first
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[0]
       WHERE n.nspname = 'public' AND t.relname <> 'visitdesk_schema'`,
    );
    expect(indexes.rows.length).toBeGreaterThan(130);
    for (const i of indexes.rows) expect(i.first, `${i.table}: ${i.name}`).toBe('branch_id');
    const keys = await superuser.query<{ table: string; name: string; def: string }>(
      `SELECT t.relname AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS def
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE n.nspname = 'public' AND c.contype IN ('p', 'u', 'f')
         AND t.relname <> 'visitdesk_schema'`,
    );
    const primaries = keys.rows.filter((k) => k.def.startsWith('PRIMARY KEY'));
    expect(primaries.map((k) => k.table).sort()).toEqual(
      [...branchTables, 'borrower_search_tokens', ...postgresOnlyTables].sort(),
    );
    for (const k of keys.rows) {
      expect(k.def, `${k.table}: ${k.name}`).toMatch(
        /^(PRIMARY KEY|UNIQUE|FOREIGN KEY) \(branch_id(, .*?)?\)( REFERENCES \w+\(branch_id, id\))?$/,
      );
    }
  });

  it('has the same foreign keys as SQLite, each within the branch', async () => {
    const db = openEncrypted(path.join(tempDir(), 'fk.db'), newDatabaseKey(), {
      driver: nodeDriver,
      create: true,
    });
    migrate(db);
    const expected: string[] = [];
    for (const table of sqlite.keys()) {
      const fks = db
        .prepare('SELECT "table", "from", on_delete FROM pragma_foreign_key_list(?)')
        .all(table) as { table: string; from: string; on_delete: string }[];
      for (const fk of fks) expected.push(`${table}.${fk.from} → ${fk.table} ${fk.on_delete}`);
    }
    db.close();
    expect(expected.length).toBeGreaterThan(90);
    // The second column of each key: the first is branch_id (checked above).
    const found = await superuser.query<{ item: string }>(
      `SELECT t.relname || '.' || a.attname || ' → ' || r.relname || ' ' ||
         CASE c.confdeltype WHEN 'a' THEN 'NO ACTION' WHEN 'r' THEN 'RESTRICT'
           WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' ELSE 'SET DEFAULT' END AS item
       FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid
       JOIN pg_class r ON r.oid = c.confrelid
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = c.conkey[2]
       WHERE c.contype = 'f'`,
    );
    expect(found.rows.map((r) => r.item).sort()).toEqual(expected.sort());
  });

  it('forces row-level security on every table with a branch', async () => {
    const rls = await superuser.query<{ name: string; on: boolean; forced: boolean; n: number }>(
      `SELECT c.relname AS name, c.relrowsecurity AS on, c.relforcerowsecurity AS forced,
         (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS n
       FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
       WHERE s.nspname = 'public' AND c.relkind = 'r' AND c.relname <> 'visitdesk_schema'`,
    );
    expect(rls.rows).toHaveLength(branchTables.length + 1 + postgresOnlyTables.length);
    for (const r of rls.rows)
      expect(r, r.name).toEqual({ name: r.name, on: true, forced: true, n: 1 });
    // Migration 024: the branch is read once per statement (a subquery), not once per row.
    const policies = await superuser.query<{ name: string; qual: string; check: string }>(
      `SELECT tablename AS name, qual, with_check AS check FROM pg_policies
       WHERE schemaname = 'public'`,
    );
    expect(policies.rows).toHaveLength(rls.rows.length);
    const once =
      /^\(branch_id = \( SELECT \(current_setting\('visitdesk\.branch_id'::text\)\)::integer/;
    for (const p of policies.rows) {
      expect(p.qual, p.name).toMatch(once);
      expect(p.check, p.name).toBe(p.qual);
    }
  });
});

describe('the PostgreSQL schema’s rules', () => {
  it('refuses a second staff number in one branch and accepts it in another', async () => {
    await asBranch(superuser, 1);
    await superuser.query(staffRow('U-1'));
    await expect(superuser.query(staffRow('U-1'))).rejects.toMatchObject({ code: '23505' });
    await asBranch(superuser, 2);
    const other = await superuser.query<{ id: string }>(staffRow('U-1'));
    expect(other.rowCount).toBe(1);
    const both = await superuser.query<{ branch_id: number }>(
      "SELECT branch_id FROM staff WHERE staff_no = 'U-1' ORDER BY branch_id",
    );
    expect(both.rows).toEqual([{ branch_id: 1 }, { branch_id: 2 }]);
    await asBranch(superuser, 1);
  });

  it('refuses a foreign key to another branch’s row', async () => {
    await asBranch(superuser, 2);
    const theirs = await superuser.query<{ id: string }>(staffRow('F-2'));
    await asBranch(superuser, 1);
    const ours = await superuser.query<{ id: string }>(staffRow('F-1'));
    const borrower = (officer: string, idNumber: string) =>
      superuser.query(
        `INSERT INTO borrowers (name, id_number, birth_date, sex, assigned_officer_id,
           created_at, updated_at) VALUES ('张三', $1, '1970-01-01', 'M', $2, now(), now())`,
        [idNumber, officer],
      );
    await expect(borrower(theirs.rows[0]!.id, '110101197001010011')).rejects.toMatchObject({
      code: '23503',
    });
    await expect(borrower(ours.rows[0]!.id, '110101197001010011')).resolves.toMatchObject({
      rowCount: 1,
    });
  });

  it('keeps the audit log append-only, and lets a subject key be shredded', async () => {
    await asBranch(superuser, 1);
    await superuser.query(
      `INSERT INTO audit_log (at, action, entity, success, prev_hash, hash, subject_id)
       VALUES (now(), 'case.create', 'borrower', true, 'a', 'b', 7)`,
    );
    for (const statement of [
      "UPDATE audit_log SET hash = 'c'",
      'DELETE FROM audit_log',
      'TRUNCATE audit_log',
    ]) {
      await expect(superuser.query(statement), statement).rejects.toThrow(
        'audit log is append-only',
      );
    }
    const left = await superuser.query('SELECT hash FROM audit_log');
    expect(left.rows).toEqual([{ hash: 'b' }]);
    await superuser.query(
      'INSERT INTO audit_subject_keys (borrower_id, key, created_at) VALUES (7, $1, now())',
      [crypto.randomBytes(32)],
    );
    const shredded = await superuser.query('DELETE FROM audit_subject_keys WHERE borrower_id = 7');
    expect(shredded.rowCount).toBe(1);
  });

  it('lets the write-once tables change only as SQLite lets them', async () => {
    await asBranch(superuser, 1);
    const one = async (text: string, values: unknown[] = []) =>
      (await superuser.query<{ id: string }>(text, values)).rows[0]!.id;
    const staff = await one(staffRow('W-1'));
    const borrower = await one(
      `INSERT INTO borrowers (name, id_number, birth_date, sex, created_at, updated_at)
       VALUES ('李四', '110101198001010022', '1980-01-01', 'F', now(), now()) RETURNING id`,
    );
    const visit = await one(
      `INSERT INTO visits (borrower_id, date, start_time, end_time, purpose, planned_by,
         planned_at, updated_at)
       VALUES ($1, '2025-03-07', '09:00', '10:00', 'reminder', $2, now(), now()) RETURNING id`,
      [borrower, staff],
    );
    const record = await one(
      `INSERT INTO visit_records (visit_id, borrower_id, actual_date, actual_start, actual_end,
         met, outcome, borrower_words, staff_cards_shown, rights_explained,
         no_third_party_disclosure, recorded_on_media, recording_ref, recorded_by, recorded_at)
       VALUES ($1, $2, '2025-03-07', '09:05', '09:40', 'borrower', 'refused', 'no money',
         true, true, true, true, 'REC-1', $3, now()) RETURNING id`,
      [visit, borrower, staff],
    );
    const redact = `UPDATE visit_records SET borrower_words = '', next_action = '',
      recording_ref = '（已匿名）' WHERE id = ${record}`;
    await expect(superuser.query(redact)).rejects.toThrow(
      'visit records are never changed; amend them',
    );
    await superuser.query("UPDATE borrowers SET name = '已匿名' WHERE id = $1", [borrower]);
    await expect(
      superuser.query(`UPDATE visit_records SET met = 'nobody' WHERE id = ${record}`),
    ).rejects.toThrow('visit records are never changed');
    await expect(superuser.query(redact)).resolves.toMatchObject({ rowCount: 1 });
    await expect(superuser.query(`DELETE FROM visit_records WHERE id = ${record}`)).rejects.toThrow(
      'visit records are never deleted',
    );

    const print = await one(
      `INSERT INTO print_log (printed_at, kind, lang, subject, template_version, reference_no,
         issue_date, facts_sha256, content_sha256, content_json, is_copy)
       VALUES (now(), 'visitNotice', 'zh', 'visit:1', 0, 'N-1', '2025-03-07', $1, $1,
         '{"name": "李四"}', false) RETURNING id`,
      ['0'.repeat(64)],
    );
    await expect(
      superuser.query(`UPDATE print_log SET content_json = '{}' WHERE id = ${print}`),
    ).rejects.toThrow('the print log is never rewritten');
    await expect(
      superuser.query(
        `UPDATE print_log SET content_json = '{"anonymisedAt": "2025-04-01"}' WHERE id = ${print}`,
      ),
    ).resolves.toMatchObject({ rowCount: 1 });
    await expect(
      superuser.query(`UPDATE print_log SET reference_no = 'N-2' WHERE id = ${print}`),
    ).rejects.toThrow('the print log is never rewritten');

    const close = await one(
      `INSERT INTO month_closes (month, figures_json, figures_sha256, audit_head, closed_by,
         closed_at) VALUES ('2025-02', '{"visits": 3}', $1, $1, $2, now()) RETURNING id`,
      ['a'.repeat(64), staff],
    );
    await expect(
      superuser.query(`UPDATE month_closes SET figures_json = '{}' WHERE id = ${close}`),
    ).rejects.toThrow('a month close is frozen; reopen it instead');
    const reopen = `UPDATE month_closes SET reopened_by = ${staff}, reopened_at = now(),
      reopen_reason = 'late file' WHERE id = ${close}`;
    await expect(superuser.query(reopen)).resolves.toMatchObject({ rowCount: 1 });
    await expect(superuser.query(reopen)).rejects.toThrow('a month close is frozen');
    await expect(superuser.query('TRUNCATE month_closes')).rejects.toThrow(
      'month closes are never deleted',
    );
  });

  it('shows a connection only its own branch’s rows, and takes none for another', async () => {
    const role = `vd_app_${crypto.randomBytes(4).toString('hex')}`;
    const password = crypto.randomBytes(12).toString('hex');
    await asSuperuser((c) => c.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`));
    await superuser.query(`GRANT USAGE ON SCHEMA public TO ${role};
      GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO ${role};
      GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
    await asBranch(superuser, 1);
    await superuser.query(staffRow('R-1'));
    await asBranch(superuser, 2);
    await superuser.query(staffRow('R-2'));
    await asBranch(superuser, 1);
    const app = await clientFor(
      withDatabase(database.url, database.name, { user: role, password }),
      1,
    );
    try {
      const seen = await app.query<{ staff_no: string; branch_id: number }>(
        "SELECT staff_no, branch_id FROM staff WHERE staff_no LIKE 'R-%'",
      );
      expect(seen.rows).toEqual([{ staff_no: 'R-1', branch_id: 1 }]);
      const moved = await app.query("UPDATE staff SET name = 'Li' WHERE staff_no = 'R-2'");
      expect(moved.rowCount).toBe(0);
      await expect(
        app.query(
          `INSERT INTO staff (branch_id, staff_no, name, role, created_at, updated_at)
           VALUES (2, 'R-3', 'Zhao', 'clerk', now(), now())`,
        ),
      ).rejects.toMatchObject({ code: '42501' });
      const own = await app.query<{ branch_id: number }>(
        `INSERT INTO staff (staff_no, name, role, created_at, updated_at)
         VALUES ('R-4', 'Zhao', 'clerk', now(), now()) RETURNING branch_id`,
      );
      expect(own.rows).toEqual([{ branch_id: 1 }]);
    } finally {
      await app.end();
      await superuser.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${role};
        REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${role};
        REVOKE ALL ON SCHEMA public FROM ${role}`);
      await asSuperuser((c) => c.query(`DROP ROLE ${role}`));
    }
  });
});
