import {
  waiverApproveInput,
  waiverProposeInput,
  waiverRejectInput,
} from '../../shared/schemas/waivers';
import { addDays } from '../../shared/dates';
import type { Kysely } from 'kysely';
import type { Visitdesk } from '../app/visitdesk';
import type { DB } from '../db/schema';
import { writeFlag } from '../db/columns';
import type { HolidayCalendar } from '../planning/holidays';
import { approveWaiver, proposeWaiver, rejectWaiver } from '../waivers/service';
import { loadWaiverSettings } from '../waivers/settings';
import type { Actor } from './demo-acting';
import { monthStart, nextWorkingDay, previousWorkingDay } from './demo-script';
import { officer, pairFor, type CastMember, type Chronicle, type DemoStaff } from './demo-visits';
import {
  INTEREST_WAIVER_REASON,
  INTEREST_WAIVER_REJECTED,
  PENALTY_WAIVER_APPROVED,
  PENALTY_WAIVER_REASON,
  SETTLEMENT_FIRST_APPROVAL,
  SETTLEMENT_REASON,
} from './demo-words';

/**
 * Three waivers through the waiver services, each after a visit of the script, with no random
 * draw (so the rest of the demo stays as it was):
 *
 * - last month's flood-hit household (hardship): the penalty waived in full, proposed by the
 *   officer on the evening of the visit, approved by the manager and then the internal auditor
 *   on the next working day, so last month's summary counts one penalty waiver;
 * - last month's broken promise: the overdue interest, proposed once the promise had lapsed
 *   and rejected by the manager with the reason;
 * - the older month's ill borrower (vulnerable hardship): a settlement for six tenths of what
 *   is owed, paid by the children within thirty days of the load, proposed two working days
 *   before the load and approved by the manager the day before: it awaits the auditor.
 *
 * The second approval is the auditor's only where the branch's setting says so and the demo's
 * auditor is on the staff; otherwise the penalty waiver waits for it, as a real one would.
 */
