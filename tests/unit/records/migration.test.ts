import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../electron/core/db/migrations';
import { newDatabaseKey } from '../../../electron/core/db/keyslots';
import { openEncrypted } from '../../../electron/core/db/open';
import { nodeDriver } from '../../../electron/core/node';
import { tempDir } from '../support/core';
import { insertBorrower, insertLoan, insertVisit } from './support';

const fresh = () =>
  openEncrypted(path.join(tempDir(), 'm.db'), newDatabaseKey(), {
    driver: nodeDriver,
    create: true,
  });

const recordSql = `INSERT INTO visit_records (visit_id, borrower_id, actual_date, actual_start,
  actual_end, met, outcome, staff_cards_shown, rights_explained, no_third_party_disclosure,
  recorded_on_media, recording_ref, recorded_by, recorded_at)
  VALUES (@visit, @borrower, '2026-05-20', '09:00', '09:30', 'borrower', 'refused',
  @cards, 1, 1, 1, @ref, @staff, '2026-05-20T02:00:00Z')`;

describe('migration 004 (records)', () => {
  it('adds the records tables to a planning database and leaves its rows as they were', () => {
    const db = fresh();
    migrate(db, 3);
    const at = '2026-05-01T00:00:00Z';
    const staff = Number(
      db
        .prepare(
          "INSERT INTO staff (staff_no, name, role, created_at, updated_at) VALUES ('C1', '李明', 'officer', ?, ?)",
        )
        .run(at, at).lastInsertRowid,
    );
    const borrower = insertBorrower(db, 3);
    insertLoan(db, borrower, 'L-1');
    const visit = insertVisit(db, { borrowerId: borrower, date: '2026-05-20', staffIds: [staff] });
    const before = db.prepare('SELECT * FROM visits').all();

    migrate(db, 4);
    expect(schemaVersion(db)).toBe(4);
    expect(db.prepare('SELECT * FROM visits').all()).toEqual(before);
    const tables = db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all() as { name: string; sql: string }[];
    const added = [
      'follow_ups',
      'plan_instalments',
      'promises',
      'receipts',
      'repayment_plans',
      'visit_record_staff',
      'visit_records',
    ];
    for (const name of added) {
      const table = tables.find((t) => t.name === name);
      expect(table?.sql, name).toMatch(/STRICT\s*$/);
    }

    // The checklist and the recording reference are enforced by the table itself.
    const params = { visit, borrower, staff, cards: 1, ref: 'REC-1' };
    expect(() => db.prepare(recordSql).run({ ...params, cards: 0 })).toThrow(/CHECK/);
    expect(() => db.prepare(recordSql).run({ ...params, ref: '  ' })).toThrow(/CHECK/);
    db.prepare(recordSql).run(params);
    // One original record per visit.
    expect(() => db.prepare(recordSql).run(params)).toThrow(/UNIQUE/);
    db.close();
  });

  it('refuses a plan above the overdue amount, or below it without a reason', () => {
    const db = fresh();
    migrate(db, 4);
    const at = '2026-05-01T00:00:00Z';
    const staff = Number(
      db
        .prepare(
          "INSERT INTO staff (staff_no, name, role, created_at, updated_at) VALUES ('C1', '李明', 'officer', ?, ?)",
        )
        .run(at, at).lastInsertRowid,
    );
    const borrower = insertBorrower(db, 4);
    const visit = insertVisit(db, { borrowerId: borrower, date: '2026-05-20', staffIds: [staff] });
    const record = Number(
      db.prepare(recordSql).run({ visit, borrower, staff, cards: 1, ref: 'R' }).lastInsertRowid,
    );
    const plan = db.prepare(
      `INSERT INTO repayment_plans (borrower_id, visit_record_id, total_fen, overdue_fen,
         shortfall_reason, proposed_by, proposed_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    expect(() => plan.run(borrower, record, 1001, 1000, '', staff, at)).toThrow(/CHECK/);
    expect(() => plan.run(borrower, record, 900, 1000, '', staff, at)).toThrow(/CHECK/);
    plan.run(borrower, record, 900, 1000, '先还本金', staff, at);
    plan.run(borrower, record, 1000, 1000, '', staff, at);
    db.close();
  });
});
