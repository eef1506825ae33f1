import crypto from 'node:crypto';
import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import { writeDeskKeyCheck } from '../../app/server-desk';
import { AppFailure } from '../../../shared/result';
import { verifyAuditChain } from '../../audit/audit';
import { verifyChain } from '../../audit/chain';
import {
  indexBorrowersPostgres,
  searchSourcesOf,
  type BorrowerSearchSource,
  type SearchTokensDatabase,
} from '../../cases/search-postgres';
import type { Engine } from '../engine';
import { latestVersion, schemaVersion } from '../migrations';
import { all, qb } from '../query';
import type { DB } from '../schema';
import type { Sqlite } from '../sqlite';
import { postgresOnlyTables } from './baseline';
import { postgresSchemaVersion } from './migrate';
import { searchTables } from './search-ddl';

/**
 * Moving a branch from one PC to the branch server (issue 20): every row of a branch's
 * embedded SQLite database copied into a new, empty Visitdesk database on PostgreSQL, in one
 * PostgreSQL transaction that commits only once the copy is verified. Any failure (a row the
 * schema refuses, a checksum that differs, a broken chain, a cancel) rolls all of it back.
 *
 * What is copied is read from the schemas, never from a list kept here: the tables are the
 * PostgreSQL database's branch tables (those with `branch_id`, less the PostgreSQL-only ones
 * and the search table), which must be exactly SQLite's tables (less its FTS5 index), column
 * for column; they are copied parents first, in the order of PostgreSQL's foreign keys, and
 * each column's value is converted to the column's PostgreSQL type as the catalogue states it.
 * A new table on both engines is copied without a change here; one on one engine only is
 * refused.
 *
 * Rows keep their ids; `branch_id` is the connection's (the column's default), and every
 * check and read names that branch, so the move may be made by a login that row-level security
 * does not bind, into a database other branches already share ("empty" is: empty for this
 * branch). Then:
 * - each identity column restarts after the highest id copied, with
 *   `ALTER TABLE … ALTER COLUMN … RESTART`, which (unlike `setval`) rolls back with the copy;
 * - the branch's `audit_head` row names the last audit row, so the next append links to it;
 * - the case search's token table is built for every borrower (SQLite's FTS5 index is not
 *   copied; its tokens come from the same columns, as `reindexBorrower` reads them);
 * - `meta` is the source's, key for key: `database_id` and `created_at` (the branch's identity,
 *   which the key slots and audit checkpoints name), `audit_sealed_from_id` (rows before it
 *   have clear details, which anonymisation must know) and any other key (`demo.seededAt`
 *   keeps the demo from loading twice). The baseline's own `audit_sealed_from_id` row is
 *   replaced by the source's.
 *
 * Verified before commit: rows per table, a SHA-256 per table over the rows read back from
 * PostgreSQL against the same over SQLite's rows read again (see `normalised` for how values
 * of the two engines are made comparable), and the audit chain verified on PostgreSQL with the
 * same rows and head as on SQLite. The source is read again for the check, so a change to it
 * during the copy fails the check rather than leaving a copy of something that no longer is.
 */

export interface CopyOptions {
  /** Rows of `table` written so far (`borrower_search_tokens`: borrowers indexed). */
  onProgress?(table: string, done: number, total: number): void;
  /** Aborting rolls the copy back; the promise rejects with CANCELLED. */
  signal?: AbortSignal;
  /**
   * The SQLite file's key. Given, the copy also writes the server database's check of it
   * (server-desk.ts), in the same transaction, so the branch's key file, whose slots seal that
   * key, opens the copy from a desk or the branch server as it opened the file; without it the
   * copy is data only and no desk can open it.
   */
  deskKey?: Buffer;
}

export interface CopyReport {
  /** Every table copied, in the order copied, with its rows. */
  tables: { name: string; rows: number }[];
  auditRows: number;
  /** The hash of the last audit row (the chain's head on both engines). */
  auditHead: string;
  borrowersIndexed: number;
  ms: number;
}

