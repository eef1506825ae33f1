import crypto from 'node:crypto';
import fs from 'node:fs';
import type { AppState, Session } from '../../shared/schemas/foundation';
import { AppFailure } from '../../shared/result';
import type { EventName } from '../../shared/contract';
import { appendAudit, type AuditEntry } from '../audit/audit';
import { checkpointIfSigned } from '../audit/checkpoint';
import { SignInThrottle } from '../auth/throttle';
import { backupFileName, listBackups, pruneBackups } from '../backup/backup';
import { restoreAsManager } from '../backup/restore';
import {
  OWASP_SCRYPT,
  promoteNextKey,
  readSlotFile,
  unwrapSlotKeys,
  writeSlotFile,
  type ScryptCost,
  type SlotKeys,
} from '../db/keyslots';
import { migrate } from '../db/migrations';
import { openEncrypted } from '../db/open';
import { first, qb } from '../db/query';
import type { Sqlite, SqliteDriver } from '../db/sqlite';
import type { JobRunner, RunOptions } from '../jobs/runner';
import type { TaskArgs, TaskName, TaskResult } from '../jobs/task-types';
import { readSettings } from '../settings/settings';
import { PrintJobs } from '../print/jobs';
import { databaseHolder } from './holder';
import { dataFilesFor, type DataFiles } from './paths';

export interface VisitdeskOptions {
  dbFile: string;
  driver: SqliteDriver;
  jobs: JobRunner;
  /** scrypt cost for new key slots; OWASP's figures unless a test lowers them. */
  kdfCost?: ScryptCost;
  now?: () => Date;
  emit?: (event: EventName, payload: unknown) => void;
  log?: (message: string, error?: unknown) => void;
  /** Back up once per day of use (on by default). */
  dailyBackup?: boolean;
}

interface Problem {
  code: string;
  message: string;
}

/**
 * One branch database and who is signed in to it. The database is open only while someone is
 * signed in; signing out or locking closes it and wipes the key from memory.
 */
export class Visitdesk {
  readonly files: DataFiles;
  readonly driver: SqliteDriver;
  readonly jobs: JobRunner;
  readonly kdfCost: ScryptCost;
  readonly throttle: SignInThrottle;
  private readonly clock: () => Date;
  private readonly emitEvent: (event: EventName, payload: unknown) => void;
  readonly log: (message: string, error?: unknown) => void;

  private connection: Sqlite | null = null;
  private key: Buffer | null = null;
  /** The signed-in account's checkpoint-signing key (audit/checkpoint.ts), while signed in. */
  private signingKey: crypto.KeyObject | null = null;
  private currentSession: Session | null = null;
  private problem: Problem | null = null;
  private lastActivity = 0;
  uncleanShutdown = false;
  private ownsMarker = false;
  readonly dailyBackup: boolean;
  readonly printJobs: PrintJobs;
  private readonly background = new Set<Promise<unknown>>();

  constructor(options: VisitdeskOptions) {
    this.files = dataFilesFor(options.dbFile);
    this.driver = options.driver;
    this.jobs = options.jobs;
    this.kdfCost = options.kdfCost ?? OWASP_SCRYPT;
    this.clock = options.now ?? (() => new Date());
    this.throttle = new SignInThrottle(() => this.clock().getTime(), this.files.attempts);
    this.emitEvent = options.emit ?? (() => {});
    this.log = options.log ?? ((m, e) => console.error(m, e ?? ''));
    this.dailyBackup = options.dailyBackup ?? true;
    this.printJobs = new PrintJobs(() => this.clock().getTime());
  }

  /** Starts housekeeping that nobody waits for; failures are logged, never thrown. */
  inBackground(label: string, work: Promise<unknown>): void {
    const tracked = work.catch((error) => this.log(`${label} failed`, error));
    this.background.add(tracked);
    void tracked.finally(() => this.background.delete(tracked));
  }

  /** Resolves when all background housekeeping has finished (tests, quitting). */
  async settle(): Promise<void> {
    while (this.background.size) await Promise.all([...this.background]);
  }

  now(): Date {
    return this.clock();
  }

  emit(event: EventName, payload: unknown): void {
    this.emitEvent(event, payload);
  }

  get session(): Session | null {
    return this.currentSession;
  }

  /** The open connection; throws when nobody is signed in. */
  get db(): Sqlite {
    if (!this.connection) throw new AppFailure('UNAUTHENTICATED', 'the database is locked');
    return this.connection;
  }

  get isOpen(): boolean {
    return this.connection !== null;
  }

