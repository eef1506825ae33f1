import type { z } from 'zod';
import type { setTargetInput, TargetsOutput } from '../../shared/schemas/planning';
import type { Visitdesk } from '../app/visitdesk';
import { openStatuses } from '../../shared/schemas/planning';
import { all, first, qb, run, sqlList, statement } from '../db/query';
import type { Sqlite } from '../db/sqlite';
import { monthRange } from '../../shared/dates';
import { getStaff } from '../staff/staff';
import { branchToday } from '../settings/branch-clock';

/**
 * Monthly targets, for the branch and per officer, and the progress against them: visits
 * done (and still planned) in the month, and the amount collected — payments received in the
 * month on the loans of borrowers visited (done) in the month, the monthly summary's
 * "payments on visited loans". Per officer, the borrowers that officer visited.
 */

/**
 * Progress for the branch and every officer in three grouped queries over the month's visits
 * (a date-index range) and payments: per-officer queries would each walk that officer's whole
 * visit history.
 */
const VISITS_BY_STAFF = `
  SELECT s.staff_id,
         count(*) FILTER (WHERE v.status = 'done') AS done,
         count(*) FILTER (WHERE v.status IN ${sqlList(openStatuses)}) AS planned
  FROM visits v INDEXED BY visits_date
  JOIN visit_staff s ON s.visit_id = v.id
  WHERE v.date >= :from AND v.date <= :to
  GROUP BY s.staff_id`;

const VISITS_BRANCH = `
  SELECT count(*) FILTER (WHERE v.status = 'done') AS done,
         count(*) FILTER (WHERE v.status IN ${sqlList(openStatuses)}) AS planned
  FROM visits v INDEXED BY visits_date
  WHERE v.date >= :from AND v.date <= :to`;

const AMOUNTS = `
  WITH visited AS (
    SELECT DISTINCT s.staff_id, v.borrower_id
    FROM visits v INDEXED BY visits_date
    JOIN visit_staff s ON s.visit_id = v.id
    WHERE v.date >= :from AND v.date <= :to AND v.status = 'done'
  ),
  paid AS (
    SELECT borrower_id, sum(amount_fen) AS fen
    FROM payments
    WHERE paid_on >= :from AND paid_on <= :to
    GROUP BY borrower_id
  )
  SELECT NULL AS staff_id, coalesce(sum(paid.fen), 0) AS fen
  FROM (SELECT DISTINCT borrower_id FROM visited) b JOIN paid ON paid.borrower_id = b.borrower_id
  UNION ALL
  SELECT visited.staff_id, sum(paid.fen)
  FROM visited JOIN paid ON paid.borrower_id = visited.borrower_id
  GROUP BY visited.staff_id`;

interface Progress {
  visitsTarget: number;
  visitsDone: number;
  visitsPlanned: number;
  amountTargetFen: number;
  amountCollectedFen: number;
}

export function monthProgress(db: Sqlite, month: string) {
  const range = monthRange(month);
  const byStaff = new Map(
    (
      statement(db, VISITS_BY_STAFF).all(range) as {
        staff_id: number;
        done: number;
        planned: number;
      }[]
    ).map((r) => [r.staff_id, r]),
  );
  const branchVisits = statement(db, VISITS_BRANCH).get(range) as { done: number; planned: number };
  const amounts = statement(db, AMOUNTS).all(range) as { staff_id: number | null; fen: number }[];
  const targets = all(
    db,
    qb
      .selectFrom('monthly_targets')
      .select(['staff_id', 'visits_target', 'amount_target_fen'])
      .where('month', '=', month),
  );
  return (staffId: number | null): Progress & { hasTarget: boolean } => {
    const target = targets.find((t) => t.staff_id === staffId);
    const visits = staffId === null ? branchVisits : byStaff.get(staffId);
    return {
      hasTarget: target !== undefined,
      visitsTarget: target?.visits_target ?? 0,
      visitsDone: visits?.done ?? 0,
      visitsPlanned: visits?.planned ?? 0,
      amountTargetFen: target?.amount_target_fen ?? 0,
      amountCollectedFen: amounts.find((a) => a.staff_id === staffId)?.fen ?? 0,
    };
  };
}

/** A month's targets and progress; without a month, this month on the branch's clock. */
export function getTargets(app: Visitdesk, asked?: string): TargetsOutput {
  const month = asked ?? branchToday(app.db, app.now()).slice(0, 7);
  const progress = monthProgress(app.db, month);
  const { hasTarget, ...branch } = progress(null);
  // Active officers, plus anyone who was given a target this month.
  const people = all(
    app.db,
    qb
      .selectFrom('staff')
      .select(['id', 'staff_no', 'name'])
      .where((eb) =>
        eb.or([
          eb.and([eb('role', '=', 'officer'), eb('active', '=', 1)]),
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
      .orderBy('staff_no'),
  );
  return {
    month,
    branch: hasTarget ? branch : null,
    officers: people.map((p) => {
      const { hasTarget: _own, ...own } = progress(p.id);
      return { staffId: p.id, staffNo: p.staff_no, name: p.name, ...own };
    }),
  };
}

export function setTarget(app: Visitdesk, input: z.output<typeof setTargetInput>): TargetsOutput {
  return app.db.transaction(() => {
    if (input.staffId !== null) getStaff(app, input.staffId);
    const existing = first(
      app.db,
      qb
        .selectFrom('monthly_targets')
        .select(['id', 'visits_target', 'amount_target_fen'])
        .where('month', '=', input.month)
        .where('staff_id', input.staffId === null ? 'is' : '=', input.staffId),
    );
    const values = {
      visits_target: input.visitsTarget,
      amount_target_fen: input.amountTargetFen,
      updated_by: app.session?.staffId ?? null,
      updated_at: app.now().toISOString(),
    };
    if (existing) {
      run(app.db, qb.updateTable('monthly_targets').set(values).where('id', '=', existing.id));
    } else {
      run(
        app.db,
        qb
          .insertInto('monthly_targets')
          .values({ ...values, month: input.month, staff_id: input.staffId }),
      );
    }
    app.audit({
      action: 'targets.set',
      entity: 'monthly_targets',
      entityId: `${input.month}:${input.staffId ?? 'branch'}`,
      before: existing ?? null,
      after: input,
    });
    return getTargets(app, input.month);
  })();
}
