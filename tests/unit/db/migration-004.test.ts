import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newDatabaseKey } from '../../../electron/core/db/keyslots';
import { migrate, schemaVersion } from '../../../electron/core/db/migrations';
import { openEncrypted } from '../../../electron/core/db/open';
import type { Sqlite } from '../../../electron/core/db/sqlite';
import { nodeDriver } from '../../../electron/core/node';
import { tempDir } from '../support/core';

const t = '2026-03-10T03:00:00.000Z';

function databaseAt(version: number) {
  const db = openEncrypted(path.join(tempDir(), 'm.db'), newDatabaseKey(), {
    driver: nodeDriver,
    create: true,
  });
  migrate(db, version);
  return db;
}

const objectNames = (db: Sqlite, type: 'table' | 'index' | 'trigger') =>
  (
    db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%'
           AND name NOT GLOB 'borrower_search_*' ORDER BY name`,
      )
      .all(type) as { name: string }[]
  ).map((row) => row.name);

/** A version-3 branch: staff, a borrower with a loan and a visit payment, two planned visits. */
function plannedVisits(db: Sqlite) {
  db.exec(`
    INSERT INTO staff (id, staff_no, name, role, username, created_at, updated_at) VALUES
      (1, 'M001', '王建国', 'manager', 'admin', '${t}', '${t}'),
      (2, 'C101', '李明', 'officer', 'li.ming', '${t}', '${t}');
    INSERT INTO borrowers (id, name, id_number, birth_date, sex, assigned_officer_id,
        overdue_since, total_overdue_fen, created_at, updated_at)
      VALUES (1, '张三', '330102197205010011', '1972-05-01', 'M', 2, '2026-01-15', 203500,
        '${t}', '${t}');
    INSERT INTO loans (id, loan_no, borrower_id, principal_fen, disbursed_on, overdue_principal_fen,
        overdue_since, created_at, updated_at)
      VALUES (1, 'L001', 1, 5000000, '2025-03-01', 200000, '2026-01-15', '${t}', '${t}');
    INSERT INTO payments (id, loan_id, borrower_id, paid_on, amount_fen, source, receipt_no,
        recorded_by, created_at)
      VALUES (1, 1, 1, '2026-03-10', 50000, 'visit', 'QS001-2026-000001', 2, '${t}'),
             (2, 1, 1, '2026-03-10', 30000, 'visit', 'QS001-2026-000002', 2, '${t}');
    INSERT INTO visits (id, borrower_id, date, start_time, end_time, purpose, status, planned_by,
        planned_at, updated_at) VALUES
      (1, 1, '2026-03-10', '09:00', '10:00', 'reminder', 'done', 2, '${t}', '${t}'),
      (2, 1, '2026-03-24', '09:00', '10:00', 'negotiation', 'planned', 2, '${t}', '${t}');
    INSERT INTO visit_staff (visit_id, staff_id) VALUES (1, 2), (2, 2);
  `);
}

const recordSql = `INSERT INTO visit_records (id, visit_id, borrower_id, amends, amend_reason,
    actual_date, actual_start, actual_end, met, outcome, staff_cards_shown, rights_explained,
    no_third_party_disclosure, recorded_on_media, recording_ref, recorded_by, recorded_at)
  VALUES (@id, @visit, 1, @amends, @reason, '2026-03-10', @start, @end, 'borrower', @outcome,
    @cards, 1, 1, 1, @ref, 2, '${t}')`;

const original = {
  id: 1,
  visit: 1,
  amends: null,
  reason: null,
  start: '09:05',
  end: '09:50',
  outcome: 'promise_to_pay',
  cards: 1,
  ref: 'REC-0310-01',
};

describe('migration 004: visit records', () => {
  it('keeps the planned visits of a version-3 database and adds the record tables', () => {
    const db = databaseAt(3);
    plannedVisits(db);
    const visits = db.prepare('SELECT * FROM visits ORDER BY id').all();
    const visitStaff = db.prepare('SELECT * FROM visit_staff').all();
    const payments = db.prepare('SELECT * FROM payments ORDER BY id').all();
    const tablesBefore = objectNames(db, 'table');
    expect(objectNames(db, 'trigger')).toEqual(['audit_log_no_delete', 'audit_log_no_update']);

    expect(migrate(db, 4)).toBe(4);
    expect(schemaVersion(db)).toBe(4);
    expect(db.prepare('SELECT * FROM visits ORDER BY id').all()).toEqual(visits);
    expect(db.prepare('SELECT * FROM visit_staff').all()).toEqual(visitStaff);
    expect(db.prepare('SELECT * FROM payments ORDER BY id').all()).toEqual(payments);
    expect(objectNames(db, 'table').filter((name) => !tablesBefore.includes(name))).toEqual([
      'follow_ups',
      'plan_instalments',
      'promises',
      'receipts',
      'repayment_plans',
      'visit_record_staff',
      'visit_records',
    ]);
    expect(objectNames(db, 'trigger')).toEqual([
      'audit_log_no_delete',
      'audit_log_no_update',
      'receipts_no_delete',
      'receipts_no_update',
      'visit_records_no_delete',
      'visit_records_no_update',
    ]);
    db.close();
  });

  it('writes a record once, with its checklist complete; a correction amends the one original', () => {
    const db = databaseAt(3);
    plannedVisits(db);
    migrate(db, 4);
    const record = db.prepare(recordSql);
    record.run(original);
    // The compliance checklist is not optional, and a recording reference is not blank.
    expect(() => record.run({ ...original, id: 2, visit: 2, cards: 0 })).toThrow(/CHECK/);
    expect(() => record.run({ ...original, id: 2, visit: 2, ref: '  ' })).toThrow(/CHECK/);
    expect(() => record.run({ ...original, id: 2, visit: 2, end: '09:05' })).toThrow(/CHECK/);
    expect(() => record.run({ ...original, id: 2, visit: 2, outcome: 'shouted' })).toThrow(/CHECK/);
    // One original per visit; an amendment says why.
    expect(() => record.run({ ...original, id: 2 })).toThrow(/UNIQUE/);
    expect(() => record.run({ ...original, id: 2, amends: 1 })).toThrow(/CHECK/);
    expect(() => record.run({ ...original, id: 2, reason: '时间有误' })).toThrow(/CHECK/);
    record.run({ ...original, id: 2, amends: 1, reason: '结束时间有误', end: '09:40' });
    record.run({ ...original, id: 3, amends: 1, reason: '再次更正', end: '09:45' });

    expect(() =>
      db.prepare("UPDATE visit_records SET actual_end = '09:30' WHERE id = 1").run(),
    ).toThrow(/never changed/);
    expect(() => db.prepare('DELETE FROM visit_records WHERE id = 2').run()).toThrow(
      /never deleted/,
    );
    expect(
      db.prepare('SELECT id, amends, actual_end FROM visit_records ORDER BY id').all(),
    ).toEqual([
      { id: 1, amends: null, actual_end: '09:50' },
      { id: 2, amends: 1, actual_end: '09:40' },
      { id: 3, amends: 1, actual_end: '09:45' },
    ]);

    db.prepare('INSERT INTO visit_record_staff (record_id, staff_id) VALUES (1, 2)').run();
    expect(() =>
      db.prepare('INSERT INTO visit_record_staff (record_id, staff_id) VALUES (1, 2)').run(),
    ).toThrow(/UNIQUE|PRIMARY/);
    db.close();
  });

  it('numbers receipts without repeats and never rewrites one', () => {
    const db = databaseAt(3);
    plannedVisits(db);
    migrate(db, 4);
    db.prepare(recordSql).run(original);
    const receipt = db.prepare(
      `INSERT INTO receipts (receipt_no, branch_code, year, seq, payment_id, visit_record_id,
         paid_at, issued_by, issued_at) VALUES (?, 'QS001', 2026, ?, ?, 1, ?, 2, ?)`,
    );
    receipt.run('QS001-2026-000001', 1, 1, t, t);
    expect(() => receipt.run('QS001-2026-000009', 1, 2, t, t)).toThrow(/UNIQUE/);
    expect(() => receipt.run('QS001-2026-000002', 2, 1, t, t)).toThrow(/UNIQUE/);
    expect(() => receipt.run('QS001-2026-000000', 0, 2, t, t)).toThrow(/CHECK/);
    expect(() => receipt.run('QS001-2026-000002', 2, 99, t, t)).toThrow(/FOREIGN KEY/);
    receipt.run('QS001-2026-000002', 2, 2, t, t);
    expect(() => db.prepare('UPDATE receipts SET seq = 5 WHERE seq = 2').run()).toThrow(
      /never changed/,
    );
    expect(() => db.prepare('DELETE FROM receipts').run()).toThrow(/never deleted/);
    expect(db.prepare('SELECT receipt_no FROM receipts ORDER BY seq').all()).toEqual([
      { receipt_no: 'QS001-2026-000001' },
      { receipt_no: 'QS001-2026-000002' },
    ]);
    db.close();
  });

  it('dates a promise on or after the visit and asks a reason of a plan below the arrears', () => {
    const db = databaseAt(3);
    plannedVisits(db);
    migrate(db, 4);
    db.prepare(recordSql).run(original);

    const promise = db.prepare(
      `INSERT INTO promises (borrower_id, loan_id, visit_record_id, promised_on, amount_fen, due_on,
         created_at) VALUES (1, 1, 1, '2026-03-10', ?, ?, ?)`,
    );
    promise.run(100000, '2026-03-20', t);
    expect(() => promise.run(100000, '2026-03-09', t)).toThrow(/CHECK/);
    expect(() => promise.run(0, '2026-03-20', t)).toThrow(/CHECK/);
    expect(db.prepare('SELECT status, paid_fen FROM promises').all()).toEqual([
      { status: 'pending', paid_fen: 0 },
    ]);

    const plan = db.prepare(
      `INSERT INTO repayment_plans (id, borrower_id, visit_record_id, total_fen, overdue_fen,
         shortfall_reason, proposed_by, proposed_at) VALUES (?, 1, 1, ?, 203500, ?, 2, ?)`,
    );
    plan.run(1, 203500, '', t);
    // Less than the arrears only with a reason; never more than the arrears.
    expect(() => plan.run(2, 150000, ' ', t)).toThrow(/CHECK/);
    expect(() => plan.run(2, 250000, '多还', t)).toThrow(/CHECK/);
    plan.run(2, 150000, '家庭收入减少', t);
    expect(db.prepare('SELECT id, status FROM repayment_plans ORDER BY id').all()).toEqual([
      { id: 1, status: 'proposed' },
      { id: 2, status: 'proposed' },
    ]);

    const instalment = db.prepare(
      'INSERT INTO plan_instalments (plan_id, seq, due_on, amount_fen) VALUES (1, ?, ?, ?)',
    );
    instalment.run(1, '2026-04-10', 100000);
    expect(() => instalment.run(1, '2026-05-10', 103500)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => instalment.run(0, '2026-05-10', 103500)).toThrow(/CHECK/);

    const followUp = db.prepare(
      `INSERT INTO follow_ups (borrower_id, visit_record_id, staff_id, due_on, status, created_at)
       VALUES (1, 1, 2, '2026-03-21', ?, ?)`,
    );
    followUp.run('open', t);
    expect(() => followUp.run('forgotten', t)).toThrow(/CHECK/);
    db.close();
  });
});
