import crypto from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { AppFailure } from '../../shared/result';
import type { Session } from '../../shared/schemas/foundation';
import { readFlag } from '../db/columns';
import { refuseWhileThrottled } from '../auth/guard';
import { SignInThrottle } from '../auth/throttle';
import type { Caller } from '../app/caller';
import type { Visitdesk } from '../app/visitdesk';
import { PrintJobs } from '../print/jobs';

/**
 * The branch server's sign-ins (issue 20): one per staff member at a desk.
 *
 * The server's database is open the whole time (opened at start with an operator's account);
 * a sign-in from a desk only proves the passphrase against the account's key slot (scrypt), as
 * the desk's own sign-in would, and is given a random token bound to that desk. Tokens live
 * only in this process's memory, so every session ends at a server restart, at sign-out, at the
 * branch's auto-lock idle time, and when the desk is revoked.
 *
 * Wrong passphrases are throttled per account (the key file's counts, shared with the CLI on the
 * same machine) and per desk (here), so neither one desk trying many names nor many desks trying
 * one name gets more than a few free tries.
 */
export class ServerSessions {
  private readonly byToken = new Map<string, DeskSession>();
  private readonly endListeners = new Set<(caller: Caller) => void>();
  /** Wrong passphrases per desk: kept in memory, like the sessions. */
  readonly deskThrottle: SignInThrottle;

  constructor(private readonly app: Visitdesk) {
    this.deskThrottle = new SignInThrottle(() => app.now().getTime());
  }

  /** A caller for this desk without a session: public channels only. */
  signedOut(deskId: string): Caller {
    return new DeskSession(deskId, null, null, this.app.now().getTime(), () => {});
  }

  /**
   * The session this token names, used from the desk it was issued to. A token presented by
   * another desk is refused and audited (a copied token), and the session is ended: whoever
   * holds it now is not only its owner.
   */
  async resolve(token: string, deskId: string): Promise<Caller | null> {
    const found = this.byToken.get(token);
    if (!found) return null;
    if (found.deskId !== deskId) {
      found.end('signOut');
      await this.auditRefusal(deskId, 'auth.tokenFromOtherDesk', {
        issuedTo: found.deskId,
        staffId: found.session?.staffId ?? null,
      });
      throw new AppFailure(
        'UNAUTHENTICATED',
        'this session belongs to another desk; sign in again',
      );
    }
    return found;
  }

  /**
   * Signs a staff member in from a desk: the passphrase is proven on their key slot, the
   * account must be active, and the sign-in is audited with the desk. Returns the caller and
   * its token.
   */
  async signIn(
    deskId: string,
    username: string,
    passphrase: string,
  ): Promise<{ token: string; caller: Caller }> {
    refuseWhileThrottled(this.deskThrottle, deskId);
    let signing: KeyObject | null;
    try {
      const keys = this.app.unlock(username, passphrase);
      keys.current.fill(0);
      keys.next?.fill(0);
      signing = keys.signing ?? null;
    } catch (error) {
      if (error instanceof AppFailure && error.code === 'BAD_CREDENTIALS') {
        this.deskThrottle.fail(deskId);
        await this.auditRefusal(deskId, 'auth.signInFailed', { username }, username);
      }
      throw error;
    }
    this.deskThrottle.succeed(deskId);
    const account = await this.app.engine.db
      .selectFrom('staff')
      .select(['id', 'username', 'name', 'staff_no', 'role', 'active'])
      .where('username', '=', username)
      .executeTakeFirst();
    if (!account || !readFlag(account.active)) {
      throw new AppFailure('BAD_CREDENTIALS', 'wrong user name or passphrase');
    }
    const session: Session = {
      staffId: account.id,
      username: account.username ?? '',
      name: account.name,
      staffNo: account.staff_no,
      role: account.role,
    };
    const token = crypto.randomBytes(32).toString('base64url');
    const caller = new DeskSession(deskId, session, signing, this.app.now().getTime(), (reason) =>
      this.ended(token, reason),
    );
    this.byToken.set(token, caller);
    await this.app.write((tx) =>
      this.app.record(tx, {
        staffId: session.staffId,
        action: 'auth.signIn',
        entity: 'staff',
        entityId: session.staffId,
        deskId,
      }),
    );
    return { token, caller };
  }

  /** Ends every session of a desk (it was revoked); their sign-out rows follow. */
  endDesk(deskId: string): number {
    let ended = 0;
    for (const caller of [...this.byToken.values()]) {
      if (caller.deskId !== deskId) continue;
      caller.end('signOut');
      ended += 1;
    }
    return ended;
  }

  /** Calls `listener` with each session that ends (its event stream closes then). */
  onEnded(listener: (caller: Caller) => void): () => void {
    this.endListeners.add(listener);
    return () => this.endListeners.delete(listener);
  }

  get size(): number {
    return this.byToken.size;
  }

  /** A session ended: forgotten, and its sign-out or auto-lock audited in the background. */
  private ended(token: string, reason: 'signOut' | 'idle'): void {
    const caller = this.byToken.get(token);
    if (!caller) return;
    this.byToken.delete(token);
    for (const listener of this.endListeners) listener(caller);
    const staffId = caller.endedSession?.staffId ?? null;
    if (staffId === null) return;
    this.app.inBackground(
      'audit the end of a desk session',
      this.app.write((tx) =>
        this.app.record(tx, {
          staffId,
          action: reason === 'idle' ? 'auth.autoLock' : 'auth.signOut',
          entity: 'staff',
          entityId: staffId,
          deskId: caller.deskId,
        }),
      ),
    );
  }

  /** A refused attempt from a desk, in the audit log (who tried is not known: no staff id). */
  async auditRefusal(
    deskId: string | null,
    action: string,
    after: Record<string, unknown>,
    entityId: string | null = null,
  ): Promise<void> {
    try {
      await this.app.write((tx) =>
        this.app.record(tx, {
          staffId: null,
          action,
          entity: 'desk',
          entityId: entityId ?? deskId,
          success: false,
          after,
          deskId,
        }),
      );
    } catch (error) {
      this.app.log('refusal not audited', error);
    }
  }
}

/** One staff member signed in at one desk (or a desk signed out), as the core sees a caller. */
class DeskSession implements Caller {
  readonly printJobs: PrintJobs;
  /** Unused: each request reads the session through a view with a flag of its own (http.ts). */
  changed = false;
  private current: Session | null;
  /** Who it was, after `end`: the sign-out row still names them. */
  endedSession: Session | null = null;

  constructor(
    readonly deskId: string,
    session: Session | null,
    private signingKey: KeyObject | null,
    public lastActivity: number,
    private readonly onEnd: (reason: 'signOut' | 'idle') => void,
  ) {
    this.current = session;
    this.printJobs = new PrintJobs();
  }

  get session(): Session | null {
    return this.current;
  }

  get signer(): KeyObject | null {
    return this.signingKey;
  }

  end(reason: 'signOut' | 'idle'): void {
    if (!this.current) return;
    this.endedSession = this.current;
    this.current = null;
    this.signingKey = null;
    this.printJobs.clear();
    this.onEnd(reason);
  }
}
