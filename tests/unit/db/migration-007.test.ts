import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newDatabaseKey } from '../../../electron/core/db/keyslots';
import { migrate } from '../../../electron/core/db/migrations';
import { openEncrypted } from '../../../electron/core/db/open';
import { nodeDriver } from '../../../electron/core/node';
import { tempDir } from '../support/core';

describe('migration 007: village index', () => {
  it('keeps the rows and lets a village filter use the index', () => {
    const db = openEncrypted(path.join(tempDir(), 'm.db'), newDatabaseKey(), {
      driver: nodeDriver,
      create: true,
    });
    migrate(db, 6);
    db.prepare(
      `INSERT INTO borrowers (name, id_number, birth_date, sex, village, overdue_since, created_at, updated_at)
       VALUES ('张三', '11010519491231002X', '1949-12-31', 'F', '溪口村', '2026-01-01', 't', 't')`,
    ).run();
    expect(migrate(db, 7)).toBe(7);
    expect(db.prepare('SELECT name, village FROM borrowers').all()).toEqual([
      { name: '张三', village: '溪口村' },
    ]);
    const plan = db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT id FROM borrowers WHERE village = '溪口村' ORDER BY dpd_sort LIMIT 25",
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('borrowers_village_dpd');
    db.close();
  });
});
