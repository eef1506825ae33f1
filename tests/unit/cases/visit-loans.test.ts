import { describe, expect, it } from 'vitest';
import { importRoster } from '../../../electron/core/planning/import-roster';
import { expectOk } from '../support/core';
import { certifiedStaff, planningCore, seedBorrower, type Core } from '../planning/support';

/**
 * A visit is about all of the borrower's overdue loans unless the planner narrows it, whichever
 * path writes it: the plan dialog's channel, the route planner, a roster file, a change.
 */

/** Borrower with three loans: the seeded one overdue, one current, one settled. */
function borrowerWithLoans(core: Core) {
  const seeded = seedBorrower(core);
  const at = '2026-01-01T00:00:00.000Z';
  const add = (loanNo: string, overdueFen: number, status: 'active' | 'settled') =>
    Number(
      core.app.db
        .prepare(
          `INSERT INTO loans (loan_no, borrower_id, principal_fen, disbursed_on,
             overdue_principal_fen, status, created_at, updated_at)
           VALUES (?, ?, 5000000, '2024-06-01', ?, ?, ?, ?)`,
        )
        .run(loanNo, seeded.borrowerId, overdueFen, status, at, at).lastInsertRowid,
    );
  return {
    ...seeded,
    current: add(`${seeded.idNumber}-C`, 0, 'active'),
    settled: add(`${seeded.idNumber}-S`, 0, 'settled'),
  };
}

const loansOf = (core: Core, visitId: number) =>
  (
    core.app.db
      .prepare('SELECT loan_id FROM visit_loans WHERE visit_id = ? ORDER BY loan_id')
      .all(visitId) as { loan_id: number }[]
  ).map((r) => r.loan_id);

async function staff(core: Core) {
  return [await certifiedStaff(core, 'C001'), await certifiedStaff(core, 'C002')];
}

const draft = (borrowerId: number, staffIds: number[], extra: Record<string, unknown> = {}) => ({
  borrowerId,
  staffIds,
  date: '2026-03-10',
  start: '09:00',
  end: '10:00',
  purpose: 'negotiation',
  ...extra,
});

describe('the loans a visit is about', () => {
  it('planned without choosing: the overdue loans, not the current or settled ones', async () => {
    const core = await planningCore();
    const b = borrowerWithLoans(core);
    const visit = expectOk(
      await core.invoke('planning:planVisit', draft(b.borrowerId, await staff(core))),
    );
    expect(visit.loanIds).toEqual([b.loanId]);
    expect(loansOf(core, visit.id)).toEqual([b.loanId]);
  });

  it('the planner may narrow it to the loans they choose', async () => {
    const core = await planningCore();
    const b = borrowerWithLoans(core);
    const visit = expectOk(
      await core.invoke(
        'planning:planVisit',
        draft(b.borrowerId, await staff(core), { loanIds: [b.current] }),
      ),
    );
    expect(loansOf(core, visit.id)).toEqual([b.current]);
  });

  it('a borrower with nothing overdue: the open loans', async () => {
    const core = await planningCore();
    const b = borrowerWithLoans(core);
    core.app.db.prepare('UPDATE loans SET overdue_principal_fen = 0 WHERE id = ?').run(b.loanId);
    const visit = expectOk(
      await core.invoke('planning:planVisit', draft(b.borrowerId, await staff(core))),
    );
    expect(loansOf(core, visit.id)).toEqual([b.loanId, b.current]);
  });

  it('the route planner gives each stop its borrower’s overdue loans', async () => {
    const core = await planningCore();
    const first = borrowerWithLoans(core);
    const second = borrowerWithLoans(core);
    const visits = expectOk(
      await core.invoke('planning:planRoute', {
        date: '2026-03-10',
        borrowerIds: [first.borrowerId, second.borrowerId],
        staffIds: await staff(core),
        firstStart: '09:00',
        visitMinutes: 45,
        gapMinutes: 15,
      }),
    );
    expect(visits.map((v) => v.loanIds)).toEqual([[first.loanId], [second.loanId]]);
  });

  it('a roster file’s visits get them too', async () => {
    const core = await planningCore();
    await staff(core);
    const b = borrowerWithLoans(core);
    const file = new TextEncoder().encode(
      `身份证号,走访日期,开始时间,结束时间,走访人员,目的\r\n${b.idNumber},2026-03-10,09:00,10:00,C001、C002,协商\r\n`,
    );
    const result = await importRoster(core.app, { name: 'roster.csv', bytes: file });
    expect(result.planned).toBe(1);
    const visit = core.app.db.prepare('SELECT id FROM visits').get() as { id: number };
    expect(loansOf(core, visit.id)).toEqual([b.loanId]);
  });

  it('a change that clears the choice goes back to the overdue loans', async () => {
    const core = await planningCore();
    const b = borrowerWithLoans(core);
    const visit = expectOk(
      await core.invoke(
        'planning:planVisit',
        draft(b.borrowerId, await staff(core), { loanIds: [b.current] }),
      ),
    );
    const changed = expectOk(
      await core.invoke('planning:updateVisit', { id: visit.id, loanIds: [] }),
    );
    expect(changed.loanIds).toEqual([b.loanId]);
  });
});
