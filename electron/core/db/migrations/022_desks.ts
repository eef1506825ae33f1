import { branchId, ref } from '../postgres/baseline/columns';
import type { Migration } from './types';

const thisBranch = `branch_id = current_setting('visitdesk.branch_id')::integer`;

/**
 * The branch server's desks (issue 20).
 *
 * - `desks`: each PC enrolled with the branch server. A desk proves itself on every request
 *   with its secret, of which the server keeps only the SHA-256 (the secret is 256 random bits,
 *   so a hash without salt or stretching is enough: nobody can guess it back). A revoked desk
 *   keeps its row, so the audit rows that name it still name a desk.
 * - `enrolment_codes`: one-time codes a manager makes for a new desk, kept only as their
 *   SHA-256, each with its expiry; the enrolment that uses one names its desk.
 * - `audit_log.desk_id`: the desk a row was written for. The hash covers it only when it is
 *   set (audit.ts `auditHash`), so every row written before, and every row written on a desk
 *   that is its own database, hashes exactly as before.
 */
export const migration022: Migration = {
  version: 22,
  name: 'desks',
  sql: `
    CREATE TABLE desks (
      id TEXT PRIMARY KEY CHECK (length(id) = 36),
      name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 60),
      secret_hash TEXT NOT NULL UNIQUE CHECK (length(secret_hash) = 64),
      enrolled_at TEXT NOT NULL,
      code_by INTEGER NOT NULL REFERENCES staff(id),
      revoked_at TEXT,
      revoked_by INTEGER REFERENCES staff(id),
      CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
    ) STRICT;
    CREATE TABLE enrolment_codes (
      code_hash TEXT PRIMARY KEY CHECK (length(code_hash) = 64),
      created_at TEXT NOT NULL,
      created_by INTEGER NOT NULL REFERENCES staff(id),
      expires_at TEXT NOT NULL,
      desk_id TEXT REFERENCES desks(id)
    ) STRICT;
    ALTER TABLE audit_log ADD COLUMN desk_id TEXT;
  `,
  postgres: `
    CREATE TABLE desks (
      ${branchId},
      id text NOT NULL CHECK (length(id) = 36),
      name text NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 60),
      secret_hash text NOT NULL CHECK (secret_hash ~ '^[0-9a-f]{64}$'),
      enrolled_at timestamptz NOT NULL,
      code_by bigint NOT NULL,
      revoked_at timestamptz,
      revoked_by bigint,
      CHECK ((revoked_at IS NULL) = (revoked_by IS NULL)),
      PRIMARY KEY (branch_id, id),
      UNIQUE (branch_id, secret_hash),
      ${ref('code_by', 'staff')},
      ${ref('revoked_by', 'staff')}
    );
    CREATE TABLE enrolment_codes (
      ${branchId},
      code_hash text NOT NULL CHECK (code_hash ~ '^[0-9a-f]{64}$'),
      created_at timestamptz NOT NULL,
      created_by bigint NOT NULL,
      expires_at timestamptz NOT NULL,
      desk_id text,
      PRIMARY KEY (branch_id, code_hash),
      ${ref('created_by', 'staff')},
      FOREIGN KEY (branch_id, desk_id) REFERENCES desks (branch_id, id)
    );
    ALTER TABLE desks ENABLE ROW LEVEL SECURITY;
    ALTER TABLE desks FORCE ROW LEVEL SECURITY;
    CREATE POLICY desks_branch ON desks USING (${thisBranch}) WITH CHECK (${thisBranch});
    ALTER TABLE enrolment_codes ENABLE ROW LEVEL SECURITY;
    ALTER TABLE enrolment_codes FORCE ROW LEVEL SECURITY;
    CREATE POLICY enrolment_codes_branch ON enrolment_codes
      USING (${thisBranch}) WITH CHECK (${thisBranch});
    ALTER TABLE audit_log ADD COLUMN desk_id text;
  `,
};
