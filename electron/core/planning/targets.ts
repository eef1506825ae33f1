import type { InferResult, Kysely } from 'kysely';
import type { z } from 'zod';
import { AppFailure } from '../../shared/result';
import type { setTargetInput, TargetsOutput } from '../../shared/schemas/planning';
import type { Visitdesk } from '../app/visitdesk';
import { openStatuses } from '../../shared/schemas/planning';
import { writeFlag } from '../db/columns';
import type { DB } from '../db/schema';
import { monthRange } from '../../shared/dates';
import { loadBranchToday } from '../settings/branch-clock';

/**
 * Monthly targets, for the branch and per officer, and the progress against them: visits
 * done (and still planned) in the month, and the amount collected — payments received in the
 * month on the loans of borrowers visited (done) in the month, the monthly summary's
 * "payments on visited loans". Per officer, the borrowers that officer visited.
 */

/*
 * Progress for the branch and every officer in four grouped queries over the month's visits (a
 * date-index range) and payments: per-officer queries would each walk that officer's whole
 * visit history. Run on the engine, for the targets and for the officers' workload
 * (assignments/workload.ts). `sum` is cast back to an integer: PostgreSQL's sum of bigint fen
 * is numeric.
 */
type Range = { from: string; to: string };

const visitsByStaffQuery = (db: Kysely<DB>, range: Range) =>
  db
    .selectFrom('visits as v')
    .innerJoin('visit_staff as s', 's.visit_id', 'v.id')
    .select((eb) => [
      's.staff_id',
      eb.fn.countAll<number>().filterWhere('v.status', '=', 'done').as('done'),
      eb.fn.countAll<number>().filterWhere('v.status', 'in', openStatuses).as('planned'),
    ])
    .where('v.date', '>=', range.from)
    .where('v.date', '<=', range.to)
    .groupBy('s.staff_id');

const visitsBranchQuery = (db: Kysely<DB>, range: Range) =>
  db
    .selectFrom('visits as v')
    .select((eb) => [
      eb.fn.countAll<number>().filterWhere('v.status', '=', 'done').as('done'),
      eb.fn.countAll<number>().filterWhere('v.status', 'in', openStatuses).as('planned'),
    ])
    .where('v.date', '>=', range.from)
    .where('v.date', '<=', range.to);

/** The officers and borrowers of the month's done visits, and each borrower's month's payments. */
const visitedAndPaid = (db: Kysely<DB>, range: Range) =>
  db
    .with('visited', (w) =>
      w
        .selectFrom('visits as v')
        .innerJoin('visit_staff as s', 's.visit_id', 'v.id')
        .select(['s.staff_id', 'v.borrower_id'])
        .distinct()
        .where('v.date', '>=', range.from)
        .where('v.date', '<=', range.to)
        .where('v.status', '=', 'done'),
    )
    .with('paid', (w) =>
      w
        .selectFrom('payments')
        .select((eb) => ['borrower_id', eb.fn.sum<number>('amount_fen').as('fen')])
        .where('paid_on', '>=', range.from)
        .where('paid_on', '<=', range.to)
        .groupBy('borrower_id'),
    );

const amountBranchQuery = (db: Kysely<DB>, range: Range) =>
  visitedAndPaid(db, range)
    .selectFrom((eb) => eb.selectFrom('visited').select('borrower_id').distinct().as('b'))
    .innerJoin('paid', 'paid.borrower_id', 'b.borrower_id')
    .select((eb) => eb.cast<number | null>(eb.fn.sum('paid.fen'), 'bigint').as('fen'));

const amountsByStaffQuery = (db: Kysely<DB>, range: Range) =>
  visitedAndPaid(db, range)
    .selectFrom('visited')
    .innerJoin('paid', 'paid.borrower_id', 'visited.borrower_id')
    .select((eb) => [
      'visited.staff_id',
      eb.cast<number>(eb.fn.sum('paid.fen'), 'bigint').as('fen'),
    ])
    .groupBy('visited.staff_id');

const targetsQuery = (db: Kysely<DB>, month: string) =>
  db
    .selectFrom('monthly_targets')
    .select(['staff_id', 'visits_target', 'amount_target_fen'])
    .where('month', '=', month);

interface Progress {
  visitsTarget: number;
  visitsDone: number;
  visitsPlanned: number;
  amountTargetFen: number;
  amountCollectedFen: number;
}

type ProgressRows = {
  byStaff: InferResult<ReturnType<typeof visitsByStaffQuery>>;
  branch: InferResult<ReturnType<typeof visitsBranchQuery>>[number] | undefined;
  amountBranch: InferResult<ReturnType<typeof amountBranchQuery>>[number] | undefined;
  amountsByStaff: InferResult<ReturnType<typeof amountsByStaffQuery>>;
  targets: InferResult<ReturnType<typeof targetsQuery>>;
};

