import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { latestVersion, migrate } from '../../../electron/core/db/migrations';
import { newDatabaseKey } from '../../../electron/core/db/keyslots';
import { openEncrypted } from '../../../electron/core/db/open';
import { indexBorrower, searchBorrowerIds } from '../../../electron/core/cases/search';
import { nodeDriver } from '../../../electron/core/node';
import { tempDir } from '../support/core';
import { residentId } from './support';

describe('migration 002 (case files)', () => {
  it('keeps the foundation rows and adds case tables that reference staff', () => {
    const db = openEncrypted(path.join(tempDir(), 'm.db'), newDatabaseKey(), {
      driver: nodeDriver,
      create: true,
    });
    expect(migrate(db, 1)).toBe(1);
    const at = '2026-11-29T00:00:00.000Z';
    db.prepare(
      "INSERT INTO staff (staff_no, name, role, created_at, updated_at) VALUES ('D201', '林晓峰', 'officer', ?, ?)",
    ).run(at, at);
    const staffBefore = db.prepare('SELECT * FROM staff').all();

    expect(migrate(db, 2)).toBe(2);
    expect(db.prepare('SELECT * FROM staff').all()).toEqual(staffBefore);
    const insert = db.prepare(
      `INSERT INTO borrowers (name, id_number, birth_date, sex, assigned_officer_id, overdue_since,
         created_at, updated_at) VALUES (?, ?, '1980-05-17', 'M', ?, ?, ?, ?)`,
    );
    insert.run('张三', residentId('1980-05-17', 131), 1, '2026-10-01', at, at);
    // The officer must exist; money columns refuse negatives; the current case sorts last.
    expect(() => insert.run('李四', residentId('1981-01-01', 11), 99, null, at, at)).toThrow(
      /FOREIGN KEY/,
    );
    expect(() =>
      db.prepare('UPDATE borrowers SET total_overdue_fen = -1 WHERE id = 1').run(),
    ).toThrow(/CHECK/);
    insert.run('王五', residentId('1982-01-01', 13), null, null, at, at);
    expect(db.prepare('SELECT name, dpd_sort FROM borrowers ORDER BY dpd_sort').all()).toEqual([
      { name: '张三', dpd_sort: '2026-10-01' },
      { name: '王五', dpd_sort: '9999-12-31' },
    ]);
    indexBorrower(db, 1, {
      name: '张三',
      township: '东源镇',
      village: '红光村',
      idNumber: residentId('1980-05-17', 131),
      phones: ['13812345678'],
      loanNos: [],
    });
    expect(searchBorrowerIds(db, '{name place} : "张 三"')).toEqual([1]);

    expect(migrate(db)).toBe(latestVersion);
    db.close();
  });
});
