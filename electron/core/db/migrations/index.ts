import { AppFailure } from '../../../shared/result';
import type { Sqlite } from '../sqlite';
import { migration001 } from './001_foundation';
import { migration002 } from './002_cases';
import { migration003 } from './003_planning';
import { migration004 } from './004_records';
import { migration005 } from './005_notices';
import { migration006 } from './006_reports';
import { migration007 } from './007_village_index';
import { migration008 } from './008_audit_subjects';
import { migration009 } from './009_borrower_name_index';
import { migration010 } from './010_self_approvals';
import { migration011 } from './011_officer_names';
import { migration012 } from './012_money_once';
import { migration013 } from './013_doorstep_rules';
import { migration014 } from './014_complaints';
import { migration015 } from './015_assignments';
import { migration016 } from './016_cash_handins';
import { migration017 } from './017_case_exits';
import { migration018 } from './018_loan_classification';
import { migration019 } from './019_waivers';
import { migration020 } from './020_receipt_sequences';
import { migration021 } from './021_loan_snapshot_states';
import { migration022 } from './022_desks';
import { migration023 } from './023_loan_snapshot_days';
import { migration024 } from './024_branch_policies_once';
import type { Migration } from './types';

/** Every migration, in order. Append only; never edit one that has shipped. */
export const migrations: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
  migration012,
  migration013,
  migration014,
  migration015,
  migration016,
  migration017,
  migration018,
  migration019,
  migration020,
  migration021,
  migration022,
  migration023,
  migration024,
];

export const latestVersion = migrations.length;

export function schemaVersion(db: Sqlite): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/**
 * Brings the schema up to `target` (default: latest), one transaction per migration, and
 * refuses a database written by a newer Visitdesk.
 */
export function migrate(db: Sqlite, target = latestVersion): number {
  const current = schemaVersion(db);
  if (current > latestVersion) {
    throw new AppFailure(
      'DB_NEWER_THAN_APP',
      `database schema ${current} is newer than this Visitdesk (${latestVersion})`,
      { details: { schema: current, supported: latestVersion } },
    );
  }
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > target) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      migration.after?.(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return schemaVersion(db);
}
