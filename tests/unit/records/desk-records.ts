import type { RecordVisitInput } from '../../../electron/shared/schemas/records';
import type { Engine } from '../../../electron/core/db/engine';
import { expectOk } from '../support/core';
import { signedInCoreOn, staffAccountOn, switchToOn } from '../support/desk';
import { MANAGER } from '../support/setup';
import type { EngineKind } from '../support/engines';
import { outcome, residentId, START, TODAY, type RecordsCore } from './support';

/**
 * The records feature's test branch on either engine, for suites run on both (issue 19): a
 * manager, two officers and a clerk made through the dispatcher as the manager makes them, one
 * overdue borrower with two loans, visits and imported payments written through the app's
 * engine (never SQL on the SQLite connection), and a clock the test can move. The clock starts
 * at 2026-05-20 10:00 in China.
 */

const AT = '2026-01-01T00:00:00.000Z';

/** support.ts insertBorrower on the engine: ¥3,200 overdue since 1 February. */
export async function insertBorrowerOn(
  engine: Engine,
  seq: number,
  name = '张秀英',
): Promise<number> {
  const row = await engine.db
    .insertInto('borrowers')
    .values({
      name,
      id_number: residentId(seq),
      birth_date: '1980-05-10',
      sex: 'F',
      township: '石桥镇',
      village: '东村',
      overdue_since: '2026-02-01',
      total_overdue_fen: 320000,
      outstanding_fen: 3000000,
      created_at: AT,
      updated_at: AT,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** support.ts insertLoan on the engine: ¥3,000 principal + ¥200 interest overdue. */
async function insertLoanOn(engine: Engine, borrowerId: number, loanNo: string): Promise<number> {
  const at = '2026-05-01T00:00:00.000Z';
  const row = await engine.db
    .insertInto('loans')
    .values({
      loan_no: loanNo,
      borrower_id: borrowerId,
      principal_fen: 5000000,
      disbursed_on: '2025-01-01',
      outstanding_principal_fen: 3000000,
      overdue_principal_fen: 300000,
      overdue_interest_fen: 20000,
      penalty_fen: 0,
      overdue_since: '2026-02-01',
      as_of: '2026-05-01',
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** support.ts insertVisit on the engine: a notified visit 09:00–10:00 on `date`. */
export async function insertVisitOn(
  engine: Engine,
  visit: { borrowerId: number; date: string; staffIds: number[]; loanIds?: number[] },
): Promise<number> {
  const { id } = await engine.db
    .insertInto('visits')
    .values({
      borrower_id: visit.borrowerId,
      date: visit.date,
      start_time: '09:00',
      end_time: '10:00',
      purpose: 'negotiation',
      township: '石桥镇',
      village: '东村',
      status: 'notified',
      planned_by: visit.staffIds[0]!,
      planned_at: START.toISOString(),
      updated_at: START.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await engine.db
    .insertInto('visit_staff')
    .values(visit.staffIds.map((staffId) => ({ visit_id: id, staff_id: staffId })))
    .execute();
  if (visit.loanIds?.length) {
    await engine.db
      .insertInto('visit_loans')
      .values(visit.loanIds.map((loanId) => ({ visit_id: id, loan_id: loanId })))
      .execute();
  }
  return id;
}

/** A payment as an import brings it (source 'import'), created at `at`, on the app's engine. */
export async function insertImportedPaymentOn(
  engine: Engine,
  payment: { borrowerId: number; loanId: number; paidOn: string; amountFen: number; at: Date },
): Promise<number> {
  const { id } = await engine.db
    .insertInto('payments')
    .values({
      loan_id: payment.loanId,
      borrower_id: payment.borrowerId,
      paid_on: payment.paidOn,
      amount_fen: payment.amountFen,
      source: 'import',
      created_at: payment.at.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** The branch on `kind`, the manager signed in. */
export async function recordsCoreOn(kind: EngineKind) {
  const clock = { now: new Date(START) };
  const core = await signedInCoreOn(kind, { now: () => clock.now });
  const managerId = core.app.session!.staffId;
  const officer = await staffAccountOn(core, {
    username: 'li.ming',
    role: 'officer',
    name: '李明',
    staffNo: 'C101',
  });
  const partner = await staffAccountOn(core, {
    username: 'zhao.qiang',
    role: 'officer',
    name: '赵强',
    staffNo: 'C102',
  });
  const clerk = await staffAccountOn(core, {
    username: 'qian.li',
    role: 'clerk',
    name: '钱丽',
    staffNo: 'K201',
  });
  const engine = core.app.engine;
  const borrowerId = await insertBorrowerOn(engine, 1);
  const loanId = await insertLoanOn(engine, borrowerId, 'QS-2025-0001');
  const secondLoanId = await insertLoanOn(engine, borrowerId, 'QS-2025-0002');
  return {
    ...core,
    clock,
    managerId,
    officer,
    partner,
    clerk,
    borrowerId,
    loanId,
    secondLoanId,
    /** Moves the clock to 10:00 China time on `date` (as if the user had stayed active). */
    setToday(date: string) {
      clock.now = new Date(`${date}T02:00:00.000Z`);
      core.app.touch();
    },
    visit(date = TODAY, staffIds = [officer.staffId, partner.staffId]) {
      return insertVisitOn(core.app.engine, { borrowerId, date, staffIds, loanIds: [loanId] });
    },
    /**
     * Signs `account` in and waits for the sign-in's own work (the promise evaluation it starts
     * in the background), so a clock moved next does not date that evaluation.
     */
    async signInAs(account: { username: string; passphrase: string }) {
      const session = await switchToOn(core, account);
      await core.app.settle();
      return session;
    },
    async signInAsManager() {
      const session = await switchToOn(core, MANAGER);
      await core.app.settle();
      return session;
    },
  };
}

export type RecordsCoreOn = Awaited<ReturnType<typeof recordsCoreOn>>;

/** support.ts outcome for a core on either engine: a valid outcome by the two officers. */
export function outcomeOn(
  core: RecordsCoreOn,
  visitId: number,
  overrides: Partial<RecordVisitInput> = {},
): RecordVisitInput {
  const officers = { officer: core.officer, partner: core.partner } as RecordsCore;
  return outcome(officers, visitId, overrides);
}

/** support.ts record for a core on either engine: the outcome saved through the dispatcher. */
export async function recordOn(core: RecordsCoreOn, input: RecordVisitInput) {
  return expectOk(await core.invoke('records:record', input));
}
