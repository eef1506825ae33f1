import type { Migration } from './types';

/**
 * Row-level security that reads the connection's branch once per statement, on PostgreSQL
 * (issue 19). Every table's policy was `branch_id = current_setting('visitdesk.branch_id')::
 * integer`, and PostgreSQL calls current_setting for each row a sequential scan reads: the
 * monthly summary's loan walk reads every loan and every borrower that way. Written as a
 * subquery, the setting is read once per statement (an InitPlan) and compared as a constant,
 * in scans and index conditions alike; which rows a connection sees or may write is the same.
 * Measured at full scale as the app's login, warm cache: a count over the 120,000 loans took
 * 50–54 ms through the old policy and 14–17 ms through the new one (9–10 ms with no filter);
 * the monthly summary, alternating, 921 and 1,130 ms against 1,109 and 1,360 before.
 *
 * Every `<table>_branch` policy of the schema is rewritten, the search table's included (its
 * DDL is db/postgres/search-ddl.ts), so none is left behind. SQLite has no row-level security.
 */
export const migration024: Migration = {
  version: 24,
  name: 'branch policies read the branch once per statement',
  sql: `-- SQLite: one branch per file, no row-level security.`,
  postgres: `
    DO $$
    DECLARE
      p record;
      branch constant text := '(branch_id = (SELECT current_setting(''visitdesk.branch_id'')::integer))';
    BEGIN
      FOR p IN
        SELECT tablename, policyname FROM pg_policies
        WHERE schemaname = current_schema() AND policyname = tablename || '_branch'
      LOOP
        EXECUTE format('ALTER POLICY %I ON %I USING %s WITH CHECK %s',
          p.policyname, p.tablename, branch, branch);
      END LOOP;
    END
    $$;
  `,
};