/** A column's PostgreSQL type, as far as the copy needs to know it. */
type Kind = 'integer' | 'text' | 'boolean' | 'jsonb' | 'timestamptz' | 'date' | 'bytea';

interface Column {
  name: string;
  kind: Kind;
  /** GENERATED ALWAYS … STORED: computed by PostgreSQL, never inserted (checked, though). */
  generated: boolean;
  identity: boolean;
}

interface TablePlan {
  name: string;
  /** In PostgreSQL's column order, without branch_id. */
  columns: Column[];
  /** The primary key without branch_id: the order rows are read, written and checked in. */
  key: Column[];
}

type Tx = Kysely<DB>;
type Value = unknown;

/** The rows the baseline writes into an empty database (baseline.ts, `seed`). */
const seedMetaKeys = ['audit_sealed_from_id'];
const GENESIS = '0'.repeat(64);

/**
 * The connection's branch. Every read and write below names it, as well as row-level security
 * enforcing it: a login that bypasses that (a superuser doing the move) must still see and
 * touch only the branch being copied, and other branches may share the database.
 */
const thisBranch = sql<number>`current_setting('visitdesk.branch_id')::integer`;

/** Rows per INSERT: a few hundred, and never near PostgreSQL's 65,535 parameters. */
const rowsPerInsert = (columns: number) => Math.max(1, Math.min(500, Math.floor(20_000 / columns)));
/** Rows per read when checking (PostgreSQL's cursor, SQLite's pages). */
const CHECK_PAGE = 2_000;

export async function copySqliteToPostgres(
  source: Sqlite,
  target: Engine,
  options: CopyOptions = {},
): Promise<CopyReport> {
  const started = Date.now();
  if (target.kind !== 'postgres') {
    throw new AppFailure('VALIDATION', 'the copy goes into a PostgreSQL database');
  }
  const sourceVersion = schemaVersion(source);
  if (sourceVersion !== latestVersion) {
    throw new AppFailure(
      sourceVersion > latestVersion ? 'DB_NEWER_THAN_APP' : 'CONFLICT',
      sourceVersion > latestVersion
        ? `the SQLite database is at schema ${sourceVersion}, newer than this Visitdesk (${latestVersion}); nothing was copied`
        : `the SQLite database is at schema ${sourceVersion}; open it once with this Visitdesk to bring it to ${latestVersion}, then copy it; nothing was copied`,
      { details: { schema: sourceVersion, supported: latestVersion } },
    );
  }
  const cancelled = () => {
    if (options.signal?.aborted) {
      throw new AppFailure(
        'CANCELLED',
        'the copy was cancelled; the PostgreSQL database is left as it was',
      );
    }
  };
  cancelled();

  const report = await target.transaction(async (tx) => {
    const targetVersion = await postgresSchemaVersion(tx);
    if (targetVersion !== latestVersion) {
      throw new AppFailure(
        'CONFLICT',
        `the PostgreSQL database is at schema ${targetVersion}, not ${latestVersion}; run init with this Visitdesk on an empty database first; nothing was copied`,
      );
    }
    const plans = await planTables(tx, source);
    await refuseUnlessEmpty(tx, plans);
    const sourceRows = new Map(plans.map((p) => [p.name, countSqlite(source, p.name)]));

    const tables: CopyReport['tables'] = [];
    for (const plan of plans) {
      if (plan.name === 'meta') {
        await tx
          .deleteFrom('meta')
          .where(sql.ref('branch_id'), '=', thisBranch)
          .where('key', 'in', seedMetaKeys)
          .execute();
      }
      const rows = await copyTable(
        tx,
        source,
        plan,
        sourceRows.get(plan.name)!,
        options,
        cancelled,
      );
      tables.push({ name: plan.name, rows });
    }

    await restartIdentities(tx, plans);
    const last = await tx
      .selectFrom('audit_log')
      .select(['id', 'hash'])
      .where(sql.ref('branch_id'), '=', thisBranch)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    // The baseline wrote the head row of the branch that created the schema; another branch
    // copied into the same database has none yet.
    await sql`INSERT INTO audit_head (last_id, hash) VALUES (${last?.id ?? 0}, ${last?.hash ?? GENESIS})
      ON CONFLICT (branch_id) DO UPDATE SET last_id = EXCLUDED.last_id, hash = EXCLUDED.hash`.execute(
      tx,
    );
    const borrowersIndexed = await indexBorrowers(tx, source, options, cancelled);

    cancelled();
    const chain = await verifyCopy(tx, source, plans);
    if (options.deskKey) {
      const id = source.prepare("SELECT value FROM meta WHERE key = 'database_id'").get() as
        { value: string } | undefined;
      if (!id) throw new AppFailure('DB_DAMAGED', 'the SQLite database has no id');
      await writeDeskKeyCheck(tx, options.deskKey, id.value);
    }
    cancelled();
    return { tables, auditRows: chain.rows, auditHead: chain.head, borrowersIndexed };
  });
  return { ...report, ms: Date.now() - started };
}

