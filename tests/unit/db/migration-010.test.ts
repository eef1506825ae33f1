import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newDatabaseKey } from '../../../electron/core/db/keyslots';
import { migrate } from '../../../electron/core/db/migrations';
import { openEncrypted } from '../../../electron/core/db/open';
import { nodeDriver } from '../../../electron/core/node';
import { tempDir } from '../support/core';

describe('migration 010: self-approved overrides and plans', () => {
  it('keeps the rows and marks what the proposer approved', () => {
    const db = openEncrypted(path.join(tempDir(), 'm.db'), newDatabaseKey(), {
      driver: nodeDriver,
      create: true,
    });
    migrate(db, 9);
    const t = '2026-03-02T00:00:00.000Z';
    db.exec(`
      INSERT INTO staff (id, staff_no, name, role, username, created_at, updated_at) VALUES
        (1, 'M001', '经理', 'manager', 'admin', '${t}', '${t}'),
        (2, 'C101', '李明', 'officer', 'li.ming', '${t}', '${t}');
      INSERT INTO borrowers (id, name, id_number, birth_date, sex, overdue_since, created_at, updated_at)
        VALUES (1, '张三', '11010519491231002X', '1949-12-31', 'F', '2026-01-01', '${t}', '${t}');
      INSERT INTO visits (id, borrower_id, date, start_time, end_time, purpose, planned_by,
          planned_at, override_reason, override_codes, overridden_by, updated_at) VALUES
        (1, 1, '2026-03-10', '21:30', '21:59', 'reminder', 1, '${t}', '本人要求晚间上门',
          '["HOURS_OUTSIDE_ALLOWED"]', 1, '${t}'),
        (2, 1, '2026-03-13', '09:00', '10:00', 'reminder', 2, '${t}', NULL, NULL, NULL, '${t}');
      INSERT INTO visit_records (id, visit_id, borrower_id, actual_date, actual_start, actual_end,
          met, outcome, staff_cards_shown, rights_explained, no_third_party_disclosure,
          recorded_on_media, recording_ref, recorded_by, recorded_at) VALUES
        (1, 1, 1, '2026-03-10', '21:30', '21:50', 'borrower', 'plan_proposed', 1, 1, 1, 1, 'R1', 1, '${t}'),
        (2, 2, 1, '2026-03-13', '09:00', '09:40', 'borrower', 'plan_proposed', 1, 1, 1, 1, 'R2', 2, '${t}');
      INSERT INTO repayment_plans (id, borrower_id, visit_record_id, total_fen, overdue_fen, status,
          proposed_by, proposed_at, decided_by, decided_at) VALUES
        (1, 1, 1, 1000, 1000, 'approved', 1, '${t}', 1, '${t}'),
        (2, 1, 2, 1000, 1000, 'completed', 2, '${t}', 1, '${t}'),
        (3, 1, 1, 1000, 1000, 'rejected', 1, '${t}', 1, '${t}'),
        (4, 1, 2, 1000, 1000, 'proposed', 1, '${t}', NULL, NULL);
    `);
    expect(migrate(db, 10)).toBe(10);

    // Every override so far was written and granted by one manager in one action.
    expect(
      db
        .prepare(
          `SELECT id, override_reason, overridden_by, override_proposed_by, override_self_approved
           FROM visits ORDER BY id`,
        )
        .all(),
    ).toEqual([
      {
        id: 1,
        override_reason: '本人要求晚间上门',
        overridden_by: 1,
        override_proposed_by: 1,
        override_self_approved: 1,
      },
      {
        id: 2,
        override_reason: null,
        overridden_by: null,
        override_proposed_by: null,
        override_self_approved: 0,
      },
    ]);
    // Only a plan the proposer approved; a rejection or a plan still proposed is not one.
    expect(
      db
        .prepare('SELECT id, status, proposed_by, self_approved FROM repayment_plans ORDER BY id')
        .all(),
    ).toEqual([
      { id: 1, status: 'approved', proposed_by: 1, self_approved: 1 },
      { id: 2, status: 'completed', proposed_by: 2, self_approved: 0 },
      { id: 3, status: 'rejected', proposed_by: 1, self_approved: 0 },
      { id: 4, status: 'proposed', proposed_by: 1, self_approved: 0 },
    ]);
    expect(() =>
      db.prepare('UPDATE repayment_plans SET self_approved = 2 WHERE id = 1').run(),
    ).toThrow(/CHECK constraint/);
    db.close();
  });
});
