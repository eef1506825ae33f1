import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseFileProblem } from '../../../electron/cli/database-file';
import { tempDir } from '../support/core';
import { cli } from './support';

const EN = { LANG: 'en_US.UTF-8' };
const PASSPHRASE = 'correct horse battery';

async function branch() {
  const dir = tempDir();
  const db = path.join(dir, 'v.db');
  await cli(['init', '--db', db, '--branch-name', 'B', '--branch-code', 'B1']);
  return { dir, db };
}

// "Key file missing; use the recovery key" was said of every wrong path; now each says what it is.

describe('a --db or --from that is not a Visitdesk database says what it is', () => {
  it('a folder, a text file, an unencrypted SQLite file, a database without its key file', async () => {
    const { dir, db } = await branch();
    const folder = await cli(['stats', '--db', dir]);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toBe(
      `错误：${dir} 是一个文件夹，不是数据库文件：请用 --db 给出数据库文件本身。`,
    );

    const text = path.join(dir, 'notes.db');
    fs.writeFileSync(text, 'hello\n');
    expect((await cli(['stats', '--db', text], PASSPHRASE, EN)).stderr).toBe(
      `Error: ${text} is not a Visitdesk database: the file is not a database at all.`,
    );
    expect((await cli(['stats', '--db', text])).stderr).toBe(
      `错误：${text} 不是 Visitdesk 数据库：这个文件根本不是数据库。`,
    );

    const plain = path.join(dir, 'plain.db');
    const header = Buffer.alloc(4096);
    header.write('SQLite format 3\0', 'latin1');
    fs.writeFileSync(plain, header);
    expect((await cli(['stats', '--db', plain], PASSPHRASE, EN)).stderr).toBe(
      `Error: ${plain} is an unencrypted SQLite database, not a Visitdesk database (Visitdesk databases are encrypted).`,
    );

    const copy = path.join(dir, 'copy.db');
    fs.copyFileSync(db, copy);
    const keys = path.join(dir, 'copy.keys.json');
    const noKeys = await cli(['stats', '--db', copy], PASSPHRASE, EN);
    expect(noKeys.code).toBe(1);
    expect(noKeys.stderr).toBe(
      `Error: ${copy} has no key file beside it (${keys}): put its key file back in the same folder, or set a new passphrase with the recovery key (npm run cli -- recover --db ${copy} --user NAME).`,
    );
    expect((await cli(['stats', '--db', copy])).stderr).toBe(
      `错误：${copy} 旁边没有它的密钥文件 ${keys}：请把属于它的密钥文件放回同一文件夹，或用恢复密钥设置新口令（npm run cli -- recover --db ${copy} --user 用户名）。`,
    );

    fs.writeFileSync(keys, '{ not json');
    expect((await cli(['stats', '--db', copy], PASSPHRASE, EN)).stderr).toBe(
      `Error: The key file ${keys} is damaged: set a new passphrase with the recovery key (npm run cli -- recover --db ${copy} --user NAME).`,
    );
    // Nothing was created beside them: no marker, no new key file.
    expect(fs.existsSync(path.join(dir, 'notes.keys.json'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'copy.running'))).toBe(false);
  });

  it('restore from a file that is no backup, or a backup without (or with the wrong) key file', async () => {
    const { dir, db } = await branch();
    const junk = path.join(dir, 'junk.db');
    fs.writeFileSync(junk, 'not a backup');
    const notBackup = await cli(['restore', '--from', junk, '--db', db], PASSPHRASE, EN);
    expect(notBackup.code).toBe(1);
    expect(notBackup.stderr).toBe(
      `Error: ${junk} given with --from is not a Visitdesk backup: the file is not a database at all.`,
    );
    expect((await cli(['restore', '--from', dir, '--db', db])).stderr).toBe(
      `错误：参数 --from 给出的 ${dir} 是一个文件夹，不是备份文件。`,
    );

    const copy = path.join(dir, 'copy.db');
    expect((await cli(['backup', '--db', db, '--out', copy])).code).toBe(0);
    const copyKeys = path.join(dir, 'copy.keys.json');
    fs.renameSync(copyKeys, `${copyKeys}.away`);
    const noKeys = await cli(['restore', '--from', copy, '--db', db]);
    expect(noKeys.stderr).toBe(
      `错误：备份 ${copy} 旁边没有它的密钥文件 ${copyKeys}：恢复需要与备份一同写出的密钥文件，请把它放到同一文件夹。`,
    );

    // A key file of another database beside the copy (same account and passphrase).
    const other = await branch();
    fs.copyFileSync(path.join(other.dir, 'v.keys.json'), copyKeys);
    const before = fs.readFileSync(db);
    const mismatch = await cli(['restore', '--from', copy, '--db', db], PASSPHRASE, EN);
    expect(mismatch.code).toBe(1);
    expect(mismatch.stderr).toBe(
      `Error: The key file ${copyKeys} does not open the backup ${copy}: it belongs to another database, or the backup is damaged.`,
    );
    expect(fs.readFileSync(db).equals(before)).toBe(true);
  });

  it('the file check itself: page-sized files only, SQLite’s plain header, the key file beside', async () => {
    const { dir, db } = await branch();
    expect(databaseFileProblem(db)).toBeNull();
    expect(databaseFileProblem(path.join(dir, 'none.db'))).toBe('missing');
    expect(databaseFileProblem(dir)).toBe('folder');
    const empty = path.join(dir, 'empty.db');
    fs.writeFileSync(empty, '');
    expect(databaseFileProblem(empty)).toBe('notDatabase');
    // Killed before its first checkpoint: the pages are in the WAL, so it may be a database.
    fs.writeFileSync(`${empty}-wal`, Buffer.alloc(4096, 1));
    expect(databaseFileProblem(empty)).toBe('noKeyFile');
    const odd = path.join(dir, 'odd.db');
    fs.writeFileSync(odd, Buffer.alloc(4097, 7));
    expect(databaseFileProblem(odd)).toBe('notDatabase');
  });
});
