import type { authChannels } from '../../shared/channels/auth';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { AppFailure } from '../../shared/result';
import type { Session } from '../../shared/schemas/foundation';
import { appendAuditRow } from '../audit/chain';
import { evaluateDue } from '../records/evaluate';
import type { FeatureHandlers, HandlerContext } from '../app/handler-types';
import { newDatabaseId, type Visitdesk } from '../app/visitdesk';
import {
  addSigningKey,
  emptySlotFile,
  formatRecoveryKey,
  makeSlot,
  newDatabaseKey,
  openServerPassword,
  parseRecoveryKey,
  readSlotFile,
  upsertSlot,
  writeSlotFile,
  type KeySlotFile,
} from '../db/keyslots';
import { readFlag, writeFlag } from '../db/columns';
import { sqliteEngine, type Engine } from '../db/engine';
import { migrate } from '../db/migrations';
import { checkKeySlotsAtSignIn } from '../keys/slot-check';
import {
  openServerDesk,
  serverForSetup,
  withServerPassword,
  writeDeskKeyCheck,
} from '../app/server-desk';
import { openEncrypted } from '../db/open';
import type { DB } from '../db/schema';
import type { Sqlite } from '../db/sqlite';
import { saveSettings, defaultSettings } from '../settings/settings';

/** The account signing in, or undefined; an inactive one is the caller's to refuse. */
function findAccount(db: Kysely<DB>, username: string) {
  return db
    .selectFrom('staff')
    .select(['id', 'username', 'name', 'staff_no', 'role', 'active'])
    .where('username', '=', username)
    .executeTakeFirst();
}

type AccountRow = NonNullable<Awaited<ReturnType<typeof findAccount>>>;

/** Found and active: the only account a passphrase or the recovery key may sign in as. */
const isActive = (row: AccountRow | undefined): row is AccountRow =>
  row !== undefined && readFlag(row.active);

function toSession(row: AccountRow): Session {
  return {
    staffId: row.id,
    username: row.username ?? '',
    name: row.name,
    staffNo: row.staff_no,
    role: row.role,
  };
}

async function databaseId(db: Kysely<DB>): Promise<string> {
  const row = await db
    .selectFrom('meta')
    .select('value')
    .where('key', '=', 'database_id')
    .executeTakeFirst();
  if (!row) throw new AppFailure('DB_DAMAGED', 'database has no id');
  return row.value;
}

/**
 * Opens the database for a signed-in user and starts the housekeeping that follows. The
 * passphrase's scrypt, the open and the key file come first, synchronously; then the account is
 * read and the sign-in audited on the engine.
 */
export async function signIn(
  app: Visitdesk,
  username: string,
  passphrase: string,
): Promise<Session> {
  const keys = app.unlock(username, passphrase);
  try {
    if (!app.isOpen) await app.open(keys);
  } finally {
    keys.current.fill(0);
    keys.next?.fill(0);
  }
  app.holdSigningKey(keys.signing ?? giveSigningKey(app, username, passphrase));
  const account = await findAccount(app.engine.db, username);
  if (!isActive(account)) {
    app.lock('quit');
    await app.closed();
    throw new AppFailure('BAD_CREDENTIALS', 'wrong user name or passphrase');
  }
  const session = toSession(account);
  await app.beginSession(session);
  await checkKeySlotsAtSignIn(app);
  afterSignIn(app);
  return session;
}

/** A slot from before slots had a signing key gets one now, while the passphrase is at hand. */
function giveSigningKey(app: Visitdesk, username: string, passphrase: string) {
  const { file, signing } = app.withKey((key) =>
    addSigningKey(readSlotFile(app.files.keys), username, passphrase, key),
  );
  writeSlotFile(app.files.keys, file);
  return signing;
}

function afterSignIn(app: Visitdesk): void {
  if (app.uncleanShutdown) {
    app.inBackground(
      'quick_check after unclean shutdown',
      app.runJob('quickCheck', {}).then(({ problems }) => {
        if (problems.length) app.log(`quick_check after unclean shutdown: ${problems.join('; ')}`);
        app.uncleanShutdown = problems.length > 0;
      }),
    );
  }
  if (app.dailyBackup) app.inBackground('daily backup', app.backupIfDue());
  // Promises and instalments that fell due since the last sign-in are judged now, so the
  // worklist and the case timelines show broken promises without anyone asking.
  app.inBackground(
    'promise evaluation',
    new Promise((resolve) => setImmediate(resolve)).then(async () => {
      if (app.isOpen) await evaluateDue(app);
    }),
  );
}

type SetupInput = Parameters<typeof setUp>[1];

