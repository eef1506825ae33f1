import { planVisitInput, setTargetInput } from '../../shared/schemas/planning';
import { certificateInput, leaveInput } from '../../shared/schemas/staff';
import { recordVisitInput } from '../../shared/schemas/records';
import { printInput, type DocumentRequest } from '../../shared/schemas/notices';
import type { Kysely } from 'kysely';
import type { Visitdesk } from '../app/visitdesk';
import type { DB } from '../db/schema';
import { addContactEvent, addNote } from './history';
import { addContactEventInput } from '../../shared/schemas/cases';
import { closeComplaintInput, registerComplaintInput } from '../../shared/schemas/complaints';
import { closeComplaint, registerComplaint } from '../complaints/service';
import { printDocuments } from '../notices/print';
import { loadBranchForPrint, loadNoticeSettings } from '../notices/settings';
import { addDays, dateIn, zonedInstant } from '../../shared/dates';
import type { HolidayCalendar } from '../planning/holidays';
import { addCertificate, addLeave } from '../staff/staff';
import { setTarget } from '../planning/targets';
import { approveVisit, cancelVisit, recordNotice } from '../planning/visit-status';
import { planVisit } from '../planning/visits';
import { evaluateDue } from '../records/evaluate';
import { approvePlan } from '../records/plans';
import { recordVisitOutcome } from '../records/record';
import { closeMonth } from '../reports/close';
import { actingAt, sessionOf, type Actor } from './demo-acting';
import type { Session } from '../../shared/schemas/foundation';
import {
  monthStart,
  nextWorkingDay,
  previousWorkingDay,
  type Scene,
  type SceneMoney,
} from './demo-script';
import {
  APPROVE_PLAN_REASON,
  CANCEL_REASON,
  COMPLAINT_CALL,
  COMPLAINT_NOTE,
  LEAVE_REASON,
  PLAN_SHORTFALL,
  sceneWords,
} from './demo-words';

/**
 * Plays the demo branch's last two months and a half through the services, in time order:
 * certificates and targets, each visit planned, announced, carried out and recorded, plans
 * approved, receipts and agreements printed, promises judged, a complaint handled, the two
 * months closed. Each step runs as the person who would do it, at the moment they would.
 */

export interface CastMember {
  scene: Scene;
  borrowerId: number;
  loanId: number;
  money: SceneMoney;
}

export interface DemoStaff {
  officers: readonly number[];
  clerk: number | null;
  manager: number;
}

interface Happening {
  at: number;
  seq: number;
  /** A service's answer, awaited when it is a promise (a service on the engine). */
  run: (app: Visitdesk) => unknown;
  actor: Actor;
}

/** Happenings in time order, each run as its actor at its moment. */
export class Chronicle {
  private readonly happenings: Happening[] = [];
  private added = 0;
  private readonly latest: number;

  constructor(
    private readonly app: Visitdesk,
    readonly timeZone: string,
    now: Date,
  ) {
    // Nothing in the past may be stamped after the load itself.
    this.latest = now.getTime() - 60_000;
  }

  /** A local date and time as an instant, never later than just before the load. */
  moment(date: string, time: string): number {
    return Math.min(zonedInstant(date, time, this.timeZone).getTime(), this.latest);
  }

  add(at: number, actor: Actor, run: (app: Visitdesk) => unknown): void {
    this.happenings.push({ at, seq: this.added++, run, actor });
  }

  /**
   * Runs everything in time order, in the loader's write `tx`; a happening may add later ones
   * as it runs.
   */
  async play(tx: Kysely<DB>): Promise<void> {
    // Each actor's session is read once: the story changes no one's name, number or login.
    const sessions = new Map<string, Session>();
    while (this.happenings.length > 0) {
      this.happenings.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.happenings.shift()!;
      const key = `${next.actor.staffId}:${next.actor.role}`;
      let session = sessions.get(key);
      if (!session) {
        session = await sessionOf(tx, next.actor);
        sessions.set(key, session);
      }
      await next.run(actingAt(this.app, tx, session, new Date(next.at)));
    }
  }
}

