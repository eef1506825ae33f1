import { AsyncLocalStorage } from 'node:async_hooks';
import type { KeyObject } from 'node:crypto';
import fs from 'node:fs';
import type { Kysely } from 'kysely';
import type { AppState, Session } from '../../shared/schemas/foundation';
import { AppFailure } from '../../shared/result';
import { refuseWhileThrottled } from '../auth/guard';
import { channelsFor, type EventName } from '../../shared/contract';
import { appendAudit, type AuditEntry } from '../audit/audit';
import { appendAuditRow } from '../audit/chain';
import { SignInThrottle } from '../auth/throttle';
import { listBackups } from '../backup/backup';
import {
  promoteNextKey,
  readSlotFile,
  unwrapSlotKeys,
  writeSlotFile,
  type ScryptCost,
  type SlotKeys,
} from '../db/keyslots';
import { sqliteEngine, type Engine } from '../db/engine';
import { migrate } from '../db/migrations';
import { openEncrypted } from '../db/open';
import { first, qb } from '../db/query';
import type { DB } from '../db/schema';
import type { Sqlite, SqliteDriver } from '../db/sqlite';
import type { PostgresEngine } from '../db/postgres/connect';
import type { JobTarget } from '../jobs/runner';
import { loadSettings, readSettings } from '../settings/settings';
import { PrintJobs } from '../print/jobs';
import { databaseHolder } from './holder';
import type { DataFiles } from './paths';
import { rekeyClosedFile } from './rekey';
import {
  notOnServer,
  openServerDesk,
  probeServer,
  serverLabel,
  type ServerDatabase,
} from './server-desk';
import { oneTurnOnly } from './write-guard';

export interface DatabaseSessionOptions {
  files: DataFiles;
  driver: SqliteDriver;
  kdfCost: ScryptCost;
  now: () => Date;
  emit: (event: EventName, payload: unknown) => void;
  log: (message: string, error?: unknown) => void;
  /** The data lives on this PostgreSQL server instead of the file (app/server-desk.ts). */
  server?: ServerDatabase | null;
}

interface Problem {
  code: string;
  message: string;
}

/**
 * The write whose code is running (its token), for every session of the process: one store, not
 * one per session. Tokens are unique to a write, so sessions cannot mistake each other's. On
 * Node 20 every AsyncLocalStorage ever entered costs each promise made afterwards (its
 * async-hooks implementation walks them all): a process holding a few hundred sessions, as a test
 * worker does, ran promise-heavy code a hundred times slower. Node 24 (Electron's) does not.
 */
const writeContext = new AsyncLocalStorage<object>();

/**
 * One branch database and who is signed in to it. The database is open only while someone is
 * signed in; signing out or locking closes it and wipes the key from memory.
 */
export class DatabaseSession {
  readonly files: DataFiles;
  readonly driver: SqliteDriver;
  readonly kdfCost: ScryptCost;
  readonly throttle: SignInThrottle;
  /** The PostgreSQL server the data lives on, or null: this PC's encrypted file (`files.db`). */
  readonly server: ServerDatabase | null;
  /** Documents staged for printing; they belong to the session and go when it ends. */
  readonly printJobs: PrintJobs;
  private readonly clock: () => Date;
  private readonly emit: (event: EventName, payload: unknown) => void;
  private readonly log: (message: string, error?: unknown) => void;

  private connection: Sqlite | null = null;
  /** On a server desk: the connection pool while someone is signed in. */
  private serverEngine: PostgresEngine | null = null;
  /** On a server desk: the last lock's sign-out row and closing, which the next open awaits. */
  private closing: Promise<void> = Promise.resolve();
  /** On a server desk, while open: the address and password a worker opens its own pool with. */
  private serverConnection: { url: string; password?: string } | null = null;
  /** The async engine over `connection`, made on first use (see `engine`). */
  private connectionEngine: { connection: Sqlite; engine: Engine } | null = null;
  private key: Buffer | null = null;
  /** The signed-in account's checkpoint-signing key (audit/checkpoint.ts), while signed in. */
  private signingKey: KeyObject | null = null;
  private currentSession: Session | null = null;
  private problem: Problem | null = null;
  private lastActivity = 0;
  uncleanShutdown = false;
  private ownsMarker = false;

  constructor(options: DatabaseSessionOptions) {
    this.files = options.files;
    this.driver = options.driver;
    this.kdfCost = options.kdfCost;
    this.clock = options.now;
    this.emit = options.emit;
    this.log = options.log;
    this.server = options.server ?? null;
    this.throttle = new SignInThrottle(() => this.clock().getTime(), this.files.attempts);
    this.printJobs = new PrintJobs(() => this.clock().getTime());
  }

