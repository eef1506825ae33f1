import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AppState, Session } from '../../shared/schemas/foundation';
import { AppFailure } from '../../shared/result';
import type { EventName } from '../../shared/contract';
import type { AuditEntry } from '../audit/audit';
import { checkpointIfSigned } from '../audit/checkpoint';
import type { Engine } from '../db/engine';
import { OWASP_SCRYPT, type ScryptCost, type SlotKeys } from '../db/keyslots';
import type { DB } from '../db/schema';
import type { Sqlite, SqliteDriver } from '../db/sqlite';
import type { JobRunner, RunOptions } from '../jobs/runner';
import type { TaskArgs, TaskName, TaskResult } from '../jobs/task-types';
import type { PrintJobs } from '../print/jobs';
import { Backups } from './backups';
import { currentCaller } from './caller';
import { Jobs } from './jobs';
import { dataFilesFor, type DataFiles } from './paths';
import type { ServerDatabase } from './server-desk';
import { notOnServer } from './server-desk';
import { DatabaseSession } from './session';

export interface VisitdeskOptions {
  dbFile: string;
  driver: SqliteDriver;
  jobs: JobRunner;
  /** scrypt cost for new key slots; OWASP's figures unless a test lowers them. */
  kdfCost?: ScryptCost;
  now?: () => Date;
  emit?: (event: EventName, payload: unknown) => void;
  log?: (message: string, error?: unknown) => void;
  /** Back up once per day of use (on by default; this PC's file only). */
  dailyBackup?: boolean;
  /**
   * The data lives on this PostgreSQL server (VISITDESK_DATABASE_URL) instead of `dbFile`,
   * whose folder then keeps only the desk's key file and sign-in attempts (server-desk.ts).
   */
  server?: ServerDatabase | null;
}

/**
 * The app object every handler is given: one branch database and who is signed in to it
 * (session.ts), the worker jobs running against it (jobs.ts) and its backups (backups.ts),
 * under one clock, one event channel to the window and one log.
 */
export class Visitdesk {
  readonly files: DataFiles;
  readonly dailyBackup: boolean;
  readonly log: (message: string, error?: unknown) => void;
  private readonly clock: () => Date;
  private readonly emitEvent: (event: EventName, payload: unknown) => void;
  private readonly database: DatabaseSession;
  private readonly jobs: Jobs;
  private readonly backups: Backups;
  private readonly background = new Set<Promise<unknown>>();
  private readonly listeners = new Set<(event: EventName, payload: unknown) => void>();

  constructor(options: VisitdeskOptions) {
    this.files = dataFilesFor(options.dbFile);
    this.dailyBackup = options.dailyBackup ?? true;
    this.log = options.log ?? ((m, e) => console.error(m, e ?? ''));
    this.clock = options.now ?? (() => new Date());
    this.emitEvent = options.emit ?? (() => {});
    const emit = (event: EventName, payload: unknown) => this.emit(event, payload);
    this.database = new DatabaseSession({
      files: this.files,
      driver: options.driver,
      kdfCost: options.kdfCost ?? OWASP_SCRYPT,
      now: this.clock,
      emit,
      log: this.log,
      server: options.server ?? null,
    });
    this.jobs = new Jobs({
      runner: options.jobs,
      withTarget: (use) => this.database.withWorkerTarget(use),
      emit,
    });
    this.backups = new Backups({
      database: this.database,
      jobs: this.jobs,
      now: this.clock,
      checkpoint: () => checkpointIfSigned(this, 'backup'),
    });
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
    for (const listener of this.listeners) listener(event, payload);
  }