/** Printing needs the branch's address and phones; without them notices go out by phone. */
export async function canPrint(tx: Kysely<DB>): Promise<boolean> {
  try {
    await loadBranchForPrint(tx, await loadNoticeSettings(tx), { forPrint: true });
    return true;
  } catch {
    return false;
  }
}

export function print(app: Visitdesk, documents: DocumentRequest[]) {
  return printDocuments(app, printInput.parse({ lang: 'zh', documents }));
}

/** The visit's notice: printed when the branch can print, else given by phone. */
export async function announce(app: Visitdesk, visitId: number, printing: boolean): Promise<void> {
  if (printing) await print(app, [{ kind: 'visitNotice', visitId }]);
  else await recordNotice(app, { id: visitId, status: 'phoned', at: app.now().toISOString() });
}

export const officer = (staffId: number): Actor => ({ staffId, role: 'officer' });

/** The two staff of a scene: the borrower's own officer and the next one along. */
export function pairFor(staff: DemoStaff, index: number): [number, number] {
  const n = staff.officers.length;
  const t = index % 5;
  return [staff.officers[t % n]!, staff.officers[(t + 1) % n]!];
}

interface Tracks {
  visitId: number;
  recordId: number;
}

function sceneRecord(member: CastMember, staffIds: number[], visitId: number) {
  const { scene, money, loanId } = member;
  const words = sceneWords[scene.kind];
  return recordVisitInput.parse({
    visitId,
    date: scene.date,
    start: scene.start,
    end: scene.end,
    staffIds,
    met: words.met,
    outcome: words.outcome,
    borrowerWords: words.words,
    situation: words.situation ?? {},
    checklist: {
      staffCardsShown: true,
      rightsExplained: true,
      noThirdPartyDisclosure: true,
      recorded: true,
      recordingRef: `DV-${scene.date.replace(/-/g, '')}-${scene.start.replace(':', '')}-${visitId}`,
    },
    nextAction: words.next,
    followUpOn: money.promise && money.promise.dueOn > scene.date ? money.promise.dueOn : null,
    promise: money.promise ? { ...money.promise, loanId } : null,
    payment: money.paymentFen
      ? {
          amountFen: money.paymentFen,
          method: money.paymentFen > 500_000 ? 'transfer' : 'cash',
          loanId,
        }
      : null,
    plan: money.plan
      ? { ...money.plan, loanId, mode: 'equal', shortfallReason: PLAN_SHORTFALL }
      : null,
  });
}

