import type { Kysely } from 'kysely';
import type { Role } from '../../shared/roles';
import type { Session } from '../../shared/schemas/foundation';
import type { Visitdesk } from '../app/visitdesk';
import { appendAudit, type AuditEntry } from '../audit/audit';
import type { Engine } from '../db/engine';
import { first, qb } from '../db/query';
import type { DB } from '../db/schema';

/**
 * The demo branch's past is played through the same services the channels call, so its
 * visits, receipts, reference numbers, verdicts, audit rows and month closes come out exactly
 * as a real branch's would. Those services read the time from `app.now()` and the actor from
 * `app.session`; a scene hands them a view of the app at that moment, as that person. The
 * view shares the open connection and the loader's write `tx`: its writes run on that `tx` (no
 * transaction of their own inside the loader's), its engine reads too; nothing else differs.
 */

export interface Actor {
  staffId: number;
  role: Role;
}

function sessionOf(app: Visitdesk, actor: Actor): Session {
  const row = first(
    app.db,
    qb.selectFrom('staff').select(['name', 'staff_no', 'username']).where('id', '=', actor.staffId),
  );
  return {
    staffId: actor.staffId,
    username: row?.username ?? '',
    name: row?.name ?? '',
    staffNo: row?.staff_no ?? '',
    role: actor.role,
  };
}

export function actingAt(app: Visitdesk, tx: Kysely<DB>, actor: Actor, instant: Date): Visitdesk {
  const session = sessionOf(app, actor);
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
    audit: {
      value: (entry: Omit<AuditEntry, 'staffId'> & { staffId?: number | null }) =>
        appendAudit(app.db, stamped(entry)),
    },
    record: {
      value: (on: Kysely<DB>, entry: Omit<AuditEntry, 'staffId'> & { staffId?: number | null }) =>
        app.record(on, stamped(entry)),
    },
    engine: { get: () => engine },
    write: { value: <T>(work: (on: Kysely<DB>) => Promise<T>) => work(tx) },
  });
  return view;
}