/**
 * The tables to copy, parents first, with their columns and keys from PostgreSQL's catalogue;
 * refused unless they are SQLite's tables with the same columns.
 */
async function planTables(tx: Tx, source: Sqlite): Promise<TablePlan[]> {
  const columnRows = await sql<{
    table: string;
    column: string;
    type: string;
    generated: boolean;
    identity: boolean;
  }>`
    SELECT c.relname AS "table", a.attname AS "column",
      format_type(a.atttypid, a.atttypmod) AS "type",
      a.attgenerated <> '' AS "generated", a.attidentity <> '' AS "identity"
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
    ORDER BY c.relname, a.attnum`.execute(tx);
  const keyRows = await sql<{ table: string; column: string }>`
    SELECT c.relname AS "table", a.attname AS "column"
    FROM pg_catalog.pg_index i
    JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
    JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
    WHERE n.nspname = 'public' AND i.indisprimary
    ORDER BY c.relname, k.ord`.execute(tx);
  const foreignRows = await sql<{ table: string; parent: string }>`
    SELECT DISTINCT c.relname AS "table", p.relname AS "parent"
    FROM pg_catalog.pg_constraint f
    JOIN pg_catalog.pg_class c ON c.oid = f.conrelid
    JOIN pg_catalog.pg_class p ON p.oid = f.confrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND f.contype = 'f'`.execute(tx);

  const byTable = new Map<
    string,
    { name: string; type: string; generated: boolean; identity: boolean }[]
  >();
  for (const r of columnRows.rows) {
    const list = byTable.get(r.table) ?? [];
    list.push({ name: r.column, type: r.type, generated: r.generated, identity: r.identity });
    byTable.set(r.table, list);
  }
  const notCopied = new Set([...postgresOnlyTables, ...searchTables]);
  const targetTables = [...byTable.entries()]
    .filter(
      ([name, columns]) => !notCopied.has(name) && columns.some((c) => c.name === 'branch_id'),
    )
    .map(([name]) => name);

  const sourceTables = (
    source
      .prepare(
        "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'",
      )
      .all() as { name: string }[]
  ).map((r) => r.name);
  const onlySource = sourceTables.filter((t) => !targetTables.includes(t));
  const onlyTarget = targetTables.filter((t) => !sourceTables.includes(t));
  if (onlySource.length || onlyTarget.length) {
    throw new AppFailure(
      'INTERNAL',
      `the two schemas do not hold the same tables (only on SQLite: ${onlySource.join(', ') || 'none'}; only on PostgreSQL: ${onlyTarget.join(', ') || 'none'}); nothing was copied`,
    );
  }

  const plans = new Map<string, TablePlan>();
  for (const name of targetTables) {
    const columns: Column[] = byTable
      .get(name)!
      .filter((c) => c.name !== 'branch_id')
      .map((c) => ({
        name: c.name,
        kind: kindOf(name, c.name, c.type),
        generated: c.generated,
        identity: c.identity,
      }));
    const sourceColumns = (
      source.prepare('SELECT name FROM pragma_table_xinfo(?)').all(name) as { name: string }[]
    ).map((r) => r.name);
    const names = columns.map((c) => c.name);
    const missing = names.filter((c) => !sourceColumns.includes(c));
    const extra = sourceColumns.filter((c) => !names.includes(c));
    if (missing.length || extra.length) {
      throw new AppFailure(
        'INTERNAL',
        `${name} has other columns on the two engines (only on SQLite: ${extra.join(', ') || 'none'}; only on PostgreSQL: ${missing.join(', ') || 'none'}); nothing was copied`,
      );
    }
    const keyNames = keyRows.rows
      .filter((k) => k.table === name && k.column !== 'branch_id')
      .map((k) => k.column);
    if (keyNames.length === 0) {
      throw new AppFailure(
        'INTERNAL',
        `${name} has no primary key on PostgreSQL; nothing was copied`,
      );
    }
    const key = keyNames.map((k) => columns.find((c) => c.name === k)!);
    plans.set(name, { name, columns, key });
  }

  // Parents first (Kahn's order over the foreign keys; a table's references to itself are
  // satisfied by copying its rows in key order, as ids only refer back). Ties by name.
  const parents = new Map(targetTables.map((t) => [t, new Set<string>()]));
  for (const f of foreignRows.rows) {
    if (f.table !== f.parent && parents.has(f.table) && parents.has(f.parent)) {
      parents.get(f.table)!.add(f.parent);
    }
  }
  const ordered: TablePlan[] = [];
  const placed = new Set<string>();
  while (ordered.length < targetTables.length) {
    const ready = targetTables
      .filter((t) => !placed.has(t) && [...parents.get(t)!].every((p) => placed.has(p)))
      .sort();
    if (ready.length === 0) {
      const left = targetTables.filter((t) => !placed.has(t));
      throw new AppFailure(
        'INTERNAL',
        `the foreign keys of ${left.join(', ')} form a cycle; no order copies them`,
      );
    }
    for (const t of ready) {
      placed.add(t);
      ordered.push(plans.get(t)!);
    }
  }
  return ordered;
}

