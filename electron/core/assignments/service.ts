import type { Insertable, Kysely } from 'kysely';
import type { z } from 'zod';
import { AppFailure } from '../../shared/result';
import type {
  AssignmentView,
  ReassignOutput,
  rebalanceInput,
  reassignInput,
} from '../../shared/schemas/assignments';
import type { Visitdesk } from '../app/visitdesk';
import { readFlag } from '../db/columns';
import { idChunks } from '../db/id-chunks';
import type { DB } from '../db/schema';
import { caseIdsMatching, narrowsCases } from '../cases/list';
import { loadBorrower } from '../cases/service';
import { loadBranchToday } from '../settings/branch-clock';
import type { AssignmentsTable } from './tables';

/**
 * The manager's reassignments. Each action (one case, the case list's filter, or the villages
 * of a rebalance) is one `app.write`: the borrowers' officer column changes (what every list
 * and the officer's worklist read, so the new officer sees the cases at once), one history row
 * and one audit row (about the borrower) per case that moved.
 */

const invalid = (field: string, key: string, message: string) =>
  new AppFailure('VALIDATION', message, { fields: { [field]: key } });

/** The staff member cases may go to: an active field officer, read on the write's `tx`. */
async function requireActiveOfficer(tx: Kysely<DB>, staffId: number, field = 'toOfficerId') {
  const staff = await tx
    .selectFrom('staff')
    .select(['id', 'name', 'role', 'active'])
    .where('id', '=', staffId)
    .executeTakeFirst();
  if (!staff || staff.role !== 'officer' || !readFlag(staff.active)) {
    throw invalid(field, 'v.assign.officer', 'cases go to an active officer');
  }
  return staff;
}

/** History rows, said once: a reassignment's and the borrower's edit form's (cases/service.ts). */
const historyInsert = (db: Kysely<DB>, rows: Insertable<AssignmentsTable>[]) =>
  db.insertInto('assignments').values(rows);

/** Moves the cases to the officer inside the write `tx`; returns the counts. */
async function moveCases(
  app: Visitdesk,
  tx: Kysely<DB>,
  borrowerIds: readonly number[],
  toOfficerId: number,
  reason: string,
): Promise<ReassignOutput> {
  const at = app.now().toISOString();
  const by = app.session?.staffId ?? null;
  let moved = 0;
  let unchanged = 0;
  // A thousand at a time: a filter may match more cases than a statement binds.
  for (const chunk of idChunks([...borrowerIds].sort((a, b) => a - b))) {
    const rows = await tx
      .selectFrom('borrowers')
      .select(['id', 'assigned_officer_id as officer'])
      .where('id', 'in', chunk)
      .orderBy('id')
      .execute();
    const moving = rows.filter((row) => row.officer !== toOfficerId);
    unchanged += rows.length - moving.length;
    if (moving.length === 0) continue;
    await historyInsert(
      tx,
      moving.map((row) => ({
        borrower_id: row.id,
        from_officer_id: row.officer,
        to_officer_id: toOfficerId,
        reason,
        source: 'manual' as const,
        staff_id: by,
        at,
      })),
    ).execute();
    await tx
      .updateTable('borrowers')
      .set({ assigned_officer_id: toOfficerId, updated_at: at })
      .where(
        'id',
        'in',
        moving.map((row) => row.id),
      )
      .execute();
    for (const row of moving) {
      await app.record(tx, {
        action: 'case.reassign',
        entity: 'borrower',
        entityId: row.id,
        subject: row.id,
        at,
        before: { officerId: row.officer },
        after: { officerId: toOfficerId, reason, source: 'manual' },
      });
    }
    moved += moving.length;
  }
  return { moved, unchanged };
}

/** The reason kept when the officer is changed in the borrower's edit form (which asks none). */
const EDIT_FORM_REASON = '在借款人资料中修改客户经理';

/**
 * The borrower's edit form changed the officer: kept as a manual assignment (an import then
 * treats it as the branch's choice), inside the form's own write `tx` and audit row.
 */
