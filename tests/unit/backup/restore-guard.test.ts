import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { restoreAsManager } from '../../../electron/core/backup/restore';
import { parseRecoveryKey } from '../../../electron/core/db/keyslots';
import { openEncrypted } from '../../../electron/core/db/open';
import { nodeDriver } from '../../../electron/core/node';
import { addAccount, expectError, expectOk, MANAGER, signedInCore } from '../support/core';

// Putting a backup back erases everything written since, the audit rows of others included.
// Tried here as an attacker would: an officer who made a backup, signs out and restores it.

type Core = Awaited<ReturnType<typeof signedInCore>>;

/** A branch with an officer and a clerk, a backup, then more work after the backup. */
async function branchWithBackup() {
  const core = await signedInCore({ now: () => new Date('2026-12-03T22:30:00.000Z') });
  const officer = addAccount(core, { username: 'officer1', role: 'officer' });
  const clerk = addAccount(core, { username: 'clerk1', role: 'clerk' });
  const backup = expectOk(await core.invoke('backup:create', {}));
  // Written after the backup: a restore would erase it.
  expectOk(await core.invoke('settings:update', { autoLockMinutes: 42 }));
  core.app.lock('signOut');
  return { core, officer, clerk, backup };
}

/** Zeroes the database file; the next sign-in finds it damaged, which offers the restore. */
async function damage(core: Core) {
  const bytes = fs.readFileSync(core.dbFile);
  bytes.fill(0, 0, bytes.length);
  fs.writeFileSync(core.dbFile, bytes);
  expectError(await core.invoke('auth:signIn', MANAGER), 'DB_DAMAGED');
}

/** The last audit hash and the row count, read from the file with the recovery key. */
function headOnDisk(core: Core) {
  const db = openEncrypted(core.dbFile, parseRecoveryKey(core.recoveryKey), {
    driver: nodeDriver,
    readonly: true,
  });
  try {
    return db
      .prepare(
        'SELECT hash AS head, (SELECT count(*) FROM audit_log) AS rows FROM audit_log ORDER BY id DESC LIMIT 1',
      )
      .get() as { head: string; rows: number };
  } finally {
    db.close();
  }
}

function replacedFiles(core: Core) {
  return fs.readdirSync(path.dirname(core.dbFile)).filter((f) => f.includes('.replaced-'));
}

describe('restoring a backup', () => {
  it('is refused while the database is sound, whoever asks, and nothing is touched', async () => {
    const { core, officer } = await branchWithBackup();
    const before = fs.readFileSync(core.dbFile);
    for (const who of [officer, MANAGER]) {
      const refused = expectError(await core.invoke('auth:restoreLatestBackup', who), 'CONFLICT');
      expect(refused.fields).toEqual({ _: 'e.restore.notDamaged' });
    }
    expect(fs.readFileSync(core.dbFile).equals(before)).toBe(true);
    expect(replacedFiles(core)).toEqual([]);
    // The work written after the backup is still there.
    expectOk(await core.invoke('auth:signIn', MANAGER));
    expect(expectOk(await core.invoke('settings:get', {})).autoLockMinutes).toBe(42);
  });

  it('is the manager’s alone even when the database is damaged: an officer or clerk is refused', async () => {
    const { core, officer, clerk } = await branchWithBackup();
    await damage(core);
    const damaged = fs.readFileSync(core.dbFile);
    for (const who of [officer, clerk]) {
      const refused = expectError(await core.invoke('auth:restoreLatestBackup', who), 'FORBIDDEN');
      expect(refused.fields).toEqual({ _: 'e.restore.managerOnly' });
    }
    expect(fs.readFileSync(core.dbFile).equals(damaged)).toBe(true);
    expect(replacedFiles(core)).toEqual([]);
  });

  it('is throttled like sign-in', async () => {
    const { core } = await branchWithBackup();
    await damage(core);
    for (let i = 0; i < 5; i++) {
      expectError(
        await core.invoke('auth:restoreLatestBackup', {
          username: 'admin',
          passphrase: `guess ${i}`,
        }),
        'BAD_CREDENTIALS',
      );
    }
    // Even the right passphrase now waits.
    expectError(await core.invoke('auth:restoreLatestBackup', MANAGER), 'THROTTLED');
  });

  it('by the manager: the restored database says who restored which backup, the old file is kept', async () => {
    const { core, backup } = await branchWithBackup();
    await damage(core);
    expectOk(await core.invoke('auth:restoreLatestBackup', MANAGER));
    const kept = replacedFiles(core).filter((f) => f.startsWith('visitdesk.db.replaced-'));
    expect(kept).toHaveLength(1);
    expect(
      fs.readFileSync(path.join(path.dirname(core.dbFile), kept[0]!)).every((b) => b === 0),
    ).toBe(true);
    expectOk(await core.invoke('auth:signIn', MANAGER));
    // The backup's state: the later setting is gone, as a restore means.
    expect(expectOk(await core.invoke('settings:get', {})).autoLockMinutes).not.toBe(42);
    const rows = expectOk(await core.invoke('audit:list', { action: 'backup.restore' })).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'backup.restore',
      entityId: path.basename(backup.file),
      staffName: '王建国',
      at: '2026-12-03T22:30:00.000Z',
    });
    expect(JSON.parse(String(rows[0]!.after))).toEqual({
      backup: path.basename(backup.file),
      replaced: kept[0],
      // The damaged file could not be read: its head is unknown, and the row says so.
      replacedAuditHead: null,
      replacedAuditRows: null,
    });
    expect(expectOk(await core.invoke('audit:verify', {})).ok).toBe(true);
  });

  it('records the replaced file’s audit head when that file can still be read', async () => {
    const { core, backup } = await branchWithBackup();
    const head = headOnDisk(core);
    expect(head.rows).toBeGreaterThan(3);
    const outcome = restoreAsManager({
      from: backup.file,
      dbFile: core.dbFile,
      ...MANAGER,
      driver: nodeDriver,
      now: new Date('2026-12-03T23:00:00.000Z'),
    });
    expect(outcome.replacedHead).toEqual({ head: head.head, rows: head.rows });
    expect(outcome.replaced).toMatch(/visitdesk\.db\.replaced-20261203T230000000Z$/);
    // The replaced file is whole: it still opens with the manager's passphrase and holds the
    // setting written after the backup.
    expect(fs.existsSync(outcome.replaced!)).toBe(true);
  });
});
