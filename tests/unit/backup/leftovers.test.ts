import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectOk, MANAGER, signedInCore } from '../support/core';

// A backup, restore or key rotation killed midway leaves its temporary files; the next start
// removes them, and nothing else.

describe('leftovers of killed work', () => {
  it('are removed when the database is next opened; backups and kept files stay', async () => {
    const core = await signedInCore();
    const made = expectOk(await core.invoke('backup:create', {}));
    core.app.lock('signOut');
    const dir = path.dirname(core.dbFile);
    const backups = path.join(dir, 'backups');
    const leftovers = [
      path.join(backups, 'visitdesk-20261203-223000-000.db.partial'),
      path.join(backups, 'visitdesk-20261203-223000-000.db.partial-journal'),
      `${core.dbFile}.rekey`,
      `${core.dbFile}.rekey-journal`,
      `${core.dbFile}.restoring`,
    ];
    const kept = `${core.dbFile}.replaced-20261203T223000000Z`;
    for (const file of [...leftovers, kept]) fs.writeFileSync(file, 'x');
    expectOk(await core.invoke('auth:signIn', MANAGER));
    for (const file of leftovers) expect([file, fs.existsSync(file)]).toEqual([file, false]);
    expect(fs.existsSync(kept)).toBe(true);
    expect(fs.existsSync(made.file)).toBe(true);
  });
});
