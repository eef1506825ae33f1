import fs from 'node:fs';
import { AppFailure } from '../../shared/result';
import { backupFileInstant, backupFileName, listBackups, pruneBackups } from '../backup/backup';
import { dateIn } from '../../shared/dates';
import { loadBranchTimeZone } from '../settings/branch-clock';
import { restoreAsManager } from '../backup/restore';
import { underThrottle } from '../auth/guard';
import type { Jobs } from './jobs';
import type { DatabaseSession } from './session';

export interface BackupsOptions {
  database: DatabaseSession;
  jobs: Jobs;
  now: () => Date;
  /** Signs the audit chain as it stands, when the signed-in account can (audit/checkpoint.ts). */
  checkpoint: () => Promise<unknown>;
}

/** The database's backups: made one at a time in a worker, once a day, and restored from. */
export class Backups {
  private inFlight: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: BackupsOptions) {}

  /** Backups run one at a time, in a worker thread. */
  backup(): Promise<{ file: string; bytes: number; createdAt: string }> {
    const next = this.inFlight.catch(() => undefined).then(() => this.backupNow());
    this.inFlight = next;
    return next;
  }

  private async backupNow(): Promise<{ file: string; bytes: number; createdAt: string }> {
    const { database, jobs } = this.options;
    const files = database.files;
    // The copy carries a signed checkpoint of its own chain (audit/checkpoint.ts).
    await this.options.checkpoint();
    // Commit the WAL into the main file first so the copy is complete and compact.
    database.db.pragma('wal_checkpoint(PASSIVE)');
    const out = `${files.backups}/${backupFileName(this.options.now())}`;
    let result;
    try {
      result = await jobs.run('backup', { out, keysFile: files.keys });
    } catch (error) {
      // A cancelled or failed worker may leave its partial copy; remove it.
      fs.rmSync(`${out}.partial`, { force: true });
      throw error;
    }
    pruneBackups(files.backups);
    return { file: result.file, bytes: result.bytes, createdAt: result.createdAt };
  }

  /**
   * A daily backup, once per calendar day the app is used, by the branch's calendar: in Beijing
   * a day runs from 00:00 to 24:00 there, not from 08:00 to 08:00 as UTC's dates would have it
   * (the files are named by the UTC instant they were made).
   */
  async backupIfDue(): Promise<boolean> {
    const { database, now } = this.options;
    const zone = await loadBranchTimeZone(database.engine.db);
    const today = dateIn(zone, now());
    const newest = listBackups(database.files.backups)[0];
    const made = newest && backupFileInstant(newest.file);
    if (made && dateIn(zone, made) === today) return false;
    await this.backup();
    return true;
  }

  /**
   * From the damaged state only (the database unreadable or missing): a manager restores the
   * newest backup that passes its check. The passphrase unwraps the backup's own key file, so a
   * backup from before a key rotation still works; the role is read from the backup (see
   * backup/restore.ts). Throttled like sign-in; the restored database records who restored which
   * backup over which audit head.
   */
  restoreLatest(
    username: string,
    passphrase: string,
  ): { file: string; createdAt: string; bytes: number } {
    const { database } = this.options;
    if (database.isOpen) throw new AppFailure('CONFLICT', 'sign out before restoring');
    if (database.fileState().phase !== 'damaged') {
      throw new AppFailure(
        'CONFLICT',
        'a backup is restored only when the database is damaged or missing',
        { fields: { _: 'e.restore.notDamaged' } },
      );
    }
    database.refuseWhileThrottled(username);
    const errors: string[] = [];
    for (const candidate of listBackups(database.files.backups)) {
      try {
        underThrottle(database.throttle, username, 'backup.restoreRefused', () =>
          restoreAsManager({
            from: candidate.file,
            dbFile: database.files.db,
            username,
            passphrase,
            driver: database.driver,
            now: this.options.now(),
          }),
        );
        database.restored();
        return candidate;
      } catch (error) {
        if (
          error instanceof AppFailure &&
          (error.code === 'BAD_CREDENTIALS' || error.code === 'FORBIDDEN')
        ) {
          throw error;
        }
        errors.push(`${candidate.file}: ${(error as Error).message}`);
      }
    }
    throw new AppFailure('NOT_FOUND', `no usable backup. ${errors.join('; ')}`);
  }
}
