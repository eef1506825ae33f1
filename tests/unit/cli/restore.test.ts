import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  makeSlot,
  readSlotFile,
  upsertSlot,
  writeSlotFile,
  parseRecoveryKey,
} from '../../../electron/core/db/keyslots';
import { dataFilesFor } from '../../../electron/core/app/paths';
import { TEST_KDF } from '../support/core';
import { cli, initBranch, openCore } from './support';

// The command line's restore is the manager's alone too, and leaves the same audit row.

describe('cli restore', () => {
  it('refuses an officer’s passphrase, and a manager’s restore is audited in the restored file', async () => {
    const { dir, db, recoveryKey } = await initBranch();
    // An officer account, added the way the accounts screen does it (a staff row and a slot).
    const core = openCore(db);
    expect(
      (await core.invoke('auth:signIn', { username: 'admin', passphrase: 'correct horse battery' }))
        .ok,
    ).toBe(true);
    const at = new Date().toISOString();
    core.app.db
      .prepare(
        "INSERT INTO staff (staff_no, name, role, username, active, created_at, updated_at) VALUES ('O1', '李', 'officer', 'li', 1, ?, ?)",
      )
      .run(at, at);
    const slots = readSlotFile(core.app.files.keys);
    writeSlotFile(
      core.app.files.keys,
      upsertSlot(
        slots,
        makeSlot(
          slots.databaseId,
          parseRecoveryKey(recoveryKey),
          'li',
          'officer passphrase',
          TEST_KDF,
        ),
      ),
    );
    core.app.lock('quit');

    const out = path.join(dir, 'copy.db');
    expect(
      (await cli(['backup', '--db', db, '--out', out, '--user', 'li'], 'officer passphrase')).code,
    ).toBe(0);
    const before = fs.readFileSync(db);
    const refused = await cli(
      ['restore', '--from', out, '--db', db, '--user', 'li', '--lang', 'en'],
      'officer passphrase',
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Only a manager may restore a backup');
    expect(fs.readFileSync(db).equals(before)).toBe(true);

    const restored = await cli(['restore', '--from', out, '--db', db, '--json']);
    expect(restored.code).toBe(0);
    const result = JSON.parse(restored.stdout) as { replaced: string; replacedAuditHead: string };
    expect(result.replaced).toMatch(/v\.db\.replaced-/);
    expect(result.replacedAuditHead).toMatch(/^[0-9a-f]{64}$/);
    const after = openCore(db);
    expect(
      (
        await after.invoke('auth:signIn', {
          username: 'admin',
          passphrase: 'correct horse battery',
        })
      ).ok,
    ).toBe(true);
    const row = after.app.db
      .prepare("SELECT entity_id, after FROM audit_log WHERE action = 'backup.restore'")
      .get() as { entity_id: string; after: string };
    expect(row.entity_id).toBe('copy.db');
    expect(JSON.parse(row.after)).toMatchObject({
      backup: 'copy.db',
      replacedAuditHead: result.replacedAuditHead,
    });
    after.app.lock('quit');
  });
});

// A wrong passphrase given to restore counts against the same throttle as the app's sign-in
// (the attempts file beside the database), and a name that must wait is refused before anything
// is read or replaced.
describe('cli restore under the sign-in throttle', () => {
  it('counts a wrong passphrase in the attempts file and refuses a throttled name', async () => {
    const { dir, db } = await initBranch();
    const out = path.join(dir, 'copy.db');
    expect((await cli(['backup', '--db', db, '--out', out])).code).toBe(0);
    const attempts = dataFilesFor(db).attempts;
    const before = fs.readFileSync(db);

    const wrong = await cli(['restore', '--from', out, '--db', db, '--lang', 'en'], 'not it');
    expect(wrong.code).toBe(1);
    const file = JSON.parse(fs.readFileSync(attempts, 'utf8')) as {
      counts: Record<string, { count: number }>;
      unaudited: { username: string; action: string }[];
    };
    expect(file.counts.admin?.count).toBe(1);
    expect(file.unaudited).toEqual([
      expect.objectContaining({ username: 'admin', action: 'backup.restoreRefused' }),
    ]);

    // Five more wrong tries as the file records them: the name now waits, even with the right
    // passphrase, and the database is untouched.
    file.counts.admin = { count: 6, until: Date.now() + 60_000 } as never;
    fs.writeFileSync(attempts, JSON.stringify(file));
    const refused = await cli(['restore', '--from', out, '--db', db, '--json', '--lang', 'en']);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stderr)).toMatchObject({ error: { code: 'THROTTLED' } });
    expect(fs.readFileSync(db).equals(before)).toBe(true);
  });
});