export async function stageWaivers(
  tx: Kysely<DB>,
  story: Chronicle,
  calendar: HolidayCalendar,
  staff: DemoStaff,
  cast: readonly CastMember[],
  today: string,
): Promise<void> {
  const manager: Actor = { staffId: staff.manager, role: 'manager' };
  const lastMonth = monthStart(today, 1);
  const olderMonth = monthStart(today, 2);
  const find = (kind: CastMember['scene']['kind'], from: string, before: string) =>
    cast.find((m) => m.scene.kind === kind && m.scene.date >= from && m.scene.date < before);

  const flooded = find('hardship', lastMonth, monthStart(today, 0));
  if (flooded) {
    const lead = officer(pairFor(staff, flooded.scene.index)[0]);
    const next = nextWorkingDay(calendar, flooded.scene.date);
    const id = { value: 0 };
    story.add(story.moment(flooded.scene.date, '17:50'), lead, async (app) => {
      const penaltyFen = (await owed(app, flooded.loanId)).penalty_fen;
      if (penaltyFen <= 0) return;
      id.value = (
        await proposeWaiver(
          app,
          waiverProposeInput.parse({
            borrowerId: flooded.borrowerId,
            loanId: flooded.loanId,
            visitRecordId: await lastRecordOf(app, flooded.borrowerId),
            kind: 'penalty',
            waivedFen: penaltyFen,
            reason: PENALTY_WAIVER_REASON,
          }),
        )
      ).id;
    });
    story.add(story.moment(next, '10:00'), manager, async (app) => {
      if (id.value) await approveWaiver(app, waiverApproveInput.parse({ id: id.value, note: '' }));
    });
    const auditor = await secondApprover(tx);
    if (auditor) {
      story.add(story.moment(next, '15:00'), auditor, async (app) => {
        if (!id.value) return;
        await approveWaiver(
          app,
          waiverApproveInput.parse({ id: id.value, note: PENALTY_WAIVER_APPROVED }),
        );
      });
    }
  }

  const broken = find('promiseBroken', lastMonth, monthStart(today, 0));
  if (broken?.money.promise) {
    const lead = officer(pairFor(staff, broken.scene.index)[0]);
    // Once the promise and its grace have passed (the day the reminder letter goes out).
    const asked = nextWorkingDay(calendar, addDays(broken.money.promise.dueOn, 4));
    const id = { value: 0 };
    story.add(story.moment(asked, '11:00'), lead, async (app) => {
      const interestFen = (await owed(app, broken.loanId)).overdue_interest_fen;
      if (interestFen <= 0) return;
      id.value = (
        await proposeWaiver(
          app,
          waiverProposeInput.parse({
            borrowerId: broken.borrowerId,
            loanId: broken.loanId,
            visitRecordId: await lastRecordOf(app, broken.borrowerId),
            kind: 'interest',
            waivedFen: interestFen,
            reason: INTEREST_WAIVER_REASON,
          }),
        )
      ).id;
    });
    story.add(story.moment(nextWorkingDay(calendar, asked), '10:00'), manager, async (app) => {
      if (!id.value) return;
      await rejectWaiver(
        app,
        waiverRejectInput.parse({ id: id.value, reason: INTEREST_WAIVER_REJECTED }),
      );
    });
  }

  const ill = find('vulnerableHardship', olderMonth, lastMonth);
  if (ill) {
    const lead = officer(pairFor(staff, ill.scene.index)[0]);
    const approvedOn = previousWorkingDay(calendar, today);
    const proposedOn = previousWorkingDay(calendar, approvedOn);
    const id = { value: 0 };
    story.add(story.moment(proposedOn, '16:00'), lead, async (app) => {
      const loan = await owed(app, ill.loanId);
      const owedFen = loan.outstanding_principal_fen + loan.overdue_interest_fen + loan.penalty_fen;
      // Six tenths, in whole hundreds of yuan.
      const payFen = Math.floor((owedFen * 0.6) / 10_000) * 10_000;
      if (payFen <= 0 || payFen >= owedFen) return;
      id.value = (
        await proposeWaiver(
          app,
          waiverProposeInput.parse({
            borrowerId: ill.borrowerId,
            loanId: ill.loanId,
            visitRecordId: await lastRecordOf(app, ill.borrowerId),
            kind: 'settlement',
            settlePayFen: payFen,
            payBy: addDays(today, 30),
            reason: SETTLEMENT_REASON,
          }),
        )
      ).id;
    });
    story.add(story.moment(approvedOn, '10:00'), manager, async (app) => {
      if (!id.value) return;
      await approveWaiver(
        app,
        waiverApproveInput.parse({ id: id.value, note: SETTLEMENT_FIRST_APPROVAL }),
      );
    });
  }
}

function owed(app: Visitdesk, loanId: number) {
  return app.engine.db
    .selectFrom('loans')
    .select(['outstanding_principal_fen', 'overdue_interest_fen', 'penalty_fen'])
    .where('id', '=', loanId)
    .executeTakeFirstOrThrow();
}

/** The record of the borrower's latest visit, which the proposal follows from. */
async function lastRecordOf(app: Visitdesk, borrowerId: number): Promise<number | null> {
  const row = await app.engine.db
    .selectFrom('visit_records')
    .select((e) => e.fn.max('id').as('id'))
    .where('borrower_id', '=', borrowerId)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** The demo's internal auditor, when the branch has the auditor give the second approval. */
async function secondApprover(tx: Kysely<DB>): Promise<Actor | null> {
  const settings = await loadWaiverSettings(tx);
  if (settings.secondApproverRole !== 'auditor') return null;
  const row = await tx
    .selectFrom('staff')
    .select('id')
    .where('role', '=', 'auditor')
    .where('active', '=', writeFlag(true))
    .orderBy('id')
    .executeTakeFirst();
  return row ? { staffId: row.id, role: 'auditor' } : null;
}