function kindOf(table: string, column: string, type: string): Kind {
  if (type === 'bigint' || type === 'integer' || type === 'smallint') return 'integer';
  if (type === 'text' || type.startsWith('character varying')) return 'text';
  if (type === 'boolean' || type === 'jsonb' || type === 'date' || type === 'bytea') return type;
  if (/^timestamp(\(\d\))? with(out)? time zone$/.test(type)) return 'timestamptz';
  throw new AppFailure(
    'INTERNAL',
    `${table}.${column} is of type ${type} on PostgreSQL, which the copy does not convert to; nothing was copied`,
  );
}

/**
 * Refuses a database that holds anything but what the baseline writes: this is a move into a
 * new database, never a merge. Counted inside the copy's transaction, so no desk can add rows
 * between the check and the copy.
 */
async function refuseUnlessEmpty(tx: Tx, plans: TablePlan[]): Promise<void> {
  const held: string[] = [];
  for (const table of [...plans.map((p) => p.name), ...searchTables]) {
    const rows =
      table === 'meta'
        ? await countWhere(tx, table, sql`NOT (key = ANY(${seedMetaKeys}))`)
        : await countWhere(tx, table, sql`true`);
    if (rows > 0) held.push(`${table}: ${rows}`);
  }
  const heads = await tx
    .selectFrom('audit_head')
    .select(['last_id', 'hash'])
    .where(sql.ref('branch_id'), '=', thisBranch)
    .execute();
  if (heads.some((h) => h.last_id !== 0 || h.hash !== GENESIS)) held.push('audit_head: moved on');
  if (held.length) {
    throw new AppFailure(
      'CONFLICT',
      `the PostgreSQL database already holds this branch's data (rows in ${held.join(', ')}); a branch is copied only into a new, empty Visitdesk database; nothing was copied`,
      { details: { tables: held } },
    );
  }
}

