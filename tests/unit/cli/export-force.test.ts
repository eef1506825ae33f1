import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAfterAudit } from '../../../electron/cli/output-file';
import { tempDir } from '../support/core';
import { cli, openCore } from './support';

const EN = { LANG: 'en_US.UTF-8' };
const PASSPHRASE = 'correct horse battery';

async function exportRows(db: string): Promise<number> {
  const core = openCore(db);
  await core.invoke('auth:signIn', { username: 'admin', passphrase: PASSPHRASE });
  const row = core.app.db
    .prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'cases.export'")
    .get() as { n: number };
  core.app.lock('quit');
  return row.n;
}

describe('export-cases never replaces a file silently, and audits before the file appears', () => {
  it('refuses an existing --out without --force (nothing audited), replaces it with --force', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'v.db');
    await cli(['init', '--db', db, '--branch-name', 'B', '--branch-code', 'B1']);
    const out = path.join(dir, 'cases.csv');
    fs.writeFileSync(out, 'the head office’s own notes\n');
    const args = ['export-cases', '--db', db, '--out', out, '--purpose', '报总行'];
    const refused = await cli(args);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `错误：${out} 已存在：请用 --out 给出另一个文件，或加上 --force 覆盖它。`,
    );
    expect((await cli(args, PASSPHRASE, EN)).stderr).toBe(
      `Error: ${out} already exists: give another file with --out, or add --force to replace it.`,
    );
    expect(fs.readFileSync(out, 'utf8')).toBe('the head office’s own notes\n');
    expect(await exportRows(db)).toBe(0);

    const forced = await cli([...args, '--force', '--json']);
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.stdout)).toEqual({ file: out, rows: 0 });
    expect(fs.readFileSync(out, 'utf8').startsWith('\uFEFF"姓名"')).toBe(true);
    expect(await exportRows(db)).toBe(1);
    // No hidden partial file is left beside it.
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('the export (and its audit row) comes while the file is not yet there; a refused one leaves no file', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'cases.csv');
    const seen: boolean[] = [];
    await writeAfterAudit(out, false, async () => {
      seen.push(fs.existsSync(out));
      return Buffer.from('a,b\r\n');
    });
    expect(seen).toEqual([false]);
    expect(fs.readFileSync(out, 'utf8')).toBe('a,b\r\n');
    expect((fs.statSync(out).mode & 0o777).toString(8)).toBe('600');

    const other = path.join(dir, 'other.csv');
    await expect(
      writeAfterAudit(other, false, () => Promise.reject(new Error('export refused'))),
    ).rejects.toThrow('export refused');
    expect(fs.readdirSync(dir)).toEqual(['cases.csv']);

    // Without --force a file that is there stays, and nothing is exported; with it, replaced.
    let asked = 0;
    const exported = async () => {
      asked += 1;
      return Buffer.from('new');
    };
    await expect(writeAfterAudit(out, false, exported)).rejects.toThrow(/already exists/);
    expect(asked).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toBe('a,b\r\n');
    await writeAfterAudit(out, true, exported);
    expect(fs.readFileSync(out, 'utf8')).toBe('new');
    expect(fs.readdirSync(dir)).toEqual(['cases.csv']);

    // A folder that is not there fails before the export is asked for.
    await expect(
      writeAfterAudit(path.join(dir, 'missing', 'x.csv'), false, exported),
    ).rejects.toThrow(/ENOENT/);
    expect(asked).toBe(1);
  });
});
