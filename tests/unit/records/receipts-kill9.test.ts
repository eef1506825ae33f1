import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../electron/core/audit/audit';
import { expectOk, MANAGER, signedInCore } from '../support/core';
import { crashOnce, KILLS, killDelays } from '../support/crash';
import { insertBorrower, insertLoan, insertVisit } from './support';

const writer = path.join(__dirname, 'receipt-writer.ts');

describe('receipt numbers across crashes', () => {
  it(`stay contiguous per branch and year, one per payment, their sequence rows at the last, after ${KILLS} kill -9`, async () => {
    const core = await signedInCore();
    const db = core.app.db;
    const at = new Date().toISOString();
    const officers = ['C101', 'C102'].map((staffNo) =>
      Number(
        db
          .prepare(
            "INSERT INTO staff (staff_no, name, role, active, created_at, updated_at) VALUES (?, ?, 'officer', 1, ?, ?)",
          )
          .run(staffNo, `催收员${staffNo}`, at, at).lastInsertRowid,
      ),
    );
    const borrowerId = insertBorrower(db, 7);
    insertLoan(db, borrowerId, 'QS-2025-0007');
    // Two years, interleaved, so each year's sequence is tested while the other one grows.
    db.transaction(() => {
      for (let i = 0; i < 4000; i++) {
        const date = i % 3 === 0 ? '2025-12-30' : '2026-01-05';
        insertVisit(db, { borrowerId, date, staffIds: officers });
      }
    })();
    core.app.lock('signOut');

    for (const delay of killDelays(KILLS, 4242, 50, 1200))
      await crashOnce(writer, [core.dbFile], delay);

    expectOk(await core.invoke('auth:signIn', MANAGER));
    const after = core.app.db;
    expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(verifyAuditChain(after).ok).toBe(true);

    const receipts = after
      .prepare(
        `SELECT r.receipt_no, r.branch_code, r.year, r.seq, r.visit_record_id,
                p.receipt_no AS payment_receipt_no, p.source, p.paid_on
         FROM receipts r JOIN payments p ON p.id = r.payment_id
         ORDER BY r.year, r.seq`,
      )
      .all() as {
      receipt_no: string;
      branch_code: string;
      year: number;
      seq: number;
      visit_record_id: number;
      payment_receipt_no: string;
      source: string;
      paid_on: string;
    }[];
    expect(receipts.length).toBeGreaterThan(KILLS);
    for (const year of [2025, 2026]) {
      const seqs = receipts.filter((r) => r.year === year).map((r) => r.seq);
      expect(seqs.length, `receipts in ${year}`).toBeGreaterThan(0);
      // 1, 2, 3, … n: no gap, no repeat.
      expect(seqs).toEqual(seqs.map((_s, i) => i + 1));
    }
    // Each year's sequence row names its last receipt: no increment outlived its payment.
    expect(
      after
        .prepare('SELECT branch_code, year, last_seq FROM receipt_sequences ORDER BY year')
        .all(),
    ).toEqual(
      [2025, 2026].map((year) => ({
        branch_code: 'QS001',
        year,
        last_seq: receipts.filter((r) => r.year === year).length,
      })),
    );
    for (const r of receipts) {
      expect(r.receipt_no).toBe(`QS001-SJ-${r.year}-${String(r.seq).padStart(6, '0')}`);
      expect(r.payment_receipt_no).toBe(r.receipt_no);
      expect(r.source).toBe('visit');
      expect(r.paid_on.slice(0, 4)).toBe(String(r.year));
    }
    // Each action whole or absent: every record has its payment and receipt, every payment
    // its receipt, every recorded visit its status.
    const n = (sql: string) => (after.prepare(sql).get() as { n: number }).n;
    const records = n('SELECT count(*) AS n FROM visit_records');
    expect(records).toBe(receipts.length);
    expect(n('SELECT count(*) AS n FROM payments')).toBe(receipts.length);
    expect(new Set(receipts.map((r) => r.visit_record_id)).size).toBe(records);
    expect(n("SELECT count(*) AS n FROM visits WHERE status = 'done'")).toBe(records);
    expect(n("SELECT count(*) AS n FROM audit_log WHERE action = 'visit.record'")).toBe(records);
  }, 300_000);
});
