import type { Kysely } from 'kysely';
import { AppFailure } from '../../shared/result';
import type { Visitdesk } from '../app/visitdesk';
import { writeFlag } from '../db/columns';
import type { DB } from '../db/schema';
import type { HolidayCalendar } from '../planning/holidays';
import { evaluateDue } from '../records/evaluate';
import { stageFuture } from './demo-future';
import {
  canPrint,
  Chronicle,
  stageCertificates,
  stageCloses,
  stageComplaint,
  stageLeave,
  stageScene,
  stageTargets,
  type CastMember,
  type DemoStaff,
} from './demo-visits';
import { monthStart } from './demo-script';
import { stageWaivers } from './demo-waivers';
import { loadBranchTimeZone } from '../settings/branch-clock';

/**
 * Approvals and closes are the manager's: the signed-in manager (the channel allows no one
 * else), or for a command line signed in under another role, the branch's first manager.
 */
async function managerOf(app: Visitdesk, tx: Kysely<DB>): Promise<number> {
  const session = app.session;
  if (!session) throw new AppFailure('UNAUTHENTICATED', 'sign in first');
  if (session.role === 'manager') return session.staffId;
  const row = await tx
    .selectFrom('staff')
    .select('id')
    .where('role', '=', 'manager')
    .where('active', '=', writeFlag(true))
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  if (!row) throw new AppFailure('FORBIDDEN', 'the demo branch needs a manager on the staff');
  return row.id;
}

/**
 * The demo branch comes alive: the past two months and a half of visits are played through
 * the services, and the coming weeks are planned. Runs inside the loader's write `tx`, after
 * the case files exist, as the signed-in manager and the demo staff.
 */
export async function playDemoStory(
  app: Visitdesk,
  tx: Kysely<DB>,
  input: {
    now: Date;
    today: string;
    calendar: HolidayCalendar;
    cast: readonly CastMember[];
    officers: readonly number[];
    clerk: number | null;
  },
): Promise<void> {
  const manager = await managerOf(app, tx);
  if (input.officers.length < 2) return;
  const staff: DemoStaff = { officers: input.officers, clerk: input.clerk, manager };
  const story = new Chronicle(app, await loadBranchTimeZone(tx), input.now);
  const printing = await canPrint(tx);
  const { today, calendar } = input;

  stageCertificates(story, staff, today);
  stageTargets(story, calendar, staff, today);
  for (const member of input.cast) stageScene(story, calendar, staff, member, printing);
  // The complaint follows last month's refusal.
  const lastMonth = monthStart(today, 1);
  const refused = input.cast.find(
    (m) => m.scene.kind === 'refused' && m.scene.date >= lastMonth && m.scene.date < today,
  );
  if (refused) stageComplaint(story, calendar, staff, refused);
  await stageWaivers(tx, story, calendar, staff, input.cast, today);
  stageLeave(story, staff, today);
  stageCloses(story, calendar, staff, today);
  stageFuture(story, calendar, staff, { today, now: input.now, printing });
  story.add(input.now.getTime() - 5 * 60_000, { staffId: manager, role: 'manager' }, (view) =>
    evaluateDue(view),
  );
  await story.play(tx);
}