  state(): AppState {
    const dbExists = fs.existsSync(this.files.db);
    const keysExist = fs.existsSync(this.files.keys);
    const base = {
      branchName: null as string | null,
      session: this.currentSession,
      settings: null as AppState['settings'],
      problem: null as AppState['problem'],
      uncleanShutdown: this.uncleanShutdown,
    };
    const hasBackup = listBackups(this.files.backups).length > 0;
    if (this.problem) {
      return { ...base, phase: 'damaged', problem: { ...this.problem, hasBackup } };
    }
    if (!dbExists && !keysExist) return { ...base, phase: 'setup' };
    if (!dbExists) {
      return {
        ...base,
        phase: 'damaged',
        problem: {
          code: 'DB_DAMAGED',
          message: 'the database file is missing; restore the newest backup',
          hasBackup,
        },
      };
    }
    if (this.connection && this.currentSession) {
      const branch = first(this.db, qb.selectFrom('branch').select('name'));
      return {
        ...base,
        phase: 'unlocked',
        branchName: branch?.name ?? null,
        settings: readSettings(this.db),
      };
    }
    if (!keysExist) {
      return {
        ...base,
        phase: 'locked',
        problem: {
          code: 'KEYSLOTS_DAMAGED',
          message: 'the key file is missing; sign in with the recovery key',
          hasBackup,
        },
      };
    }
    try {
      readSlotFile(this.files.keys);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return {
        ...base,
        phase: 'locked',
        problem: { code: 'KEYSLOTS_DAMAGED', message, hasBackup },
      };
    }
    return { ...base, phase: 'locked' };
  }

  /** Opens the database with a key already proven by a slot or the recovery key. */
  openWithKey(key: Buffer): Sqlite {
    let db: Sqlite;
    try {
      db = openEncrypted(this.files.db, key, { driver: this.driver });
      migrate(db);
    } catch (error) {
      if (
        error instanceof AppFailure &&
        (error.code === 'WRONG_KEY' || error.code === 'DB_DAMAGED')
      ) {
        // The key unwrapped from a slot is right, so an unreadable file is a damaged file.
        this.problem = { code: 'DB_DAMAGED', message: error.message };
        this.key = Buffer.from(key);
        throw new AppFailure('DB_DAMAGED', error.message);
      }
      throw error;
    }
    // Another live process (the app, while the CLI reads) owns the marker: leave it alone.
    const holder = databaseHolder(this.files);
    this.ownsMarker = holder === null;
    this.uncleanShutdown = this.ownsMarker && fs.existsSync(this.files.marker);
    // Leftovers of work killed midway are of no further use: a key rotation's copy, a
    // restore's copy, a backup's partial copy and their journals. Only when no other process
    // holds the database, since that process may be writing one of them right now.
    if (this.ownsMarker) removeLeftovers(this.files);
    if (this.ownsMarker) fs.writeFileSync(this.files.marker, String(process.pid));
    this.connection = db;
    this.key = Buffer.from(key);
    return db;
  }

  /** Unwraps the user's slot; the same error for an unknown user and a wrong passphrase. */
  unlock(username: string, passphrase: string): SlotKeys {
    const wait = this.throttle.waitMs(username);
    if (wait > 0) {
      throw new AppFailure('THROTTLED', `too many attempts; wait ${Math.ceil(wait / 1000)} s`, {
        details: { waitSeconds: Math.ceil(wait / 1000) },
      });
    }
    const slots = readSlotFile(this.files.keys);
    const keys = unwrapSlotKeys(slots, username, passphrase, this.kdfCost);
    if (!keys) {
      this.throttle.fail(username, 'auth.signInFailed');
      throw new AppFailure('BAD_CREDENTIALS', 'wrong user name or passphrase');
    }
    this.throttle.succeed(username);
    return keys;
  }

  /**
   * Opens with the account's keys. While a key rotation is unfinished the file holds either
   * the old key or the new one; whichever opens it is right, and a rotation found finished
   * on disk is completed in the key file too.
   */
  openWithKeys(keys: SlotKeys): Sqlite {
    if (!keys.next) return this.openWithKey(keys.current);
    try {
      return this.openWithKey(keys.current);
    } catch (error) {
      if (!(error instanceof AppFailure) || error.code !== 'DB_DAMAGED') throw error;
      this.problem = null;
      const db = this.openWithKey(keys.next);
      writeSlotFile(this.files.keys, promoteNextKey(readSlotFile(this.files.keys), keys.next));
      return db;
    }
  }

  beginSession(session: Session): void {
    this.currentSession = session;
    this.touch();
    // Failed attempts by any process since the last sign-in (the throttle's file) are audited now.
    const failures = this.throttle.takeUnaudited();
    this.db.transaction(() => {
      for (const f of failures) {
        appendAudit(this.db, {
          staffId: null,
          action: f.action,
          entity: 'account',
          entityId: f.username,
          success: false,
          at: f.at,
        });
      }
      appendAudit(this.db, {
        staffId: session.staffId,
        action: 'auth.signIn',
        entity: 'staff',
        entityId: session.staffId,
      });
    })();
  }