/** One scene's happenings: plan, approval, notice, cancellation or record, what follows. */
export function stageScene(
  story: Chronicle,
  calendar: HolidayCalendar,
  staff: DemoStaff,
  member: CastMember,
  printing: boolean,
): void {
  const { scene } = member;
  const staffIds = pairFor(staff, scene.index);
  const lead = officer(staffIds[0]);
  const manager: Actor = { staffId: staff.manager, role: 'manager' };
  const planDay = previousWorkingDay(calendar, previousWorkingDay(calendar, scene.date));
  const track: Tracks = { visitId: 0, recordId: 0 };
  const vulnerable = scene.kind === 'vulnerableHardship' || scene.kind === 'vulnerablePromise';

  story.add(story.moment(planDay, '16:00'), lead, async (app) => {
    const input = planVisitInput.parse({
      borrowerId: member.borrowerId,
      loanIds: [member.loanId],
      staffIds,
      date: scene.date,
      start: scene.start,
      end: scene.end,
      purpose: member.money.plan ? 'repayment_plan' : 'negotiation',
      note: vulnerable ? '困难客户，须经理批准后方可上门。' : '',
    });
    track.visitId = (await planVisit(app, input)).id;
  });
  if (vulnerable) {
    story.add(story.moment(planDay, '16:30'), manager, (app) =>
      approveVisit(app, { id: track.visitId }),
    );
  }
  story.add(story.moment(planDay, '16:40'), lead, (app) => announce(app, track.visitId, printing));
  if (scene.kind === 'cancelled') {
    const day = previousWorkingDay(calendar, scene.date);
    story.add(story.moment(day, '15:00'), lead, (app) =>
      cancelVisit(app, { id: track.visitId, reason: CANCEL_REASON }),
    );
    return;
  }
  // Carried out but not yet written up: it waits in the officer's tasks.
  if (scene.kind === 'awaitingResult') return;

  story.add(story.moment(scene.date, '17:30'), lead, async (app) => {
    const history = await recordVisitOutcome(app, sceneRecord(member, staffIds, track.visitId));
    track.recordId = history.effective.id;
    const receipt = history.effective.receipt;
    if (receipt && printing) await print(app, [{ kind: 'paymentReceipt', receiptId: receipt.id }]);
  });
  if (scene.kind === 'plan') {
    const day = nextWorkingDay(calendar, scene.date);
    story.add(story.moment(day, '10:00'), manager, async (app) => {
      const plan = await approvePlan(app, {
        id: await planIdOf(app, track.recordId),
        reason: APPROVE_PLAN_REASON,
      });
      if (printing) await print(app, [{ kind: 'repaymentPlanAgreement', planId: plan.id }]);
    });
  }
  if (scene.kind === 'promiseBroken' && member.money.promise) {
    // A reminder letter once the promise (and its grace) has passed.
    const day = nextWorkingDay(calendar, addDays(member.money.promise.dueOn, 4));
    if (printing) {
      story.add(story.moment(day, '10:00'), lead, (app) =>
        print(app, [{ kind: 'reminderLetter', borrowerId: member.borrowerId }]),
      );
    }
  }
}

