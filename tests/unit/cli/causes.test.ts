import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { busyWaiter, explainFailure, isBusy } from '../../../electron/cli/causes';
import { describeFailure, toAppError } from '../../../electron/cli/errors';
import { translateOpenError } from '../../../electron/core/db/open';
import type { Lang } from '../../../electron/shared/messages';
import { AppFailure } from '../../../electron/shared/result';
import { tempDir } from '../support/core';
import { cli } from './support';

const db = '/srv/branch/visitdesk.db';
const told = (error: unknown, lang: Lang) =>
  describeFailure(toAppError(explainFailure(error, db)), lang);

/** An error as node:fs throws it. */
const fsError = (code: string, file: string) =>
  Object.assign(new Error(`${code}: failed, open '${file}'`), {
    code,
    syscall: 'open',
    path: file,
  });

/** An error as the SQLite driver throws it. */
const sqliteError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('full disk, read-only folder, another writer: one sentence naming the cause', () => {
  it('the core’s codes are told about the database and its folder, in both languages', () => {
    const busy = new AppFailure('BUSY', 'the database is in use by another program');
    expect(told(busy, 'zh')).toBe(`另一个程序正在写入 ${db}：请等它完成后再试。`);
    expect(told(busy, 'en')).toBe(
      `Another program is writing to ${db}: try again when it has finished.`,
    );
    const full = new AppFailure('DISK_FULL', 'disk full');
    expect(told(full, 'zh')).toBe(`${db} 所在的磁盘已满，没有保存任何更改：请腾出空间后再试。`);
    expect(told(full, 'en')).toBe(
      `The disk holding ${db} is full and nothing was saved: free some space and try again.`,
    );
    const readOnly = new AppFailure('READ_ONLY', 'cannot write in the data folder: EACCES');
    expect(told(readOnly, 'zh')).toBe(
      '无法写入数据库所在的文件夹 /srv/branch：它是只读的，或属于另一个账户。',
    );
    expect(told(readOnly, 'en')).toBe(
      'Cannot write in the database folder /srv/branch: it is read-only or belongs to another account.',
    );
  });

  it('raw SQLite errors from calls outside the dispatcher get the same sentences', () => {
    expect(told(sqliteError('SQLITE_FULL', 'database or disk is full'), 'en')).toBe(
      `The disk holding ${db} is full and nothing was saved: free some space and try again.`,
    );
    expect(told(sqliteError('SQLITE_BUSY', 'database is locked'), 'zh')).toBe(
      `另一个程序正在写入 ${db}：请等它完成后再试。`,
    );
    expect(told(sqliteError('SQLITE_READONLY', 'attempt to write a readonly database'), 'en')).toBe(
      'Cannot write in the database folder /srv/branch: it is read-only or belongs to another account.',
    );
    // Never "internal error" with the driver's words for these.
    const error = toAppError(explainFailure(sqliteError('SQLITE_FULL', 'x'), db));
    expect(error.code).toBe('DISK_FULL');
  });

  it('a file the CLI writes names that file and its folder', () => {
    const out = '/media/usb/cases.xlsx';
    expect(told(fsError('ENOSPC', out), 'zh')).toBe(
      `磁盘已满，无法写入 ${out}：请腾出空间后再试。`,
    );
    expect(told(fsError('EACCES', out), 'en')).toBe(
      `Cannot write ${out}: the folder /media/usb is read-only or belongs to another account.`,
    );
    expect(told(fsError('EROFS', out), 'zh')).toBe(
      `无法写入 ${out}：文件夹 /media/usb 是只读的，或属于另一个账户。`,
    );
    const nowhere = path.join(tempDir(), 'no-such-folder', 'cases.csv');
    expect(told(fsError('ENOENT', nowhere), 'en')).toBe(
      `The folder ${path.dirname(nowhere)} does not exist, so ${nowhere} could not be written.`,
    );
  });

  it('a read-only data folder: chmod 0500, or as root (where chmod stops nothing) the core’s own translation', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'v.db');
    await cli(['init', '--db', file, '--branch-name', 'B', '--branch-code', 'B1']);
    const expected = `Error: Cannot write in the database folder ${dir}: it is read-only or belongs to another account.`;
    if (process.getuid?.() !== 0) {
      fs.chmodSync(dir, 0o500);
      try {
        const result = await cli(['stats', '--db', file, '--lang', 'en']);
        expect(result.code).toBe(1);
        expect(result.stderr).toBe(expected);
      } finally {
        fs.chmodSync(dir, 0o700);
      }
      return;
    }
    // Root writes anyway; the error the core makes of EACCES on its marker file is mapped.
    const marker = path.join(dir, 'v.running');
    const fromCore = translateOpenError(fsError('EACCES', marker), file);
    expect(fromCore).toBeInstanceOf(AppFailure);
    expect(`Error: ${describeFailure(toAppError(explainFailure(fromCore, file)), 'en')}`).toBe(
      expected,
    );
    // SQLite's refusal to open the WAL in such a folder is the same sentence.
    const cantOpen = sqliteError('SQLITE_CANTOPEN', 'unable to open database file');
    expect(describeFailure(toAppError(explainFailure(cantOpen, file)), 'en')).toBe(
      expected.slice('Error: '.length),
    );
  });
});

