import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';

/**
 * The rule a SQLite write transaction lives by while the core moves to the async engine
 * (issue 19): it never gives the event loop a turn.
 *
 * The transaction holds the app's one connection from BEGIN to COMMIT, and the features not
 * yet moved to the engine still write on that connection synchronously, with no idea that a
 * transaction is open. The database's own awaits resolve as microtasks (better-sqlite3 answers
 * at once), so as long as a transaction awaits only queries, no other IPC call runs until it
 * has committed. Awaiting anything else (a timer, a file, a worker, scrypt) lets the next
 * event's handler run, and its synchronous writes land inside the open transaction, to be
 * committed or rolled back with work that is not theirs.
 *
 * This is the tripwire for breaking the rule: an immediate and a zero timeout are scheduled
 * when the work begins; if either fires before the work has ended, the work awaited something
 * other than the database, and the transaction is rolled back with an internal error naming
 * the rule. It catches the mistake in tests rather than preventing its effect: whatever ran in
 * between has already run. Work outside the database belongs before or after the transaction.
 */
export function oneTurnOnly<T>(
  work: (tx: Kysely<DB>) => Promise<T>,
): (tx: Kysely<DB>) => Promise<T> {
  return async (tx) => {
    let open = true;
    let yielded = false;
    const tripped = () => {
      if (open) yielded = true;
    };
    // Either may come first, depending on the phase of the loop the transaction began in.
    const immediate = setImmediate(tripped);
    const timeout = setTimeout(tripped, 0);
    try {
      const result = await work(tx);
      if (yielded) throw yieldedError();
      return result;
    } catch (error) {
      if (yielded && !(error instanceof YieldedInsideWrite)) throw yieldedError(error);
      throw error;
    } finally {
      open = false;
      clearImmediate(immediate);
      clearTimeout(timeout);
    }
  };
}

class YieldedInsideWrite extends Error {}

function yieldedError(cause?: unknown): YieldedInsideWrite {
  return new YieldedInsideWrite(
    'internal: a SQLite write transaction awaited something other than the database ' +
      '(a timer, a file, a worker, scrypt); it was rolled back. Do that work before or after ' +
      'the transaction.',
    cause === undefined ? undefined : { cause },
  );
}
