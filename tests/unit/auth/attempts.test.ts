import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNodeCore } from '../../../electron/core/node';
import { cli } from '../cli/support';
import { expectError, expectOk, MANAGER, signedInCore, TEST_KDF } from '../support/core';

// Wrong passphrases are limited across processes and restarts: the counts live in a small
// owner-only file beside the key slots, and the failures are audited at the next sign-in.

describe('failed sign-in attempts', () => {
  it('count across processes and restarts, and are audited at the next sign-in', async () => {
    let now = Date.parse('2026-12-03T22:30:00.000Z');
    const clock = () => new Date(now);
    const app = await signedInCore({ now: clock });
    app.app.lock('signOut');
    // Another process on the same database: the command line, three wrong tries.
    for (let i = 0; i < 3; i++) {
      const out = await cli(['stats', '--db', app.dbFile, '--lang', 'en'], `wrong ${i}`);
      expect(out.code).toBe(1);
    }
    // A fresh instance (the app restarted) adds two more: the fifth starts the delay.
    const restarted = createNodeCore(app.dbFile, {
      kdfCost: TEST_KDF,
      dailyBackup: false,
      log: () => {},
      now: clock,
    });
    for (let i = 0; i < 2; i++) {
      expectError(
        await restarted.invoke('auth:signIn', { username: 'admin', passphrase: `again ${i}` }),
        'BAD_CREDENTIALS',
      );
    }
    // The first instance, which saw none of these, now makes even the right passphrase wait.
    const waiting = expectError(await app.invoke('auth:signIn', MANAGER), 'THROTTLED');
    expect(waiting.details).toEqual({ waitSeconds: 2 });
    const file = path.join(path.dirname(app.dbFile), 'visitdesk.attempts.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    now += 2_000;
    expectOk(await app.invoke('auth:signIn', MANAGER));
    const failed = expectOk(await app.invoke('audit:list', { action: 'auth.signInFailed' })).rows;
    expect(failed).toHaveLength(5);
    expect(failed.every((r) => r.entityId === 'admin' && r.success === false)).toBe(true);
    // Audited once: the file no longer holds them, and the count for admin is cleared.
    const left = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      unaudited: unknown[];
      counts: Record<string, unknown>;
    };
    expect(left.unaudited).toEqual([]);
    expect(left.counts.admin).toBeUndefined();
    restarted.app.lock('quit');
  });
});
