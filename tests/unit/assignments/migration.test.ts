import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newDatabaseKey } from '../../../electron/core/db/keyslots';
import { migrate } from '../../../electron/core/db/migrations';
import { openEncrypted } from '../../../electron/core/db/open';
import { nodeDriver } from '../../../electron/core/node';
import { tempDir } from '../support/core';

describe('migration 015: case assignments history', () => {
  it('keeps borrowers and their officers and adds a history tied to them', () => {
    const db = openEncrypted(path.join(tempDir(), 'm.db'), newDatabaseKey(), {
      driver: nodeDriver,
      create: true,
    });
    migrate(db, 14);
    const t = '2026-03-02T00:00:00.000Z';
    db.exec(`
      INSERT INTO staff (id, staff_no, name, role, username, created_at, updated_at) VALUES
        (1, 'M001', '王建国', 'manager', 'admin', '${t}', '${t}'),
        (2, 'C003', '赵强', 'officer', NULL, '${t}', '${t}'),
        (3, 'C004', '李娜', 'officer', NULL, '${t}', '${t}');
      INSERT INTO borrowers (id, name, id_number, birth_date, sex, assigned_officer_id,
          created_at, updated_at)
        VALUES (1, '张三', '11010519491231002X', '1949-12-31', 'F', 2, '${t}', '${t}');
    `);
    expect(migrate(db, 15)).toBe(15);

    expect(db.prepare('SELECT id, name, assigned_officer_id FROM borrowers').all()).toEqual([
      { id: 1, name: '张三', assigned_officer_id: 2 },
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM assignments').get()).toEqual({ n: 0 });
    const insert = db.prepare(
      `INSERT INTO assignments (borrower_id, from_officer_id, to_officer_id, reason, source,
         staff_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    insert.run(1, 2, 3, '赵强调岗', 'manual', 1, t);
    insert.run(1, 3, 2, '', 'import', null, t);
    expect(
      db.prepare('SELECT from_officer_id, to_officer_id, source FROM assignments').all(),
    ).toEqual([
      { from_officer_id: 2, to_officer_id: 3, source: 'manual' },
      { from_officer_id: 3, to_officer_id: 2, source: 'import' },
    ]);
    // A manual change needs its reason; a change goes somewhere else, to real rows.
    expect(() => insert.run(1, 2, 3, '  ', 'manual', 1, t)).toThrow(/CHECK/);
    expect(() => insert.run(1, 2, 2, '同一人', 'manual', 1, t)).toThrow(/CHECK/);
    expect(() => insert.run(1, 2, 3, '原因', 'phone', 1, t)).toThrow(/CHECK/);
    expect(() => insert.run(42, 2, 3, '原因', 'manual', 1, t)).toThrow(/FOREIGN KEY/);
    expect(() => insert.run(1, 2, 99, '原因', 'manual', 1, t)).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
