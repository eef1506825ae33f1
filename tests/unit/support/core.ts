import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { MANAGER, setupPayload, TEST_KDF } from './setup';
import { createNodeCore } from '../../../electron/core/node';
import type { Result } from '../../../electron/shared/result';
import type { Role } from '../../../electron/shared/roles';
import {
  makeSlot,
  parseRecoveryKey,
  readSlotFile,
  upsertSlot,
  writeSlotFile,
} from '../../../electron/core/db/keyslots';

export { MANAGER, setupPayload, TEST_KDF };

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

export function tempDir(prefix = 'visitdesk-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A core over a fresh encrypted database in a temp folder, not yet set up. */
export function freshCore(options: Parameters<typeof createNodeCore>[1] = {}) {
  const dir = tempDir();
  const dbFile = path.join(dir, 'visitdesk.db');
  const core = createNodeCore(dbFile, {
    kdfCost: TEST_KDF,
    log: () => {},
    dailyBackup: false,
    ...options,
  });
  cleanups.push(async () => {
    await core.app.settle();
    core.app.lock('quit');
  });
  return { ...core, dir, dbFile };
}

/** A core that is set up and signed in as the manager; returns the recovery key too. */
export async function signedInCore(options: Parameters<typeof createNodeCore>[1] = {}) {
  const core = freshCore(options);
  const setup = expectOk(await core.invoke('auth:setup', setupPayload()));
  return { ...core, recoveryKey: (setup as { recoveryKey: string }).recoveryKey };
}

export function expectOk<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.data;
}

export function expectError<T>(result: Result<T>, code: string) {
  if (result.ok) throw new Error(`expected ${code}, got ok`);
  if (result.error.code !== code) {
    throw new Error(`expected ${code}, got ${result.error.code}: ${result.error.message}`);
  }
  return result.error;
}

/**
 * Adds a staff account with a key slot directly (the staff screens come later), so tests can
 * sign in as other roles. Call while signed in.
 */
export function addAccount(
  core: Awaited<ReturnType<typeof signedInCore>>,
  account: { username: string; role: Role; passphrase?: string; name?: string; staffNo?: string },
): { username: string; passphrase: string; staffId: number } {
  const passphrase = account.passphrase ?? `${account.username} passphrase`;
  const at = new Date().toISOString();
  const info = core.app.db
    .prepare(
      'INSERT INTO staff (staff_no, name, role, username, active, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)',
    )
    .run(
      account.staffNo ?? `S-${account.username}`,
      account.name ?? account.username,
      account.role,
      account.username,
      at,
      at,
    );
  const slots = readSlotFile(core.app.files.keys);
  const key = parseRecoveryKey(core.recoveryKey);
  writeSlotFile(
    core.app.files.keys,
    upsertSlot(slots, makeSlot(slots.databaseId, key, account.username, passphrase, TEST_KDF)),
  );
  return { username: account.username, passphrase, staffId: Number(info.lastInsertRowid) };
}

/** Signs out whoever is in and signs in as `account`. */
export async function switchTo(
  core: Awaited<ReturnType<typeof signedInCore>>,
  account: { username: string; passphrase: string },
) {
  core.app.lock('signOut');
  return expectOk(await core.invoke('auth:signIn', account));
}