  touch(): void {
    this.lastActivity = this.clock().getTime();
  }

  /** True when the session has been idle longer than the branch's auto-lock setting. */
  idleExpired(): boolean {
    if (!this.connection || !this.currentSession) return false;
    const minutes = readSettings(this.db).autoLockMinutes;
    return this.clock().getTime() - this.lastActivity > minutes * 60_000;
  }

  /**
   * A check found the open file damaged: close it and show the damaged screen, which offers
   * the newest backup. Nothing is deleted.
   */
  markDamaged(message: string): void {
    this.lock('quit');
    this.problem = { code: 'DB_DAMAGED', message };
  }

  /** Closes the database and wipes the key. Safe to call twice. */
  lock(reason: 'signOut' | 'idle' | 'quit' = 'signOut'): void {
    if (this.connection) {
      if (this.currentSession && reason !== 'quit') {
        try {
          appendAudit(this.connection, {
            staffId: this.currentSession.staffId,
            action: reason === 'idle' ? 'auth.autoLock' : 'auth.signOut',
            entity: 'staff',
            entityId: this.currentSession.staffId,
          });
        } catch (error) {
          this.log('could not audit sign-out', error);
        }
      }
      try {
        this.connection.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        // A checkpoint is housekeeping; closing is what matters.
      }
      this.connection.close();
      this.connection = null;
      if (this.ownsMarker) fs.rmSync(this.files.marker, { force: true });
    }
    this.key?.fill(0);
    this.key = null;
    this.signingKey = null;
    this.currentSession = null;
    this.printJobs.clear();
    if (reason === 'idle') this.emit('app:locked', { reason });
  }

  private nextJobId = 1;
  private readonly running = new Map<number, AbortController>();

  /**
   * Runs a task in a worker thread against this database. Progress goes to the window as
   * `job:progress` events carrying the job id, which `jobs:cancel` accepts.
   */
  runJob<T extends TaskName>(
    task: T,
    args: TaskArgs<T>,
    options: RunOptions = {},
  ): Promise<TaskResult<T>> {
    if (!this.key) throw new AppFailure('UNAUTHENTICATED', 'the database is locked');
    const jobId = this.nextJobId++;
    const controller = new AbortController();
    const abort = () => controller.abort();
    options.signal?.addEventListener('abort', abort);
    this.running.set(jobId, controller);
    return this.jobs
      .run(task, { dbFile: this.files.db, key: this.key }, args, {
        signal: controller.signal,
        onProgress: (progress) => {
          this.emit('job:progress', { jobId, ...progress });
          options.onProgress?.(progress);
        },
      })
      .finally(() => {
        this.running.delete(jobId);
        options.signal?.removeEventListener('abort', abort);
      });
  }

  holdSigningKey(key: crypto.KeyObject | null): void {
    this.signingKey = key;
  }

  /** The signed-in account's signing key, or null (a slot from before slots had one). */
  get signer(): crypto.KeyObject | null {
    return this.connection ? this.signingKey : null;
  }

  /**
   * Lends the database key to `use` (wrapping a new key slot for another account). Only while
   * signed in; the key never leaves the core.
   */
  withKey<T>(use: (key: Buffer) => T): T {
    if (!this.key || !this.connection)
      throw new AppFailure('UNAUTHENTICATED', 'the database is locked');
    return use(this.key);
  }

  /**
   * Re-encrypts the database under a new key without ever leaving the real file half
   * converted: the file is copied, the copy is rekeyed, and the copy replaces the file by an
   * atomic rename. The caller has sealed the new key into every slot first (keys/rotation.ts),
   * so whichever file a crash leaves behind, one of the slot's keys opens it.
   */
  rekeyOpenDatabase(newKey: Buffer): void {
    if (this.running.size)
      throw new AppFailure('CONFLICT', 'wait until background work has finished');
    const oldKey = Buffer.from(this.key!);
    const db = this.db;
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    this.connection = null;
    const copy = `${this.files.db}.rekey`;
    try {
      fs.rmSync(copy, { force: true });
      fs.rmSync(`${copy}-journal`, { force: true });
      fs.copyFileSync(this.files.db, copy);
      const target = openEncrypted(copy, oldKey, { driver: this.driver, journal: 'DELETE' });
      try {
        target.pragma(`rekey="x'${newKey.toString('hex')}'"`);
      } finally {
        target.close();
      }
      const fd = fs.openSync(copy, 'r+');
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      // The WAL was checkpointed and truncated above, so nothing is lost with it.
      for (const suffix of ['-wal', '-shm']) fs.rmSync(this.files.db + suffix, { force: true });
      fs.renameSync(copy, this.files.db);
    } catch (error) {
      fs.rmSync(copy, { force: true });
      this.connection = openEncrypted(this.files.db, oldKey, { driver: this.driver });
      throw error;
    } finally {
      oldKey.fill(0);
    }
    this.connection = openEncrypted(this.files.db, newKey, { driver: this.driver });
    this.key?.fill(0);
    this.key = Buffer.from(newKey);
  }

