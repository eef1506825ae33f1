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
import { all, first, qb, statement } from '../db/query';
import type { Sqlite } from '../db/sqlite';
import { caseIdsMatching, narrowsCases } from '../cases/list';
import { requireBorrower } from '../cases/service';
import { branchToday } from '../settings/branch-clock';

/**
 * The manager's reassignments. Each action (one case, the case list's filter, or the villages
 * of a rebalance) is one transaction: the borrowers' officer column changes (what every list
 * and the officer's worklist read, so the new officer sees the cases at once), one history row
 * and one audit row (about the borrower) per case that moved.
 */

const invalid = (field: string, key: string, message: string) =>
  new AppFailure('VALIDATION', message, { fields: { [field]: key } });

/** The staff member cases may go to: an active field officer. */
export function requireActiveOfficer(db: Sqlite, staffId: number, field = 'toOfficerId') {
  const staff = first(
    db,
    qb.selectFrom('staff').select(['id', 'name', 'role', 'active']).where('id', '=', staffId),
  );
  if (!staff || staff.role !== 'officer' || !readFlag(staff.active)) {
    throw invalid(field, 'v.assign.officer', 'cases go to an active officer');
  }
  return staff;
}

const MOVE = {
  current: `SELECT b.id, b.assigned_officer_id AS officer
      FROM borrowers b WHERE b.id IN (SELECT value FROM json_each(?)) ORDER BY b.id`,
  history: `INSERT INTO assignments (borrower_id, from_officer_id, to_officer_id, reason, source,
      staff_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  update: 'UPDATE borrowers SET assigned_officer_id = ?, updated_at = ? WHERE id = ?',
};

/** Moves the cases to the officer inside the caller's transaction; returns the counts. */
function moveCases(
  app: Visitdesk,
  borrowerIds: readonly number[],
  toOfficerId: number,
  reason: string,
): ReassignOutput {
  const at = app.now().toISOString();
  const by = app.session?.staffId ?? null;
  const rows = statement(app.db, MOVE.current).all(JSON.stringify(borrowerIds)) as {
    id: number;
    officer: number | null;
  }[];
  let moved = 0;
  for (const row of rows) {
    if (row.officer === toOfficerId) continue;
    statement(app.db, MOVE.history).run(row.id, row.officer, toOfficerId, reason, 'manual', by, at);
    statement(app.db, MOVE.update).run(toOfficerId, at, row.id);
    app.audit({
      action: 'case.reassign',
      entity: 'borrower',
      entityId: row.id,
      subject: row.id,
      at,
      before: { officerId: row.officer },
      after: { officerId: toOfficerId, reason, source: 'manual' },
    });
    moved++;
  }
  return { moved, unchanged: rows.length - moved };
}

/** The reason kept when the officer is changed in the borrower's edit form (which asks none). */
export const EDIT_FORM_REASON = '在借款人资料中修改客户经理';

/**
 * The borrower's edit form changed the officer: kept as a manual assignment (an import then
 * treats it as the branch's choice), inside the form's own transaction and audit row.
 */
export function recordFormAssignment(
  app: Visitdesk,
  borrowerId: number,
  from: number | null,
  to: number | null,
): void {
  if (to === null || from === to) return;
  statement(app.db, MOVE.history).run(
    borrowerId,
    from,
    to,
    EDIT_FORM_REASON,
    'manual',
    app.session?.staffId ?? null,
    app.now().toISOString(),
  );
}

export function reassignCases(
  app: Visitdesk,
  input: z.output<typeof reassignInput>,
): ReassignOutput {
  return app.db.transaction(() => {
    requireActiveOfficer(app.db, input.toOfficerId);
    let ids: number[];
    if (input.by === 'cases') {
      ids = [...new Set(input.borrowerIds)];
      for (const id of ids) requireBorrower(app.db, id);
    } else {
      // "Every case" is never a filter: a slip of the hand must not move the whole branch.
      if (!narrowsCases(input.filter)) {
        throw invalid('filter', 'v.assign.noFilter', 'choose a filter before reassigning');
      }
      const asOf = input.filter.asOf ?? branchToday(app.db, app.now());
      ids = caseIdsMatching(app.db, input.filter, asOf);
    }
    return moveCases(app, ids, input.toOfficerId, input.reason);
  })();
}

/** Whole villages from one officer to another: the workload's suggestion, as accepted. */
export function rebalanceVillages(
  app: Visitdesk,
  input: z.output<typeof rebalanceInput>,
): ReassignOutput {
  return app.db.transaction(() => {
    const total: ReassignOutput = { moved: 0, unchanged: 0 };
    input.moves.forEach((move, index) => {
      if (move.fromOfficerId === move.toOfficerId) {
        throw invalid(`moves.${index}.toOfficerId`, 'v.assign.same', 'moved to the same officer');
      }
      requireActiveOfficer(app.db, move.toOfficerId, `moves.${index}.toOfficerId`);
      const ids = all(
        app.db,
        qb
          .selectFrom('borrowers')
          .select('id')
          .where('assigned_officer_id', '=', move.fromOfficerId)
          .where('township', '=', move.township)
          .where('village', '=', move.village)
          .orderBy('id'),
      ).map((r) => r.id);
      const result = moveCases(app, ids, move.toOfficerId, input.reason);
      total.moved += result.moved;
      total.unchanged += result.unchanged;
    });
    return total;
  })();
}

/** A borrower's assignment changes, newest first. */
export function assignmentHistory(db: Sqlite, borrowerId: number): AssignmentView[] {
  return all(
    db,
    qb
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
      .orderBy('a.id', 'desc'),
  ).map((r) => ({
    id: r.id,
    at: r.at,
    fromOfficer: r.from_name,
    toOfficer: r.to_name,
    reason: r.reason,
    source: r.source,
    byName: r.by_name,
  }));
}