async function planIdOf(app: Visitdesk, recordId: number): Promise<number> {
  const row = await app.engine.db
    .selectFrom('repayment_plans')
    .select('id')
    .where('visit_record_id', '=', recordId)
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * A complaint: the borrower's call about last month's refused visit, taken by the clerk, logged
 * on the case and registered (about that visit and its staff); the manager's note of how it was
 * handled, and the close.
 */
export function stageComplaint(
  story: Chronicle,
  calendar: HolidayCalendar,
  staff: DemoStaff,
  member: CastMember,
): void {
  const day = nextWorkingDay(calendar, member.scene.date);
  const taker: Actor = staff.clerk
    ? { staffId: staff.clerk, role: 'clerk' }
    : { staffId: staff.manager, role: 'manager' };
  const at = story.moment(day, '11:00');
  story.add(at, taker, (app) =>
    addContactEvent(
      app,
      addContactEventInput.parse({
        borrowerId: member.borrowerId,
        at: new Date(at).toISOString(),
        kind: 'call',
        direction: 'inbound',
        outcome: 'other',
        note: COMPLAINT_CALL,
      }),
    ),
  );
  let complaintId = 0;
  story.add(at, taker, async (app) => {
    const visit = await app.engine.db
      .selectFrom('visits')
      .select('id')
      .where('borrower_id', '=', member.borrowerId)
      .where('date', '=', member.scene.date)
      .where('status', '=', 'done')
      .orderBy('id')
      .executeTakeFirst();
    complaintId = (
      await registerComplaint(
        app,
        registerComplaintInput.parse({
          borrowerId: member.borrowerId,
          receivedOn: dateIn(story.timeZone, app.now()),
          complainant: 'borrower',
          channel: 'phone',
          visitId: visit?.id ?? null,
          summary: COMPLAINT_CALL.replace(/^投诉：/, ''),
        }),
      )
    ).id;
  });
  story.add(
    story.moment(day, '16:00'),
    { staffId: staff.manager, role: 'manager' },
    async (app) => {
      await addNote(app, { borrowerId: member.borrowerId, text: COMPLAINT_NOTE });
      await closeComplaint(
        app,
        closeComplaintInput.parse({
          id: complaintId,
          closedOn: dateIn(story.timeZone, app.now()),
          outcome: 'not_upheld',
          actionTaken: COMPLAINT_NOTE.replace(/^投诉处理：/, ''),
        }),
      );
    },
  );
}

/** Certificates: every officer trained; one certificate runs out soon. */
export function stageCertificates(story: Chronicle, staff: DemoStaff, today: string): void {
  const manager: Actor = { staffId: staff.manager, role: 'manager' };
  const start = addDays(monthStart(today, 2), -7);
  story.add(story.moment(start, '09:00'), manager, async (app) => {
    for (const [n, staffId] of staff.officers.entries()) {
      const expiring = n === staff.officers.length - 1;
      await addCertificate(
        app,
        certificateInput.parse({
          staffId,
          kind: 'training',
          number: `ZJPX-${today.slice(0, 4)}-${String(301 + n)}`,
          issuedOn: addDays(today, expiring ? -1075 : -400 - 30 * n),
          expiresOn: addDays(today, expiring ? EXPIRING_IN_DAYS : 330 + 90 * n),
        }),
      );
    }
  });
}

/** The certificate that runs out soon does so this many days after the load. */
export const EXPIRING_IN_DAYS = 20;
/** The officer on leave is away from this many days after the load, for this many days. */
export const LEAVE_FROM_DAYS = 2;
export const LEAVE_DAYS = 5;

export function stageLeave(story: Chronicle, staff: DemoStaff, today: string): void {
  const staffId = staff.officers[2 % staff.officers.length]!;
  story.add(
    story.moment(addDays(today, -7), '10:00'),
    { staffId: staff.manager, role: 'manager' },
    (app) =>
      addLeave(
        app,
        leaveInput.parse({
          staffId,
          from: addDays(today, LEAVE_FROM_DAYS),
          to: addDays(today, LEAVE_FROM_DAYS + LEAVE_DAYS - 1),
          reason: LEAVE_REASON,
        }),
      ),
  );
}

/** Branch and officer targets for the three months, set on the eve of each. */
export function stageTargets(
  story: Chronicle,
  calendar: HolidayCalendar,
  staff: DemoStaff,
  today: string,
): void {
  const manager: Actor = { staffId: staff.manager, role: 'manager' };
  for (const back of [2, 1, 0]) {
    const first = monthStart(today, back);
    const month = first.slice(0, 7);
    const eve = previousWorkingDay(calendar, first);
    story.add(story.moment(eve, '17:00'), manager, async (app) => {
      await setTarget(
        app,
        setTargetInput.parse({
          month,
          staffId: null,
          visitsTarget: 14,
          amountTargetFen: 8_000_000,
        }),
      );
      for (const staffId of staff.officers) {
        await setTarget(
          app,
          setTargetInput.parse({ month, staffId, visitsTarget: 6, amountTargetFen: 2_000_000 }),
        );
      }
    });
  }
}

/**
 * The manager closes each of the two past months on the next month's first working morning
 * (or just before the load, when that morning has not come yet).
 */
export function stageCloses(
  story: Chronicle,
  calendar: HolidayCalendar,
  staff: DemoStaff,
  today: string,
): void {
  const manager: Actor = { staffId: staff.manager, role: 'manager' };
  for (const back of [2, 1]) {
    const month = monthStart(today, back).slice(0, 7);
    const next = nextWorkingDay(calendar, addDays(monthStart(today, back - 1), -1));
    story.add(story.moment(next, '09:00'), manager, async (app) => {
      await evaluateDue(app);
      // Returned, so the story awaits it once the close is on the engine.
      return closeMonth(app, month);
    });
  }
}
