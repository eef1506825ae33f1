import type { Statement } from '../../electron/core/db/query';
import type { Sqlite } from '../../electron/core/db/sqlite';

/**
 * The baseline of a read case: the very statements the app's code ran, replayed as bare
 * prepared statements on the plain copy. They are recorded once, while the app serves the
 * request on the encrypted database, so the baseline never restates the app's SQL (a query
 * change in a feature moves both figures) and the ratio isolates what encryption, Kysely's
 * compilation, the dispatcher and the row mapping add.
 */

type Method = 'run' | 'get' | 'all' | 'iterate';
const methods: readonly Method[] = ['run', 'get', 'all', 'iterate'];

export interface RecordedCall {
  sql: string;
  method: Method;
  params: unknown[];
  reader: boolean;
  /** Rows came back as arrays (the app reads this statement in raw mode); replayed the same. */
  raw?: boolean;
}

interface StatementLike {
  source: string;
  reader: boolean;
  database: unknown;
}

/**
 * Runs `work` and lists every statement execution it made on `db` (through any layer: Kysely's
 * compiled queries, cached `statement()`s, pragmas), in order, with their parameters.
 */
export async function recordStatements<T>(
  db: Sqlite,
  work: () => T | Promise<T>,
): Promise<{ result: T; calls: RecordedCall[] }> {
  // Every statement of the driver shares one prototype; wrapping it sees statements that were
  // prepared and cached before the recording started.
  const proto = Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<Method, unknown>;
  const originals = new Map<Method, (...args: unknown[]) => unknown>();
  const calls: RecordedCall[] = [];
  for (const method of methods) {
    const original = proto[method] as (...args: unknown[]) => unknown;
    originals.set(method, original);
    proto[method] = function (this: StatementLike, ...params: unknown[]) {
      if (this.database !== db) return original.apply(this, params);
      const call: RecordedCall = {
        sql: this.source,
        method,
        params: structuredClone(params),
        reader: this.reader,
      };
      calls.push(call);
      const result = original.apply(this, params);
      // better-sqlite3 has no getter for raw mode; the rows' shape tells it.
      const firstRow = method === 'all' ? (result as unknown[])[0] : result;
      if (method !== 'run' && Array.isArray(firstRow)) call.raw = true;
      return result;
    };
  }
  try {
    const result = await work();
    return { result, calls };
  } finally {
    for (const [method, original] of originals) proto[method] = original;
  }
}

/** Recorded reads, prepared once on the baseline database and run bare. */
export class Replay {
  private readonly steps: { run: () => unknown }[];

  constructor(
    db: Sqlite,
    readonly calls: readonly RecordedCall[],
  ) {
    const writes = calls.filter((c) => !c.reader);
    if (writes.length) {
      throw new Error(
        `a read case wrote (${writes[0]!.sql.slice(0, 80)}…): give it its own baseline`,
      );
    }
    if (calls.length === 0) throw new Error('the app ran no statement: nothing to replay');
    const prepared = new Map<string, Statement>();
    this.steps = calls.map((call) => {
      const key = `${call.raw ? 'raw' : 'rows'}:${call.sql}`;
      let statement = prepared.get(key);
      if (!statement) {
        const fresh = db.prepare(call.sql) as unknown as Statement & {
          raw(on: boolean): Statement;
        };
        statement = call.raw ? fresh.raw(true) : fresh;
        prepared.set(key, statement);
      }
      const s = statement;
      const params = call.params;
      switch (call.method) {
        case 'get':
          return { run: () => s.get(...params) };
        case 'all':
          return { run: () => s.all(...params) };
        case 'iterate':
          return { run: () => [...s.iterate(...params)] };
        case 'run':
          return { run: () => s.run(...params) };
      }
    });
  }

  /** Runs every recorded statement in order; returns the rows of the last one that read. */
  run(): unknown {
    let last: unknown;
    for (const step of this.steps) last = step.run();
    return last;
  }
}

const writeVerb = /^\s*(insert|update|delete|replace)\b/i;

/**
 * Lists the writes made on `db` (INSERT, UPDATE, DELETE, whether run bare, through Kysely or
 * with RETURNING) until `stop()`, for the baseline of a write case: the same rows written with
 * bare prepared statements. Transaction control (BEGIN, SAVEPOINT, COMMIT, which better-sqlite3
 * also runs as statements) is left out: the replay has its own transaction. Recording costs the
 * app side one regular-expression test per statement and one array push per write, well under
 * a microsecond each against the milliseconds being measured.
 */
export function captureWrites(db: Sqlite): { stop: () => RecordedCall[] } {
  const proto = Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<Method, unknown>;
  const originals = new Map<Method, (...args: unknown[]) => unknown>();
  const calls: RecordedCall[] = [];
  for (const method of methods) {
    const original = proto[method] as (...args: unknown[]) => unknown;
    originals.set(method, original);
    proto[method] = function (this: StatementLike, ...params: unknown[]) {
      if (this.database === db && writeVerb.test(this.source)) {
        calls.push({ sql: this.source, method, params, reader: this.reader });
      }
      return original.apply(this, params);
    };
  }
  let stopped = false;
  return {
    stop() {
      if (!stopped) for (const [method, original] of originals) proto[method] = original;
      stopped = true;
      return calls;
    },
  };
}

/** Recorded writes, prepared on the baseline database, run bare in one transaction. */
export class WriteReplay {
  private readonly run: () => void;

  constructor(db: Sqlite, calls: readonly RecordedCall[]) {
    if (calls.length === 0) throw new Error('the app wrote nothing: nothing to replay');
    const prepared = new Map<string, Statement>();
    const steps = calls.map((call) => {
      let statement = prepared.get(call.sql);
      if (!statement) {
        statement = db.prepare(call.sql) as unknown as Statement;
        prepared.set(call.sql, statement);
      }
      const s = statement;
      const params = call.params;
      // RETURNING statements are readers: run them the way the app did.
      return call.reader ? () => s.all(...params) : () => s.run(...params);
    });
    this.run = db.transaction(() => {
      for (const step of steps) step();
    });
  }

  replay(): void {
    this.run();
  }
}