/** The new branch's rows: its id, the branch, the settings, the manager and the setup's audit row. */
async function writeSetupRows(
  engine: Engine,
  tx: Kysely<DB>,
  input: SetupInput,
  id: string,
  at: string,
): Promise<void> {
  await tx
    .insertInto('meta')
    .values([
      { key: 'database_id', value: id },
      { key: 'created_at', value: at },
    ])
    .execute();
  const b = input.branch;
  await tx
    .insertInto('branch')
    .values({
      id: 1,
      name: b.name,
      code: b.code,
      address: b.address,
      phone: b.phone,
      complaint_hotline: b.complaintHotline,
      time_zone: b.timeZone,
      updated_at: at,
    })
    .execute();
  await saveSettings(tx, defaultSettings);
  const m = input.manager;
  const { id: staffId } = await tx
    .insertInto('staff')
    .values({
      staff_no: m.staffNo,
      name: m.name,
      role: 'manager',
      username: m.username,
      active: writeFlag(true),
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await appendAuditRow(engine, tx, {
    staffId,
    action: 'app.setup',
    entity: 'branch',
    entityId: 1,
    after: { branch: b, manager: { name: m.name, staffNo: m.staffNo, username: m.username } },
    at,
  });
}

/**
 * Creates the branch's database, its manager and the key file, then signs the manager in. The
 * rows go in one transaction on an engine over the new file's own connection (nobody else can
 * reach it yet); the key slot is made (scrypt) after it, as before.
 */
export async function setUp(
  app: Visitdesk,
  input: {
    branch: {
      name: string;
      code: string;
      address: string;
      phone: string;
      complaintHotline: string;
      timeZone: string;
    };
    manager: { name: string; staffNo: string; username: string; passphrase: string };
  },
): Promise<{ recoveryKey: string }> {
  const { files } = app;
  if (app.server) return setUpOnServer(app, input);
  if (fs.existsSync(files.db) || fs.existsSync(files.keys)) {
    throw new AppFailure('ALREADY_SET_UP', 'this database is already set up');
  }
  fs.mkdirSync(files.backups, { recursive: true, mode: 0o700 });
  const key = newDatabaseKey();
  const id = newDatabaseId();
  const at = app.now().toISOString();
  const db = openEncrypted(files.db, key, { driver: app.driver, create: true });
  const engine = sqliteEngine(db);
  try {
    migrate(db);
    await engine.transaction((tx) => writeSetupRows(engine, tx, input, id, at));
    const slots: KeySlotFile = {
      ...emptySlotFile(id),
      slots: [makeSlot(id, key, input.manager.username, input.manager.passphrase, app.kdfCost)],
    };
    writeSlotFile(files.keys, slots);
  } catch (error) {
    await engine.close();
    db.close();
    for (const f of [files.db, `${files.db}-wal`, `${files.db}-shm`, files.keys]) {
      fs.rmSync(f, { force: true });
    }
    throw error;
  }
  await engine.close();
  db.close();
  const recoveryKey = formatRecoveryKey(key);
  key.fill(0);
  await signIn(app, input.manager.username, input.manager.passphrase);
  return { recoveryKey };
}

/** The account a recovery key gives a new passphrase: an active one, else refused on its field. */
async function accountToRecover(db: Kysely<DB>, username: string): Promise<AccountRow> {
  const account = await findAccount(db, username);
  if (!isActive(account)) {
    throw new AppFailure('NOT_FOUND', 'no active account with that user name', {
      fields: { username: 'e.NOT_FOUND' },
    });
  }
  return account;
}

/** The recovery's audit row, as the account recovered, on the engine the recovery opened. */
function auditRecovery(app: Visitdesk, engine: Engine, staffId: number): Promise<string> {
  return engine.transaction((tx) =>
    appendAuditRow(engine, tx, {
      staffId,
      action: 'auth.recover',
      entity: 'staff',
      entityId: staffId,
      at: app.now().toISOString(),
    }),
  );
}

/**
 * Setup on a desk whose data is on a PostgreSQL server (app/server-desk.ts): the schema if the
 * database is empty, then the branch's rows and the desk key's check in one transaction. The key
 * file (the manager's slot, and the password given for the server encrypted under the desk key)
 * is written first and removed if the transaction fails: written after, a failure to write it
 * would leave a branch on the server whose key nobody holds.
 */
async function setUpOnServer(app: Visitdesk, input: SetupInput): Promise<{ recoveryKey: string }> {
  const { files } = app;
  const server = app.server!;
  if (fs.existsSync(files.keys)) {
    throw new AppFailure('ALREADY_SET_UP', 'this desk is already set up');
  }
  fs.mkdirSync(path.dirname(files.keys), { recursive: true, mode: 0o700 });
  const engine = await serverForSetup(server);
  const key = newDatabaseKey();
  try {
    const id = newDatabaseId();
    const at = app.now().toISOString();
    const slots: KeySlotFile = {
      ...emptySlotFile(id),
      slots: [makeSlot(id, key, input.manager.username, input.manager.passphrase, app.kdfCost)],
    };
    writeSlotFile(files.keys, withServerPassword(slots, server, key));
    try {
      await engine.transaction(async (tx) => {
        await writeSetupRows(engine, tx, input, id, at);
        await writeDeskKeyCheck(tx, key, id);
      });
    } catch (error) {
      fs.rmSync(files.keys, { force: true });
      throw error;
    }
  } finally {
    await engine.close();
  }
  const recoveryKey = formatRecoveryKey(key);
  key.fill(0);
  await signIn(app, input.manager.username, input.manager.passphrase);
  return { recoveryKey };
}

/**
 * The recovery key on a server desk: it is the desk key, checked by the server's database. The
 * key file kept on this desk keeps the password if it was made with this key; a lost or foreign
 * key file is rebuilt, and then the password must be given (VISITDESK_DATABASE_PASSWORD).
 */
async function recoverOnServer(
  app: Visitdesk,
  input: { username: string; passphrase: string },
  key: Buffer,
): Promise<void> {
  const server = app.server!;
  let found: KeySlotFile | null = null;
  try {
    found = readSlotFile(app.files.keys);
  } catch {
    found = null;
  }
  const keyFile = found && openServerPassword(found, key) !== null ? found : null;
  const { engine } = await openServerDesk(server, app.files, key, { keyFile }).catch((error) => {
    if (error instanceof AppFailure && error.code === 'WRONG_KEY') {
      throw new AppFailure('WRONG_KEY', error.message, { fields: { recoveryKey: 'e.WRONG_KEY' } });
    }
    throw error;
  });
  try {
    const account = await accountToRecover(engine.db, input.username);
    const id = await databaseId(engine.db);
    await auditRecovery(app, engine, account.id);
    const base = keyFile ?? emptySlotFile(id);
    const slot = makeSlot(id, key, input.username, input.passphrase, app.kdfCost);
    writeSlotFile(app.files.keys, withServerPassword(upsertSlot(base, slot), server, key));
  } finally {
    await engine.close();
  }
}

/**
 * With the recovery key, gives an account a new passphrase (and rebuilds a lost key file). The
 * database is opened on a connection of its own, read and audited through an engine over it;
 * the new slot is made (scrypt) once the audit row is in, as before.
 */
export async function recover(
  app: Visitdesk,
  input: { recoveryKey: string; username: string; passphrase: string },
): Promise<void> {
  const key = parseRecoveryKey(input.recoveryKey);
  if (app.isOpen) throw new AppFailure('CONFLICT', 'sign out before using the recovery key');
  if (app.server) {
    try {
      await recoverOnServer(app, input, key);
    } finally {
      key.fill(0);
    }
    return;
  }
  let db: Sqlite;
  try {
    db = openEncrypted(app.files.db, key, { driver: app.driver });
  } catch (error) {
    if (error instanceof AppFailure && error.code === 'WRONG_KEY') {
      throw new AppFailure('WRONG_KEY', 'the recovery key does not open this database', {
        fields: { recoveryKey: 'e.WRONG_KEY' },
      });
    }
    throw error;
  }
  const engine = sqliteEngine(db);
  try {
    migrate(db);
    const account = await accountToRecover(engine.db, input.username);
    const id = await databaseId(engine.db);
    let slots: KeySlotFile;
    try {
      slots = readSlotFile(app.files.keys);
      if (slots.databaseId !== id) throw new Error('key file belongs to another database');
    } catch {
      slots = emptySlotFile(id);
    }
    await auditRecovery(app, engine, account.id);
    writeSlotFile(
      app.files.keys,
      upsertSlot(slots, makeSlot(id, key, input.username, input.passphrase, app.kdfCost)),
    );
  } finally {
    await engine.close();
    db.close();
    key.fill(0);
  }
}

/** A new passphrase for the signed-in account: the slot re-wrapped (scrypt), then audited. */
export async function changePassphrase(
  app: Visitdesk,
  session: Session,
  current: string,
  next: string,
): Promise<void> {
  const key = app.unlock(session.username, current).current;
  try {
    const slots = readSlotFile(app.files.keys);
    writeSlotFile(
      app.files.keys,
      upsertSlot(slots, makeSlot(slots.databaseId, key, session.username, next, app.kdfCost)),
    );
  } finally {
    key.fill(0);
  }
  await app.write((tx) =>
    app.record(tx, {
      action: 'auth.changePassphrase',
      entity: 'staff',
      entityId: session.staffId,
    }),
  );
}

const ctxApp = (ctx: HandlerContext) => ctx.app;

export const authHandlers: FeatureHandlers<typeof authChannels> = {
  'auth:state': (_input, ctx) => ctxApp(ctx).state(),
  'auth:setup': (input, ctx) => setUp(ctx.app, input),
  'auth:recover': async (input, ctx) => {
    await recover(ctx.app, input);
    return null;
  },
  'auth:restoreLatestBackup': (input, ctx) =>
    ctx.app.restoreLatest(input.username, input.passphrase),
  'auth:signIn': (input, ctx) => signIn(ctx.app, input.username, input.passphrase),
  'auth:signOut': async (_input, ctx) => {
    ctx.app.lock('signOut');
    await ctx.app.closed();
    return null;
  },
  'auth:changePassphrase': async (input, ctx) => {
    await changePassphrase(ctx.app, ctx.session!, input.current, input.next);
    return null;
  },
};