  /** The write transaction open on the connection (`write`); its code runs with it in `writeContext`. */
  private openWrite: object | null = null;

  get session(): Session | null {
    return this.currentSession;
  }

  /**
   * The open connection; throws when nobody is signed in. While a write transaction is open on
   * it (`write`), only that write's own code may use it: anything else would land inside the
   * transaction and be committed or rolled back with work that is not its own (another call's
   * synchronous handler started in the same turn, say), so it is refused as an internal error.
   */
  get db(): Sqlite {
    if (this.server) {
      throw new Error(
        'internal: code for the SQLite connection ran on a desk whose data is on a server',
      );
    }
    const connection = this.openConnection();
    // Between the write's COMMIT and its `finally` the connection is free (a caller holding it
    // through the engine, db/engine.ts holdingConnection, may have it already): refused only
    // while the transaction is open.
    if (
      this.openWrite !== null &&
      writeContext.getStore() !== this.openWrite &&
      connection.inTransaction
    ) {
      throw new Error(
        'internal: the connection was used outside the write transaction open on it; ' +
          'wait for the write, or move this code onto the engine',
      );
    }
    return connection;
  }

  private openConnection(): Sqlite {
    if (!this.connection) throw new AppFailure('UNAUTHENTICATED', 'the database is locked');
    return this.connection;
  }

  get isOpen(): boolean {
    return this.connection !== null || this.serverEngine !== null;
  }

  /**
   * The async engine (issue 19) over the open connection: one per connection, so a reopened,
   * rekeyed or restored database gets its own, and the old one is let go with its connection.
   * Throws when nobody is signed in, as `db` does.
   */
  get engine(): Engine {
    if (this.server) {
      if (!this.serverEngine) throw new AppFailure('UNAUTHENTICATED', 'the database is locked');
      return this.serverEngine;
    }
    // Reads and queued writes go through the engine, which waits for an open write itself.
    const connection = this.openConnection();
    if (this.connectionEngine?.connection !== connection) {
      this.forgetEngine();
      this.connectionEngine = { connection, engine: sqliteEngine(connection) };
    }
    return this.connectionEngine.engine;
  }

  /** Lets the engine go before its connection closes (the connection stays the app's to close). */
  private forgetEngine(): void {
    const engine = this.connectionEngine?.engine;
    this.connectionEngine = null;
    // Closing a SQLite engine releases only Kysely's side; it never touches the connection.
    if (engine) void engine.close().catch((error) => this.log('could not close the engine', error));
  }

  /**
   * Runs one user action's queries in one write transaction on the engine: committed when
   * `work` resolves, rolled back when it throws. On SQLite the work must await nothing but the
   * database (write-guard.ts), which is what lets it call the features still written against
   * `db` synchronously: they run on the same connection, inside the same transaction.
   */
  write<T>(work: (tx: Kysely<DB>) => Promise<T>): Promise<T> {
    const engine = this.engine;
    if (engine.kind !== 'sqlite') return engine.transaction(work);
    const token = {};
    const guarded = oneTurnOnly(work);
    return engine
      .transaction((tx) => {
        // From BEGIN until the transaction has ended, `db` is this write's alone.
        this.openWrite = token;
        return writeContext.run(token, () => guarded(tx));
      })
      .finally(() => {
        if (this.openWrite === token) this.openWrite = null;
      });
  }

  /**
   * The async twin of `audit`: appends one chained row (audit/chain.ts) inside the caller's
   * transaction, as the signed-in account unless the entry names another; returns its hash.
   */
  record(
    tx: Kysely<DB>,
    entry: Omit<AuditEntry, 'staffId'> & { staffId?: number | null },
  ): Promise<string> {
    return appendAuditRow(this.engine, tx, {
      staffId: this.currentSession?.staffId ?? null,
      ...entry,
    });
  }

  /** What the window shows: setup, sign-in, the app, or the damaged screen (and why). */
  async state(): Promise<AppState> {
    if (this.server) return this.serverState(this.stateBase(), fs.existsSync(this.files.keys));
    return this.fileState();
  }

  private stateBase(): Omit<AppState, 'phase'> {
    return {
      branchName: null as string | null,
      session: this.currentSession,
      settings: null as AppState['settings'],
      problem: null as AppState['problem'],
      uncleanShutdown: this.uncleanShutdown,
      server: this.server ? serverLabel(this.server) : null,
      allowed: this.currentSession ? channelsFor(this.currentSession.role) : [],
    };
  }