  /** Cancels a running job; its transaction never commits. False when it already ended. */
  cancelJob(jobId: number): boolean {
    const controller = this.running.get(jobId);
    controller?.abort();
    return Boolean(controller);
  }

  get runningJobs(): number[] {
    return [...this.running.keys()];
  }

  private backupInFlight: Promise<unknown> = Promise.resolve();

  /** Backups run one at a time, in a worker thread. */
  backup(): Promise<{ file: string; bytes: number; createdAt: string }> {
    const next = this.backupInFlight.catch(() => undefined).then(() => this.backupNow());
    this.backupInFlight = next;
    return next;
  }

  private async backupNow(): Promise<{ file: string; bytes: number; createdAt: string }> {
    // The copy carries a signed checkpoint of its own chain (audit/checkpoint.ts).
    this.db.transaction(() => checkpointIfSigned(this, 'backup'))();
    // Commit the WAL into the main file first so the copy is complete and compact.
    this.db.pragma('wal_checkpoint(PASSIVE)');
    const out = `${this.files.backups}/${backupFileName(this.now())}`;
    let result;
    try {
      result = await this.runJob('backup', { out, keysFile: this.files.keys });
    } catch (error) {
      // A cancelled or failed worker may leave its partial copy; remove it.
      fs.rmSync(`${out}.partial`, { force: true });
      throw error;
    }
    pruneBackups(this.files.backups);
    return { file: result.file, bytes: result.bytes, createdAt: result.createdAt };
  }

  /** A daily backup, once per calendar day the app is used. */
  async backupIfDue(): Promise<boolean> {
    const today = this.now().toISOString().slice(0, 10).replace(/-/g, '');
    const newest = listBackups(this.files.backups)[0];
    if (newest && newest.file.includes(`visitdesk-${today}-`)) return false;
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
    if (this.isOpen) throw new AppFailure('CONFLICT', 'sign out before restoring');
    if (this.state().phase !== 'damaged') {
      throw new AppFailure(
        'CONFLICT',
        'a backup is restored only when the database is damaged or missing',
        { fields: { _: 'e.restore.notDamaged' } },
      );
    }
    const wait = this.throttle.waitMs(username);
    if (wait > 0) {
      throw new AppFailure('THROTTLED', `too many attempts; wait ${Math.ceil(wait / 1000)} s`, {
        details: { waitSeconds: Math.ceil(wait / 1000) },
      });
    }
    const errors: string[] = [];
    for (const candidate of listBackups(this.files.backups)) {
      try {
        restoreAsManager({
          from: candidate.file,
          dbFile: this.files.db,
          username,
          passphrase,
          driver: this.driver,
          now: this.now(),
        });
        this.throttle.succeed(username);
        this.problem = null;
        this.key?.fill(0);
        this.key = null;
        return candidate;
      } catch (error) {
        if (
          error instanceof AppFailure &&
          (error.code === 'BAD_CREDENTIALS' || error.code === 'FORBIDDEN')
        ) {
          this.throttle.fail(username, 'backup.restoreRefused');
          throw error;
        }
        errors.push(`${candidate.file}: ${(error as Error).message}`);
      }
    }
    throw new AppFailure('NOT_FOUND', `no usable backup. ${errors.join('; ')}`);
  }

  audit(entry: Omit<AuditEntry, 'staffId'> & { staffId?: number | null }): string {
    return appendAudit(this.db, { staffId: this.currentSession?.staffId ?? null, ...entry });
  }
}

/** The temporary files of killed rotations, restores and backups (see openWithKey). */
export function removeLeftovers(files: DataFiles): string[] {
  const removed: string[] = [];
  const candidates = ['.rekey', '.rekey-journal', '.restoring'].map((s) => files.db + s);
  if (fs.existsSync(files.backups)) {
    for (const name of fs.readdirSync(files.backups)) {
      if (/\.partial(-journal|-wal|-shm)?$/.test(name)) candidates.push(`${files.backups}/${name}`);
    }
  }
  for (const file of candidates) {
    if (!fs.existsSync(file)) continue;
    fs.rmSync(file, { force: true });
    removed.push(file);
  }
  return removed;
}

export function newDatabaseId(): string {
  return crypto.randomUUID();
}
