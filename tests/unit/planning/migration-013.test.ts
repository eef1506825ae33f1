import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newDatabaseKey } from '../../../electron/core/db/keyslots';
import { migrate } from '../../../electron/core/db/migrations';
import { openEncrypted } from '../../../electron/core/db/open';
import { nodeDriver } from '../../../electron/core/node';
import { tempDir } from '../support/core';

describe('migration 013: doorstep rules', () => {
  it('keeps visits and records, places them at home, and names who asked for pending approvals', () => {
    const db = openEncrypted(path.join(tempDir(), 'm.db'), newDatabaseKey(), {
      driver: nodeDriver,
      create: true,
    });
    migrate(db, 12);
    const t = '2026-03-02T00:00:00.000Z';
    db.exec(`
      INSERT INTO staff (id, staff_no, name, role, username, created_at, updated_at) VALUES
        (1, 'M001', '经理', 'manager', 'admin', '${t}', '${t}'),
        (2, 'C101', '李明', 'officer', 'li.ming', '${t}', '${t}');
      INSERT INTO borrowers (id, name, id_number, birth_date, sex, overdue_since, created_at, updated_at)
        VALUES (1, '张三', '11010519491231002X', '1949-12-31', 'F', '2026-01-01', '${t}', '${t}');
      INSERT INTO visits (id, borrower_id, date, start_time, end_time, purpose, planned_by,
          planned_at, needs_approval, approval_by, approved_at, notice_status, notice_at, updated_at) VALUES
        (1, 1, '2026-03-10', '09:00', '10:00', 'negotiation', 2, '${t}', 1, NULL, NULL, 'none', NULL, '${t}'),
        (2, 1, '2026-03-13', '09:00', '10:00', 'reminder', 1, '${t}', 1, 1, '${t}', 'phoned', '${t}', '${t}'),
        (3, 1, '2026-03-20', '09:00', '10:00', 'reminder', 2, '${t}', 0, NULL, NULL, 'none', NULL, '${t}');
      INSERT INTO visit_records (id, visit_id, borrower_id, actual_date, actual_start, actual_end,
          met, outcome, staff_cards_shown, rights_explained, no_third_party_disclosure,
          recorded_on_media, recording_ref, recorded_by, recorded_at) VALUES
        (1, 2, 1, '2026-03-13', '09:00', '09:40', 'borrower', 'refused', 1, 1, 1, 1, 'R1', 1, '${t}');
    `);
    expect(migrate(db, 13)).toBe(13);

    expect(
      db
        .prepare(
          `SELECT id, purpose, notice_status, approved_at, place, place_note, disclosure_risk,
             purpose_reason, approval_requested_by, approval_self_approved
           FROM visits ORDER BY id`,
        )
        .all(),
    ).toEqual([
      {
        id: 1,
        purpose: 'negotiation',
        notice_status: 'none',
        approved_at: null,
        place: 'home',
        place_note: '',
        disclosure_risk: 0,
        purpose_reason: '',
        approval_requested_by: 2,
        approval_self_approved: 0,
      },
      {
        id: 2,
        purpose: 'reminder',
        notice_status: 'phoned',
        approved_at: t,
        place: 'home',
        place_note: '',
        disclosure_risk: 0,
        purpose_reason: '',
        approval_requested_by: 1,
        approval_self_approved: 0,
      },
      {
        id: 3,
        purpose: 'reminder',
        notice_status: 'none',
        approved_at: null,
        place: 'home',
        place_note: '',
        disclosure_risk: 0,
        purpose_reason: '',
        approval_requested_by: null,
        approval_self_approved: 0,
      },
    ]);
    expect(
      db.prepare('SELECT id, recording_ref, place, place_note FROM visit_records').all(),
    ).toEqual([{ id: 1, recording_ref: 'R1', place: 'home', place_note: '' }]);
    // Older records were saved before the re-check: they carry none.
    expect(db.prepare('SELECT count(*) AS n FROM visit_record_violations').get()).toEqual({ n: 0 });
    expect(() => db.prepare("UPDATE visits SET place = 'garden' WHERE id = 1").run()).toThrow(
      /CHECK/,
    );
    expect(() =>
      db
        .prepare(
          "INSERT INTO elderly_clearances (borrower_id, reason, cleared_by, cleared_at) VALUES (1, ' ', 1, ?)",
        )
        .run(t),
    ).toThrow(/CHECK/);
    db.close();
  });
});
