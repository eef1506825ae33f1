import fs from 'node:fs';
import path from 'node:path';
import { can } from '../../shared/roles';
import { AppFailure } from '../../shared/result';
import { dataFilesFor } from '../app/paths';
import { appendAudit } from '../audit/audit';
import { readSlotFile, unwrapSlot } from '../db/keyslots';
import { migrate } from '../db/migrations';
import { openEncrypted } from '../db/open';
import type { SqliteDriver } from '../db/sqlite';
import { checkBackup, swapInBackup } from './backup';
import { first, qb } from '../db/query';
import { readFlag } from '../db/columns';

/**
 * Putting a backup back over the live database erases everything written since, the audit
 * rows of others included, so it is the manager's alone (the permission matrix's
 * `backup.restore`), and it leaves a trace: the restored database gets an audit row saying who
 * restored which backup and what the replaced file's audit head was (the replaced file itself
 * is kept beside it). The role is read from the backup's own staff table, since that is the
 * database the restore brings back; a passphrase that opens the backup but belongs to an
 * officer or a clerk is refused.
 */

export interface ReplacedHead {
  /** The replaced file's last audit hash and row count, when it could still be read. */
  head: string | null;
  rows: number | null;
}

export interface RestoreOutcome {
  file: string;
  replaced: string | null;
  replacedHead: ReplacedHead;
  restoredBy: { staffId: number; username: string };
}

function accountIn(file: string, key: Buffer, username: string, driver: SqliteDriver) {
  const db = openEncrypted(file, key, { driver, readonly: true });
  try {
    return first(
      db,
      qb.selectFrom('staff').select(['id', 'role', 'active']).where('username', '=', username),
    );
  } finally {
    db.close();
  }
}

/** The head of the file about to be replaced, read with the same credentials, if it opens. */
function headOf(dbFile: string, username: string, passphrase: string, driver: SqliteDriver) {
  const files = dataFilesFor(dbFile);
  const unknown: ReplacedHead = { head: null, rows: null };
  if (!fs.existsSync(files.db) || !fs.existsSync(files.keys)) return unknown;
  let key: Buffer | null = null;
  try {
    key = unwrapSlot(readSlotFile(files.keys), username, passphrase);
    if (!key) return unknown;
    const db = openEncrypted(files.db, key, { driver, readonly: true });
    try {
      const row = first(
        db,
        qb
          .selectFrom('audit_log')
          .select((eb) => [
            'hash',
            eb
              .selectFrom('audit_log')
              .select((e) => e.fn.countAll<number>().as('n'))
              .$asScalar()
              .as('rows'),
          ])
          .orderBy('id', 'desc')
          .limit(1),
      );
      return row ? { head: row.hash, rows: row.rows } : { head: null, rows: 0 };
    } finally {
      db.close();
    }
  } catch {
    return unknown; // damaged or missing: that is why we restore
  } finally {
    key?.fill(0);
  }
}

/** Checks the backup, checks the role, swaps the files and audits the restore. */
export function restoreAsManager(request: {
  from: string;
  dbFile: string;
  username: string;
  passphrase: string;
  driver: SqliteDriver;
  now: Date;
}): RestoreOutcome {
  const { from, dbFile, username, passphrase, driver, now } = request;
  const credentials = { kind: 'passphrase', username, passphrase } as const;
  const key = checkBackup(path.resolve(from), credentials, driver);
  try {
    const account = accountIn(path.resolve(from), key, username, driver);
    if (!account || !readFlag(account.active) || !can(account.role, 'backup.restore')) {
      throw new AppFailure('FORBIDDEN', 'only a manager may restore a backup', {
        fields: { _: 'e.restore.managerOnly' },
      });
    }
    const replacedHead = headOf(dbFile, username, passphrase, driver);
    // Checked above (checkBackup): swap it in without a second quick_check.
    const { replaced } = swapInBackup(path.resolve(from), dbFile, now);
    const db = openEncrypted(dataFilesFor(dbFile).db, key, { driver });
    try {
      migrate(db);
      db.transaction(() =>
        appendAudit(db, {
          staffId: account.id,
          action: 'backup.restore',
          entity: 'backup',
          entityId: path.basename(from),
          at: now.toISOString(),
          after: {
            backup: path.basename(from),
            replaced: replaced ? path.basename(replaced) : null,
            replacedAuditHead: replacedHead.head,
            replacedAuditRows: replacedHead.rows,
          },
        }),
      )();
    } finally {
      db.close();
    }
    return {
      file: path.resolve(from),
      replaced,
      replacedHead,
      restoredBy: { staffId: account.id, username },
    };
  } finally {
    key.fill(0);
  }
}