describe('waiting while another process writes', () => {
  const clock = () => {
    let now = 0;
    const slept: number[] = [];
    return {
      slept,
      bound: {
        limitMs: 10 * 60_000,
        pauseMs: 1_000,
        now: () => now,
        // Each busy attempt itself takes the core's busy_timeout (5 s) before failing.
        sleep: async (ms: number) => {
          slept.push(ms);
          now += ms + 5_000;
        },
      },
    };
  };
  const busy = () => new AppFailure('BUSY', 'the database is in use by another program');

  it('tries again, says once that it waits, and returns the work’s result', async () => {
    const { slept, bound } = clock();
    const notices: string[] = [];
    const whileBusy = busyWaiter((t) => notices.push(t), 'zh', db, bound);
    let attempts = 0;
    const result = await whileBusy(async () => {
      attempts++;
      if (attempts < 4) throw busy();
      return 'imported';
    });
    expect(result).toBe('imported');
    expect(attempts).toBe(4);
    expect(slept).toEqual([1000, 1000, 1000]);
    expect(notices).toEqual(['正在等待另一个导入完成（另一个程序正在写入数据库）……']);
    // The same waiter (sign-in, then the import) does not say it twice.
    await whileBusy(async () => {
      if (attempts++ < 5) throw busy();
    });
    expect(notices).toHaveLength(1);
  });

  it('gives up after its bound and says how long it waited; other failures pass at once', async () => {
    const { bound } = clock();
    const notices: string[] = [];
    const whileBusy = busyWaiter((t) => notices.push(t), 'en', db, bound);
    const endless = whileBusy(async () => {
      throw busy();
    });
    await expect(endless).rejects.toThrow(
      `Another program has been writing to ${db} for 10 minutes: nothing was written; try again when it has finished.`,
    );
    expect(notices).toEqual([
      'Waiting for another import to finish (another program is writing to the database)…',
    ]);
    let attempts = 0;
    const wrong = whileBusy(async () => {
      attempts++;
      throw new AppFailure('BAD_CREDENTIALS', 'wrong user name or passphrase');
    });
    await expect(wrong).rejects.toThrow('wrong user name or passphrase');
    expect(attempts).toBe(1);
  });

  it('knows busy by the core’s code and by SQLite’s', () => {
    expect(isBusy(busy())).toBe(true);
    expect(isBusy(sqliteError('SQLITE_BUSY', 'database is locked'))).toBe(true);
    expect(isBusy(sqliteError('SQLITE_BUSY_SNAPSHOT', 'database is locked'))).toBe(true);
    expect(isBusy(sqliteError('SQLITE_FULL', 'full'))).toBe(false);
    expect(isBusy(new AppFailure('DISK_FULL', 'disk full'))).toBe(false);
  });
});
