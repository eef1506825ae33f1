import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRecoveryKey } from '../../../electron/core/db/keyslots';
import { openEncrypted } from '../../../electron/core/db/open';
import { nodeDriver } from '../../../electron/core/node';
import { expectOk, MANAGER, signedInCore } from '../support/core';
import { crashOnce, KILLS, killDelays } from '../support/crash';

// A restore swaps files. Killed at any moment of the swap, the folder still holds a database:
// the old one or the restored one, whole, never none and never half.

// Each kill starts a fresh writer process; a dozen keeps the suite's time in hand.
const RESTORE_KILLS = Math.min(KILLS, 12);

describe('kill -9 while a backup is being restored', () => {
  it(`leaves a whole database in place after each of ${RESTORE_KILLS} kills`, async () => {
    const core = await signedInCore();
    const a = expectOk(await core.invoke('backup:create', {}));
    expectOk(await core.invoke('settings:update', { autoLockMinutes: 33 }));
    const b = expectOk(await core.invoke('backup:create', {}));
    core.app.lock('signOut');
    const key = parseRecoveryKey(core.recoveryKey);
    const seen = new Set<number>();
    for (const delay of killDelays(RESTORE_KILLS, 4242, 150, 900)) {
      await crashOnce(
        path.join(__dirname, 'restore-writer.ts'),
        [core.dbFile, a.file, b.file, MANAGER.passphrase],
        delay,
      );
      expect(fs.existsSync(core.dbFile)).toBe(true);
      const db = openEncrypted(core.dbFile, key, { driver: nodeDriver, readonly: true });
      try {
        expect(db.pragma('quick_check', { simple: true })).toBe('ok');
        const row = db.prepare("SELECT value FROM settings WHERE key = 'autoLockMinutes'").get() as
          { value: string } | undefined;
        seen.add(row ? Number(JSON.parse(row.value)) : 10);
      } finally {
        db.close();
      }
    }
    // Only the two backups' states (10 minutes by default, 33 after the change) are ever found.
    expect([...seen].every((m) => m === 10 || m === 33)).toBe(true);
  }, 600_000);
});
