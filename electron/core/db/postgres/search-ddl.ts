/**
 * Case search on PostgreSQL: the token table that stands in for SQLite's FTS5 index
 * (cases/search-postgres.ts writes and reads it; cases/search-tokens.ts says what goes in).
 *
 * One row per token the FTS5 index would hold for a borrower: the same columns (`field`: name,
 * pinyin, place, ids, phones, loans, tails), the same tokens (Han characters one by one, pinyin
 * full spelling and initials, numbers and their reversals) at the same positions, so a phrase is
 * consecutive positions in one field and a prefix is a range of `token`. Each row also carries
 * the token after it in its field (`next_token`, null for the last), so a two-token phrase (a
 * two-character name, a village "石桥") is one range of the lookup index, not a join: the index
 * names the first two tokens of a phrase and the rest are looked up at their positions.
 * `token` and `next_token` are in the "C" collation, so a prefix is a range in code point order
 * (the query side only ever asks for lowercase ASCII prefixes). The lookup index carries
 * `borrower_id`, so a one- or two-token search reads the index alone. Nothing here refers to
 * `borrowers`: the service replaces a borrower's rows whenever it changes what is searchable,
 * as it rewrites the FTS5 row on SQLite, and the DDL runs on an empty database too.
 *
 * Branches: `branch_id` leads the key and the index, and row-level security keeps a connection
 * to the branch it set (`visitdesk.branch_id`), as on every PostgreSQL table of the app.
 */
export const searchDdl = `
  CREATE TABLE borrower_search_tokens (
    branch_id integer NOT NULL DEFAULT current_setting('visitdesk.branch_id')::integer,
    borrower_id bigint NOT NULL,
    field text NOT NULL
      CHECK (field IN ('name', 'pinyin', 'place', 'ids', 'phones', 'loans', 'tails')),
    pos integer NOT NULL CHECK (pos >= 0),
    token text COLLATE "C" NOT NULL CHECK (token <> ''),
    next_token text COLLATE "C" CHECK (next_token <> ''),
    PRIMARY KEY (branch_id, borrower_id, field, pos)
  );
  CREATE INDEX borrower_search_tokens_lookup
    ON borrower_search_tokens (branch_id, field, token, next_token, borrower_id);
  ALTER TABLE borrower_search_tokens ENABLE ROW LEVEL SECURITY;
  ALTER TABLE borrower_search_tokens FORCE ROW LEVEL SECURITY;
  CREATE POLICY borrower_search_tokens_branch ON borrower_search_tokens
    USING (branch_id = current_setting('visitdesk.branch_id')::integer)
    WITH CHECK (branch_id = current_setting('visitdesk.branch_id')::integer);
`;

/** The search table(s): built from the borrowers, never copied or counted as a branch table. */
export const searchTables: readonly string[] = [...searchDdl.matchAll(/CREATE TABLE (\w+)/g)].map(
  (m) => m[1]!,
);
