import crypto from 'node:crypto';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SignInThrottle } from '../../../electron/core/auth/throttle';
import {
  expectError,
  expectOk,
  freshCore,
  MANAGER,
  setupPayload,
  signedInCore,
} from '../support/core';

const digest = (file: string) =>
  crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('first-run setup', () => {
  it('creates the branch and manager, signs in, and returns the recovery key once', async () => {
    const core = freshCore();
    expect(expectOk(await core.invoke('auth:state', {})).phase).toBe('setup');
    const { recoveryKey } = expectOk(await core.invoke('auth:setup', setupPayload()));
    expect(recoveryKey).toMatch(/^([0-9A-F]{4}-){15}[0-9A-F]{4}$/);
    const state = expectOk(await core.invoke('auth:state', {}));
    expect(state).toMatchObject({ phase: 'unlocked', branchName: '青山农商银行石桥支行' });
    expect(state.session).toMatchObject({ username: 'admin', role: 'manager', staffNo: 'M001' });
    expectError(await core.invoke('auth:setup', setupPayload()), 'ALREADY_SET_UP');
  });

  it('rejects a short passphrase and a mismatched confirmation with field errors', async () => {
    const core = freshCore();
    const short = expectError(
      await core.invoke('auth:setup', setupPayload({ passphrase: 'short', confirm: 'short' })),
      'VALIDATION',
    );
    expect(short.fields).toMatchObject({ 'manager.passphrase': 'v.passphraseShort' });
    const mismatch = expectError(
      await core.invoke('auth:setup', setupPayload({ confirm: 'something else entirely' })),
      'VALIDATION',
    );
    expect(mismatch.fields).toMatchObject({ 'manager.confirm': 'v.passphraseMismatch' });
    expect(fs.existsSync(core.dbFile)).toBe(false);
  });
});

describe('sign-in', () => {
  it('a wrong passphrase gets a clear message and writes nothing', async () => {
    const core = await signedInCore();
    expectOk(await core.invoke('auth:signOut', {}));
    const before = [digest(core.dbFile), digest(core.app.files.keys)];
    const error = expectError(
      await core.invoke('auth:signIn', { username: 'admin', passphrase: 'not the passphrase' }),
      'BAD_CREDENTIALS',
    );
    expect(error.message).toMatch(/wrong user name or passphrase/);
    expect([digest(core.dbFile), digest(core.app.files.keys)]).toEqual(before);
    expect(fs.existsSync(core.app.files.marker)).toBe(false);
  });

  it('an unknown user gets the same message as a wrong passphrase', async () => {
    const core = await signedInCore();
    expectOk(await core.invoke('auth:signOut', {}));
    const unknown = expectError(
      await core.invoke('auth:signIn', { username: 'nobody', passphrase: MANAGER.passphrase }),
      'BAD_CREDENTIALS',
    );
    const wrong = expectError(
      await core.invoke('auth:signIn', { username: 'admin', passphrase: 'wrong passphrase' }),
      'BAD_CREDENTIALS',
    );
    expect(unknown.message).toBe(wrong.message);
  });

  it('audits failed attempts at the next successful sign-in', async () => {
    const core = await signedInCore();
    expectOk(await core.invoke('auth:signOut', {}));
    expectError(
      await core.invoke('auth:signIn', { username: 'admin', passphrase: 'wrong passphrase' }),
      'BAD_CREDENTIALS',
    );
    expectOk(await core.invoke('auth:signIn', MANAGER));
    const actions = core.app.db.prepare('SELECT action, success FROM audit_log ORDER BY id').all();
    expect(actions).toEqual([
      { action: 'app.setup', success: 1 },
      { action: 'auth.signIn', success: 1 },
      { action: 'auth.signOut', success: 1 },
      { action: 'auth.signInFailed', success: 0 },
      { action: 'auth.signIn', success: 1 },
    ]);
  });

  it('slows down after five wrong tries', async () => {
    let now = 1_000_000;
    const throttle = new SignInThrottle(() => now);
    for (let i = 0; i < 4; i++) throttle.fail('admin');
    expect(throttle.waitMs('admin')).toBe(0);
    throttle.fail('admin');
    expect(throttle.waitMs('admin')).toBe(2000);
    throttle.fail('admin');
    expect(throttle.waitMs('admin')).toBe(4000);
    now += 4000;
    expect(throttle.waitMs('admin')).toBe(0);
    throttle.succeed('admin');
    expect(throttle.waitMs('admin')).toBe(0);
  });

  it('refuses tries during the delay with THROTTLED, without checking the passphrase', async () => {
    const core = await signedInCore();
    expectOk(await core.invoke('auth:signOut', {}));
    for (let i = 0; i < 5; i++) {
      expectError(
        await core.invoke('auth:signIn', { username: 'admin', passphrase: `wrong ${i} xxxxx` }),
        'BAD_CREDENTIALS',
      );
    }
    const throttled = expectError(await core.invoke('auth:signIn', MANAGER), 'THROTTLED');
    expect(throttled.details?.waitSeconds).toBeGreaterThan(0);
  });

  it('signing out closes the database and locks every channel', async () => {
    const core = await signedInCore();
    expectOk(await core.invoke('auth:signOut', {}));
    expect(core.app.isOpen).toBe(false);
    expect(expectOk(await core.invoke('auth:state', {})).phase).toBe('locked');
    expectError(await core.invoke('settings:branch', {}), 'UNAUTHENTICATED');
  });

  it('locks after the idle time set for the branch', async () => {
    let now = Date.parse('2026-11-02T09:00:00+08:00');
    const core = freshCore({ now: () => new Date(now) });
    expectOk(await core.invoke('auth:setup', setupPayload()));
    expectOk(await core.invoke('settings:update', { autoLockMinutes: 5 }));
    now += 4 * 60_000;
    expectOk(await core.invoke('settings:branch', {}));
    now += 5 * 60_000 + 1;
    expectError(await core.invoke('settings:branch', {}), 'UNAUTHENTICATED');
    expect(core.app.isOpen).toBe(false);
  });
});

