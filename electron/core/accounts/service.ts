import type { Selectable } from 'kysely';
import { AppFailure } from '../../shared/result';
import type { AccountRow } from '../../shared/channels/accounts';
import type { Visitdesk } from '../app/visitdesk';
import { makeSlot, readSlotFile, removeSlot, upsertSlot, writeSlotFile } from '../db/keyslots';
import { all, first, qb, run } from '../db/query';
import { readFlag } from '../db/columns';
import type { StaffTable } from '../db/schema';

const accountColumns = ['id', 'staff_no', 'name', 'role', 'active', 'username'] as const;

function rowsQuery() {
  return qb.selectFrom('staff').select(accountColumns).orderBy('staff_no');
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

export function listAccounts(app: Visitdesk): AccountRow[] {
  const users = slotUsers(app);
  return all(app.db, rowsQuery()).map((r) => toRow(r, users));
}

function account(app: Visitdesk, staffId: number): AccountRow {
  const row = first(app.db, rowsQuery().where('id', '=', staffId));
  if (!row)
    throw new AppFailure('NOT_FOUND', `no staff record ${staffId}`, {
      fields: { staffId: 'e.NOT_FOUND' },
    });
  return toRow(row, slotUsers(app));
}

/**
 * Gives a staff record a sign-in account: a new key slot wrapping the database key under the
 * passphrase the manager types (the staff member changes it at first sign-in).
 */
export function createAccount(
  app: Visitdesk,
  input: { staffId: number; username: string; passphrase: string },
) {
  const before = account(app, input.staffId);
  if (!before.active) throw new AppFailure('CONFLICT', 'the staff record is inactive');
  if (before.username) throw new AppFailure('CONFLICT', 'this staff member already has an account');
  const taken = first(
    app.db,
    qb.selectFrom('staff').select('id').where('username', '=', input.username),
  );
  const slots = readSlotFile(app.files.keys);
  if (taken || slots.slots.some((s) => s.username === input.username)) {
    throw new AppFailure('CONFLICT', 'the user name is taken', {
      fields: { username: 'e.CONFLICT' },
    });
  }
  const slot = app.withKey((key) =>
    makeSlot(slots.databaseId, key, input.username, input.passphrase, app.kdfCost),
  );
  app.db.transaction(() => {
    run(
      app.db,
      qb
        .updateTable('staff')
        .set({ username: input.username, updated_at: app.now().toISOString() })
        .where('id', '=', input.staffId),
    );
    app.audit({
      action: 'account.create',
      entity: 'staff',
      entityId: input.staffId,
      before,
      after: { ...before, username: input.username },
    });
    // The slot file is written inside the transaction's scope: if it fails, the row rolls back.
    writeSlotFile(app.files.keys, upsertSlot(slots, slot));
  })();
  return account(app, input.staffId);
}

/** Disabling removes the key slot, so the old passphrase opens nothing any more. */
export function disableAccount(app: Visitdesk, staffId: number): AccountRow {
  const before = account(app, staffId);
  if (!before.username) throw new AppFailure('NOT_FOUND', 'this staff member has no account');
  if (app.session?.staffId === staffId) {
    throw new AppFailure('CONFLICT', 'you cannot disable your own account');
  }
  const slots = readSlotFile(app.files.keys);
  app.db.transaction(() => {
    run(
      app.db,
      qb
        .updateTable('staff')
        .set({ username: null, updated_at: app.now().toISOString() })
        .where('id', '=', staffId),
    );
    app.audit({
      action: 'account.disable',
      entity: 'staff',
      entityId: staffId,
      before,
      after: { ...before, username: null, canSignIn: false },
    });
    writeSlotFile(app.files.keys, removeSlot(slots, before.username!));
  })();
  return account(app, staffId);
}

/** A new passphrase from the manager; the old one is never shown or needed. */
export function resetPassphrase(
  app: Visitdesk,
  input: { staffId: number; passphrase: string },
): void {
  const target = account(app, input.staffId);
  if (!target.username) throw new AppFailure('NOT_FOUND', 'this staff member has no account');
  const slots = readSlotFile(app.files.keys);
  const slot = app.withKey((key) =>
    makeSlot(slots.databaseId, key, target.username!, input.passphrase, app.kdfCost),
  );
  app.db.transaction(() => {
    app.audit({ action: 'account.resetPassphrase', entity: 'staff', entityId: input.staffId });
    writeSlotFile(app.files.keys, upsertSlot(slots, slot));
  })();
}
