import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/core';
import { cli, openCore } from './support';

// verify names a removed tail, checked against the signed checkpoints and against heads that
// were carried out of the PC (--head, --heads).

describe('cli verify with checkpoints and outside heads', () => {
  it('holds on a sound file and names the missing tail after the last rows are deleted', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'v.db');
    await cli(['init', '--db', db, '--branch-name', 'B', '--branch-code', 'B1']);
    const core = openCore(db);
    const signIn = await core.invoke('auth:signIn', {
      username: 'admin',
      passphrase: 'correct horse battery',
    });
    expect(signIn.ok).toBe(true);
    const made = await core.invoke('audit:checkpoint', {});
    if (!made.ok) throw new Error(made.error.message);
    const head = made.data.head;
    core.app.lock('quit');

    const sound = await cli(['verify', '--db', db, '--head', head, '--lang', 'en']);
    expect(sound.code).toBe(0);
    expect(sound.stdout).toContain('1 signed checkpoints and 1 outside heads all match');

    // Someone with the key deletes the tail: the checkpoint's own row and the ones before it.
    const again = openCore(db);
    await again.invoke('auth:signIn', { username: 'admin', passphrase: 'correct horse battery' });
    again.app.db.exec('DROP TRIGGER audit_log_no_delete');
    again.app.db.prepare('DELETE FROM audit_log WHERE id >= ?').run(made.data.rows - 1);
    again.app.lock('quit');
    const headsFile = path.join(dir, 'heads.txt');
    fs.writeFileSync(headsFile, `# printed on the backup sheet\n${head}\n`);
    const broken = await cli([
      'verify',
      '--db',
      db,
      '--heads',
      headsFile,
      '--lang',
      'en',
      '--json',
    ]);
    expect(broken.code).toBe(1);
    const report = JSON.parse(broken.stdout) as {
      ok: boolean;
      checkpoints: { source: string; verdict: string; missingRows: number | null }[];
      heads: { hash: string; foundAtId: number | null }[];
    };
    expect(report.ok).toBe(false);
    expect(report.heads).toEqual([{ hash: head, foundAtId: null }]);
    const fromFile = report.checkpoints.find((c) => c.source === 'file');
    expect(fromFile?.verdict).toBe('tailMissing');
    // Each sign-in appends rows again; once the chain has grown past the checkpoint's count, the
    // row at that count is a different one: the checkpoint now says the rows were rewritten.
    const told = await cli(['verify', '--db', db, '--head', head, '--lang', 'en']);
    expect(told.code).toBe(1);
    expect(told.stdout).toContain(`row ${made.data.rows} differs from the checkpoint of`);
    expect(told.stdout).toContain(`the outside head ${head} is not in the audit chain`);
  });
});
