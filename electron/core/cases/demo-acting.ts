import type { Kysely } from 'kysely';
import type { Role } from '../../shared/roles';
import type { Session } from '../../shared/schemas/foundation';
import type { Visitdesk } from '../app/visitdesk';
import type { AuditEntry } from '../audit/audit';
import type { Engine } from '../db/engine';
import type { DB } from '../db/schema';

/**
 * The demo branch's past is played through the same services the channels call, so its
 * visits, receipts, reference numbers, verdicts, audit rows and month closes come out exactly
 * as a real branch's would. Those services read the time from `app.now()` and the actor from
 * `app.session`; a scene hands them a view of the app at that moment, as that person. The
 * view shares the loader's write `tx`: its writes run on that `tx` (no transaction of their own
 * inside the loader's), its engine reads too; nothing else differs.
 */

export interface Actor {
  staffId: number;
  role: Role;
}

/** The staff member's session, read once per actor in the loader's `tx`. */
export async function sessionOf(tx: Kysely<DB>, actor: Actor): Promise<Session> {
  const row = await tx
    .selectFrom('staff')
    .select(['name', 'staff_no', 'username'])
    .where('id', '=', actor.staffId)
    .executeTakeFirst();
  return {
    staffId: actor.staffId,
    username: row?.username ?? '',
    name: row?.name ?? '',
    staffNo: row?.staff_no ?? '',
    role: actor.role,
  };
}

export function actingAt(
  app: Visitdesk,
  tx: Kysely<DB>,
  session: Session,
  instant: Date,
): Visitdesk {
  const at = instant.toISOString();
  const view = Object.create(app) as Visitdesk;
  const engine: Engine = { ...app.engine, db: tx, transaction: (work) => work(tx) };
  const stamped = (entry: Omit<AuditEntry, 'staffId'> & { staffId?: number | null }) => ({
    staffId: session.staffId,
    at,
    ...entry,
  });
  Object.defineProperties(view, {
    session: { get: () => session },
    now: { value: () => new Date(instant.getTime()) },
    // Audit rows carry the moment of the scene and its actor, so the log reads as the story.
    record: {
      value: (on: Kysely<DB>, entry: Omit<AuditEntry, 'staffId'> & { staffId?: number | null }) =>
        app.record(on, stamped(entry)),
    },
    engine: { get: () => engine },
    write: { value: <T>(work: (on: Kysely<DB>) => Promise<T>) => work(tx) },
  });
  return view;
}