export async function recordFormAssignment(
  app: Visitdesk,
  tx: Kysely<DB>,
  borrowerId: number,
  from: number | null,
  to: number | null,
): Promise<void> {
  if (to === null || from === to) return;
  await historyInsert(tx, [
    {
      borrower_id: borrowerId,
      from_officer_id: from,
      to_officer_id: to,
      reason: EDIT_FORM_REASON,
      source: 'manual',
      staff_id: app.session?.staffId ?? null,
      at: app.now().toISOString(),
    },
  ]).execute();
}

export function reassignCases(
  app: Visitdesk,
  input: z.output<typeof reassignInput>,
): Promise<ReassignOutput> {
  return app.write(async (tx) => {
    await requireActiveOfficer(tx, input.toOfficerId);
    let ids: number[];
    if (input.by === 'cases') {
      ids = [...new Set(input.borrowerIds)];
      for (const id of ids) await loadBorrower(tx, id);
    } else {
      // "Every case" is never a filter: a slip of the hand must not move the whole branch.
      if (!narrowsCases(input.filter)) {
        throw invalid('filter', 'v.assign.noFilter', 'choose a filter before reassigning');
      }
      const asOf = input.filter.asOf ?? (await loadBranchToday(tx, app.now()));
      ids = await caseIdsMatching(tx, app.engine.kind, input.filter, asOf);
    }
    return moveCases(app, tx, ids, input.toOfficerId, input.reason);
  });
}

/** Whole villages from one officer to another: the workload's suggestion, as accepted. */
export function rebalanceVillages(
  app: Visitdesk,
  input: z.output<typeof rebalanceInput>,
): Promise<ReassignOutput> {
  return app.write(async (tx) => {
    const total: ReassignOutput = { moved: 0, unchanged: 0 };
    for (const [index, move] of input.moves.entries()) {
      if (move.fromOfficerId === move.toOfficerId) {
        throw invalid(`moves.${index}.toOfficerId`, 'v.assign.same', 'moved to the same officer');
      }
      await requireActiveOfficer(tx, move.toOfficerId, `moves.${index}.toOfficerId`);
      const rows = await tx
        .selectFrom('borrowers')
        .select('id')
        .where('assigned_officer_id', '=', move.fromOfficerId)
        .where('township', '=', move.township)
        .where('village', '=', move.village)
        .orderBy('id')
        .execute();
      const result = await moveCases(
        app,
        tx,
        rows.map((r) => r.id),
        move.toOfficerId,
        input.reason,
      );
      total.moved += result.moved;
      total.unchanged += result.unchanged;
    }
    return total;
  });
}

/** A borrower's assignment changes, newest first (the case page's timeline shows them). */
const historyQuery = (db: Kysely<DB>, borrowerId: number) =>
  db
    .selectFrom('assignments as a')
    .leftJoin('staff as f', 'f.id', 'a.from_officer_id')
    .innerJoin('staff as t', 't.id', 'a.to_officer_id')
    .leftJoin('staff as s', 's.id', 'a.staff_id')
    .select([
      'a.id',
      'a.at',
      'a.reason',
      'a.source',
      'f.name as from_name',
      't.name as to_name',
      's.name as by_name',
    ])
    .where('a.borrower_id', '=', borrowerId)
    .orderBy('a.id', 'desc');

type HistoryRow = Awaited<ReturnType<ReturnType<typeof historyQuery>['execute']>>[number];

function historyView(r: HistoryRow): AssignmentView {
  return {
    id: r.id,
    at: r.at,
    fromOfficer: r.from_name,
    toOfficer: r.to_name,
    reason: r.reason,
    source: r.source,
    byName: r.by_name,
  };
}

export async function loadAssignmentHistory(
  db: Kysely<DB>,
  borrowerId: number,
): Promise<AssignmentView[]> {
  return (await historyQuery(db, borrowerId).execute()).map(historyView);
}
