import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, initBranch, openCore } from './support';

const EN = { LANG: 'en_US.UTF-8' };
const PASSPHRASE = 'correct horse battery';
const NEW = 'a brand new passphrase';

async function branch() {
  const { dir, db, recoveryKey } = await initBranch();
  return { dir, db, keys: path.join(dir, 'v.keys.json'), recoveryKey };
}

/** The audit rows of the recovery, read as the manager with the new passphrase. */
async function recoveries(db: string) {
  const core = openCore(db);
  expect((await core.invoke('auth:signIn', { username: 'admin', passphrase: NEW })).ok).toBe(true);
  const rows = core.app.db
    .prepare("SELECT action, entity, success FROM audit_log WHERE action = 'auth.recover'")
    .all();
  core.app.lock('quit');
  return rows;
}

describe('cli recover: the recovery key sets a new passphrase, as the sign-in screen does', () => {
  it('a forgotten passphrase: the key from the environment, the new passphrase too; audited', async () => {
    const { db, recoveryKey } = await branch();
    const env = { ...EN, VISITDESK_RECOVERY_KEY: recoveryKey, VISITDESK_NEW_PASSPHRASE: NEW };
    const done = await cli(['recover', '--db', db, '--user', 'admin'], '', env);
    expect(done.code).toBe(0);
    expect(done.stdout).toBe(
      `Set a new passphrase for the account admin of ${db} with the recovery key; the audit log records it.`,
    );
    expect((await cli(['stats', '--db', db], PASSPHRASE)).stderr).toBe(
      '错误：用户名或口令不正确。',
    );
    expect((await cli(['stats', '--db', db], NEW)).code).toBe(0);
    expect(await recoveries(db)).toEqual([{ action: 'auth.recover', entity: 'staff', success: 1 }]);
  });

  it('a lost key file is rebuilt, and the line says the other accounts need the key too', async () => {
    const { db, keys, recoveryKey } = await branch();
    fs.rmSync(keys);
    const zh = await cli(['recover', '--db', db, '--recovery-key', recoveryKey], '', {
      VISITDESK_NEW_PASSPHRASE: NEW,
    });
    expect(zh.code).toBe(0);
    expect(zh.stdout).toBe(
      `已用恢复密钥为 ${db} 的账户 admin 设置新口令，并记入审计日志；密钥文件 ${keys} 已重建，其他账户也要用恢复密钥设置新口令。`,
    );
    expect(fs.existsSync(keys)).toBe(true);
    const json = await cli(['recover', '--db', db, '--recovery-key', recoveryKey, '--json'], '', {
      VISITDESK_NEW_PASSPHRASE: NEW,
    });
    expect(JSON.parse(json.stdout)).toEqual({ db, user: 'admin', keyFileRebuilt: false, keys });
    expect(await recoveries(db)).toHaveLength(2);
  });

  it('a wrong key, a mistyped key, an unknown account, a short passphrase, nothing to ask on', async () => {
    const { db, keys, recoveryKey } = await branch();
    const before = fs.readFileSync(keys, 'utf8');
    const run = (args: string[], env: NodeJS.ProcessEnv) =>
      cli(['recover', '--db', db, ...args], '', { VISITDESK_NEW_PASSPHRASE: NEW, ...env });
    const other = `${recoveryKey[0] === 'A' ? 'B' : 'A'}${recoveryKey.slice(1)}`;
    const wrong = await run(['--recovery-key', other], EN);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe(
      `Error: This recovery key does not open ${db}: check it against the printed recovery key.`,
    );
    expect((await run([], { VISITDESK_RECOVERY_KEY: '1234-ABCD' })).stderr).toBe(
      '错误：恢复密钥的格式不对：它是 64 位十六进制数字（可按四位一组用连字符分隔）。',
    );
    expect((await run(['--recovery-key', recoveryKey, '--user', 'lihua'], EN)).stderr).toBe(
      `Error: ${db} has no active account named lihua: give the account’s user name with --user.`,
    );
    expect(
      (await run(['--recovery-key', recoveryKey], { VISITDESK_NEW_PASSPHRASE: 'short' })).stderr,
    ).toBe('错误：新口令不能用：口令至少 10 个字符。');
    expect((await run([], EN)).stderr).toBe(
      'Error: Give the recovery key with --recovery-key or VISITDESK_RECOVERY_KEY (there is no terminal to ask on).',
    );
    const noNew = await cli(['recover', '--db', db, '--recovery-key', recoveryKey], '', EN);
    expect(noNew.stderr).toBe(
      'Error: Set VISITDESK_NEW_PASSPHRASE to the new passphrase (there is no terminal to ask on).',
    );
    // None of these touched the key file; the old passphrase still opens.
    expect(fs.readFileSync(keys, 'utf8')).toBe(before);
    expect((await cli(['stats', '--db', db], PASSPHRASE)).code).toBe(0);
  });
});