/** Rows of this branch in `table` (whether or not row-level security binds the login). */
async function countWhere(tx: Tx, table: string, where: RawBuilder<unknown>): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::integer AS n FROM ${sql.table(table)}
    WHERE branch_id = ${thisBranch} AND (${where})`.execute(tx);
  return rows[0]!.n;
}

function countSqlite(source: Sqlite, table: string): number {
  const query = sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.compile(qb);
  return (source.prepare(query.sql).get(...query.parameters) as { n: number }).n;
}

/**
 * Rows of a SQLite table as arrays of `columns`, in key order, `limit` after the key `after`
 * (keyset pages: nothing stays open on the connection between pages).
 */
function sqlitePage(
  source: Sqlite,
  plan: TablePlan,
  columns: Column[],
  after: Value[] | null,
  limit: number,
): Value[][] {
  const key = sql.join(plan.key.map((c) => sql.ref(c.name)));
  const from = after === null ? sql`` : sql`WHERE (${key}) > (${sql.join(after)})`;
  const query = sql`SELECT ${sql.join(columns.map((c) => sql.ref(c.name)))}
    FROM ${sql.table(plan.name)} ${from} ORDER BY ${key} LIMIT ${limit}`.compile(qb);
  return source
    .prepare(query.sql)
    .raw(true)
    .all(...query.parameters) as Value[][];
}

async function copyTable(
  tx: Tx,
  source: Sqlite,
  plan: TablePlan,
  total: number,
  options: CopyOptions,
  cancelled: () => void,
): Promise<number> {
  const columns = plan.columns.filter((c) => !c.generated);
  const keyAt = plan.key.map((k) => columns.indexOf(k));
  const batch = rowsPerInsert(columns.length);
  let after: Value[] | null = null;
  let done = 0;
  options.onProgress?.(plan.name, 0, total);
  for (;;) {
    cancelled();
    const rows = sqlitePage(source, plan, columns, after, batch);
    if (rows.length === 0) break;
    const values = rows.map(
      (row) => sql`(${sql.join(row.map((value, i) => toPostgres(plan.name, columns[i]!, value)))})`,
    );
    try {
      await sql`INSERT INTO ${sql.table(plan.name)}
        (${sql.join(columns.map((c) => sql.ref(c.name)))})
        VALUES ${sql.join(values)}`.execute(tx);
    } catch (error) {
      throw refused(plan, rows[0]!, keyAt, error);
    }
    done += rows.length;
    options.onProgress?.(plan.name, done, total);
    const lastRow = rows[rows.length - 1]!;
    after = keyAt.map((i) => lastRow[i]);
  }
  return done;
}

/** A SQLite value as the PostgreSQL column takes it. */
function toPostgres(table: string, column: Column, value: Value): Value {
  if (value === null) return null;
  if (column.kind === 'boolean') {
    if (value === 0 || value === 1) return value === 1;
    throw new AppFailure(
      'INTERNAL',
      `${table}.${column.name} holds ${String(value)} on SQLite, not a 0/1 flag; nothing was copied`,
    );
  }
  // JSON text goes as text and PostgreSQL parses it into jsonb; instants and days go as their
  // ISO text; Buffers as bytea; numbers and text as they are.
  return value;
}

/** What PostgreSQL said about a batch, naming the table and where, never a row's content. */
function refused(plan: TablePlan, first: Value[], keyAt: number[], error: unknown): unknown {
  if (error instanceof AppFailure) return error;
  const e = error as { message?: string; code?: string; constraint?: string; column?: string };
  if (typeof e.code !== 'string' || !/^[0-9A-Z]{5}$/.test(e.code)) return error;
  // Serialisation failures and deadlocks are the engine's to retry.
  if (e.code === '40001' || e.code === '40P01') return error;
  const from = plan.key.map((k, i) => `${k.name} ${String(first[keyAt[i]!])}`).join(', ');
  const constraint = e.constraint ? ` (constraint ${e.constraint})` : '';
  const column = e.column ? ` (column ${e.column})` : '';
  return new AppFailure(
    'INTERNAL',
    `PostgreSQL refused rows of ${plan.name} from ${from}: ${e.message ?? e.code}${constraint}${column}; nothing was copied`,
    {
      details: {
        table: plan.name,
        sqlState: e.code,
        ...(e.constraint ? { constraint: e.constraint } : {}),
      },
    },
  );
}

/**
 * Each identity column restarts after the highest id copied, so the next row a desk writes
 * does not collide with a copied one; never backwards (branches sharing a database share the
 * table's sequence, and another branch may be further on). ALTER TABLE rather than setval:
 * sequence moves by setval are not rolled back, and a copy that fails must leave the database
 * as it found it. The number is an integer read from the table, written as a literal because
 * DDL takes no parameters.
 */
async function restartIdentities(tx: Tx, plans: TablePlan[]): Promise<void> {
  for (const plan of plans) {
    for (const column of plan.columns.filter((c) => c.identity)) {
      const { rows } = await sql<{ max: number | null; sequence: string }>`
        SELECT max(${sql.ref(column.name)}) AS max,
          pg_get_serial_sequence(${`public.${plan.name}`}, ${column.name}) AS sequence
        FROM ${sql.table(plan.name)} WHERE branch_id = ${thisBranch}`.execute(tx);
      const max = rows[0]?.max ?? null;
      if (max === null) continue;
      if (!Number.isSafeInteger(max) || max < 0) {
        throw new Error(`internal: ${plan.name}.${column.name} ends at ${String(max)}`);
      }
      const state = await sql<{ last: number; called: boolean }>`
        SELECT last_value AS last, is_called AS called
        FROM ${sql.table(rows[0]!.sequence)}`.execute(tx);
      const next = state.rows[0]!.called ? state.rows[0]!.last + 1 : state.rows[0]!.last;
      if (max + 1 <= next) continue;
      await sql`ALTER TABLE ${sql.table(plan.name)} ALTER COLUMN ${sql.ref(column.name)}
        RESTART WITH ${sql.lit(max + 1)}`.execute(tx);
    }
  }
}

/** Borrowers per page of the search rebuild: a few INSERTs of tokens each. */
const INDEX_PAGE = 1_000;

/**
 * Case search on PostgreSQL for every borrower: the tokens the FTS5 index holds on SQLite,
 * from the same columns `reindexBorrower` reads (name, township, village, ID, mobile, other
 * phones and the contacts' phones, loan numbers in id order). Borrowers are read in pages by
 * id, each page's loans and contacts with it, and each page indexed in one batch.
 */
async function indexBorrowers(
  tx: Tx,
  source: Sqlite,
  options: CopyOptions,
  cancelled: () => void,
): Promise<number> {
  const search = tx as unknown as Kysely<SearchTokensDatabase>;
  const total = countSqlite(source, 'borrowers');
  options.onProgress?.('borrower_search_tokens', 0, total);
  let done = 0;
  let after: number | null = null;
  for (;;) {
    cancelled();
    const page = searchSources(source, after, INDEX_PAGE);
    if (page.length === 0) break;
    await indexBorrowersPostgres(search, page);
    done += page.length;
    options.onProgress?.('borrower_search_tokens', done, total);
    after = page[page.length - 1]!.id;
  }
  return done;
}

/**
 * The search sources of up to `limit` borrowers with ids after `after` (from the first when
 * null), in id order.
 */
function searchSources(
  source: Sqlite,
  after: number | null,
  limit: number,
): BorrowerSearchSource[] {
  const borrowers = all(
    source,
    qb
      .selectFrom('borrowers')
      .select(['id', 'name', 'township', 'village', 'id_number', 'mobile', 'other_phones'])
      .$if(after !== null, (q) => q.where('id', '>', after!))
      .orderBy('id')
      .limit(limit),
  );
  if (borrowers.length === 0) return [];
  const first = borrowers[0]!.id;
  const last = borrowers[borrowers.length - 1]!.id;
  /** A child table's rows of these borrowers, in borrower then id order. */
  const borrowerId = sql.ref<number>('borrower_id');
  const ofThese = <T extends 'loans' | 'contacts', O>(query: SelectQueryBuilder<DB, T, O>) =>
    query
      .where(borrowerId, '>=', first)
      .where(borrowerId, '<=', last)
      .orderBy('borrower_id')
      .orderBy('id');
  const loans = all(source, ofThese(qb.selectFrom('loans').select(['borrower_id', 'loan_no'])));
  const contacts = all(
    source,
    ofThese(
      qb.selectFrom('contacts').select(['borrower_id', 'phone']).where('phone', 'is not', null),
    ),
  );
  return searchSourcesOf({ borrowers, loans, contacts });
}

/**
 * The copy against its source, inside the transaction: rows and a checksum per table, then
 * the audit chain and its head row. Throws (rolling everything back) on any difference.
 */
async function verifyCopy(
  tx: Tx,
  source: Sqlite,
  plans: TablePlan[],
): Promise<{ rows: number; head: string }> {
  const problems: string[] = [];
  for (const plan of plans) {
    const sqliteRows = countSqlite(source, plan.name);
    const postgresRows = await countWhere(tx, plan.name, sql`true`);
    if (sqliteRows !== postgresRows) {
      problems.push(`${plan.name}: ${sqliteRows} rows on SQLite, ${postgresRows} on PostgreSQL`);
      continue;
    }
    const expected = sqliteChecksum(source, plan);
    const found = await postgresChecksum(tx, plan);
    if (expected !== found) problems.push(`${plan.name}: the rows differ (checksum)`);
  }
  const sourceChain = verifyAuditChain(source);
  const targetChain = await verifyChain(tx, 'postgres');
  if (!sourceChain.ok) {
    problems.push(`the SQLite audit chain is broken at row ${String(sourceChain.firstBadId)}`);
  }
  if (!targetChain.ok) {
    problems.push(
      `the copied audit chain does not verify from row ${String(targetChain.firstBadId)}`,
    );
  } else if (targetChain.rows !== sourceChain.rows || targetChain.head !== sourceChain.head) {
    problems.push(
      `the copied audit chain has ${targetChain.rows} rows ending ${targetChain.head.slice(0, 12)}…, SQLite's ${sourceChain.rows} ending ${sourceChain.head.slice(0, 12)}…`,
    );
  }
  const head = await tx
    .selectFrom('audit_head')
    .select(['last_id', 'hash'])
    .where(sql.ref('branch_id'), '=', thisBranch)
    .execute();
  if (
    head.length !== 1 ||
    head[0]!.last_id !== sourceChain.rows ||
    head[0]!.hash !== sourceChain.head
  ) {
    problems.push('audit_head does not name the last audit row');
  }
  if (problems.length) {
    throw new AppFailure(
      'INTERNAL',
      `the copy does not match the SQLite database (${problems.join('; ')}); nothing was copied`,
      { details: { problems } },
    );
  }
  return { rows: targetChain.rows, head: targetChain.head };
}

