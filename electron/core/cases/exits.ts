import type { InferResult, Kysely, UpdateResult } from 'kysely';
import type { z } from 'zod';
import { AppFailure } from '../../shared/result';
import type {
  CaseExitOutput,
  CaseExitView,
  caseExitInput,
  caseReopenInput,
} from '../../shared/schemas/case-exits';
import type { Visitdesk } from '../app/visitdesk';
import type { DB } from '../db/schema';
import { loadBranchToday } from '../settings/branch-clock';
import { withdrawWaiversOnExit } from '../waivers/on-case-exit';
import { loadBorrower } from './service';

/**
 * Cases leaving doorstep collection (DOMAIN: "A case that is written off (核销), sent to
 * litigation or to an agency leaves doorstep collection: no new visits"). The manager sets the
 * exit with the day it took effect and the bank's reference; in the same transaction the case
 * is closed (the compliance engine refuses new visits to a closed case, with the exit's words),
 * and what was still running on the doorstep closes: pending promises and undecided or running
 * repayment plans are superseded (no longer evaluated nor counted as kept or broken), waivers
 * and settlements awaiting approval are withdrawn with the exit as their reason, open
 * follow-ups are replaced, and visits from the branch's today on that were not yet made are
 * cancelled with the reason. What happened before stays: past visits, records, payments and
 * the loan snapshots that the roll-rate and portfolio figures of earlier months read.
 */

const openVisitStatuses = ['planned', 'notified'] as const;

const exitInForceQuery = (db: Kysely<DB>, borrowerId: number) =>
  db
    .selectFrom('case_exits as e')
    .leftJoin('staff as s', 's.id', 'e.set_by')
    .select(['e.kind', 'e.exit_on', 'e.reference', 'e.note', 'e.set_at', 's.name as set_by_name'])
    .where('e.borrower_id', '=', borrowerId)
    .where('e.reopened_at', 'is', null);

type ExitRow = InferResult<ReturnType<typeof exitInForceQuery>>[number];

function exitView(row: ExitRow | undefined): CaseExitView | null {
  if (!row) return null;
  return {
    kind: row.kind,
    exitOn: row.exit_on,
    reference: row.reference,
    note: row.note,
    setByName: row.set_by_name,
    setAt: row.set_at,
  };
}

/** The exit in force on a case, or null, on the engine (`db`, or a write's `tx`). */
export async function loadExitInForce(
  db: Kysely<DB>,
  borrowerId: number,
): Promise<CaseExitView | null> {
  return exitView(await exitInForceQuery(db, borrowerId).executeTakeFirst());
}

export function exitCase(
  app: Visitdesk,
  input: z.output<typeof caseExitInput>,
): Promise<CaseExitOutput> {
  return app.write(async (tx) => {
    const borrower = await loadBorrower(tx, input.borrowerId);
    if (borrower.status === 'closed') {
      throw new AppFailure('CONFLICT', `borrower ${input.borrowerId} is already closed`, {
        fields: { kind: 'v.case.alreadyClosed' },
      });
    }
    const now = app.now();
    const at = now.toISOString();
    const today = await loadBranchToday(tx, now);
    if (input.exitOn > today) {
      throw new AppFailure('VALIDATION', 'an exit cannot take effect after today', {
        fields: { exitOn: 'v.case.exitInFuture' },
      });
    }
    const staffId = app.session?.staffId;
    if (staffId === undefined) throw new AppFailure('UNAUTHENTICATED', 'sign in first');

    await tx
      .insertInto('case_exits')
      .values({
        borrower_id: input.borrowerId,
        kind: input.kind,
        exit_on: input.exitOn,
        reference: input.reference,
        note: input.note,
        previous_status: borrower.status,
        set_by: staffId,
        set_at: at,
      })
      .execute();
    await tx
      .updateTable('borrowers')
      .set({ status: 'closed', closed_at: at, updated_at: at })
      .where('id', '=', input.borrowerId)
      .execute();
    const changed = async (update: { executeTakeFirst(): Promise<UpdateResult> }) =>
      Number((await update.executeTakeFirst()).numUpdatedRows);
    const promisesClosed = await changed(
      tx
        .updateTable('promises')
        .set({ status: 'superseded' })
        .where('borrower_id', '=', input.borrowerId)
        .where('status', '=', 'pending'),
    );
    const plansClosed = await changed(
      tx
        .updateTable('repayment_plans')
        .set({ status: 'superseded' })
        .where('borrower_id', '=', input.borrowerId)
        .where('status', 'in', ['proposed', 'approved']),
    );
    const followUpsClosed = await changed(
      tx
        .updateTable('follow_ups')
        .set({ status: 'replaced', closed_at: at })
        .where('borrower_id', '=', input.borrowerId)
        .where('status', '=', 'open'),
    );
    const visitsCancelled = await changed(
      tx
        .updateTable('visits')
        .set({ status: 'cancelled', status_note: `case_exit:${input.kind}`, updated_at: at })
        .where('borrower_id', '=', input.borrowerId)
        .where('date', '>=', today)
        .where('status', 'in', [...openVisitStatuses]),
    );
    const waiversClosed = await withdrawWaiversOnExit(app, tx, input, staffId, at);
    const closed = {
      promisesClosed,
      plansClosed,
      waiversClosed,
      followUpsClosed,
      visitsCancelled,
    };
    await app.record(tx, {
      action: 'case.exit',
      entity: 'borrower',
      entityId: input.borrowerId,
      subject: input.borrowerId,
      before: { status: borrower.status },
      after: {
        status: 'closed',
        kind: input.kind,
        exitOn: input.exitOn,
        reference: input.reference,
        note: input.note,
        ...closed,
      },
    });
    return closed;
  });
}

/** Undoes the exit in force: the case returns to the status it had, the row keeps why. */
export function reopenCase(
  app: Visitdesk,
  input: z.output<typeof caseReopenInput>,
): Promise<{ id: number }> {
  return app.write(async (tx) => {
    await loadBorrower(tx, input.borrowerId);
    const exit = await tx
      .selectFrom('case_exits')
      .select(['id', 'kind', 'previous_status'])
      .where('borrower_id', '=', input.borrowerId)
      .where('reopened_at', 'is', null)
      .executeTakeFirst();
    if (!exit) {
      throw new AppFailure('CONFLICT', `borrower ${input.borrowerId} has no exit in force`, {
        fields: { reason: 'v.case.noExit' },
      });
    }
    const staffId = app.session?.staffId;
    if (staffId === undefined) throw new AppFailure('UNAUTHENTICATED', 'sign in first');
    const at = app.now().toISOString();
    await tx
      .updateTable('case_exits')
      .set({ reopened_at: at, reopened_by: staffId, reopen_reason: input.reason })
      .where('id', '=', exit.id)
      .execute();
    await tx
      .updateTable('borrowers')
      .set({ status: exit.previous_status, closed_at: null, updated_at: at })
      .where('id', '=', input.borrowerId)
      .execute();
    await app.record(tx, {
      action: 'case.reopen',
      entity: 'borrower',
      entityId: input.borrowerId,
      subject: input.borrowerId,
      before: { status: 'closed', kind: exit.kind },
      after: { status: exit.previous_status, reason: input.reason },
    });
    return { id: input.borrowerId };
  });
}