/** The month's progress, for the branch (`null`) or an officer, read on the engine. */
export async function loadMonthProgress(db: Kysely<DB>, month: string) {
  const range = monthRange(month);
  return progressOf({
    byStaff: await visitsByStaffQuery(db, range).execute(),
    branch: await visitsBranchQuery(db, range).executeTakeFirst(),
    amountBranch: await amountBranchQuery(db, range).executeTakeFirst(),
    amountsByStaff: await amountsByStaffQuery(db, range).execute(),
    targets: await targetsQuery(db, month).execute(),
  });
}

function progressOf(rows: ProgressRows) {
  const byStaff = new Map(rows.byStaff.map((r) => [r.staff_id, r]));
  return (staffId: number | null): Progress & { hasTarget: boolean } => {
    const target = rows.targets.find((t) => t.staff_id === staffId);
    const visits = staffId === null ? rows.branch : byStaff.get(staffId);
    const collected =
      staffId === null
        ? rows.amountBranch?.fen
        : rows.amountsByStaff.find((a) => a.staff_id === staffId)?.fen;
    return {
      hasTarget: target !== undefined,
      visitsTarget: target?.visits_target ?? 0,
      visitsDone: visits?.done ?? 0,
      visitsPlanned: visits?.planned ?? 0,
      amountTargetFen: target?.amount_target_fen ?? 0,
      amountCollectedFen: collected ?? 0,
    };
  };
}

/** A month's targets and progress; without a month, this month on the branch's clock. */
export async function getTargets(app: Visitdesk, asked?: string): Promise<TargetsOutput> {
  const db = app.engine.db;
  return targetsOf(db, asked ?? (await loadBranchToday(db, app.now())).slice(0, 7));
}

/** The month's targets and progress, read on `db` (or a write's `tx`). */
async function targetsOf(db: Kysely<DB>, month: string): Promise<TargetsOutput> {
  const progress = await loadMonthProgress(db, month);
  const { hasTarget, ...branch } = progress(null);
  // Active officers, plus anyone who was given a target this month.
  const people = await db
    .selectFrom('staff')
    .select(['id', 'staff_no', 'name'])
    .where((eb) =>
      eb.or([
        eb.and([eb('role', '=', 'officer'), eb('active', '=', writeFlag(true))]),
        eb(
          'id',
          'in',
          eb
            .selectFrom('monthly_targets')
            .select('staff_id')
            .where('month', '=', month)
            .where('staff_id', 'is not', null),
        ),
      ]),
    )
    .orderBy('staff_no')
    .execute();
  return {
    month,
    branch: hasTarget ? branch : null,
    officers: people.map((p) => {
      const { hasTarget: _own, ...own } = progress(p.id);
      return { staffId: p.id, staffNo: p.staff_no, name: p.name, ...own };
    }),
  };
}

export function setTarget(
  app: Visitdesk,
  input: z.output<typeof setTargetInput>,
): Promise<TargetsOutput> {
  return app.write(async (tx) => {
    if (input.staffId !== null) await requireStaff(tx, input.staffId);
    const existing = await tx
      .selectFrom('monthly_targets')
      .select(['id', 'visits_target', 'amount_target_fen'])
      .where('month', '=', input.month)
      .where('staff_id', input.staffId === null ? 'is' : '=', input.staffId)
      .executeTakeFirst();
    const values = {
      visits_target: input.visitsTarget,
      amount_target_fen: input.amountTargetFen,
      updated_by: app.session?.staffId ?? null,
      updated_at: app.now().toISOString(),
    };
    if (existing) {
      await tx.updateTable('monthly_targets').set(values).where('id', '=', existing.id).execute();
    } else {
      await tx
        .insertInto('monthly_targets')
        .values({ ...values, month: input.month, staff_id: input.staffId })
        .execute();
    }
    await app.record(tx, {
      action: 'targets.set',
      entity: 'monthly_targets',
      entityId: `${input.month}:${input.staffId ?? 'branch'}`,
      before: existing ?? null,
      after: input,
    });
    return targetsOf(tx, input.month);
  });
}

async function requireStaff(tx: Kysely<DB>, staffId: number): Promise<void> {
  const row = await tx
    .selectFrom('staff')
    .select('id')
    .where('id', '=', staffId)
    .executeTakeFirst();
  if (!row) {
    throw new AppFailure('NOT_FOUND', `no staff record ${staffId}`, {
      fields: { staffId: 'e.NOT_FOUND' },
    });
  }
}
