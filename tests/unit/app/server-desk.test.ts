import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createNodeCore } from '../../../electron/core/node';
import {
  makeSlot,
  newDatabaseKey,
  readSlotFile,
  upsertSlot,
  writeSlotFile,
} from '../../../electron/core/db/keyslots';
import { serverFromEnvironment } from '../../../electron/core/app/server-desk';
import { borrower } from '../cases/support';
import { expectError, expectOk, MANAGER, setupPayload, TEST_KDF, tempDir } from '../support/core';
import { addAccountOn, freshCoreOn, signedInCoreOn, switchToOn } from '../support/desk';
import type { AppDatabase } from '../support/postgres';

/**
 * A desk whose data is on a PostgreSQL server (issue 19): the app's own setup, sign-in, key
 * file, recovery and sign-out through the dispatcher, as the window and the CLI call them, on a
 * database the app's own login owns (row-level security binds it). Every row is read back from
 * the server with a connection of the test's own.
 */

/** The server's address without its password, as a desk restarted with its key file has it. */
function withoutPassword(database: AppDatabase) {
  const parsed = new URL(database.appUrl);
  parsed.password = '';
  return parsed.toString();
}

/**
 * Another desk on the same server: the first one restarted on its folder (the key file and
 * attempts), or a second one with a folder of its own. The first desk is `freshCoreOn`'s.
 */
function desk(dir: string, url: string) {
  const core = createNodeCore(path.join(dir, 'visitdesk.db'), {
    kdfCost: TEST_KDF,
    log: () => {},
    dailyBackup: false,
    server: { url },
  });
  return { ...core, close: () => close(core) };
}

/** Lets a desk's connections go, as quitting does (the afterEach does it again, harmlessly). */
async function close(core: { app: ReturnType<typeof createNodeCore>['app'] }) {
  await core.app.settle();
  core.app.lock('quit');
  await core.app.closed();
}

/** Rows on the server, read as the database's superuser (every branch, no desk involved). */
async function onServer<T extends pg.QueryResultRow>(
  database: AppDatabase,
  text: string,
): Promise<T[]> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

const auditActions = async (database: AppDatabase) =>
  (await onServer<{ action: string }>(database, 'SELECT action FROM audit_log ORDER BY id')).map(
    (r) => r.action,
  );

