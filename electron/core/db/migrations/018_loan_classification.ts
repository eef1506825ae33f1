import type { Migration } from './types';

/**
 * The bank's own five-tier loan classification (五级分类, issue 18), as head office's import
 * file gives it. Stored as the tier's number, 1 正常 (pass), 2 关注 (special mention),
 * 3 次级 (substandard), 4 可疑 (doubtful), 5 损失 (loss): the regulator's order, so the worst of
 * a borrower's loans is a plain max(). NULL means no file has said.
 *
 * - `loans.classification`: the latest the files said (an empty cell keeps it: imports/rows.ts).
 * - `loan_snapshots.classification`: as it stood on the snapshot's date, so the monthly summary
 *   counts the balances by tier at the month's end as it counts the buckets.
 * - `borrowers.classification`: the worst tier over the borrower's active loans, kept by the
 *   services like the overdue totals, so the case list filters on one indexed column.
 *
 * Rows written before this migration have no classification: NULL everywhere.
 */
const tier = (column: string) =>
  `${column} INTEGER CHECK (${column} IS NULL OR ${column} BETWEEN 1 AND 5)`;

export const migration018: Migration = {
  version: 18,
  name: 'loan classification',
  sql: `
    ALTER TABLE loans ADD COLUMN ${tier('classification')};
    ALTER TABLE loan_snapshots ADD COLUMN ${tier('classification')};
    ALTER TABLE borrowers ADD COLUMN ${tier('classification')};
    CREATE INDEX borrowers_classification_dpd ON borrowers (classification, dpd_sort);
  `,
};
