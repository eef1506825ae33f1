import {
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
} from 'kysely';
import type { Engine } from '../engine';
import { workOrRollBack } from './connect';
import type { DB } from '../schema';

/**
 * Reads that see a PostgreSQL database at one instant (issue 19). A read of several queries
 * on the pool runs each on whichever connection is free, each in its own snapshot: a write
 * committed between them (an import, another desk's payment) shows in some answers and not in
 * others, and a screen would add up figures from before and after it. SQLite never had this:
 * its reads run on the one connection in one go.
 */

/**
 * A read of several queries on the engine, seeing one instant: on PostgreSQL on `readers`
 * connections sharing a snapshot (`readTogether`); on SQLite as it is, since its queries all
 * run on the one connection without the event loop getting a turn between them, so no write
 * can come in between.
 */
export function readAtOneInstant<T>(
  engine: Engine,
  readers: number,
  work: (db: Kysely<DB>) => Promise<T>,
): Promise<T> {
  return engine.kind === 'postgres' ? readTogether(engine.db, readers, work) : work(engine.db);
}

/**
 * `work`'s queries, one after another, in one READ ONLY REPEATABLE READ transaction.
 *
 * The answer is given as soon as `work` has it; the transaction then ends on its connection
 * before the connection goes back to the pool. A read-only transaction's end changes nothing and
 * the answer is already whole, so the caller need not wait one more round trip for it (the case
 * list's two queries took 1.5 times as long as bare ones, that round trip included).
 */
export function readInOneSnapshot<T>(
  db: Kysely<DB>,
  work: (snapshot: Kysely<DB>) => Promise<T>,
): Promise<T> {
  const answer = deferred<T>();
  db.connection()
    .execute(async (connection) => {
      const tx = await connection
        .startTransaction()
        .setIsolationLevel('repeatable read')
        .setAccessMode('read only')
        .execute();
      answer.resolve(await workOrRollBack(tx, work));
      await tx.commit().execute();
    })
    // Before the answer: the read failed (or no connection). After it: the end of a read-only
    // transaction failed, which the answer does not depend on, and the pool drops a broken
    // connection.
    .catch((error: unknown) => answer.reject(error));
  return answer.promise;
}

/**
 * `work`'s queries side by side on `connections` connections that share one snapshot: the
 * first opens a READ ONLY REPEATABLE READ transaction and exports its snapshot, the others
 * import it (`SET TRANSACTION SNAPSHOT`, as pg_dump's parallel workers do). `work` gets one
 * Kysely whose queries go to whichever of those connections is free, so queries it sends at
 * once (Promise.all) still run at once, and all of them see the same instant.
 *
 * Each group takes all its connections before the next group starts taking any: two groups
 * each holding part of the pool and waiting for the rest would wait for ever.
 */
export async function readTogether<T>(
  db: Kysely<DB>,
  connections: number,
  work: (snapshot: Kysely<DB>) => Promise<T>,
): Promise<T> {
  if (connections <= 1) return readInOneSnapshot(db, work);
  const group = new SnapshotGroup(connections);
  const release = await takeTurn(db);
  const held = Array.from({ length: connections }, (_, i) =>
    db.connection().execute((connection) => group.hold(i, connection)),
  );
  try {
    try {
      await group.allTaken(held);
    } finally {
      release();
    }
    const readers = await group.ready();
    const result = await work(snapshotKysely(readers));
    // Answered at once, as readInOneSnapshot is; the read-only transactions end behind it.
    group.finish();
    return result;
  } catch (error) {
    // Also when a connection could not be had: those that were let go of theirs, before the
    // caller tries again.
    group.finish();
    await Promise.allSettled(held);
    throw error;
  }
}

/** Groups taking connections on one pool, one after another. */
const turns = new WeakMap<Kysely<DB>, Promise<void>>();

async function takeTurn(db: Kysely<DB>): Promise<() => void> {
  const before = turns.get(db) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  turns.set(
    db,
    before.then(() => mine),
  );
  await before;
  return release;
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Whoever waits sees the failure; nobody waiting is no unhandled rejection.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

class SnapshotGroup {
  private readonly taken: Deferred<void>[];
  private readonly readers: Deferred<Kysely<DB>>[];
  private readonly snapshot = deferred<string>();
  private readonly finished = deferred<void>();

  constructor(size: number) {
    this.taken = Array.from({ length: size }, () => deferred<void>());
    this.readers = Array.from({ length: size }, () => deferred<Kysely<DB>>());
  }

  /** Runs on connection `i` until the group is finished: its transaction on the snapshot. */
  async hold(i: number, connection: Kysely<DB>): Promise<void> {
    this.taken[i]!.resolve();
    try {
      const tx = await connection
        .startTransaction()
        .setIsolationLevel('repeatable read')
        .setAccessMode('read only')
        .execute();
      try {
        if (i === 0) {
          const { rows } = await sql<{ id: string }>`SELECT pg_export_snapshot() AS id`.execute(tx);
          this.snapshot.resolve(rows[0]!.id);
        } else {
          const id = await this.snapshot.promise;
          await sql`SET TRANSACTION SNAPSHOT ${sql.lit(id)}`.execute(tx);
        }
        this.readers[i]!.resolve(tx);
        // The exporting transaction must stay open until every other has imported its
        // snapshot, and each stays open while `work` may still send it queries.
        await this.finished.promise;
      } finally {
        // Read only: ending it either way changes nothing.
        await tx
          .rollback()
          .execute()
          .catch(() => undefined);
      }
    } catch (error) {
      this.fail(i, error);
      throw error;
    }
  }

  private fail(i: number, error: unknown): void {
    this.taken[i]!.reject(error);
    this.readers[i]!.reject(error);
    this.snapshot.reject(error);
  }

  /** Resolves once every connection is held (or one could not be had). */
  async allTaken(held: Promise<void>[]): Promise<void> {
    // A connection that could not be had rejects its `execute` before `hold` ever runs.
    held.forEach((h, i) => h.catch((error: unknown) => this.fail(i, error)));
    await Promise.all(this.taken.map((t) => t.promise));
  }

  /** The transactions on the shared snapshot, once each has it. */
  async ready(): Promise<Kysely<DB>[]> {
    return Promise.all(this.readers.map((r) => r.promise));
  }

  finish(): void {
    this.finished.resolve();
  }
}

/** A Kysely whose queries run on the first free one of `readers` (no transactions of its own). */
function snapshotKysely(readers: Kysely<DB>[]): Kysely<DB> {
  const free = readers.map((reader) => ({
    executeQuery: <R>(query: CompiledQuery): Promise<QueryResult<R>> =>
      reader.executeQuery<R>(query),
    // eslint-disable-next-line require-yield
    async *streamQuery(): AsyncIterableIterator<QueryResult<never>> {
      throw new Error('internal: no streaming on a shared snapshot');
    },
  }));
  const waiting: ((connection: DatabaseConnection) => void)[] = [];
  const driver: Driver = {
    init: async () => undefined,
    acquireConnection: () => {
      const connection = free.pop();
      if (connection) return Promise.resolve(connection);
      return new Promise((resolve) => waiting.push(resolve));
    },
    releaseConnection: async (connection) => {
      const next = waiting.shift();
      if (next) next(connection);
      else free.push(connection as (typeof free)[number]);
    },
    beginTransaction: () => Promise.reject(new Error('internal: a shared snapshot only reads')),
    commitTransaction: () => Promise.reject(new Error('internal: a shared snapshot only reads')),
    rollbackTransaction: () => Promise.reject(new Error('internal: a shared snapshot only reads')),
    destroy: async () => undefined,
  };
  return new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => driver,
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
}
