import type { Migration } from './types';

/**
 * A covering index for the loan walk on PostgreSQL (issue 19). The monthly summary finds each
 * loan's latest snapshot on or before a date, one backward seek per loan and date on the key
 * (branch_id, loan_id, as_of): the roll rates, the cures and the five tiers, 120,000 loans at a
 * large branch (reports/loans-postgres.ts). On the primary key each seek then fetches the row
 * from the table; with the state the figures read (balance, what is overdue, since when, the
 * tier) in the index, it is an index-only scan. Measured at full scale with the tier query
 * alone: 1.5 s to 0.6 s; the whole summary in the commit that adds it.
 *
 * SQLite keeps loan_snapshots WITHOUT ROWID on (loan_id, as_of), so its seek already hands back
 * the row itself (loan-figures.ts): nothing to add there.
 */
export const migration021: Migration = {
  version: 21,
  name: 'loan snapshot states',
  sql: `-- SQLite: the WITHOUT ROWID primary key already holds the row.`,
  postgres: `
    CREATE INDEX loan_snapshots_state ON loan_snapshots (branch_id, loan_id, as_of)
      INCLUDE (outstanding_principal_fen, overdue_principal_fen, overdue_interest_fen,
        penalty_fen, overdue_since, classification);
  `,
};