describe('a desk with its data on a PostgreSQL server', () => {
  it('sets up, keeps the password only encrypted, and works through the dispatcher', async () => {
    // Nothing made yet, not even `init`'s schema: setup makes it.
    const a = await freshCoreOn('postgres', {}, 'empty');
    const { dir } = a;
    const database = a.database!;
    const withPassword = database.appUrl;
    const password = decodeURIComponent(new URL(withPassword).password);
    try {
      // An empty database: the setup screen (the password is given, so the desk can tell).
      expect(expectOk(await a.invoke('auth:state', {})).phase).toBe('setup');
      const { recoveryKey } = expectOk(await a.invoke('auth:setup', setupPayload()));
      expect(recoveryKey).toMatch(/^([0-9A-F]{4}-){15}[0-9A-F]{4}$/);
      const state = expectOk(await a.invoke('auth:state', {}));
      expect(state).toMatchObject({ phase: 'unlocked', branchName: '青山农商银行石桥支行' });
      expect(state.session).toMatchObject({ username: MANAGER.username, role: 'manager' });
      expect(state.settings).toEqual({ autoLockMinutes: 10 });
      // Where the data lives, for the screens: the server and database, never the login.
      const at = new URL(withPassword);
      expect(state.server).toBe(`${at.hostname}:${at.port}/${database.name}`);
      expect(state.server).not.toContain(password);

      // No database file on this PC; the key file holds the password encrypted, never in clear.
      expect(fs.existsSync(path.join(dir, 'visitdesk.db'))).toBe(false);
      const keyFile = fs.readFileSync(path.join(dir, 'visitdesk.keys.json'), 'utf8');
      expect(keyFile).not.toContain(password);
      expect(JSON.parse(keyFile).server.password).toHaveProperty('data');
      expect((fs.statSync(path.join(dir, 'visitdesk.keys.json')).mode & 0o777).toString(8)).toBe(
        '600',
      );

      // A case written through the dispatcher is on the server, with its audit row.
      const { id } = expectOk(await a.invoke('cases:create', borrower()));
      const rows = await onServer<{ id: number; name: string; branch_id: number }>(
        database,
        'SELECT id::int AS id, name, branch_id FROM borrowers',
      );
      expect(rows).toEqual([{ id, name: '张三', branch_id: 1 }]);
      const list = expectOk(await a.invoke('cases:list', { search: '张三' }));
      expect(list.rows.map((r) => r.id)).toEqual([id]);
      expect(await auditActions(database)).toEqual(['app.setup', 'auth.signIn', 'case.create']);

      expectOk(await a.invoke('auth:signOut', {}));
      expect(expectOk(await a.invoke('auth:state', {})).phase).toBe('locked');
      expectError(await a.invoke('cases:list', {}), 'UNAUTHENTICATED');
      expect((await auditActions(database)).at(-1)).toBe('auth.signOut');
    } finally {
      await close(a);
    }

    // The desk restarted with the address alone: the key file's password opens the server.
    const again = desk(dir, withoutPassword(database));
    try {
      expect(expectOk(await again.invoke('auth:state', {})).phase).toBe('locked');
      expectError(
        await again.invoke('auth:signIn', { username: MANAGER.username, passphrase: 'wrong one' }),
        'BAD_CREDENTIALS',
      );
      expectOk(await again.invoke('auth:signIn', MANAGER));
      const verified = expectOk(await again.invoke('audit:verify', {}));
      expect(verified.ok).toBe(true);
      const integrity = expectOk(await again.invoke('audit:checkIntegrity', {}));
      expect(integrity).toMatchObject({ ok: true, problems: [], auditOk: true });
    } finally {
      await again.close();
    }
    const actions = await auditActions(database);
    expect(actions.slice(3)).toEqual(['auth.signOut', 'auth.signInFailed', 'auth.signIn']);
  });

  it('gives other accounts their slots, and checks every role on the server', async () => {
    const a = await signedInCoreOn('postgres');
    const officer = await addAccountOn(a, { username: 'liqiang', role: 'officer' });
    const session = await switchToOn(a, officer);
    expect(session).toMatchObject({ role: 'officer', staffId: officer.staffId });
    // A manager's channel, as an officer: refused and audited on the server.
    expectError(await a.invoke('settings:update', { autoLockMinutes: 30 }), 'FORBIDDEN');
    const refused = await onServer<{ action: string; entity_id: string; staff_id: number }>(
      a.database!,
      "SELECT action, entity_id, staff_id::int AS staff_id FROM audit_log WHERE action = 'access.refused'",
    );
    expect(refused).toEqual([
      { action: 'access.refused', entity_id: 'settings:update', staff_id: officer.staffId },
    ]);
  });

  it('does on the server what the server is for, and says so', async () => {
    const a = await signedInCoreOn('postgres');
    expectError(await a.invoke('backup:create', {}), 'NOT_ON_SERVER');
    expectError(await a.invoke('keys:rotate', { passphrase: MANAGER.passphrase }), 'NOT_ON_SERVER');
    // Still signed in, nothing changed.
    expect(expectOk(await a.invoke('auth:state', {})).phase).toBe('unlocked');
  });

  it('locks after the idle time and audits it on the server', async () => {
    let now = new Date('2026-11-29T02:00:00.000Z');
    const a = await signedInCoreOn('postgres', { now: () => now });
    now = new Date(now.getTime() + 9 * 60_000);
    expectOk(await a.invoke('settings:get', {}));
    now = new Date(now.getTime() + 10 * 60_000 + 1);
    expectError(await a.invoke('settings:get', {}), 'UNAUTHENTICATED');
    await a.app.closed();
    expect((await auditActions(a.database!)).at(-1)).toBe('auth.autoLock');
  });

  it('refuses a key file that does not open the server, and recovers with the recovery key', async () => {
    const a = await signedInCoreOn('postgres');
    const { dir, recoveryKey } = a;
    const database = a.database!;
    const keys = path.join(dir, 'visitdesk.keys.json');
    try {
      expectOk(await a.invoke('auth:signOut', {}));
    } finally {
      await close(a);
    }
    const before = await auditActions(database);

    // Someone who can write the key file replaces the manager's slot with one sealing a key of
    // their own choosing: the passphrase opens the slot, the server's check refuses the key.
    const genuine = fs.readFileSync(keys);
    const file = readSlotFile(keys);
    const forged = makeSlot(
      file.databaseId,
      newDatabaseKey(),
      MANAGER.username,
      'forged one',
      TEST_KDF,
    );
    writeSlotFile(keys, upsertSlot(file, forged));
    const b = desk(dir, database.appUrl);
    try {
      expectError(
        await b.invoke('auth:signIn', { username: MANAGER.username, passphrase: 'forged one' }),
        'KEYSLOTS_DAMAGED',
      );
      expect(b.app.isOpen).toBe(false);
      expect(await auditActions(database)).toEqual(before);

      // The key file lost: the desk can tell the server is set up, and asks for the recovery key.
      fs.rmSync(keys);
      const state = expectOk(await b.invoke('auth:state', {}));
      expect(state).toMatchObject({ phase: 'locked', problem: { code: 'KEYSLOTS_DAMAGED' } });
      const wrong = expectError(
        await b.invoke('auth:recover', {
          recoveryKey: recoveryKey.replace(/^./, (c) => (c === '0' ? '1' : '0')),
          username: MANAGER.username,
          passphrase: 'a new passphrase',
          confirm: 'a new passphrase',
        }),
        'WRONG_KEY',
      );
      expect(wrong.fields).toEqual({ recoveryKey: 'e.WRONG_KEY' });
      expectOk(
        await b.invoke('auth:recover', {
          recoveryKey,
          username: MANAGER.username,
          passphrase: 'a new passphrase',
          confirm: 'a new passphrase',
        }),
      );
    } finally {
      await b.close();
    }
    expect(fs.readFileSync(keys)).not.toEqual(genuine);

    // The rebuilt key file keeps the password given at recovery: the address alone now works.
    const c = desk(dir, withoutPassword(database));
    try {
      expectOk(
        await c.invoke('auth:signIn', {
          username: MANAGER.username,
          passphrase: 'a new passphrase',
        }),
      );
      expect(expectOk(await c.invoke('audit:verify', {})).ok).toBe(true);
    } finally {
      await c.close();
    }
    expect((await auditActions(database)).slice(before.length)).toEqual([
      'auth.recover',
      'auth.signIn',
    ]);
  });

  it('lets a second desk join with the recovery key and see the first desk’s writes', async () => {
    const a = await signedInCoreOn('postgres');
    const { recoveryKey } = a;
    const b = desk(tempDir(), a.database!.appUrl);
    try {
      expect(expectOk(await b.invoke('auth:state', {})).phase).toBe('locked');
      expectOk(
        await b.invoke('auth:recover', {
          recoveryKey,
          username: MANAGER.username,
          passphrase: 'desk b passphrase',
          confirm: 'desk b passphrase',
        }),
      );
      expectOk(
        await b.invoke('auth:signIn', {
          username: MANAGER.username,
          passphrase: 'desk b passphrase',
        }),
      );
      const { id } = expectOk(await a.invoke('cases:create', borrower()));
      const seen = expectOk(await b.invoke('cases:list', {}));
      expect(seen.rows.map((r) => r.id)).toEqual([id]);
    } finally {
      await b.close();
    }
  });

  it('reads the address from VISITDESK_DATABASE_URL and refuses one without verified TLS', () => {
    expect(serverFromEnvironment({})).toBeNull();
    expect(serverFromEnvironment({ VISITDESK_DATABASE_URL: '  ' })).toBeNull();
    const url = 'postgres://visitdesk@db.branch.lan/visitdesk?sslmode=verify-full';
    expect(serverFromEnvironment({ VISITDESK_DATABASE_URL: url })).toEqual({ url });
    expect(() =>
      serverFromEnvironment({
        VISITDESK_DATABASE_URL: 'postgres://visitdesk@db.branch.lan/visitdesk?sslmode=require',
      }),
    ).toThrow(expect.objectContaining({ code: 'PG_TLS_REQUIRED' }));
  });
});