/**
 * A value of either engine in one form, so that SQLite's row and PostgreSQL's read back hash
 * alike when, and only when, they hold the same data:
 * - flags: SQLite's 0/1 and PostgreSQL's boolean → true/false (any other SQLite value is kept
 *   as a mark that equals nothing PostgreSQL returns);
 * - JSON: SQLite's text and PostgreSQL's jsonb read as text (`::text`), each parsed →
 *   canonical JSON (object keys sorted, no spaces), since jsonb keeps neither key order nor
 *   spacing (nor duplicate keys: the last wins, as in JSON.parse); a JSON null stays `null`
 *   text, apart from SQL NULL;
 * - instants: SQLite's ISO text → the instant as `toISOString()` (UTC, milliseconds; a text
 *   without zone read as UTC, as the connection's session is); PostgreSQL's timestamptz
 *   arrives in that form from the engine's type parser;
 * - days: the `YYYY-MM-DD` text on both (the engine hands dates back as text);
 * - bytes: hex on both; integers, text and null as they are.
 * Nothing else is forgiven: a different text, number, key or null is a different checksum.
 */
function normalised(kind: Kind, value: Value, engine: 'sqlite' | 'postgres'): Value {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'boolean':
      if (engine === 'postgres') return value;
      return value === 1 ? true : value === 0 ? false : `\u0000flag:${String(value)}`;
    case 'jsonb':
      // Both engines' JSON as text (PostgreSQL's read as ::text, so that a JSON null is not
      // taken for SQL NULL, as pg's parsed jsonb would have it).
      try {
        return canonicalJson(JSON.parse(value as string));
      } catch {
        return `\u0000json:${String(value)}`;
      }
    case 'timestamptz':
      return engine === 'postgres' ? value : isoInstant(value);
    case 'bytea':
      return Buffer.isBuffer(value)
        ? `\\x${value.toString('hex')}`
        : `\u0000bytes:${String(value)}`;
    default:
      return value;
  }
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const keys = Object.keys(object).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(object[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const isoText =
  /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d)(?::(\d\d)(?:\.(\d+))?)?(?:(Z)|([+-])(\d\d):?(\d\d)?)?$/i;

/** ISO text with or without a zone → `toISOString()` (to the millisecond); else a mark. */
function isoInstant(value: Value): string {
  const text = String(value);
  const m = isoText.exec(text);
  if (!m) return `\u0000instant:${text}`;
  const [, y, mo, d, h, mi, s, fraction, , sign, oh, om] = m;
  const ms = (fraction ?? '').padEnd(3, '0').slice(0, 3);
  const zone = sign ? `${sign}${oh}:${om ?? '00'}` : 'Z';
  const instant = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}.${ms}${zone}`);
  return Number.isNaN(instant.getTime()) ? `\u0000instant:${text}` : instant.toISOString();
}

/** SHA-256 over a table's rows in key order, each as the JSON array of its normalised values. */
function rowHasher(plan: TablePlan, engine: 'sqlite' | 'postgres') {
  const hash = crypto.createHash('sha256');
  return {
    add(row: Value[]) {
      const values = row.map((v, i) => normalised(plan.columns[i]!.kind, v, engine));
      hash.update(JSON.stringify(values)).update('\n');
    },
    digest: () => hash.digest('hex'),
  };
}

function sqliteChecksum(source: Sqlite, plan: TablePlan): string {
  const hasher = rowHasher(plan, 'sqlite');
  const keyAt = plan.key.map((k) => plan.columns.indexOf(k));
  let after: Value[] | null = null;
  for (;;) {
    const rows = sqlitePage(source, plan, plan.columns, after, CHECK_PAGE);
    for (const row of rows) hasher.add(row);
    if (rows.length < CHECK_PAGE) return hasher.digest();
    const lastRow = rows[rows.length - 1]!;
    after = keyAt.map((i) => lastRow[i]);
  }
}

/** A column as the check reads it from PostgreSQL: jsonb as its text. */
function readBack(column: Column): RawBuilder<unknown> {
  return column.kind === 'jsonb'
    ? sql`${sql.ref(column.name)}::text AS ${sql.id(column.name)}`
    : sql`${sql.ref(column.name)}`;
}

/**
 * The same over PostgreSQL's rows, read through a cursor in key order. Text keys are ordered
 * by code point (COLLATE "C"), which is SQLite's BINARY order of UTF-8.
 */
async function postgresChecksum(tx: Tx, plan: TablePlan): Promise<string> {
  const hasher = rowHasher(plan, 'postgres');
  const cursor = sql.id('visitdesk_copy_check');
  const order = sql.join(
    plan.key.map((c) =>
      c.kind === 'text' ? sql`${sql.ref(c.name)} COLLATE "C"` : sql.ref(c.name),
    ),
  );
  await sql`DECLARE ${cursor} NO SCROLL CURSOR FOR
    SELECT ${sql.join(plan.columns.map(readBack))}
    FROM ${sql.table(plan.name)} WHERE branch_id = ${thisBranch} ORDER BY ${order}`.execute(tx);
  const names = plan.columns.map((c) => c.name);
  for (;;) {
    const { rows } = await sql<Record<string, Value>>`
      FETCH FORWARD ${sql.lit(CHECK_PAGE)} FROM ${cursor}`.execute(tx);
    for (const row of rows) hasher.add(names.map((n) => row[n]));
    if (rows.length < CHECK_PAGE) break;
  }
  await sql`CLOSE ${cursor}`.execute(tx);
  return hasher.digest();
}