  /** `state` of this PC's file, read synchronously (the restore path's check does not await). */
  fileState(): AppState {
    const base = this.stateBase();
    const keysExist = fs.existsSync(this.files.keys);
    const dbExists = fs.existsSync(this.files.db);
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
    return this.signInState(base, hasBackup);
  }

  /** The sign-in screen, with the key file's problem when it cannot be read. */
  private signInState(base: Omit<AppState, 'phase'>, hasBackup: boolean): AppState {
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

  /**
   * The state of a desk whose data is on a server: its database is asked only when that tells
   * something the desk cannot know alone (signed in: the branch and its settings; no key file:
   * whether the server's database is set up already, which makes this a desk to recover).
   */
  private async serverState(base: Omit<AppState, 'phase'>, keysExist: boolean): Promise<AppState> {
    const server = this.server!;
    if (this.problem) {
      return { ...base, phase: 'damaged', problem: { ...this.problem, hasBackup: false } };
    }
    if (this.serverEngine && this.currentSession) {
      const db = this.serverEngine.db;
      const [branch, settings] = await Promise.all([
        db.selectFrom('branch').select('name').executeTakeFirst(),
        loadSettings(db),
      ]);
      return { ...base, phase: 'unlocked', branchName: branch?.name ?? null, settings };
    }
    if (!keysExist) {
      if ((await probeServer(server)) !== 'setUp') return { ...base, phase: 'setup' };
      return {
        ...base,
        phase: 'locked',
        problem: {
          code: 'KEYSLOTS_DAMAGED',
          message:
            'the server database is set up but this desk has no key file; sign in with the recovery key',
          hasBackup: false,
        },
      };
    }
    return this.signInState(base, false);
  }

  /**
   * Opens the data with an account's unwrapped keys: this PC's file (`openWithKeys`), or the
   * server's database with the desk key (server-desk.ts), once the last sign-out has finished.
   */
  async open(keys: SlotKeys): Promise<void> {
    if (!this.server) {
      this.openWithKeys(keys);
      return;
    }
    await this.closing;
    if (this.serverEngine) return;
    const { engine, connection } = await openServerDesk(this.server, this.files, keys.current, {
      keyFile: readSlotFile(this.files.keys),
    });
    this.serverEngine = engine;
    this.serverConnection = connection;
    this.key = Buffer.from(keys.current);
  }

  /** Opens the database with a key already proven by a slot or the recovery key. */
  openWithKey(key: Buffer): Sqlite {
    if (this.server) throw notOnServer('opening the database file');
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
    this.refuseWhileThrottled(username);
    const slots = readSlotFile(this.files.keys);
    const keys = unwrapSlotKeys(slots, username, passphrase, this.kdfCost);
    if (!keys) {
      this.throttle.fail(username, 'auth.signInFailed');
      throw new AppFailure('BAD_CREDENTIALS', 'wrong user name or passphrase');
    }
    this.throttle.succeed(username);
    return keys;
  }

  /** Refuses a passphrase for a name that failed too often lately (sign-in, restore). */
  refuseWhileThrottled(username: string): void {
    refuseWhileThrottled(this.throttle, username);
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

  /**
   * Starts the session and audits the sign-in in one write on the engine. The throttle's file is
   * read and emptied before it (a file is not the database's to await inside the write).
   */
  async beginSession(session: Session): Promise<void> {
    this.currentSession = session;
    this.touch();
    // Failed attempts by any process since the last sign-in (the throttle's file) are audited now.
    const failures = this.throttle.takeUnaudited();
    await this.write(async (tx) => {
      for (const f of failures) {
        await this.record(tx, {
          staffId: null,
          action: f.action,
          entity: 'account',
          entityId: f.username,
          success: false,
          at: f.at,
        });
      }
      await this.record(tx, {
        staffId: session.staffId,
        action: 'auth.signIn',
        entity: 'staff',
        entityId: session.staffId,
      });
    });
  }

  touch(): void {
    this.lastActivity = this.clock().getTime();
  }

  /** True when the session has been idle longer than the branch's auto-lock setting. */
  async idleExpired(): Promise<boolean> {
    if (!this.isOpen || !this.currentSession) return false;
    return this.idleSince(this.lastActivity);
  }

  /** True when activity last seen at `lastActivity` (ms) is older than the auto-lock setting. */
  async idleSince(lastActivity: number): Promise<boolean> {
    if (!this.isOpen) return false;
    // On the engine, which waits for a write in progress (a server's other desks may be writing).
    const minutes = (await loadSettings(this.engine.db)).autoLockMinutes;
    return this.clock().getTime() - lastActivity > minutes * 60_000;
  }

  /**
   * A check found the open file damaged: close it and show the damaged screen, which offers
   * the newest backup. Nothing is deleted.
   */
  markDamaged(message: string): void {
    this.lock('quit');
    this.problem = { code: 'DB_DAMAGED', message };
  }

  /**
   * Closes the database and wipes the key. Safe to call twice.
   *
   * Synchronous, audit row included (on the connection, not the engine): Electron's
   * before-quit, the dispatcher's idle check and the CLI's close lock without awaiting, and the
   * row must be in before the connection closes in the same call. No write on the engine can be
   * open meanwhile: a write never yields to the event loop (write-guard.ts).
   */
  lock(reason: 'signOut' | 'idle' | 'quit' = 'signOut'): void {
    if (this.serverEngine) this.closeServer(reason);
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
      this.forgetEngine();
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

  /**
   * A server desk's lock: the pool is let go at once (nothing more can be asked of it), and its
   * sign-out row and closing run on; `closed()` waits for them, and so does the next sign-in, so
   * the rows stay in order.
   */
  private closeServer(reason: 'signOut' | 'idle' | 'quit'): void {
    const engine = this.serverEngine!;
    const session = this.currentSession;
    this.serverEngine = null;
    this.serverConnection = null;
    const audited: Promise<unknown> =
      session && reason !== 'quit'
        ? engine.transaction((tx) =>
            appendAuditRow(engine, tx, {
              staffId: session.staffId,
              action: reason === 'idle' ? 'auth.autoLock' : 'auth.signOut',
              entity: 'staff',
              entityId: session.staffId,
            }),
          )
        : Promise.resolve();
    const previous = this.closing;
    this.closing = previous
      .then(() => audited)
      .catch((error) => this.log('could not audit sign-out', error))
      .then(() => engine.close())
      .catch((error) => this.log('could not close the server connection', error));
  }

  /** Resolves when the last lock has written its row and let its connections go. */
  closed(): Promise<void> {
    return this.closing;
  }

  /**
   * A backup was restored over the damaged file (backups.ts): the damage is gone, and the key
   * kept from the damaged file is wiped; the next sign-in unwraps the restored file's own.
   */
  restored(): void {
    this.problem = null;
    this.key?.fill(0);
    this.key = null;
  }

  holdSigningKey(key: KeyObject | null): void {
    this.signingKey = key;
  }

  /** The signed-in account's signing key, or null (a slot from before slots had one). */
  get signer(): KeyObject | null {
    return this.isOpen ? this.signingKey : null;
  }

  /**
   * Lends the database key to `use` (wrapping a new key slot for another account). Only while
   * signed in; the key never leaves the core.
   */
  withKey<T>(use: (key: Buffer) => T): T {
    if (!this.key || !this.isOpen)
      throw new AppFailure('UNAUTHENTICATED', 'the database is locked');
    return use(this.key);
  }

  /**
   * Lends the key to a worker thread that opens its own connection (jobs.ts): whenever a key
   * is held, as before.
   */
  withWorkerTarget<T>(use: (target: JobTarget) => T): T {
    if (this.server) {
      if (!this.serverConnection) throw new AppFailure('UNAUTHENTICATED', 'the database is locked');
      return use({ server: this.serverConnection });
    }
    if (!this.key) throw new AppFailure('UNAUTHENTICATED', 'the database is locked');
    return use({ dbFile: this.files.db, key: this.key });
  }

  /**
   * Re-encrypts the database under a new key (rekey.ts) and keeps it open under that key; when
   * that fails it is open again under the old one.
   */
  rekey(newKey: Buffer): void {
    if (this.server) throw notOnServer('key rotation');
    const oldKey = Buffer.from(this.key!);
    const db = this.db;
    db.pragma('wal_checkpoint(TRUNCATE)');
    this.forgetEngine();
    db.close();
    this.connection = null;
    try {
      rekeyClosedFile(this.files.db, this.driver, oldKey, newKey);
    } catch (error) {
      this.connection = openEncrypted(this.files.db, oldKey, { driver: this.driver });
      throw error;
    } finally {
      oldKey.fill(0);
    }
    this.connection = openEncrypted(this.files.db, newKey, { driver: this.driver });
    this.key?.fill(0);
    this.key = Buffer.from(newKey);
  }

  audit(entry: Omit<AuditEntry, 'staffId'> & { staffId?: number | null }): string {
    return appendAudit(this.db, { staffId: this.currentSession?.staffId ?? null, ...entry });
  }
}

/** The temporary files of killed rotations, restores and backups (see openWithKey). */
function removeLeftovers(files: DataFiles): string[] {
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
