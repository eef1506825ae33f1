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

const objectNames = (db: Sqlite, type: 'table' | 'index') =>
  (
    db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%'
           AND name NOT GLOB 'borrower_search_*' ORDER BY name`,
      )
      .all(type) as { name: string }[]
  ).map((row) => row.name);

/** A version-2 branch: a manager, an officer, a borrower with one loan. */
function caseFiles(db: Sqlite) {
  db.exec(`
    INSERT INTO staff (id, staff_no, name, role, username, created_at, updated_at) VALUES
      (1, 'M001', '王建国', 'manager', 'admin', '${t}', '${t}'),
      (2, 'C101', '李明', 'officer', 'li.ming', '${t}', '${t}');
    INSERT INTO borrowers (id, name, id_number, birth_date, sex, assigned_officer_id, township,
        overdue_since, total_overdue_fen, created_at, updated_at)
      VALUES (1, '张三', '330102197205010011', '1972-05-01', 'M', 2, '溪口镇', '2026-01-15',
        203500, '${t}', '${t}');
    INSERT INTO loans (id, loan_no, borrower_id, principal_fen, disbursed_on, overdue_principal_fen,
        overdue_since, created_at, updated_at)
      VALUES (1, 'L001', 1, 5000000, '2025-03-01', 200000, '2026-01-15', '${t}', '${t}');
  `);
}

describe('migration 003: visit planning', () => {
  it('keeps the case files of a version-2 database and adds the planning tables', () => {
    const db = databaseAt(2);
    caseFiles(db);
    const borrowers = db.prepare('SELECT * FROM borrowers').all();
    const loans = db.prepare('SELECT * FROM loans').all();
    const tablesBefore = objectNames(db, 'table');
    const indexesBefore = objectNames(db, 'index');

    expect(migrate(db, 3)).toBe(3);
    expect(schemaVersion(db)).toBe(3);
    expect(db.prepare('SELECT * FROM borrowers').all()).toEqual(borrowers);
    expect(db.prepare('SELECT * FROM loans').all()).toEqual(loans);
    expect(objectNames(db, 'table').filter((name) => !tablesBefore.includes(name))).toEqual([
      'branch_holidays',
      'monthly_targets',
      'staff_certificates',
      'staff_leave',
      'visit_loans',
      'visit_staff',
      'visits',
    ]);
    expect(objectNames(db, 'index').filter((name) => !indexesBefore.includes(name))).toEqual([
      'monthly_targets_month_staff',
      'staff_certificates_staff',
      'staff_leave_date',
      'visit_loans_loan',
      'visit_staff_staff',
      'visits_borrower_date',
      'visits_date',
      'visits_rescheduled_from',
    ]);
    db.close();
  });

  it('refuses a visit that ends before it starts, an unknown purpose or status, or no borrower', () => {
    const db = databaseAt(2);
    caseFiles(db);
    migrate(db, 3);
    const visit = db.prepare(
      `INSERT INTO visits (id, borrower_id, date, start_time, end_time, purpose, status, planned_by,
         planned_at, updated_at) VALUES (?, ?, '2026-03-10', ?, ?, ?, ?, 2, ?, ?)`,
    );
    visit.run(1, 1, '09:00', '10:00', 'reminder', 'planned', t, t);
    expect(() => visit.run(2, 1, '10:00', '10:00', 'reminder', 'planned', t, t)).toThrow(/CHECK/);
    expect(() => visit.run(2, 1, '10:00', '09:30', 'reminder', 'planned', t, t)).toThrow(/CHECK/);
    expect(() => visit.run(2, 1, '10:00', '11:00', 'threaten', 'planned', t, t)).toThrow(/CHECK/);
    expect(() => visit.run(2, 1, '10:00', '11:00', 'reminder', 'postponed', t, t)).toThrow(/CHECK/);
    expect(() => visit.run(2, 42, '10:00', '11:00', 'reminder', 'planned', t, t)).toThrow(
      /FOREIGN KEY/,
    );
    // Defaults of a fresh plan: normal priority, no notice yet, no approval needed.
    expect(
      db
        .prepare(
          'SELECT priority, notice_status, needs_approval, borrower_requested FROM visits WHERE id = 1',
        )
        .get(),
    ).toEqual({
      priority: 'normal',
      notice_status: 'none',
      needs_approval: 0,
      borrower_requested: 0,
    });

    // Each staff member and each loan once per visit.
    db.prepare('INSERT INTO visit_staff (visit_id, staff_id) VALUES (1, 2)').run();
    expect(() =>
      db.prepare('INSERT INTO visit_staff (visit_id, staff_id) VALUES (1, 2)').run(),
    ).toThrow(/UNIQUE|PRIMARY/);
    db.prepare('INSERT INTO visit_loans (visit_id, loan_id) VALUES (1, 1)').run();
    expect(() =>
      db.prepare('INSERT INTO visit_loans (visit_id, loan_id) VALUES (1, 7)').run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('keeps one branch target and one per officer a month, one leave day and one holiday per date', () => {
    const db = databaseAt(2);
    caseFiles(db);
    migrate(db, 3);
    const target = db.prepare(
      `INSERT INTO monthly_targets (month, staff_id, visits_target, amount_target_fen, updated_by,
         updated_at) VALUES (?, ?, ?, ?, 1, ?)`,
    );
    target.run('2026-03', null, 40, 2_000_000, t);
    target.run('2026-03', 2, 20, 1_000_000, t);
    target.run('2026-04', null, 45, 2_500_000, t);
    // NULL staff means the branch: a second branch target for March is a duplicate, which a
    // plain UNIQUE (month, staff_id) would let through.
    expect(() => target.run('2026-03', null, 50, 2_000_000, t)).toThrow(/UNIQUE/);
    expect(() => target.run('2026-03', 2, 25, 1_000_000, t)).toThrow(/UNIQUE/);
    expect(() => target.run('2026-05', 2, -1, 0, t)).toThrow(/CHECK/);
    expect(db.prepare('SELECT count(*) AS n FROM monthly_targets').get()).toEqual({ n: 3 });

    const leave = db.prepare(
      "INSERT INTO staff_leave (staff_id, date, reason, created_at) VALUES (2, ?, '年假', ?)",
    );
    leave.run('2026-03-11', t);
    expect(() => leave.run('2026-03-11', t)).toThrow(/UNIQUE|PRIMARY/);

    const holiday = db.prepare(
      'INSERT INTO branch_holidays (date, kind, created_by, created_at) VALUES (?, ?, 1, ?)',
    );
    holiday.run('2026-04-05', 'holiday', t);
    expect(() => holiday.run('2026-04-05', 'workday', t)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => holiday.run('2026-04-06', 'half_day', t)).toThrow(/CHECK/);

    const certificate = db.prepare(
      `INSERT INTO staff_certificates (staff_id, kind, number, expires_on, created_at)
       VALUES (?, ?, ?, '2027-12-31', ?)`,
    );
    certificate.run(2, 'training', 'PX-2026-001', t);
    expect(() => certificate.run(2, 'training', 'PX-2026-001', t)).toThrow(/UNIQUE/);
    expect(() => certificate.run(2, 'licence', 'PX-2026-002', t)).toThrow(/CHECK/);
    expect(() => certificate.run(9, 'training', 'PX-2026-003', t)).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
