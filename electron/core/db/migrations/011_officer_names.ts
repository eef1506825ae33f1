import type { Migration } from './types';

/**
 * Officer names in head-office files that are not on the staff list (issue 15). A file naming
 * an officer the branch has not entered yet no longer loses the row: the case is imported
 * without that assignment and remembered here until a manager creates the officer or says who
 * the name means.
 *
 * - `staff_name_aliases`: a name as head office writes it (`name_key`, its comparable form:
 *   NFKC, no spaces, upper case) → the staff member it means. Later files naming it resolve.
 * - `import_officer_names`: per borrower, the officer name the latest file gave and nobody on
 *   the staff list had, with the borrower's assignment at that moment (`officer_before`), so
 *   resolving the name assigns only the cases nobody has reassigned since.
 */
export const migration011: Migration = {
  version: 11,
  name: 'officer names from imports: aliases and names awaiting a staff member',
  sql: `
    CREATE TABLE staff_name_aliases (
      name_key TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      staff_id INTEGER NOT NULL REFERENCES staff(id),
      created_by INTEGER REFERENCES staff(id),
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX staff_name_aliases_staff ON staff_name_aliases (staff_id);

    CREATE TABLE import_officer_names (
      borrower_id INTEGER PRIMARY KEY REFERENCES borrowers(id),
      name TEXT NOT NULL,
      name_key TEXT NOT NULL,
      officer_before INTEGER REFERENCES staff(id),
      file_name TEXT NOT NULL,
      line INTEGER NOT NULL,
      as_of TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX import_officer_names_key ON import_officer_names (name_key);
  `,
};
