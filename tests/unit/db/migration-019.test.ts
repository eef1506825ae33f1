import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newDatabaseKey } from '../../../electron/core/db/keyslots';
import { migrate } from '../../../electron/core/db/migrations';
import { openEncrypted } from '../../../electron/core/db/open';
import { nodeDriver } from '../../../electron/core/node';
import { tempDir } from '../support/core';

describe('migration 019: waivers and settlements', () => {
  it('keeps the rows before it and holds the amounts and the two approvals to their rules', () => {
    const db = openEncrypted(path.join(tempDir(), 'm.db'), newDatabaseKey(), {
      driver: nodeDriver,
      create: true,
    });
    migrate(db, 18);
    const t = '2026-05-20T02:00:00.000Z';
    db.exec(`
      INSERT INTO staff (id, staff_no, name, role, username, created_at, updated_at) VALUES
        (1, 'M001', '王建国', 'manager', 'admin', '${t}', '${t}'),
        (2, 'C101', '李明', 'officer', 'li', '${t}', '${t}'),
        (3, 'A301', '孙慧', 'auditor', 'sun', '${t}', '${t}');
      INSERT INTO borrowers (id, name, id_number, birth_date, sex, created_at, updated_at) VALUES
        (1, '张三', '11010519491231002X', '1949-12-31', 'F', '${t}', '${t}');
      INSERT INTO loans (id, loan_no, borrower_id, principal_fen, disbursed_on,
          outstanding_principal_fen, overdue_interest_fen, penalty_fen, created_at, updated_at)
        VALUES (1, 'L1', 1, 5000000, '2025-01-01', 3000000, 20000, 15000, '${t}', '${t}');
    `);
    expect(migrate(db, 19)).toBe(19);
    expect(db.prepare('SELECT count(*) AS n FROM loans').get()).toEqual({ n: 1 });

    const insert = (kind: string, waived: number, pay: number | null, payBy: string | null) =>
      db
        .prepare(
          `INSERT INTO waivers (borrower_id, loan_id, kind, principal_owed_fen, interest_owed_fen,
             penalty_owed_fen, waived_fen, settle_pay_fen, pay_by, reason, proposed_by,
             proposed_at, proposed_on)
           VALUES (1, 1, ?, 3000000, 20000, 15000, ?, ?, ?, '因病', 2, '${t}', '2026-05-20')`,
        )
        .run(kind, waived, pay, payBy).lastInsertRowid;
    expect(() => insert('penalty', 15001, null, null)).toThrow(/CHECK/);
    expect(() => insert('interest', 0, null, null)).toThrow(/CHECK/);
    expect(() => insert('penalty', 100, 100, '2026-06-30')).toThrow(/CHECK/);
    // A settlement: waived + paid is what is owed (3,035,000).
    expect(() => insert('settlement', 235000, 2700000, '2026-06-30')).toThrow(/CHECK/);
    const id = insert('settlement', 235000, 2800000, '2026-06-30');
    // One undecided proposal per loan.
    expect(() => insert('penalty', 100, null, null)).toThrow(/UNIQUE/);

    const approve1 = db.prepare(
      `UPDATE waivers SET status = 'first_approved', approval1_by = ?, approval1_role = ?,
         approval1_at = '${t}' WHERE id = ?`,
    );
    // The proposer approves nothing.
    expect(() => approve1.run(2, 'manager', id)).toThrow(/CHECK/);
    approve1.run(1, 'manager', id);
    const approve2 = db.prepare(
      `UPDATE waivers SET status = 'approved', approval2_by = ?, approval2_role = ?,
         approval2_at = '${t}', approved_on = '2026-05-20' WHERE id = ?`,
    );
    expect(() => approve2.run(1, 'manager', id)).toThrow(/CHECK/);
    approve2.run(3, 'auditor', id);
    // A rejection keeps its reason.
    const other = db
      .prepare(
        `INSERT INTO waivers (borrower_id, loan_id, kind, principal_owed_fen, interest_owed_fen,
           penalty_owed_fen, waived_fen, reason, proposed_by, proposed_at, proposed_on)
         VALUES (1, 1, 'penalty', 3000000, 20000, 15000, 100, '因病', 2, '${t}', '2026-05-20')`,
      )
      .run().lastInsertRowid;
    expect(() =>
      db
        .prepare(
          `UPDATE waivers SET status = 'rejected', closed_by = 1, closed_at = '${t}' WHERE id = ?`,
        )
        .run(other),
    ).toThrow(/CHECK/);
  });
});
