import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newDatabaseKey } from '../../../electron/core/db/keyslots';
import { migrate, schemaVersion } from '../../../electron/core/db/migrations';
import { openEncrypted } from '../../../electron/core/db/open';
import type { Sqlite } from '../../../electron/core/db/sqlite';
import { nodeDriver } from '../../../electron/core/node';
import { tempDir } from '../support/core';

const t = '2026-03-02T00:00:00.000Z';

function databaseAt(version: number) {
  const db = openEncrypted(path.join(tempDir(), 'm.db'), newDatabaseKey(), {
    driver: nodeDriver,
    create: true,
  });
  migrate(db, version);
  return db;
}

// FTS5 keeps its index in shadow tables named after the virtual table; they are SQLite's.
const tableNames = (db: Sqlite) =>
  (
    db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
           AND name NOT GLOB 'borrower_search_*' ORDER BY name`,
      )
      .all() as { name: string }[]
  ).map((row) => row.name);

describe('migration 002: case files', () => {
  it('keeps the foundation rows and adds the case tables beside them', () => {
    const db = databaseAt(1);
    db.exec(`
      INSERT INTO staff (id, staff_no, name, role, username, created_at, updated_at) VALUES
        (1, 'M001', '王建国', 'manager', 'admin', '${t}', '${t}'),
        (2, 'C101', '李明', 'officer', 'li.ming', '${t}', '${t}');
      INSERT INTO settings (key, value) VALUES ('branchRules', '{"maxVisits":3}');
      INSERT INTO audit_log (at, staff_id, action, entity, success, prev_hash, hash)
        VALUES ('${t}', 1, 'auth.signIn', 'staff', 1, 'p0', 'h1');
    `);
    const staff = db.prepare('SELECT * FROM staff ORDER BY id').all();
    const settings = db.prepare('SELECT * FROM settings').all();
    const audit = db.prepare('SELECT * FROM audit_log').all();
    expect(tableNames(db)).toEqual(['audit_log', 'branch', 'meta', 'settings', 'staff']);

    expect(migrate(db, 2)).toBe(2);
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare('SELECT * FROM staff ORDER BY id').all()).toEqual(staff);
    expect(db.prepare('SELECT * FROM settings').all()).toEqual(settings);
    expect(db.prepare('SELECT * FROM audit_log').all()).toEqual(audit);
    expect(tableNames(db)).toEqual([
      'assessments',
      'audit_log',
      'borrower_search',
      'borrowers',
      'branch',
      'consents',
      'contact_events',
      'contacts',
      'loan_snapshots',
      'loans',
      'meta',
      'notes',
      'payments',
      'settings',
      'staff',
    ]);
    db.close();
  });

  it('derives the sort date and the vulnerable flag and ties borrowers to real staff', () => {
    const db = databaseAt(1);
    db.prepare(
      `INSERT INTO staff (id, staff_no, name, role, created_at, updated_at)
       VALUES (2, 'C101', '李明', 'officer', ?, ?)`,
    ).run(t, t);
    migrate(db, 2);
    const borrower = db.prepare(
      `INSERT INTO borrowers (id, name, id_number, birth_date, sex, assigned_officer_id,
         vulnerable_ill, overdue_since, created_at, updated_at)
       VALUES (?, ?, ?, '1972-05-01', 'M', ?, ?, ?, ?, ?)`,
    );
    borrower.run(1, '张三', '330102197205010011', 2, 0, '2026-01-15', t, t);
    borrower.run(2, '李四', '330102197205010038', null, 1, null, t, t);
    // A current case sorts after every overdue one; one flag is enough to be vulnerable.
    expect(
      db.prepare('SELECT id, dpd_sort, is_vulnerable FROM borrowers ORDER BY dpd_sort').all(),
    ).toEqual([
      { id: 1, dpd_sort: '2026-01-15', is_vulnerable: 0 },
      { id: 2, dpd_sort: '9999-12-31', is_vulnerable: 1 },
    ]);
    expect(() => borrower.run(3, '王五', '33010219720501', null, 0, null, t, t)).toThrow(/CHECK/);
    expect(() => borrower.run(3, '王五', '330102197205010011', null, 0, null, t, t)).toThrow(
      /UNIQUE/,
    );
    expect(() => borrower.run(3, '王五', '330102197205010054', 99, 0, null, t, t)).toThrow(
      /FOREIGN KEY/,
    );
    expect(() => db.prepare("UPDATE borrowers SET status = 'lost' WHERE id = 1").run()).toThrow(
      /CHECK/,
    );

    // The case list's officer filter with the default sort is one index scan.
    const plan = (
      db
        .prepare(
          'EXPLAIN QUERY PLAN SELECT id FROM borrowers WHERE assigned_officer_id = 2 ORDER BY dpd_sort LIMIT 25',
        )
        .all() as { detail: string }[]
    )
      .map((row) => row.detail)
      .join(' ');
    expect(plan).toContain('borrowers_officer_dpd');
    db.close();
  });

  it('finds a one-character surname and a number by its tail in the search index', () => {
    const db = databaseAt(1);
    migrate(db, 2);
    const index = db.prepare(
      'INSERT INTO borrower_search (rowid, name, pinyin, place, ids, phones, loans, tails) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    // Han names one token per character; numbers also stored reversed for tail searches.
    const tails = (...values: string[]) =>
      values.map((value) => [...value].reverse().join('')).join(' ');
    index.run(
      1,
      '张 三',
      'zhangsan zs',
      '溪口村',
      '330102197205010011',
      '13800001234',
      'L001',
      tails('330102197205010011', '13800001234'),
    );
    index.run(
      2,
      '李 四',
      'lisi ls',
      '后塘村',
      '330102197205010038',
      '13900005678',
      'L002',
      tails('330102197205010038', '13900005678'),
    );
    const match = (query: string) =>
      (
        db
          .prepare(
            'SELECT rowid AS id FROM borrower_search WHERE borrower_search MATCH ? ORDER BY rowid',
          )
          .all(query) as { id: number }[]
      ).map((row) => row.id);
    expect(match('name:"张"')).toEqual([1]);
    expect(match('pinyin:li*')).toEqual([2]);
    // "5678", the end of 李四's phone, reversed.
    expect(match('tails:8765*')).toEqual([2]);
    // Contentless with delete: a borrower leaves the index.
    db.prepare('DELETE FROM borrower_search WHERE rowid = 1').run();
    expect(match('name:"张"')).toEqual([]);
    db.close();
  });

  it('keeps a consent to contact dated, one snapshot per loan and day and one payment per receipt', () => {
    const db = databaseAt(1);
    migrate(db, 2);
    db.exec(`
      INSERT INTO borrowers (id, name, id_number, birth_date, sex, created_at, updated_at)
        VALUES (1, '张三', '330102197205010011', '1972-05-01', 'M', '${t}', '${t}');
      INSERT INTO loans (id, loan_no, borrower_id, principal_fen, disbursed_on, created_at, updated_at)
        VALUES (1, 'L001', 1, 5000000, '2025-03-01', '${t}', '${t}');
    `);
    const contact = db.prepare(
      `INSERT INTO contacts (borrower_id, name, relation, consent_to_contact, consent_recorded_at,
         created_at, updated_at) VALUES (1, '张丽', 'spouse', ?, ?, ?, ?)`,
    );
    expect(() => contact.run(1, null, t, t)).toThrow(/CHECK/);
    contact.run(1, t, t, t);
    expect(() =>
      db
        .prepare(
          `INSERT INTO contacts (borrower_id, name, relation, created_at, updated_at)
           VALUES (1, '王二', 'neighbour', ?, ?)`,
        )
        .run(t, t),
    ).toThrow(/CHECK/);

    const snapshot = db.prepare(
      `INSERT INTO loan_snapshots (loan_id, as_of, outstanding_principal_fen, overdue_principal_fen,
         overdue_interest_fen, penalty_fen, overdue_since, dpd, bucket, created_at)
       VALUES (1, ?, 4000000, 200000, 3000, 500, '2026-01-15', ?, ?, ?)`,
    );
    snapshot.run('2026-02-28', 44, 'M2', t);
    expect(() => snapshot.run('2026-02-28', 44, 'M2', t)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => snapshot.run('2026-03-31', 75, 'M7', t)).toThrow(/CHECK/);

    const payment = db.prepare(
      `INSERT INTO payments (loan_id, borrower_id, paid_on, amount_fen, source, receipt_no, created_at)
       VALUES (1, 1, '2026-03-01', ?, ?, ?, ?)`,
    );
    payment.run(50000, 'visit', 'QS001-2026-000001', t);
    // Imported payments carry no receipt: any number of them.
    payment.run(20000, 'import', null, t);
    payment.run(30000, 'import', null, t);
    expect(() => payment.run(10000, 'visit', 'QS001-2026-000001', t)).toThrow(/UNIQUE/);
    expect(() => payment.run(0, 'import', null, t)).toThrow(/CHECK/);
    expect(() => payment.run(100, 'cash', null, t)).toThrow(/CHECK/);
    expect(db.prepare('SELECT sum(amount_fen) AS fen, count(*) AS n FROM payments').get()).toEqual({
      fen: 100000,
      n: 3,
    });

    expect(() =>
      db.prepare("INSERT INTO notes (borrower_id, at, text) VALUES (1, ?, '')").run(t),
    ).toThrow(/CHECK/);
    db.close();
  });
});
