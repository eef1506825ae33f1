import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { dateIn } from '../../../electron/shared/dates';
import type { DocumentRequest } from '../../../electron/shared/schemas/notices';
import { copySqliteToPostgres } from '../../../electron/core/db/postgres/copy-from-sqlite';
import type { DB } from '../../../electron/core/db/schema';
import { assembleAll } from '../../../electron/core/notices/assemble';
import { printLog } from '../../../electron/core/notices/print';
import { loadBranchForPrint, loadNoticeSettings } from '../../../electron/core/notices/settings';
import { expectOk, signedInCore } from '../support/core';
import { openTestEngine } from '../support/engines';

/**
 * Every kind of document assembled from the demo branch on SQLite and from its copy on
 * PostgreSQL (issue 19): the same facts, field for field, so a print reads alike on either
 * engine (loans, staff and certificates in the same order, dates and amounts as the same text
 * and numbers).
 */

const NOW = new Date('2026-11-29T02:00:00.000Z');

async function assembled(db: Kysely<DB>, requests: DocumentRequest[]) {
  const settings = await loadNoticeSettings(db);
  const branch = await loadBranchForPrint(db, settings, { forPrint: false });
  const ctx = {
    db,
    lang: 'zh' as const,
    issueDate: dateIn(branch.timeZone, NOW),
    now: NOW,
    branch,
    settings,
  };
  return assembleAll(ctx, requests);
}

describe('notices on both engines', () => {
  it('are assembled and logged alike from the same branch', async () => {
    const core = await signedInCore({ now: () => NOW });
    expectOk(await core.invoke('cases:loadDemo', {}));
    const db = core.app.db;
    const ids = (query: string) => (db.prepare(query).all() as { id: number }[]).map((r) => r.id);
    const open = db
      .prepare(
        "SELECT id, date FROM visits WHERE status IN ('planned', 'notified') ORDER BY date, id LIMIT 1",
      )
      .get() as { id: number; date: string };
    const busy = db
      .prepare(
        "SELECT date FROM visits WHERE status IN ('planned', 'notified') GROUP BY date ORDER BY count(*) DESC, date LIMIT 1",
      )
      .get() as { date: string };
    const overdue = ids(
      "SELECT DISTINCT borrower_id AS id FROM loans WHERE status = 'active' AND overdue_since IS NOT NULL ORDER BY borrower_id LIMIT 3",
    );
    const receipts = ids('SELECT id FROM receipts ORDER BY id LIMIT 3');
    const plans = ids(
      "SELECT id FROM repayment_plans WHERE status IN ('approved', 'completed', 'broken') ORDER BY id LIMIT 2",
    );
    // A visit about two loans, one of them not overdue (no overdue_since): SQLite sorts the
    // missing date first, and PostgreSQL must list the loans in the same order.
    const mixed = db
      .prepare(
        `SELECT v.id, v.borrower_id FROM visits v WHERE v.status IN ('planned', 'notified')
           AND (SELECT count(*) FROM loans l WHERE l.borrower_id = v.borrower_id) >= 2
         ORDER BY v.id LIMIT 1`,
      )
      .get() as { id: number; borrower_id: number };
    const loans = ids(`SELECT id FROM loans WHERE borrower_id = ${mixed.borrower_id} ORDER BY id`);
    for (const loan of loans) {
      db.prepare('INSERT OR IGNORE INTO visit_loans (visit_id, loan_id) VALUES (?, ?)').run(
        mixed.id,
        loan,
      );
    }
    db.prepare('UPDATE loans SET overdue_since = NULL WHERE id = ?').run(loans.at(-1));
    const requests: DocumentRequest[] = [
      { kind: 'visitNotice', visitId: open.id },
      { kind: 'visitNotice', visitId: mixed.id },
      { kind: 'dayNotices', date: busy.date },
      { kind: 'dayRouteSheet', date: busy.date },
      ...overdue.map((borrowerId) => ({ kind: 'reminderLetter' as const, borrowerId })),
      ...overdue.map((borrowerId) => ({ kind: 'demandLetter' as const, borrowerId })),
      ...receipts.map((receiptId) => ({ kind: 'paymentReceipt' as const, receiptId })),
      ...plans.map((planId) => ({ kind: 'repaymentPlanAgreement' as const, planId })),
    ];
    // The demo has a document of every kind to compare.
    expect(receipts.length * plans.length * overdue.length).toBeGreaterThan(0);

    // A copy in the print log besides the demo's originals.
    const [printed] = await printLog(core.app.engine.db, { limit: 1 });
    expectOk(await core.invoke('notices:reprint', { printLogId: printed!.id }));

    const onSqlite = await assembled(core.app.engine.db, requests);
    const target = await openTestEngine('postgres');
    try {
      await copySqliteToPostgres(db, target.engine);
      const onPostgres = await assembled(target.engine.db, requests);
      expect(onSqlite.length).toBeGreaterThan(requests.length);
      expect(onPostgres).toEqual(onSqlite);

      // The print log, originals and copies, in the branch's own clock.
      const log = await printLog(core.app.engine.db, { limit: 200 });
      expect(log.some((row) => row.isCopy)).toBe(true);
      expect(log.some((row) => !row.isCopy)).toBe(true);
      expect(await printLog(target.engine.db, { limit: 200 })).toEqual(log);
    } finally {
      await target.close();
    }
  });
});