  /**
   * Hears every event the core emits, beside the window (the branch server's event streams);
   * returns the way to stop. A listener runs in the emitting call's context (app/caller.ts).
   */
  listen(listener: (event: EventName, payload: unknown) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // The database and who is signed in to it, the keys and the idle lock: session.ts.

  get driver(): SqliteDriver {
    return this.database.driver;
  }

  get kdfCost(): ScryptCost {
    return this.database.kdfCost;
  }

  // On the branch server each request has its own caller (caller.ts): who is signed in, their
  // signing key, their staged prints and their idle clock are that request's, not this PC's.

  get printJobs(): PrintJobs {
    return currentCaller()?.printJobs ?? this.database.printJobs;
  }

  get session(): Session | null {
    const caller = currentCaller();
    return caller ? caller.session : this.database.session;
  }

  get db(): Sqlite {
    return this.database.db;
  }

  /** The async engine over the open database (issue 19); see session.ts. */
  get engine(): Engine {
    return this.database.engine;
  }

  get isOpen(): boolean {
    return this.database.isOpen;
  }

  get uncleanShutdown(): boolean {
    return this.database.uncleanShutdown;
  }

  set uncleanShutdown(unclean: boolean) {
    this.database.uncleanShutdown = unclean;
  }

  get signer(): crypto.KeyObject | null {
    const caller = currentCaller();
    if (caller) return this.database.isOpen ? caller.signer : null;
    return this.database.signer;
  }

  state(): Promise<AppState> {
    return this.database.state();
  }

  /** The PostgreSQL server the data lives on, or null for this PC's encrypted file. */
  get server(): ServerDatabase | null {
    return this.database.server;
  }

  /** Opens the data (this PC's file or the server's database) with an account's keys. */
  open(keys: SlotKeys): Promise<void> {
    return this.database.open(keys);
  }

  /** Resolves once the last sign-out's row is in and its connections are closed. */
  closed(): Promise<void> {
    return this.database.closed();
  }

  openWithKey(key: Buffer): Sqlite {
    return this.database.openWithKey(key);
  }

  unlock(username: string, passphrase: string): SlotKeys {
    return this.database.unlock(username, passphrase);
  }

  openWithKeys(keys: SlotKeys): Sqlite {
    return this.database.openWithKeys(keys);
  }

  beginSession(session: Session): Promise<void> {
    return this.database.beginSession(session);
  }

  touch(): void {
    const caller = currentCaller();
    if (caller) caller.lastActivity = this.clock().getTime();
    else this.database.touch();
  }

  idleExpired(): Promise<boolean> {
    const caller = currentCaller();
    if (!caller) return this.database.idleExpired();
    if (!caller.session) return Promise.resolve(false);
    return this.database.idleSince(caller.lastActivity);
  }

  markDamaged(message: string): void {
    this.database.markDamaged(message);
  }

  /**
   * Closes the database and wipes the key; within a server request, ends only that caller's
   * session (the branch's database stays open for the other desks).
   */
  lock(reason: 'signOut' | 'idle' | 'quit' = 'signOut'): void {
    const caller = currentCaller();
    if (caller) caller.end(reason === 'idle' ? 'idle' : 'signOut');
    else this.database.lock(reason);
  }

  holdSigningKey(key: crypto.KeyObject | null): void {
    this.database.holdSigningKey(key);
  }

  withKey<T>(use: (key: Buffer) => T): T {
    return this.database.withKey(use);
  }

  rekeyOpenDatabase(newKey: Buffer): void {
    // A worker holds a connection of its own under the old key.
    if (this.server) throw notOnServer('key rotation');
    if (this.jobs.busy) throw new AppFailure('CONFLICT', 'wait until background work has finished');
    this.database.rekey(newKey);
  }

  audit(entry: Omit<AuditEntry, 'staffId'> & { staffId?: number | null }): string {
    return this.database.audit(this.asCaller(entry));
  }

  /** The entry as written by whoever calls: the request's caller and desk on a server. */
  private asCaller(
    entry: Omit<AuditEntry, 'staffId'> & { staffId?: number | null },
  ): Omit<AuditEntry, 'staffId'> & { staffId?: number | null } {
    const caller = currentCaller();
    if (!caller) return entry;
    caller.changed = true;
    return { staffId: caller.session?.staffId ?? null, deskId: caller.deskId, ...entry };
  }

  /**
   * One user action's write transaction on the engine. On SQLite the work awaits nothing but
   * the database (app/write-guard.ts); inside it, features still synchronous are called with
   * `db` as before, on the same connection and in the same transaction.
   */
  write<T>(work: (tx: Kysely<DB>) => Promise<T>): Promise<T> {
    return this.database.write(work);
  }

  /** `audit`'s async twin: one chained row inside the write transaction `tx`. */
  record(
    tx: Kysely<DB>,
    entry: Omit<AuditEntry, 'staffId'> & { staffId?: number | null },
  ): Promise<string> {
    return this.database.record(tx, this.asCaller(entry));
  }

  // Worker jobs: jobs.ts.

  runJob<T extends TaskName>(
    task: T,
    args: TaskArgs<T>,
    options: RunOptions = {},
  ): Promise<TaskResult<T>> {
    return this.jobs.run(task, args, options);
  }

  cancelJob(jobId: number): boolean {
    return this.jobs.cancel(jobId);
  }

  get runningJobs(): number[] {
    return this.jobs.ids;
  }

  // Backups: backups.ts.

  backup(): Promise<{ file: string; bytes: number; createdAt: string }> {
    if (this.server) return Promise.reject(notOnServer('a backup'));
    return this.backups.backup();
  }

  /** The daily backup of this PC's file; a server's backups are the server's (pg_dump). */
  backupIfDue(): Promise<boolean> {
    if (this.server) return Promise.resolve(false);
    return this.backups.backupIfDue();
  }

  restoreLatest(
    username: string,
    passphrase: string,
  ): { file: string; createdAt: string; bytes: number } {
    if (this.server) throw notOnServer('restoring a backup');
    return this.backups.restoreLatest(username, passphrase);
  }
}

export function newDatabaseId(): string {
  return crypto.randomUUID();
}
