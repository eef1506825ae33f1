import type { Kysely, Selectable } from 'kysely';
import { AppFailure } from '../../shared/result';
import type { AccountRow } from '../../shared/channels/accounts';
import type { Visitdesk } from '../app/visitdesk';
import { makeSlot, readSlotFile, removeSlot, upsertSlot, writeSlotFile } from '../db/keyslots';
import { readFlag } from '../db/columns';
import type { DB, StaffTable } from '../db/schema';

const accountColumns = ['id', 'staff_no', 'name', 'role', 'active', 'username'] as const;

function rowsQuery(db: Kysely<DB>) {
  return db.selectFrom('staff').select(accountColumns).orderBy('staff_no');
}

function toRow(
  row: Pick<Selectable<StaffTable>, (typeof accountColumns)[number]>,
  slotUsers: Set<string>,
): AccountRow {
  return {
    staffId: row.id,
    staffNo: row.staff_no,
    name: row.name,
    role: row.role,
    active: readFlag(row.active),
    username: row.username,
    canSignIn: readFlag(row.active) && row.username !== null && slotUsers.has(row.username),
  };
}

const slotUsers = (app: Visitdesk) =>
  new Set(readSlotFile(app.files.keys).slots.map((s) => s.username));

export async function listAccounts(app: Visitdesk): Promise<AccountRow[]> {
  const users = slotUsers(app);
  const rows = await rowsQuery(app.engine.db).execute();
  return rows.map((r) => toRow(r, users));
}

async function account(app: Visitdesk, staffId: number): Promise<AccountRow> {
  const row = await rowsQuery(app.engine.db).where('id', '=', staffId).executeTakeFirst();
  if (!row)
    throw new AppFailure('NOT_FOUND', `no staff record ${staffId}`, {
      fields: { staffId: 'e.NOT_FOUND' },
    });
  return toRow(row, slotUsers(app));
}

/**
 * Gives a staff record a sign-in account: a new key slot wrapping the database key under the
 * passphrase the manager types (the staff member changes it at first sign-in).
 *
 * The slot is made (scrypt) before the write transaction, which may await only the database;
 * the slot file is written inside it, so a failure to write it rolls the row back. Writing the
 * same file again is harmless, as on PostgreSQL, where a transaction may run twice.
 */
export async function createAccount(
  app: Visitdesk,
  input: { staffId: number; username: string; passphrase: string },
): Promise<AccountRow> {
  const before = await account(app, input.staffId);
  if (!before.active) throw new AppFailure('CONFLICT', 'the staff record is inactive');
  if (before.username) throw new AppFailure('CONFLICT', 'this staff member already has an account');
  const taken = await app.engine.db
    .selectFrom('staff')
    .select('id')
    .where('username', '=', input.username)
    .executeTakeFirst();
  const slots = readSlotFile(app.files.keys);
  if (taken || slots.slots.some((s) => s.username === input.username)) {
    throw new AppFailure('CONFLICT', 'the user name is taken', {
      fields: { username: 'e.CONFLICT' },
    });
  }
  const slot = app.withKey((key) =>
    makeSlot(slots.databaseId, key, input.username, input.passphrase, app.kdfCost),
  );
  await app.write(async (tx) => {
    await tx
      .updateTable('staff')
      .set({ username: input.username, updated_at: app.now().toISOString() })
      .where('id', '=', input.staffId)
      .execute();
    await app.record(tx, {
      action: 'account.create',
      entity: 'staff',
      entityId: input.staffId,
      before,
      after: { ...before, username: input.username },
    });
    // Synchronous, so the transaction does not yield; if it throws, the row rolls back.
    writeSlotFile(app.files.keys, upsertSlot(slots, slot));
  });
  return account(app, input.staffId);
}

/** Disabling removes the key slot, so the old passphrase opens nothing any more. */
export async function disableAccount(app: Visitdesk, staffId: number): Promise<AccountRow> {
  const before = await account(app, staffId);
  if (!before.username) throw new AppFailure('NOT_FOUND', 'this staff member has no account');
  if (app.session?.staffId === staffId) {
    throw new AppFailure('CONFLICT', 'you cannot disable your own account');
  }
  const slots = readSlotFile(app.files.keys);
  await app.write(async (tx) => {
    await tx
      .updateTable('staff')
      .set({ username: null, updated_at: app.now().toISOString() })
      .where('id', '=', staffId)
      .execute();
    await app.record(tx, {
      action: 'account.disable',
      entity: 'staff',
      entityId: staffId,
      before,
      after: { ...before, username: null, canSignIn: false },
    });
    writeSlotFile(app.files.keys, removeSlot(slots, before.username!));
  });
  return account(app, staffId);
}

/** A new passphrase from the manager; the old one is never shown or needed. */
export async function resetPassphrase(
  app: Visitdesk,
  input: { staffId: number; passphrase: string },
): Promise<void> {
  const target = await account(app, input.staffId);
  if (!target.username) throw new AppFailure('NOT_FOUND', 'this staff member has no account');
  const slots = readSlotFile(app.files.keys);
  const slot = app.withKey((key) =>
    makeSlot(slots.databaseId, key, target.username!, input.passphrase, app.kdfCost),
  );
  await app.write(async (tx) => {
    await app.record(tx, {
      action: 'account.resetPassphrase',
      entity: 'staff',
      entityId: input.staffId,
    });
    writeSlotFile(app.files.keys, upsertSlot(slots, slot));
  });
}
