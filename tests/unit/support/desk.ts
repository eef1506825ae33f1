import path from 'node:path';
import { afterEach } from 'vitest';
import { detailsOpener } from '../../../electron/core/audit/seal';
import type { Engine } from '../../../electron/core/db/engine';
import { createNodeCore } from '../../../electron/core/node';
import { expectOk, setupPayload, TEST_KDF, tempDir } from './core';
import type { Role } from '../../../electron/shared/roles';
import type { EngineKind } from './engines';
import { freshAppDatabase } from './postgres';
import { migratedAppDatabase } from './postgres-template';

/**
 * The app's core as a test's desk on either engine, through the dispatcher as the window calls
 * it: this PC's encrypted file in a temp folder, or a desk whose data is on a fresh database of
 * the tests' PostgreSQL cluster owned by a login of its own (row-level security binds it), its
 * key file in a temp folder. Closed, and the database dropped, after each test.
 *
 * The server's database has the schema `init` makes (a copy of a migrated template:
 * support/postgres-template.ts) and no branch yet, as a bank's IT hands it over after `init`;
 * setup's own migration then has nothing to do. `database: 'empty'` gives an empty one instead,
 * for the tests of setting up where nothing was made (app/server-desk.test.ts).
 */

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

type Options = Parameters<typeof createNodeCore>[1];

/** A core not yet set up, on `kind`. */
export async function freshCoreOn(
  kind: EngineKind,
  options: Options = {},
  database: 'initialised' | 'empty' = 'initialised',
) {
  const dir = tempDir();
  const server =
    kind !== 'postgres'
      ? null
      : database === 'empty'
        ? await freshAppDatabase()
        : await migratedAppDatabase();
  const core = createNodeCore(path.join(dir, 'visitdesk.db'), {
    kdfCost: TEST_KDF,
    log: () => {},
    dailyBackup: false,
    ...(server ? { server: { url: server.appUrl } } : {}),
    ...options,
  });
  cleanups.push(async () => {
    try {
      await core.app.settle();
      core.app.lock('quit');
      await core.app.closed();
    } finally {
      await server?.drop();
    }
  });
  return { ...core, dir, database: server };
}

/** A core on `kind`, set up and signed in as the manager; with the recovery key. */
export async function signedInCoreOn(kind: EngineKind, options: Options = {}) {
  const core = await freshCoreOn(kind, options);
  const { recoveryKey } = expectOk(await core.invoke('auth:setup', setupPayload()));
  return { ...core, recoveryKey };
}

type DeskCore = Awaited<ReturnType<typeof freshCoreOn>>;

/**
 * A staff member of `role` with an account, made through the dispatcher as the manager makes
 * them on the screens (staff:create, accounts:create), on either engine. Call as the manager.
 * The name and staff number are the username's unless given.
 */
export async function addAccountOn(
  core: Pick<DeskCore, 'invoke'>,
  account: { username: string; role: Role; passphrase?: string; name?: string; staffNo?: string },
): Promise<{ username: string; passphrase: string; staffId: number }> {
  const passphrase = account.passphrase ?? `${account.username} passphrase`;
  const staff = expectOk(
    await core.invoke('staff:create', {
      staffNo: account.staffNo ?? `S-${account.username}`.slice(0, 20),
      name: account.name ?? account.username,
      role: account.role,
    }),
  );
  expectOk(
    await core.invoke('accounts:create', {
      staffId: staff.id,
      username: account.username,
      passphrase,
      confirm: passphrase,
    }),
  );
  return { username: account.username, passphrase, staffId: staff.id };
}

/** Signs whoever is in out (its row written) and `account` in, on either engine. */
export async function switchToOn(
  core: DeskCore,
  account: { username: string; passphrase: string },
) {
  core.app.lock('signOut');
  await core.app.closed();
  return expectOk(await core.invoke('auth:signIn', account));
}

/**
 * addAccountOn with the staff member's name and number as the test gives them, on either engine.
 * Call as the manager.
 */
export function staffAccountOn(
  core: DeskCore,
  account: { username: string; role: Role; name: string; staffNo: string },
): Promise<{ username: string; passphrase: string; staffId: number }> {
  return addAccountOn(core, account);
}

/**
 * The audit rows of `action` on `entityId`, oldest first, with their details opened as the
 * viewer opens them (sealed ones with their borrower's key), read on the app's engine.
 */
export async function auditRowsOn(engine: Engine, action: string, entityId: number) {
  const rows = await engine.db
    .selectFrom('audit_log')
    .select(['staff_id', 'before', 'after'])
    .where('action', '=', action)
    .where('entity_id', '=', String(entityId))
    .orderBy('id')
    .execute();
  const open = await detailsOpener(
    engine.db,
    rows.flatMap((r) => [r.before, r.after]),
  );
  const details = (text: string | null): Record<string, unknown> | null => {
    if (text === null) return null;
    const opened = open(text);
    if (opened.state === 'anonymised') throw new Error('audit details shredded');
    return JSON.parse(opened.text) as Record<string, unknown>;
  };
  return rows.map((r) => ({
    staffId: r.staff_id,
    before: details(r.before),
    after: details(r.after),
  }));
}
