import { describe, expect, it } from 'vitest';
import { demoCountsText } from '../../../electron/cli/commands/cases';
import { runCli } from '../../../electron/cli/main';
import { describeFailure } from '../../../electron/cli/errors';
import { langArgument, languageFromEnv } from '../../../electron/cli/language';
import { say } from '../../../electron/cli/text';
import { exportPurpose, purposeInput } from '../../../electron/shared/schemas/export-purpose';

describe('the language the command line speaks', () => {
  it('follows the first locale variable set, in POSIX order', () => {
    expect(languageFromEnv({ LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(languageFromEnv({ LANG: 'zh_TW.Big5' })).toBe('zh');
    expect(languageFromEnv({ LANG: 'en_US.UTF-8' })).toBe('en');
    expect(languageFromEnv({ LANG: 'de_DE.UTF-8' })).toBe('en');
    expect(languageFromEnv({ LC_ALL: 'en_GB.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(languageFromEnv({ LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' })).toBe('zh');
    expect(languageFromEnv({ LC_ALL: '', LC_MESSAGES: 'en_US', LANG: 'zh_CN' })).toBe('en');
  });

  it('is Chinese, the product’s language, with no locale or the neutral C/POSIX one', () => {
    expect(languageFromEnv({})).toBe('zh');
    expect(languageFromEnv({ LANG: 'C' })).toBe('zh');
    expect(languageFromEnv({ LANG: 'C.UTF-8' })).toBe('zh');
    expect(languageFromEnv({ LC_ALL: 'POSIX' })).toBe('zh');
  });

  it('takes --lang from anywhere before "--", in either spelling', () => {
    expect(langArgument(['stats', '--db', 'v.db', '--lang', 'en'])).toBe('en');
    expect(langArgument(['stats', '--lang=zh'])).toBe('zh');
    expect(langArgument(['stats', '--lang'])).toBe('');
    expect(langArgument(['stats', '--', '--lang', 'en'])).toBeUndefined();
    expect(langArgument(['stats'])).toBeUndefined();
  });
});

describe('the export purpose counts characters, not UTF-16 units or bytes', () => {
  it('accepts three Chinese characters and refuses two, after trimming', () => {
    expect(exportPurpose.parse('报总行')).toBe('报总行');
    expect(exportPurpose.parse('  报总行 ')).toBe('报总行');
    expect(exportPurpose.safeParse('报总').error?.issues[0]?.message).toBe('v.required');
    expect(exportPurpose.safeParse('  报总   ').success).toBe(false);
    expect(exportPurpose.safeParse('').success).toBe(false);
  });

  it('counts a character outside the BMP once, and Latin letters like any other', () => {
    expect(exportPurpose.safeParse('𠮷𠮷').success).toBe(false); // 4 UTF-16 units
    expect(exportPurpose.parse('𠮷𠮷𠮷')).toBe('𠮷𠮷𠮷');
    expect(exportPurpose.parse('HQ1')).toBe('HQ1');
    expect(exportPurpose.safeParse('报'.repeat(200)).success).toBe(true);
    expect(exportPurpose.safeParse('报'.repeat(201)).error?.issues[0]?.message).toBe('v.tooLong');
    expect(exportPurpose.safeParse('𠮷'.repeat(200)).success).toBe(true); // 400 UTF-16 units
  });

  it('the dialog’s form schema agrees', () => {
    expect(purposeInput.safeParse({ purpose: '报总行' }).success).toBe(true);
    expect(purposeInput.safeParse({ purpose: '报总' }).error?.issues[0]).toMatchObject({
      path: ['purpose'],
      message: 'v.required',
    });
  });
});

describe('sentences', () => {
  it('an English count takes the noun that fits it', () => {
    const line = (planned: number, rejected: number) =>
      say('cli.done.importRoster', 'en', { file: 'r.csv', planned, rejected });
    expect(line(1, 0)).toBe('Planned 1 visit from r.csv; 0 rows rejected.');
    expect(line(12, 1)).toBe('Planned 12 visits from r.csv; 1 row rejected.');
    expect(say('cli.done.importRoster', 'zh', { file: 'r.csv', planned: 12, rejected: 1 })).toBe(
      '已按 r.csv 安排 12 次走访，拒绝 1 行。',
    );
  });

  it('the demo’s counts, named in both languages; an unnamed count keeps its key', () => {
    const counts = { borrowers: 400, loans: 512, staff: 7, visits: 80, surprise: 2 };
    expect(demoCountsText(counts, 'zh')).toBe('借款人 400、贷款 512、员工 7、走访 80、surprise 2');
    expect(demoCountsText(counts, 'en')).toBe(
      '400 borrowers, 512 loans, 7 staff, 80 visits, 2 surprise',
    );
  });

  it('an app error without an option is its message; an internal one keeps its words', () => {
    const demo = { code: 'CONFLICT' as const, message: 'x', fields: { _: 'e.case.demoExists' } };
    expect(describeFailure(demo, 'zh')).toBe('演示网点数据已载入，不能重复载入。');
    expect(describeFailure(demo, 'en')).toBe('The demo branch is already loaded.');
    expect(describeFailure({ code: 'DISK_FULL', message: 'SQLITE_FULL' }, 'zh')).toBe(
      '磁盘空间不足，未保存任何更改。',
    );
    expect(describeFailure({ code: 'INTERNAL', message: 'boom' }, 'en')).toBe(
      'Internal error; nothing was saved (boom).',
    );
    // A field the command line has no option for is told by its message alone.
    const nested = {
      code: 'VALIDATION' as const,
      message: 'x',
      fields: { 'loan.amount': 'v.amount' },
    };
    expect(describeFailure(nested, 'en')).toBe('Not a valid amount.');
  });
});

describe('help', () => {
  const run = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
    const out: string[] = [];
    const code = await runCli(args, { out: (t) => out.push(t), err: () => {}, env, isTTY: false });
    return { code, stdout: out.join('\n') };
  };

  it('lists the commands in the user’s language; a command’s --help gives its usage', async () => {
    const zh = await run(['help']);
    expect(zh.code).toBe(0);
    expect(zh.stdout.split('\n')[0]).toBe('Visitdesk 命令行。用法：npm run cli -- <命令> [参数]');
    expect(zh.stdout).toContain('  stats --db PATH [--json]\n      各表的行数');
    const en = await run(['stats', '--help'], { LANG: 'en_US.UTF-8' });
    expect(en).toEqual({
      code: 0,
      stdout: 'usage: stats --db PATH [--json]\nrow counts per table',
    });
  });
});
