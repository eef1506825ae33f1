import { signedInCoreOn } from '../support/desk';
import type { EngineKind } from '../support/engines';
import { NOW, residentId, type SeededBorrower } from './support';

/**
 * support.ts's notices desk on either engine, for suites run on both (issue 19): a signed-in
 * manager with a clock the test can move (Tuesday 4 March 2025, 10:00 in Shanghai), and staff,
 * borrowers, loans and planned visits written through the app's engine as support.ts writes
 * them (never SQL on the SQLite connection).
 */

const at = '2025-01-01T00:00:00.000Z';
let counter = 500;

/** support.ts noticesCore on `kind`; `managerId` is the signed-in manager's staff id. */
export async function noticesCoreOn(kind: EngineKind, now = NOW) {
  const clock = { now: new Date(now) };
  const core = await signedInCoreOn(kind, { now: () => clock.now });
  return { ...core, clock, managerId: core.app.session!.staffId };
}

export type NoticesCoreOn = Awaited<ReturnType<typeof noticesCoreOn>>;

/** support.ts seedStaff on the app's engine: an officer without an account. */
export async function seedStaffOn(
  core: NoticesCoreOn,
  staffNo: string,
  name: string,
): Promise<number> {
  const { id } = await core.app.engine.db
    .insertInto('staff')
    .values({ staff_no: staffNo, name, role: 'officer', created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** support.ts seedBorrower on the app's engine: a borrower in 石桥镇 with overdue loans. */
export async function seedBorrowerOn(
  core: NoticesCoreOn,
  options: {
    name?: string;
    loans?: { overduePrincipalFen: number; interestFen?: number; overdueSince: string }[];
  } = {},
): Promise<SeededBorrower> {
  counter += 1;
  const idNumber = residentId(counter);
  const db = core.app.engine.db;
  const { id: borrowerId } = await db
    .insertInto('borrowers')
    .values({
      name: options.name ?? '李秀兰',
      id_number: idNumber,
      birth_date: '1980-01-01',
      sex: 'F',
      province: '浙江省',
      city: '杭州市',
      county: '青山县',
      township: '石桥镇',
      village: '溪口村',
      address_detail: `3 组 ${counter} 号`,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const loans = options.loans ?? [{ overduePrincipalFen: 1_234_567, overdueSince: '2024-11-21' }];
  const loanIds: number[] = [];
  for (const [index, loan] of loans.entries()) {
    const { id } = await db
      .insertInto('loans')
      .values({
        loan_no: `QS2023-${String(counter).padStart(3, '0')}${index}`,
        borrower_id: borrowerId,
        principal_fen: 5000000,
        disbursed_on: '2023-01-10',
        outstanding_principal_fen: 2468000,
        overdue_principal_fen: loan.overduePrincipalFen,
        overdue_interest_fen: loan.interestFen ?? 0,
        overdue_since: loan.overdueSince,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    loanIds.push(id);
  }
  return { borrowerId, loanIds, idNumber };
}

/** support.ts seedVisit on the app's engine: a visit planned by the manager. */
export async function seedVisitOn(
  core: NoticesCoreOn,
  borrower: SeededBorrower,
  staffIds: number[],
  options: {
    date?: string;
    start?: string;
    end?: string;
    routeOrder?: number;
    status?: 'planned' | 'cancelled';
  } = {},
): Promise<number> {
  const db = core.app.engine.db;
  const { id: visitId } = await db
    .insertInto('visits')
    .values({
      borrower_id: borrower.borrowerId,
      date: options.date ?? '2025-03-07',
      start_time: options.start ?? '09:30',
      end_time: options.end ?? '11:30',
      purpose: 'negotiation',
      township: '石桥镇',
      village: '溪口村',
      status: options.status ?? 'planned',
      planned_by: core.managerId,
      planned_at: at,
      route_order: options.routeOrder ?? null,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (staffIds.length) {
    await db
      .insertInto('visit_staff')
      .values(staffIds.map((staffId) => ({ visit_id: visitId, staff_id: staffId })))
      .execute();
  }
  await db
    .insertInto('visit_loans')
    .values(borrower.loanIds.map((loanId) => ({ visit_id: visitId, loan_id: loanId })))
    .execute();
  return visitId;
}

/** Two officers and a borrower with one planned visit: the usual notice. */
export async function seedVisitNoticeOn(core: NoticesCoreOn) {
  const chen = await seedStaffOn(core, 'A012', '陈志强');
  const liu = await seedStaffOn(core, 'A015', '刘芳');
  const borrower = await seedBorrowerOn(core);
  const visitId = await seedVisitOn(core, borrower, [chen, liu]);
  return { chen, liu, borrower, visitId };
}
