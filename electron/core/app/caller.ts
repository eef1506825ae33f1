import { AsyncLocalStorage } from 'node:async_hooks';
import type { KeyObject } from 'node:crypto';
import type { Session } from '../../shared/schemas/foundation';
import type { PrintJobs } from '../print/jobs';

/**
 * Who is calling, when that is not the one account signed in on this PC (issue 20).
 *
 * On a desk, the core serves one person: `app.session` is the account signed in to the open
 * database (session.ts). The branch server serves many desks at once over one open database, so
 * each request runs inside `callers.run(callerOfThisRequest, …)` (server/http.ts) and every
 * read of `app.session`, `app.signer`, `app.printJobs`, the audit's actor and the idle check
 * sees that request's caller, through every await of the handler, without a handler or a
 * service knowing which transport called it.
 */
export interface Caller {
  /** The desk's staff member, or null: a desk signed out (public channels only). */
  readonly session: Session | null;
  /** The enrolled desk the request came from; audit rows written for it carry this id. */
  readonly deskId: string;
  /** The account's checkpoint-signing key, unwrapped at its sign-in on this desk. */
  readonly signer: KeyObject | null;
  /** Documents this session staged for its desk's printer; nobody else's session sees them. */
  readonly printJobs: PrintJobs;
  /** Milliseconds since the epoch of this session's last call (the idle lock's clock). */
  lastActivity: number;
  /** Ends this caller's session (the idle lock, a sign-out): the database stays open. */
  end(reason: 'signOut' | 'idle'): void;
  /**
   * Set when the request wrote an audit row, which every change of the branch's data does: the
   * server then tells the other desks that data changed (server/http.ts).
   */
  changed: boolean;
}

export const callers = new AsyncLocalStorage<Caller>();

/** The caller of the request being served, or undefined on a desk (one account, session.ts). */
export function currentCaller(): Caller | undefined {
  return callers.getStore();
}
