import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newDatabaseKey } from '../../../electron/core/db/keyslots';
import { migrate } from '../../../electron/core/db/migrations';
import { openEncrypted } from '../../../electron/core/db/open';
import { nodeDriver } from '../../../electron/core/node';
import { tempDir } from '../support/core';

describe('migration 011: officer names from imports', () => {
  it('keeps staff and borrowers and adds the alias and waiting-name tables, tied to them', () => {
    const db = openEncrypted(path.join(tempDir(), 'm.db'), newDatabaseKey(), {
      driver: nodeDriver,
      create: true,
    });
    migrate(db, 10);
    const t = '2026-03-02T00:00:00.000Z';
    db.exec(`
      INSERT INTO staff (id, staff_no, name, role, username, created_at, updated_at) VALUES
        (1, 'M001', '王建国', 'manager', 'admin', '${t}', '${t}'),
        (2, 'C003', '赵强', 'officer', NULL, '${t}', '${t}');
      INSERT INTO borrowers (id, name, id_number, birth_date, sex, assigned_officer_id,
          created_at, updated_at)
        VALUES (1, '张三', '11010519491231002X', '1949-12-31', 'F', 2, '${t}', '${t}');
    `);
    expect(migrate(db, 11)).toBe(11);

    expect(db.prepare('SELECT id, staff_no, name FROM staff ORDER BY id').all()).toEqual([
      { id: 1, staff_no: 'M001', name: '王建国' },
      { id: 2, staff_no: 'C003', name: '赵强' },
    ]);
    expect(db.prepare('SELECT id, assigned_officer_id FROM borrowers').all()).toEqual([
      { id: 1, assigned_officer_id: 2 },
    ]);
    db.prepare(
      `INSERT INTO staff_name_aliases (name_key, name, staff_id, created_by, created_at)
       VALUES ('老赵', '老赵', 2, 1, ?)`,
    ).run(t);
    db.prepare(
      `INSERT INTO import_officer_names (borrower_id, name, name_key, officer_before, file_name,
         line, as_of, created_at) VALUES (1, '李 勇', '李勇', 2, 'a.csv', 2, '2026-03-02', ?)`,
    ).run(t);
    // One waiting name per borrower; aliases and waiting names point at real rows.
    expect(() =>
      db
        .prepare(
          `INSERT INTO import_officer_names (borrower_id, name, name_key, file_name, line, as_of,
             created_at) VALUES (1, '王芳', '王芳', 'b.csv', 3, '2026-03-03', ?)`,
        )
        .run(t),
    ).toThrow(/UNIQUE/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO staff_name_aliases (name_key, name, staff_id, created_at)
           VALUES ('小李', '小李', 99, ?)`,
        )
        .run(t),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO import_officer_names (borrower_id, name, name_key, file_name, line, as_of,
             created_at) VALUES (42, '王芳', '王芳', 'b.csv', 3, '2026-03-03', ?)`,
        )
        .run(t),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