describe('passphrases and the recovery key', () => {
  it('changing the passphrase re-wraps the slot: the old one stops working', async () => {
    const core = await signedInCore();
    expectError(
      await core.invoke('auth:changePassphrase', {
        current: 'not it at all',
        next: 'a brand new passphrase',
        confirm: 'a brand new passphrase',
      }),
      'BAD_CREDENTIALS',
    );
    expectOk(
      await core.invoke('auth:changePassphrase', {
        current: MANAGER.passphrase,
        next: 'a brand new passphrase',
        confirm: 'a brand new passphrase',
      }),
    );
    expectOk(await core.invoke('auth:signOut', {}));
    expectError(await core.invoke('auth:signIn', MANAGER), 'BAD_CREDENTIALS');
    expectOk(
      await core.invoke('auth:signIn', { username: 'admin', passphrase: 'a brand new passphrase' }),
    );
  });

  it('the recovery key rebuilds a lost key file and sets a new passphrase', async () => {
    const core = await signedInCore();
    expectOk(await core.invoke('auth:signOut', {}));
    fs.rmSync(core.app.files.keys);
    const state = expectOk(await core.invoke('auth:state', {}));
    expect(state.phase).toBe('locked');
    expect(state.problem?.code).toBe('KEYSLOTS_DAMAGED');
    expectError(await core.invoke('auth:signIn', MANAGER), 'KEYSLOTS_DAMAGED');
    const wrongKey = '0000-'.repeat(15) + '0000';
    expectError(
      await core.invoke('auth:recover', {
        recoveryKey: wrongKey,
        username: 'admin',
        passphrase: 'recovered passphrase',
        confirm: 'recovered passphrase',
      }),
      'WRONG_KEY',
    );
    expectOk(
      await core.invoke('auth:recover', {
        recoveryKey: core.recoveryKey,
        username: 'admin',
        passphrase: 'recovered passphrase',
        confirm: 'recovered passphrase',
      }),
    );
    expectOk(
      await core.invoke('auth:signIn', { username: 'admin', passphrase: 'recovered passphrase' }),
    );
    const rows = core.app.db.prepare('SELECT count(*) AS n FROM branch').get() as { n: number };
    expect(rows.n).toBe(1);
  });
});
