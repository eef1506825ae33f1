import type { Migration } from './types';

/**
 * The loan walk's day index on PostgreSQL (issue 19). The monthly summary needs each loan's
 * latest snapshot on or before a date, six or seven dates a summary (reports/loans-postgres.ts
 * `loanStateOn`). One backward seek per loan and date (migration 021's index) cost about
 * 0.5 s a date at 120,000 loans. Head office's files are whole: on the latest snapshot day on
 * or before a date, nearly every loan on file has its row, and that row is its latest. This
 * index reads that day's rows as one range, with the state the figures read, so only the loans
 * without a row that day are sought one by one. Measured at full scale, the five tiers alone,
 * as the app's login with a warm cache: 480–710 ms with a seek per loan, 153–165 ms by the day.
 *
 * The month's money collected on visited loans (reports/tallies-postgres.ts, "collectedFen")
 * sums the month's payments per loan: with the loan and the amount in the paid_on index that is
 * an index-only range, where before each payment's row was fetched from the table (full scale,
 * May: the whole query 166–174 ms before, 107–111 ms after). It has the old index's key, so it
 * replaces it.
 *
 * SQLite keeps its own tuned walk and sums (reports/loan-figures.ts, money-figures.ts): nothing
 * to add there.
 */
export const migration023: Migration = {
  version: 23,
  name: 'loan snapshot days and payment amounts',
  sql: `-- SQLite: its loan walk is reports/loan-figures.ts, unchanged.`,
  postgres: `
    CREATE INDEX loan_snapshots_day ON loan_snapshots (branch_id, as_of, loan_id)
      INCLUDE (outstanding_principal_fen, overdue_principal_fen, overdue_interest_fen,
        penalty_fen, overdue_since, classification);
    CREATE INDEX payments_paid_on_amount ON payments (branch_id, paid_on)
      INCLUDE (loan_id, amount_fen);
    DROP INDEX payments_paid_on;
  `,
};
