import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newDatabaseKey } from '../../../electron/core/db/keyslots';
import { migrate } from '../../../electron/core/db/migrations';
import { openEncrypted } from '../../../electron/core/db/open';
import { nodeDriver } from '../../../electron/core/node';
import { tempDir } from '../support/core';

const t = '2026-07-01T00:00:00.000Z';

/**
 * A version-11 branch: borrower 1 with loans 1 (overdue in March's file) and 2 (current then),
 * borrower 2 with loan 3 (first files only in late May); visits without loans, one narrowed by its
 * planner; visit cash and payments the old importer inferred from the fall in principal.
 */
function seed11() {
  const db = openEncrypted(path.join(tempDir(), 'm.db'), newDatabaseKey(), {
    driver: nodeDriver,
    create: true,
  });
  migrate(db, 11);
  db.exec(`
    INSERT INTO staff (id, staff_no, name, role, username, created_at, updated_at) VALUES
      (1, 'M001', '王建国', 'manager', 'admin', '${t}', '${t}');
    INSERT INTO borrowers (id, name, id_number, birth_date, sex, created_at, updated_at) VALUES
      (1, '张秀英', '33112119800510001X', '1980-05-10', 'F', '${t}', '${t}'),
      (2, '李国强', '331121197502020031', '1975-02-02', 'M', '${t}', '${t}');
    INSERT INTO loans (id, loan_no, borrower_id, principal_fen, disbursed_on, as_of, created_at,
        updated_at) VALUES
      (1, 'L1', 1, 5000000, '2025-01-01', '2026-06-30', '${t}', '${t}'),
      (2, 'L2', 1, 5000000, '2025-01-01', '2026-06-30', '${t}', '${t}'),
      (3, 'L3', 2, 5000000, '2025-01-01', '2026-06-30', '${t}', '${t}');
    INSERT INTO loan_snapshots (loan_id, as_of, outstanding_principal_fen, overdue_principal_fen,
        overdue_interest_fen, penalty_fen, overdue_since, dpd, bucket, created_at) VALUES
      (1, '2026-03-31', 3000000, 100000, 0, 0, '2026-03-01', 30, 'M1', '${t}'),
      (2, '2026-03-31', 3000000, 0, 0, 0, NULL, 0, 'M0', '${t}'),
      (3, '2026-05-24', 3000000, 0, 5000, 0, '2026-05-20', 4, 'M1', '${t}'),
      (3, '2026-05-31', 3000000, 0, 5000, 0, '2026-05-20', 11, 'M1', '${t}');
    INSERT INTO visits (id, borrower_id, date, start_time, end_time, purpose, planned_by,
        planned_at, updated_at) VALUES
      (1, 1, '2026-04-10', '09:00', '10:00', 'negotiation', 1, '${t}', '${t}'),
      (2, 1, '2026-04-12', '09:00', '10:00', 'negotiation', 1, '${t}', '${t}'),
      (3, 2, '2026-04-15', '09:00', '10:00', 'negotiation', 1, '${t}', '${t}'),
      (4, 1, '2026-03-01', '09:00', '10:00', 'negotiation', 1, '${t}', '${t}');
    INSERT INTO visit_loans (visit_id, loan_id) VALUES (2, 2);
    INSERT INTO payments (id, loan_id, borrower_id, paid_on, amount_fen, source, method,
        receipt_no, reference, created_at) VALUES
      (1, 1, 1, '2026-04-10', 100000, 'visit', 'cash', 'QS-2026-000001', 'visit-record:1', '${t}'),
      (2, 2, 1, '2026-04-12', 80000, 'visit', 'cash', 'QS-2026-000002', 'visit-record:2', '${t}'),
      (3, 3, 2, '2026-05-24', 10000, 'visit', 'cash', 'QS-2026-000003', 'visit-record:3', '${t}'),
      (4, 3, 2, '2026-05-25', 30000, 'visit', 'cash', 'QS-2026-000004', 'visit-record:4', '${t}'),
      (5, 1, 1, '2026-04-30', 150000, 'import', 'principal_reduction', NULL,
        'import 2026-03-31 → 2026-04-30', '${t}'),
      (6, 2, 1, '2026-04-30', 80000, 'import', 'principal_reduction', NULL,
        'import 2026-03-31 → 2026-04-30', '${t}'),
      (7, 3, 2, '2026-06-30', 30000, 'import', 'principal_reduction', NULL,
        'import 2026-05-31 → 2026-06-30', '${t}'),
      (8, 1, 1, '2026-04-20', 5000, 'import', '银行转账', NULL, '', '${t}');
  `);
  return db;
}

