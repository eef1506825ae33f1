import type { Role } from '../../shared/roles';
import type { Session } from '../../shared/schemas/foundation';
import type { Visitdesk } from '../app/visitdesk';
import { appendAudit, type AuditEntry } from '../audit/audit';
import { first, qb } from '../db/query';

/**
 * The demo branch's past is played through the same services the channels call, so its
 * visits, receipts, reference numbers, verdicts, audit rows and month closes come out exactly
 * as a real branch's would. Those services read the time from `app.now()` and the actor from
 * `app.session`; a scene hands them a view of the app at that moment, as that person. The
 * view shares the open connection (and the loader's transaction); nothing else differs.
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

export function actingAt(app: Visitdesk, actor: Actor, instant: Date): Visitdesk {
  const session = sessionOf(app, actor);
  const at = instant.toISOString();
  const view = Object.create(app) as Visitdesk;
  Object.defineProperties(view, {
    session: { get: () => session },
    now: { value: () => new Date(instant.getTime()) },
    // Audit rows carry the moment of the scene and its actor, so the log reads as the story.
    audit: {
      value: (entry: Omit<AuditEntry, 'staffId'> & { staffId?: number | null }) =>
        appendAudit(app.db, { staffId: session.staffId, at, ...entry }),
    },
  });
  return view;
}
