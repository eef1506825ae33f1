import { describe, expect, it } from 'vitest';
import { readSlotFile } from '../../../electron/core/db/keyslots';
import {
  addAccount,
  expectError,
  expectOk,
  MANAGER,
  signedInCore,
  switchTo,
} from '../support/core';

function addStaff(
  core: Awaited<ReturnType<typeof signedInCore>>,
  staffNo: string,
  role = 'officer',
) {
  const at = new Date().toISOString();
  return Number(
    core.app.db
      .prepare(
        'INSERT INTO staff (staff_no, name, role, active, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)',
      )
      .run(staffNo, `员工${staffNo}`, role, at, at).lastInsertRowid,
  );
}

describe('sign-in accounts', () => {
  it('the manager creates an account that can sign in, audited', async () => {
    const core = await signedInCore();
    const staffId = addStaff(core, 'C007');
    const created = expectOk(
      await core.invoke('accounts:create', {
        staffId,
        username: 'liqiang',
        passphrase: 'officer passphrase',
        confirm: 'officer passphrase',
      }),
    );
    expect(created).toMatchObject({
      staffId,
      username: 'liqiang',
      canSignIn: true,
      role: 'officer',
    });
    const audit = core.app.db
      .prepare("SELECT entity_id FROM audit_log WHERE action = 'account.create'")
      .get();
    expect(audit).toEqual({ entity_id: String(staffId) });
    const session = await switchTo(core, { username: 'liqiang', passphrase: 'officer passphrase' });
    expect(session).toMatchObject({ staffNo: 'C007', role: 'officer' });
  });

  it('refuses a taken user name and a second account for the same person', async () => {
    const core = await signedInCore();
    const staffId = addStaff(core, 'C008');
    const taken = expectError(
      await core.invoke('accounts:create', {
        staffId,
        username: 'admin',
        passphrase: 'officer passphrase',
        confirm: 'officer passphrase',
      }),
      'CONFLICT',
    );
    expect(taken.fields).toEqual({ username: 'e.CONFLICT' });
    expectOk(
      await core.invoke('accounts:create', {
        staffId,
        username: 'zhao',
        passphrase: 'officer passphrase',
        confirm: 'officer passphrase',
      }),
    );
    expectError(
      await core.invoke('accounts:create', {
        staffId,
        username: 'zhao2',
        passphrase: 'officer passphrase',
        confirm: 'officer passphrase',
      }),
      'CONFLICT',
    );
  });

  it('disabling removes the key slot; the old passphrase opens nothing', async () => {
    const core = await signedInCore();
    const officer = addAccount(core, { username: 'wang', role: 'officer' });
    const disabled = expectOk(await core.invoke('accounts:disable', { staffId: officer.staffId }));
    expect(disabled).toMatchObject({ username: null, canSignIn: false });
    expect(readSlotFile(core.app.files.keys).slots.map((s) => s.username)).toEqual(['admin']);
    core.app.lock('signOut');
    expectError(await core.invoke('auth:signIn', officer), 'BAD_CREDENTIALS');
    expectOk(await core.invoke('auth:signIn', MANAGER));
    expectError(await core.invoke('accounts:disable', { staffId: 1 }), 'CONFLICT');
  });

  it('a reset passphrase replaces the old one without revealing it', async () => {
    const core = await signedInCore();
    const officer = addAccount(core, { username: 'sun', role: 'officer' });
    expectOk(
      await core.invoke('accounts:resetPassphrase', {
        staffId: officer.staffId,
        passphrase: 'reset by manager',
        confirm: 'reset by manager',
      }),
    );
    core.app.lock('signOut');
    expectError(await core.invoke('auth:signIn', officer), 'BAD_CREDENTIALS');
    expectOk(await core.invoke('auth:signIn', { username: 'sun', passphrase: 'reset by manager' }));
  });

  it('only the manager administers accounts', async () => {
    const core = await signedInCore();
    const clerk = addAccount(core, { username: 'clerk1', role: 'clerk' });
    await switchTo(core, clerk);
    expectError(await core.invoke('accounts:list', {}), 'FORBIDDEN');
    expectError(
      await core.invoke('accounts:resetPassphrase', {
        staffId: 1,
        passphrase: 'take over now',
        confirm: 'take over now',
      }),
      'FORBIDDEN',
    );
  });
});
