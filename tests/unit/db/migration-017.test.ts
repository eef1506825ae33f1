import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newDatabaseKey } from '../../../electron/core/db/keyslots';
import { migrate } from '../../../electron/core/db/migrations';
import { openEncrypted } from '../../../electron/core/db/open';
import { nodeDriver } from '../../../electron/core/node';
import { tempDir } from '../support/core';

describe('migration 017: case exits', () => {
  it('keeps closed cases closed, adds the exits table with one exit in force per case', () => {
    const db = openEncrypted(path.join(tempDir(), 'm.db'), newDatabaseKey(), {
      driver: nodeDriver,
      create: true,
    });
    migrate(db, 16);
    const t = '2026-03-02T00:00:00.000Z';
    db.exec(`
      INSERT INTO staff (id, staff_no, name, role, username, created_at, updated_at) VALUES
        (1, 'M001', '王建国', 'manager', 'admin', '${t}', '${t}');
      INSERT INTO borrowers (id, name, id_number, birth_date, sex, status, closed_at,
          created_at, updated_at) VALUES
        (1, '张三', '11010519491231002X', '1949-12-31', 'F', 'closed', '${t}', '${t}', '${t}'),
        (2, '李四', '110105194912310021', '1949-12-31', 'M', 'active', NULL, '${t}', '${t}');
    `);
    expect(migrate(db, 17)).toBe(17);

    // A case closed by an edit before stays closed, without an exit.
    expect(db.prepare('SELECT id, status, closed_at FROM borrowers ORDER BY id').all()).toEqual([
      { id: 1, status: 'closed', closed_at: t },
      { id: 2, status: 'active', closed_at: null },
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM case_exits').get()).toEqual({ n: 0 });

    const insert = db.prepare(
      `INSERT INTO case_exits (borrower_id, kind, exit_on, reference, previous_status, set_by,
         set_at) VALUES (?, ?, ?, ?, 'active', 1, ?)`,
    );
    insert.run(2, 'written_off', '2026-03-01', 'HX-1', t);
    // One exit in force per case; an undone one may be followed by another.
    expect(() => insert.run(2, 'agency', '2026-03-02', 'WW-1', t)).toThrow(/UNIQUE/);
    db.prepare(
      `UPDATE case_exits SET reopened_at = ?, reopened_by = 1, reopen_reason = '撤销'
       WHERE borrower_id = 2`,
    ).run(t);
    insert.run(2, 'agency', '2026-03-02', 'WW-1', t);
    expect(() => insert.run(1, 'forgiven', '2026-03-01', 'X', t)).toThrow(/CHECK/);
    expect(() => insert.run(1, 'settled', '2026/03/01', 'X', t)).toThrow(/CHECK/);
    expect(() => insert.run(1, 'settled', '2026-03-01', '  ', t)).toThrow(/CHECK/);
    expect(() => insert.run(99, 'settled', '2026-03-01', 'X', t)).toThrow(/FOREIGN KEY/);
    // Undoing needs who and why together.
    expect(() =>
      db.prepare('UPDATE case_exits SET reopened_at = ? WHERE reference = ?').run(t, 'WW-1'),
    ).toThrow(/CHECK/);
  });
});
