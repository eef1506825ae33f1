import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/core';
import { cli, initBranch, openCore } from './support';

const EN = { LANG: 'en_US.UTF-8' };
const PASSPHRASE = 'correct horse battery';

// These mistakes are caught before the database is opened, so --db may name nothing.
const summary = (...args: string[]) =>
  ['export-summary', '--db', '/nowhere/v.db', '--out', 'month.xlsx', ...args] as string[];

describe('CLI errors are one sentence in the user’s language, naming the argument', () => {
  it('a month that is written right but is no month: 2026-13', async () => {
    const zh = await cli(summary('--month', '2026-13', '--purpose', '报总行'));
    expect(zh.code).toBe(1);
    expect(zh.stdout).toBe('');
    expect(zh.stderr).toBe(
      '错误：参数 --month 的值“2026-13”有误：不是真实的月份，月份应为 01–12。',
    );
    const en = await cli(summary('--month', '2026-13', '--purpose', '报总行'), PASSPHRASE, EN);
    expect(en.code).toBe(1);
    expect(en.stderr).toBe(
      'Error: --month "2026-13" is wrong: not a real month (months run from 01 to 12).',
    );
    // A month not written YYYY-MM says so in the app's own words; a missing one is missing.
    expect((await cli(summary('--month', '2026-1'))).stderr).toBe(
      '错误：参数 --month 的值“2026-1”有误：月份格式应为 YYYY-MM。',
    );
    expect((await cli(summary('--lang', 'en'))).stderr).toBe('Error: --month is required.');
  });

  it('--json gives the structured error instead, with the field and its message key', async () => {
    const result = await cli(summary('--month', '2026-13', '--json'));
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stderr)).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: '--month "2026-13" is wrong: not a real month (months run from 01 to 12).',
        fields: { month: 'v.month' },
        details: {
          text: 'cli.wrong',
          params: { option: '--month', value: '2026-13' },
          detail: { text: 'cli.v.realMonth', params: {} },
        },
      },
    });
    const purpose = await cli(summary('--month', '2026-11', '--purpose', '报总', '--json'));
    expect(JSON.parse(purpose.stderr)).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: '--purpose "报总" is too short: state the purpose (at least 3 characters).',
        fields: { purpose: 'v.required' },
      },
    });
  });

  it('a purpose too short says so; none at all says it is required; the rule counts characters', async () => {
    const zh = await cli(summary('--month', '2026-11', '--purpose', '报总'));
    expect(zh.code).toBe(1);
    expect(zh.stderr).toBe('错误：参数 --purpose 的值“报总”太短：请写明用途（至少 3 个字）。');
    const en = await cli(summary('--month', '2026-11', '--purpose', ' ab  '), PASSPHRASE, EN);
    expect(en.stderr).toBe(
      'Error: --purpose "ab" is too short: state the purpose (at least 3 characters).',
    );
    expect((await cli(summary('--month', '2026-11'))).stderr).toBe(
      '错误：缺少参数 --purpose：请写明用途（至少 3 个字）。',
    );
    expect(
      (await cli(summary('--month', '2026-11', '--purpose', '   '), PASSPHRASE, EN)).stderr,
    ).toBe('Error: --purpose is required: state the purpose (at least 3 characters).');
    // Two characters outside the BMP are four UTF-16 units, and still two characters.
    expect((await cli(summary('--month', '2026-11', '--purpose', '𠮷𠮷'))).stderr).toBe(
      '错误：参数 --purpose 的值“𠮷𠮷”太短：请写明用途（至少 3 个字）。',
    );
  });

  it('报总行 is a purpose: the export runs and the purpose is audited', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'v.db');
    await cli(['init', '--db', db, '--branch-name', 'B', '--branch-code', 'B1']);
    const out = path.join(dir, 'visits.csv');
    const done = await cli([
      'export-summary',
      '--db',
      db,
      '--month',
      '2026-11',
      '--out',
      out,
      '--purpose',
      '报总行',
    ]);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(done.stdout).toBe(`已将 2026-11 月度汇总写入 ${out}，导出用途已记入审计日志。`);
    expect(fs.existsSync(out)).toBe(true);
    const core = openCore(db);
    await core.invoke('auth:signIn', { username: 'admin', passphrase: PASSPHRASE });
    const audited = core.app.db
      .prepare('SELECT count(*) AS n FROM audit_log WHERE after LIKE \'%"purpose":"报总行"%\'')
      .get() as { n: number };
    core.app.lock('quit');
    expect(audited.n).toBe(1);
  });

  it('an unknown option, one of another command, or a stray word names it; exit code 2', async () => {
    const zh = await cli(['stats', '--bogus']);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toBe(
      '错误：stats 命令没有参数 --bogus（npm run cli -- stats --help 可查看它的参数）。',
    );
    const en = await cli(['stats', '--purpose', 'x'], PASSPHRASE, EN);
    expect(en.code).toBe(2);
    expect(en.stderr).toBe(
      'Error: The stats command has no option --purpose (npm run cli -- stats --help lists its options).',
    );
    const json = await cli(['stats', '--bogus', '--json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stderr)).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        message:
          'The stats command has no option --bogus (npm run cli -- stats --help lists its options).',
      },
    });
    expect((await cli(['stats', 'v.db'])).stderr).toBe(
      '错误：多余的参数“v.db”：每个取值都跟在它的参数名后面，例如 --db 路径。',
    );
    expect((await cli(['stats', '--json=yes', '--lang', 'en'])).stderr).toBe(
      'Error: --json takes no value.',
    );
  });

  it('a missing --db value, or a --db that names no database; nothing is created', async () => {
    const bare = await cli(['stats', '--db']);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toBe('错误：参数 --db 后面缺少取值。');
    expect((await cli(['verify', '--db', '--json'], PASSPHRASE, EN)).stderr).toBe(
      JSON.stringify({
        ok: false,
        error: {
          code: 'VALIDATION',
          message: '--db needs a value after it.',
          details: { text: 'cli.missingValue', params: { option: '--db' } },
        },
      }),
    );
    expect((await cli(['stats', '--db='], PASSPHRASE, EN)).stderr).toBe(
      'Error: --db needs a value after it.',
    );
    const dir = tempDir();
    const nowhere = path.join(dir, 'nope.db');
    const zh = await cli([
      'export-cases',
      '--db',
      nowhere,
      '--out',
      'x.csv',
      '--purpose',
      '报总行',
    ]);
    expect(zh.code).toBe(1);
    expect(zh.stderr).toBe(
      `错误：${nowhere} 处没有 Visitdesk 数据库：请用 --db 给出数据库文件，或先用 init 创建。`,
    );
    const en = await cli(['verify', '--db', nowhere], PASSPHRASE, EN);
    expect(en.stderr).toBe(
      `Error: There is no Visitdesk database at ${nowhere}: give the database file with --db, or create one with init.`,
    );
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('an unknown command, or none, lists the commands', async () => {
    const commands =
      'init, verify, backup, restore, stats, copy-to-postgres, recover, import, export-cases, seed-demo, import-staff, import-roster, export-summary, serve, enrol-code';
    const unknown = await cli(['export'], PASSPHRASE, EN);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      `Error: There is no command "export"; the commands are ${commands}.`,
    );
    const none = await cli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe(
      `错误：请给出一个命令，例如 npm run cli -- stats --db 路径；可用的命令有 ${commands.replace(/, /g, '、')}。`,
    );
  });

  it('bad values of --mode, --encoding, --as-of, --out, --lang and a missing --file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'cases.csv');
    fs.writeFileSync(file, 'x');
    const imp = (...args: string[]) => ['import', '--db', '/nowhere/v.db', ...args];
    expect((await cli(imp('--file', file, '--mode', 'some'))).stderr).toBe(
      '错误：参数 --mode 的值“some”有误：应为 all-or-nothing、valid-only 之一。',
    );
    expect((await cli(imp('--file', file, '--encoding', 'big5'), PASSPHRASE, EN)).stderr).toBe(
      'Error: --encoding "big5" is wrong: use one of auto, utf8, gbk, gb18030.',
    );
    // The words for a day not in the calendar may come from the shared date schema.
    expect((await cli(imp('--file', file, '--as-of', '2026-02-30'))).stderr).toMatch(
      /^错误：参数 --as-of 的值“2026-02-30”有误：(不是真实的日期|日历上没有这一天)。$/,
    );
    expect((await cli(imp('--file', file, '--as-of', '2026/11/01'), PASSPHRASE, EN)).stderr).toBe(
      'Error: --as-of "2026/11/01" is wrong: date must be YYYY-MM-DD.',
    );
    expect((await cli(imp())).stderr).toBe('错误：缺少参数 --file。');
    const gone = path.join(dir, 'gone.csv');
    expect((await cli(imp('--file', gone), PASSPHRASE, EN)).stderr).toBe(
      `Error: The file ${gone} given with --file does not exist.`,
    );
    expect(
      (await cli(['export-cases', '--out', 'cases.pdf', '--purpose', '报总行', '--lang', 'en']))
        .stderr,
    ).toBe('Error: --out "cases.pdf" is wrong: the file name must end in one of .csv, .xlsx.');
    expect((await cli(summary('--month', '2026-11', '--out', 'a.txt'))).stderr).toBe(
      '错误：参数 --out 的值“a.txt”有误：文件名应以 .xlsx、.csv、.json 之一结尾。',
    );
    expect((await cli(['export-summary', '--month', '2026-11'])).stderr).toBe(
      '错误：缺少参数 --out：请给出输出文件，或用 --json 直接打印汇总数字。',
    );
    // A wrong --lang is told in the locale's language.
    const lang = await cli(['stats', '--lang', 'fr'], PASSPHRASE, EN);
    expect(lang.code).toBe(2);
    expect(lang.stderr).toBe('Error: --lang "fr" is wrong: use one of zh, en.');
  });

  it('a file over the import screen’s 50 MB is refused by the same channel, naming --file', async () => {
    const { dir, db } = await initBranch();
    const big = path.join(dir, 'big.csv');
    // 51 MB of zeros (sparse: hardly anything is written to the disk).
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 51 * 1024 * 1024);
    const zh = await cli(['import', '--db', db, '--file', big]);
    expect(zh.code).toBe(1);
    expect(zh.stderr).toBe(`错误：参数 --file 的值“${big}”有误：文件过大（上限 50 MB）。`);
    const en = await cli(['import-staff', '--db', db, '--file', big], PASSPHRASE, EN);
    expect(en.stderr).toBe(
      `Error: --file "${big}" is wrong: the file is too large (50 MB at most).`,
    );
    const stats = JSON.parse((await cli(['stats', '--db', db, '--json'])).stdout) as {
      tables: Record<string, number>;
    };
    expect([stats.tables.borrowers, stats.tables.staff]).toEqual([0, 1]);
  });

  it('the app’s own validation is told with the option it came from, in its message text', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'v.db');
    const zh = await cli(['init', '--db', db, '--branch-name', 'B', '--branch-code', '!']);
    expect(zh.code).toBe(1);
    expect(zh.stderr).toBe('错误：参数 --branch-code 的值“!”有误：机构代码为 2–20 位字母或数字。');
    const en = await cli(
      ['init', '--db', db, '--branch-name', 'B', '--branch-code', '!'],
      PASSPHRASE,
      EN,
    );
    expect(en.stderr).toBe(
      'Error: --branch-code "!" is wrong: branch code: 2–20 letters or digits.',
    );
    expect((await cli(['init', '--db', db, '--branch-code', 'B1'])).stderr).toBe(
      '错误：缺少参数 --branch-name。',
    );
    const short = await cli(
      ['init', '--db', db, '--branch-name', 'B', '--branch-code', 'B1'],
      'short',
    );
    expect(short.stderr).toBe('错误：口令至少 10 个字符。');
    await cli(['init', '--db', db, '--branch-name', 'B', '--branch-code', 'B1']);
    expect(
      (await cli(['init', '--db', db, '--branch-name', 'B', '--branch-code', 'B1'], PASSPHRASE, EN))
        .stderr,
    ).toBe(
      `Error: There is already a database at ${db}, and init never overwrites one: give a new file with --db.`,
    );
    const wrong = await cli(['stats', '--db', db], 'not the passphrase');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe('错误：用户名或口令不正确。');
    const none = await cli(['stats', '--db', db], '', EN);
    expect(none.stderr).toBe(
      'Error: Set VISITDESK_PASSPHRASE (there is no terminal to ask for the passphrase on).',
    );
  });
});