describe('migration 012: money once', () => {
  it('gives visits without loans the loans overdue at the visit date, or all when that is unknown', () => {
    const db = seed11();
    expect(migrate(db, 12)).toBe(12);
    expect(
      db.prepare('SELECT visit_id, loan_id FROM visit_loans ORDER BY visit_id, loan_id').all(),
    ).toEqual([
      // Loan 1 was overdue in March's file, loan 2 current: the visit was about loan 1.
      { visit_id: 1, loan_id: 1 },
      // The planner's own choice stays.
      { visit_id: 2, loan_id: 2 },
      // Loan 3's first file is later than the visit: nothing known, so all of the loans.
      { visit_id: 3, loan_id: 3 },
      // Before any file: all of borrower 1's loans.
      { visit_id: 4, loan_id: 1 },
      { visit_id: 4, loan_id: 2 },
    ]);
    db.close();
  });

  it('turns inferred payments into file repayments and removes the visit cash counted twice', () => {
    const db = seed11();
    migrate(db, 12);
    expect(
      db
        .prepare(
          `SELECT loan_id, as_of, previous_as_of, reduction_fen, paid_on, payment_id
           FROM file_repayments ORDER BY loan_id`,
        )
        .all(),
    ).toEqual([
      {
        loan_id: 1,
        as_of: '2026-04-30',
        previous_as_of: '2026-03-31',
        reduction_fen: 150000,
        paid_on: null,
        payment_id: 5,
      },
      // All of it was the visit's cash: no import payment is left.
      {
        loan_id: 2,
        as_of: '2026-04-30',
        previous_as_of: '2026-03-31',
        reduction_fen: 80000,
        paid_on: null,
        payment_id: null,
      },
      {
        loan_id: 3,
        as_of: '2026-06-30',
        previous_as_of: '2026-05-31',
        reduction_fen: 30000,
        paid_on: null,
        payment_id: null,
      },
    ]);
    expect(
      db
        .prepare(
          `SELECT f.loan_id, c.visit_payment_id, c.amount_fen FROM payment_confirmations c
           JOIN file_repayments f ON f.id = c.file_repayment_id ORDER BY f.loan_id`,
        )
        .all(),
    ).toEqual([
      { loan_id: 1, visit_payment_id: 1, amount_fen: 100000 },
      { loan_id: 2, visit_payment_id: 2, amount_fen: 80000 },
      // Cash of 25 May is within 7 days before the previous file (31 May); cash of 24 May is
      // not, and two files (24 and 31 May) came between it and this one.
      { loan_id: 3, visit_payment_id: 4, amount_fen: 30000 },
    ]);
    expect(
      db
        .prepare('SELECT id, paid_on, paid_from, amount_fen, source FROM payments ORDER BY id')
        .all(),
    ).toEqual([
      { id: 1, paid_on: '2026-04-10', paid_from: null, amount_fen: 100000, source: 'visit' },
      { id: 2, paid_on: '2026-04-12', paid_from: null, amount_fen: 80000, source: 'visit' },
      { id: 3, paid_on: '2026-05-24', paid_from: null, amount_fen: 10000, source: 'visit' },
      { id: 4, paid_on: '2026-05-25', paid_from: null, amount_fen: 30000, source: 'visit' },
      // ¥1,500 fell, ¥1,000 of it the visit's cash: ¥500 new, paid some day in April.
      {
        id: 5,
        paid_on: '2026-04-30',
        paid_from: '2026-04-01',
        amount_fen: 50000,
        source: 'import',
      },
      // A payment that was not inferred from a fall in principal is left as it was.
      { id: 8, paid_on: '2026-04-20', paid_from: null, amount_fen: 5000, source: 'import' },
    ]);
    db.close();
  });

  it('has judged promises judged again and keeps the new tables strict', () => {
    const db = seed11();
    db.exec(`
      INSERT INTO visit_records (id, visit_id, borrower_id, actual_date, actual_start, actual_end,
          met, outcome, staff_cards_shown, rights_explained, no_third_party_disclosure,
          recorded_on_media, recording_ref, recorded_by, recorded_at) VALUES
        (1, 1, 1, '2026-04-10', '09:00', '09:40', 'borrower', 'promise_to_pay', 1, 1, 1, 1, 'R1', 1, '${t}');
      INSERT INTO promises (id, borrower_id, visit_record_id, promised_on, amount_fen, due_on,
          status, evaluated_at, paid_fen, created_at) VALUES
        (1, 1, 1, '2026-04-10', 200000, '2026-04-25', 'kept', '${t}', 200000, '${t}'),
        (2, 1, 1, '2026-04-10', 200000, '2026-05-25', 'pending', '${t}', 0, '${t}'),
        (3, 1, 1, '2026-04-10', 200000, '2026-04-25', 'superseded', '${t}', 0, '${t}');
    `);
    migrate(db, 12);
    expect(db.prepare('SELECT id, status, evaluated_at FROM promises ORDER BY id').all()).toEqual([
      { id: 1, status: 'kept', evaluated_at: null },
      { id: 2, status: 'pending', evaluated_at: t },
      { id: 3, status: 'superseded', evaluated_at: t },
    ]);
    expect(() =>
      db
        .prepare(
          `INSERT INTO file_repayments (loan_id, as_of, previous_as_of, reduction_fen, paid_on,
             created_at) VALUES (1, '2026-05-31', '2026-04-30', 100, '2026-06-01', ?)`,
        )
        .run(t),
    ).toThrow(/CHECK constraint/);
    expect(() =>
      db
        .prepare(
          'INSERT INTO promise_payments (promise_id, payment_id, amount_fen) VALUES (1, 1, 0)',
        )
        .run(),
    ).toThrow(/CHECK constraint/);
    db.close();
  });
});
