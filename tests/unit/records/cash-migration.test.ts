import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newDatabaseKey } from '../../../electron/core/db/keyslots';
import { migrate, schemaVersion } from '../../../electron/core/db/migrations';
import { openEncrypted } from '../../../electron/core/db/open';
import { nodeDriver } from '../../../electron/core/node';
import { tempDir } from '../support/core';

const t = '2026-07-01T00:00:00.000Z';

/** A version-15 branch with one visit whose record took ¥300.00 in cash, receipt issued. */
function seed15() {
  const db = openEncrypted(path.join(tempDir(), 'm.db'), newDatabaseKey(), {
    driver: nodeDriver,
    create: true,
  });
  migrate(db, 15);
  db.exec(`
    INSERT INTO staff (id, staff_no, name, role, created_at, updated_at) VALUES
      (1, 'C101', '李明', 'officer', '${t}', '${t}'),
      (2, 'K201', '钱丽', 'clerk', '${t}', '${t}');
    INSERT INTO borrowers (id, name, id_number, birth_date, sex, created_at, updated_at) VALUES
      (1, '张秀英', '33112119800510001X', '1980-05-10', 'F', '${t}', '${t}');
    INSERT INTO loans (id, loan_no, borrower_id, principal_fen, disbursed_on, as_of, created_at,
        updated_at) VALUES (1, 'L1', 1, 5000000, '2025-01-01', '2026-06-30', '${t}', '${t}');
    INSERT INTO visits (id, borrower_id, date, start_time, end_time, purpose, status, planned_by,
        planned_at, updated_at) VALUES
      (1, 1, '2026-07-01', '09:00', '10:00', 'negotiation', 'done', 1, '${t}', '${t}');
    INSERT INTO visit_records (id, visit_id, borrower_id, actual_date, actual_start, actual_end,
        met, outcome, staff_cards_shown, rights_explained, no_third_party_disclosure,
        recorded_on_media, recording_ref, recorded_by, recorded_at) VALUES
      (1, 1, 1, '2026-07-01', '09:05', '09:50', 'borrower', 'partial_payment', 1, 1, 1, 1,
       'REC-1', 1, '${t}');
    INSERT INTO visit_record_staff (record_id, staff_id) VALUES (1, 1);
    INSERT INTO payments (id, loan_id, borrower_id, paid_on, amount_fen, source, method,
        receipt_no, created_at) VALUES
      (1, 1, 1, '2026-07-01', 30000, 'visit', 'cash', 'QS001-SJ-2026-000001', '${t}');
    INSERT INTO receipts (id, receipt_no, branch_code, year, seq, payment_id, visit_record_id,
        paid_at, issued_by, issued_at) VALUES
      (1, 'QS001-SJ-2026-000001', 'QS001', 2026, 1, 1, 1, '2026-07-01T09:30', 1, '${t}');
  `);
  return db;
}

const handIn = (db: ReturnType<typeof seed15>, counted: number, explanation = '') =>
  db
    .prepare(
      `INSERT INTO cash_handins (officer_id, day, expected_fen, counted_fen, explanation,
         handed_in_on, recorded_by, recorded_at) VALUES (1, '2026-07-01', 30000, ?, ?, '2026-07-01', 2, ?)`,
    )
    .run(counted, explanation, t).lastInsertRowid;

describe('migration 016 (cash hand-ins)', () => {
  it('adds the hand-in tables to a version-15 database; its receipts stay as they were, none handed in', () => {
    const db = seed15();
    const tables = ['payments', 'receipts', 'visit_records', 'visit_record_staff', 'staff'];
    const before = tables.map((name) => db.prepare(`SELECT * FROM ${name}`).all());
    migrate(db, 16);
    expect(schemaVersion(db)).toBe(16);
    expect(tables.map((name) => db.prepare(`SELECT * FROM ${name}`).all())).toEqual(before);
    const sql = (name: string) =>
      (db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(name) as { sql: string }).sql;
    expect(sql('cash_handins')).toMatch(/STRICT\s*$/);
    expect(sql('cash_handin_receipts')).toMatch(/STRICT\s*$/);
    expect(sql('receipts_paid_at')).toMatch(/paid_at/);
    expect(db.prepare('SELECT count(*) AS n FROM cash_handins').get()).toEqual({ n: 0 });
  });

  it('the tables keep the rules: an explained difference, a receipt once, only one sign-off', () => {
    const db = seed15();
    migrate(db, 16);
    expect(() => handIn(db, 29000)).toThrow(/CHECK/);
    const id = handIn(db, 29000, '少 10 元');
    const link = db.prepare(
      'INSERT INTO cash_handin_receipts (handin_id, receipt_id, amount_fen) VALUES (?, 1, 30000)',
    );
    link.run(id);
    const other = handIn(db, 30000);
    expect(() => link.run(other)).toThrow(/UNIQUE/);
    expect(() => db.prepare('DELETE FROM cash_handins WHERE id = ?').run(id)).toThrow(/never/);
    expect(() => db.prepare('DELETE FROM cash_handin_receipts').run()).toThrow(/never/);
    // An exact hand-in has no sign-off.
    expect(() =>
      db
        .prepare("UPDATE cash_handins SET signed_off_by = 1, signed_off_at = 'x' WHERE id = ?")
        .run(other),
    ).toThrow(/CHECK/);
    const signOff = db.prepare(
      "UPDATE cash_handins SET signed_off_by = 1, signed_off_at = 'x', sign_off_note = ? WHERE id = ?",
    );
    signOff.run('ok', id);
    expect(() => signOff.run('again', id)).toThrow(/sign-off/);
    expect(() =>
      db.prepare("UPDATE cash_handins SET explanation = 'other' WHERE id = ?").run(other),
    ).toThrow(/sign-off/);
  });
});
