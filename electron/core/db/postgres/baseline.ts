/**
 * The PostgreSQL schema as the SQLite migrations 001–019 leave it (issue 19). No PostgreSQL
 * database existed before, so PostgreSQL starts here, at version 19, in one piece; later
 * migrations give their own `postgres` SQL (migrations/types.ts).
 *
 * Same tables and columns as SQLite, except the FTS5 index `borrower_search`: search-ddl.ts
 * creates its token table. Types say what SQLite only stores: fen and ids are `bigint`, counters
 * `integer`, instants (`*_at`, written as ISO with Z) `timestamptz`, days `date`, 0/1 flags
 * `boolean`, JSON `jsonb`, the subject keys `bytea`. Exceptions, each for a reason:
 * - `receipts.paid_at` is the branch's wall-clock time of payment (YYYY-MM-DDTHH:MM, no zone),
 *   not an instant: `text` in that format, which the receipt document and the day's hand-in
 *   read as it is (a `timestamp` would come back as another text, or move with a zone).
 * - `month_closes.figures_json` stays `text` (checked as JSON): the close is verified by the
 *   SHA-256 of the stored text, and jsonb would reorder its keys.
 * - Times of day (HH:MM) and months (YYYY-MM) stay `text` with their format checked too.
 * The GLOB checks of dates and `json_valid` checks become the types themselves.
 *
 * Branches: every table starts with `branch_id`, set from the connection's
 * `visitdesk.branch_id`, and leads every key and index, so a branch's rows sort together; foreign
 * keys are (branch_id, x_id), so a row can only point at its own branch's rows. Row-level security
 * (forced, so it binds the tables' owner too) shows and accepts only the connection's branch.
 * Many branches can then share one database, or be spread over nodes by `branch_id` with every
 * table co-located, without rewriting a table.
 *
 * Write-once tables keep their SQLite triggers, written as PostgreSQL triggers with the same
 * conditions and messages; each table that refuses DELETE also refuses TRUNCATE.
 */

/** The schema version this baseline stands for (the SQLite migrations it mirrors). */
export const postgresBaselineVersion = 19;
import { branchId } from './baseline/columns';
import { cases, foundation } from './baseline/cases';
import { guards } from './baseline/guards';
import { notices, people, reports, waivers } from './baseline/office';
import { planning, records } from './baseline/visits';

/** The tables, in the order they are created (baseline/). */
const tables = [foundation, cases, planning, records, notices, reports, people, waivers].join('');

/** The names of the branch tables, read from their DDL so the list cannot drift from it. */
export const branchTables: readonly string[] = [...tables.matchAll(/CREATE TABLE (\w+)/g)].map(
  (m) => m[1]!,
);

const thisBranch = `branch_id = current_setting('visitdesk.branch_id')::integer`;

/** Each of these tables shows and accepts only the connection's branch, its owner included. */
const securedByBranch = (names: readonly string[]) =>
  names
    .map(
      (t) => `
  ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY;
  ALTER TABLE ${t} FORCE ROW LEVEL SECURITY;
  CREATE POLICY ${t}_branch ON ${t} USING (${thisBranch}) WITH CHECK (${thisBranch});`,
    )
    .join('');

const rowSecurity = securedByBranch(branchTables);

/**
 * Tables only PostgreSQL has: what SQLite's single writer gives for free, several desks writing
 * at once need said. Each belongs to a branch like the others (branch_id, row-level security).
 * - `audit_head`: the head of the branch's audit chain, one row per branch, locked by each
 *   append (audit/chain.ts), so appends from several desks link one after another.
 */
const postgresOnly = `
  CREATE TABLE audit_head (
    ${branchId},
    last_id bigint NOT NULL CHECK (last_id >= 0),
    hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
    PRIMARY KEY (branch_id)
  );
`;

/** The names of the PostgreSQL-only tables (above). */
export const postgresOnlyTables: readonly string[] = [
  ...postgresOnly.matchAll(/CREATE TABLE (\w+)/g),
].map((m) => m[1]!);

const postgresOnlySecurity = securedByBranch(postgresOnlyTables);

/**
 * The schema's version, one row for the database: PostgreSQL has no user_version. It carries
 * no branch_id: every branch in a database shares its one schema.
 */
const marker = `
  CREATE TABLE visitdesk_schema (
    app text PRIMARY KEY CHECK (app = 'visitdesk'),
    version integer NOT NULL CHECK (version >= ${postgresBaselineVersion}),
    created_at timestamptz NOT NULL DEFAULT now()
  );
`;

/**
 * Data the SQLite migrations wrote into an empty database. Migration 008 records the first
 * audit row written with sealed details; every row of a new database is.
 */
const seed = `
  INSERT INTO meta (key, value) VALUES ('audit_sealed_from_id', '1');
  INSERT INTO audit_head (last_id, hash) VALUES (0, '${'0'.repeat(64)}');
`;

/**
 * The whole schema at version 19 for a new branch database, run in one transaction by
 * migrate.ts (which then adds the search table and the marker row). Needs
 * `visitdesk.branch_id` set on the connection: the seed row belongs to that branch.
 */
export const postgresBaseline: string = [
  tables,
  guards,
  rowSecurity,
  postgresOnly,
  postgresOnlySecurity,
  marker,
  seed,
].join('\n');
