import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../electron/core/db/migrations';
import { newDatabaseKey } from '../../../electron/core/db/keyslots';
import { openEncrypted } from '../../../electron/core/db/open';
import { nodeDriver } from '../../../electron/core/node';
import { tempDir } from '../support/core';

describe('migration 003 (planning)', () => {
  it('adds the planning tables and indexes to a version-2 database, keeping its rows', () => {
    const db = openEncrypted(path.join(tempDir(), 'm.db'), newDatabaseKey(), {
      driver: nodeDriver,
      create: true,
    });
    expect(migrate(db, 2)).toBe(2);
    const at = '2026-01-01T00:00:00.000Z';
    db.prepare(
      "INSERT INTO staff (staff_no, name, role, created_at, updated_at) VALUES ('C001', '李强', 'officer', ?, ?)",
    ).run(at, at);
    db.prepare(
      "INSERT INTO borrowers (name, id_number, birth_date, sex, created_at, updated_at) VALUES ('张三', '330102196001010011', '1960-01-01', 'M', ?, ?)",
    ).run(at, at);
    expect(migrate(db)).toBeGreaterThanOrEqual(3);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(3);
    expect(db.prepare('SELECT name FROM borrowers').all()).toEqual([{ name: '张三' }]);
    const names = (type: string) =>
      (
        db.prepare('SELECT name FROM sqlite_master WHERE type = ?').all(type) as { name: string }[]
      ).map((r) => r.name);
    expect(names('table')).toEqual(
      expect.arrayContaining([
        'staff_certificates',
        'staff_leave',
        'branch_holidays',
        'visits',
        'visit_staff',
        'visit_loans',
        'monthly_targets',
      ]),
    );
    expect(names('index')).toEqual(
      expect.arrayContaining(['visits_date', 'visits_borrower_date', 'visit_staff_staff']),
    );
    // A visit must end after it starts, and only one branch target per month.
    db.prepare(
      "INSERT INTO visits (borrower_id, date, start_time, end_time, purpose, planned_by, planned_at, updated_at) VALUES (1, '2026-03-10', '09:00', '10:00', 'reminder', 1, ?, ?)",
    ).run(at, at);
    expect(() =>
      db
        .prepare(
          "INSERT INTO visits (borrower_id, date, start_time, end_time, purpose, planned_by, planned_at, updated_at) VALUES (1, '2026-03-10', '10:00', '09:00', 'reminder', 1, ?, ?)",
        )
        .run(at, at),
    ).toThrow(/CHECK/);
    const target = db.prepare(
      "INSERT INTO monthly_targets (month, staff_id, visits_target, amount_target_fen, updated_at) VALUES ('2026-03', NULL, 1, 1, ?)",
    );
    target.run(at);
    expect(() => target.run(at)).toThrow(/UNIQUE/);
    db.close();
  });
});
