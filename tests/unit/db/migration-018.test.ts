import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newDatabaseKey } from '../../../electron/core/db/keyslots';
import { migrate } from '../../../electron/core/db/migrations';
import { openEncrypted } from '../../../electron/core/db/open';
import { nodeDriver } from '../../../electron/core/node';
import { tempDir } from '../support/core';

describe('migration 018: loan classification', () => {
  it('keeps loans and snapshots as they were, unclassified, and takes tiers 1 to 5 only', () => {
    const db = openEncrypted(path.join(tempDir(), 'm.db'), newDatabaseKey(), {
      driver: nodeDriver,
      create: true,
    });
    migrate(db, 17);
    const t = '2026-03-02T00:00:00.000Z';
    db.exec(`
      INSERT INTO borrowers (id, name, id_number, birth_date, sex, overdue_since,
          total_overdue_fen, outstanding_fen, created_at, updated_at) VALUES
        (1, '张三', '11010519491231002X', '1949-12-31', 'F', '2026-01-10', 500, 80000,
         '${t}', '${t}');
      INSERT INTO loans (id, loan_no, borrower_id, principal_fen, disbursed_on,
          outstanding_principal_fen, overdue_principal_fen, overdue_since, as_of,
          created_at, updated_at) VALUES
        (1, 'L-1', 1, 100000, '2025-01-01', 80000, 500, '2026-01-10', '2026-02-28', '${t}', '${t}');
      INSERT INTO loan_snapshots (loan_id, as_of, outstanding_principal_fen,
          overdue_principal_fen, overdue_interest_fen, penalty_fen, overdue_since, dpd, bucket,
          created_at) VALUES
        (1, '2026-02-28', 80000, 500, 0, 0, '2026-01-10', 49, 'M2', '${t}');
    `);
    expect(migrate(db, 18)).toBe(18);

    expect(
      db.prepare('SELECT loan_no, outstanding_principal_fen, classification FROM loans').all(),
    ).toEqual([{ loan_no: 'L-1', outstanding_principal_fen: 80000, classification: null }]);
    expect(
      db.prepare('SELECT as_of, bucket, dpd, classification FROM loan_snapshots').all(),
    ).toEqual([{ as_of: '2026-02-28', bucket: 'M2', dpd: 49, classification: null }]);
    expect(
      db.prepare('SELECT overdue_since, outstanding_fen, classification FROM borrowers').all(),
    ).toEqual([{ overdue_since: '2026-01-10', outstanding_fen: 80000, classification: null }]);

    db.prepare('UPDATE loans SET classification = 3').run();
    db.prepare('UPDATE loan_snapshots SET classification = 5').run();
    db.prepare('UPDATE borrowers SET classification = 1').run();
    expect(() => db.prepare('UPDATE loans SET classification = 6').run()).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE loan_snapshots SET classification = 0').run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE borrowers SET classification = '次级'").run()).toThrow();
    // The case list's filter on the tier walks its own index.
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id FROM borrowers WHERE classification = 3
         ORDER BY dpd_sort LIMIT 25`,
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/borrowers_classification_dpd/);
  });
});
