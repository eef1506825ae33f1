import { branchId } from '../postgres/baseline/columns';
import type { Migration } from './types';

/**
 * Receipt sequences (issue 19): one row per branch code and year holding the last receipt
 * number issued in that series (`last_seq`). A payment takes the next number by moving its
 * series' row on by one inside the payment's write (records/receipts.ts), so the row is the
 * lock that keeps concurrent payments in line on PostgreSQL as on SQLite, and a payment that
 * rolls back takes its increment with it.
 *
 * Filled from the receipts already issued: each series' highest `seq`, old-format numbers
 * (QS001-2026-000001, before the SJ series) included, since they share the sequence. On
 * PostgreSQL the fill reads the receipts the migrating login sees: every branch's for a login
 * that row-level security does not bind, its own branch's for the app's login; a series
 * without a row starts from its receipts when its next payment is taken (receipts.ts).
 *
 * The row only ever moves on by one and is never deleted (triggers), as receipts are never
 * changed or deleted.
 */
export const migration020: Migration = {
  version: 20,
  name: 'receipt sequences',
  sql: `
    CREATE TABLE receipt_sequences (
      branch_code TEXT NOT NULL,
      year INTEGER NOT NULL,
      last_seq INTEGER NOT NULL CHECK (last_seq >= 1),
      PRIMARY KEY (branch_code, year)
    ) STRICT;
    INSERT INTO receipt_sequences (branch_code, year, last_seq)
      SELECT branch_code, year, max(seq) FROM receipts GROUP BY branch_code, year;
    CREATE TRIGGER receipt_sequences_one_on BEFORE UPDATE ON receipt_sequences
      WHEN NEW.branch_code IS NOT OLD.branch_code OR NEW.year IS NOT OLD.year
        OR NEW.last_seq IS NOT OLD.last_seq + 1
    BEGIN SELECT RAISE(ABORT, 'a receipt sequence only moves on by one'); END;
    CREATE TRIGGER receipt_sequences_no_delete BEFORE DELETE ON receipt_sequences
    BEGIN SELECT RAISE(ABORT, 'receipt sequences are never deleted'); END;
  `,
  postgres: `
    CREATE TABLE receipt_sequences (
      ${branchId},
      branch_code text NOT NULL,
      year integer NOT NULL,
      last_seq integer NOT NULL CHECK (last_seq >= 1),
      PRIMARY KEY (branch_id, branch_code, year)
    );
    INSERT INTO receipt_sequences (branch_id, branch_code, year, last_seq)
      SELECT branch_id, branch_code, year, max(seq) FROM receipts
      GROUP BY branch_id, branch_code, year;
    ALTER TABLE receipt_sequences ENABLE ROW LEVEL SECURITY;
    ALTER TABLE receipt_sequences FORCE ROW LEVEL SECURITY;
    CREATE POLICY receipt_sequences_branch ON receipt_sequences
      USING (branch_id = current_setting('visitdesk.branch_id')::integer)
      WITH CHECK (branch_id = current_setting('visitdesk.branch_id')::integer);
    CREATE TRIGGER receipt_sequences_one_on BEFORE UPDATE ON receipt_sequences FOR EACH ROW
      WHEN (NEW.branch_id IS DISTINCT FROM OLD.branch_id
        OR NEW.branch_code IS DISTINCT FROM OLD.branch_code OR NEW.year IS DISTINCT FROM OLD.year
        OR NEW.last_seq IS DISTINCT FROM OLD.last_seq + 1)
      EXECUTE FUNCTION visitdesk_refuse('a receipt sequence only moves on by one');
    CREATE TRIGGER receipt_sequences_no_delete BEFORE DELETE ON receipt_sequences FOR EACH ROW
      EXECUTE FUNCTION visitdesk_refuse('receipt sequences are never deleted');
    CREATE TRIGGER receipt_sequences_no_truncate BEFORE TRUNCATE ON receipt_sequences
      FOR EACH STATEMENT EXECUTE FUNCTION visitdesk_refuse('receipt sequences are never deleted');
  `,
};
