import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCountsText } from '../../../electron/cli/commands/cases';
import { cli, openCore } from './support';

const EN = { LANG: 'en_US.UTF-8' };
const ZH = { LANG: 'zh_CN.UTF-8' };
const PASSPHRASE = 'correct horse battery';
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// One branch database for the whole file: each command's line is checked in both languages
// against it, in order (sign-ins are slow, so the database is not made afresh per test).
let dir = '';
let db = '';
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'visitdesk-cli-lines-'));
  db = path.join(dir, 'v.db');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const header =
  '姓名,身份证号,手机号,乡镇,村,贷款编号,贷款本金,放款日期,剩余本金,逾期本金,逾期起始日';
const loanRow = (n: number, name: string, id: string) =>
  `${name},${id},1380013800${n},石桥镇,溪口村,DK-${n},"￥10,000.00",2025年3月1日,"8,000.00","1,234.50",2026/10/03`;

describe('every command says in one line what it did, in the user’s language', () => {
  it('init: the database, branch, manager and the recovery key, in Chinese without a locale', async () => {
    const made = await cli([
      'init',
      '--db',
      db,
      '--branch-name',
      '石桥支行',
      '--branch-code',
      'QS1',
    ]);
    expect(made.code).toBe(0);
    const key = /[0-9A-F]{4}(-[0-9A-F]{4}){15}/.exec(made.stdout)?.[0];
    expect(made.stdout).toBe(
      `已创建加密数据库 ${db}（网点“石桥支行”，管理员账户 admin）；恢复密钥只显示这一次，请打印并妥善保管：${key}`,
    );
    const other = path.join(dir, 'en.db');
    const english = await cli(
      [
        'init',
        '--db',
        other,
        '--branch-name',
        'Stone Bridge',
        '--branch-code',
        'SB1',
        '--user',
        'boss',
      ],
      PASSPHRASE,
      EN,
    );
    const enKey = /[0-9A-F]{4}(-[0-9A-F]{4}){15}/.exec(english.stdout)?.[0];
    expect(english.stdout).toBe(
      `Created the encrypted database ${other} (branch "Stone Bridge", manager account boss); the recovery key is shown only now, so print it and keep it safe: ${enKey}`,
    );
    // --json keeps the structured form for scripts.
    const json = await cli([
      'init',
      '--db',
      path.join(dir, 'json.db'),
      '--branch-name',
      'B',
      '--branch-code',
      'B1',
      '--json',
    ]);
    expect(JSON.parse(json.stdout)).toEqual({
      db: path.join(dir, 'json.db'),
      recoveryKey: expect.stringMatching(/^([0-9A-F]{4}-){15}[0-9A-F]{4}$/),
    });
  });

  it('verify: sound file and chain, with the chain’s length and head', async () => {
    const zh = await cli(['verify', '--db', db]);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toMatch(
      new RegExp(
        `^${escape(db)} 完好：文件完整性检查通过，审计链完整（\\d+ 条记录，链头 [0-9a-f]{64}）。$`,
      ),
    );
    const en = await cli(['verify', '--db', db, '--lang', 'en']);
    expect(en.stdout).toMatch(
      new RegExp(
        `^${escape(db)} is sound: the integrity check passed and the audit chain holds \\(\\d+ rows, head [0-9a-f]{64}\\)\\.$`,
      ),
    );
  });

  it('stats: the tables with rows and how many are empty', async () => {
    const counts = JSON.parse((await cli(['stats', '--db', db, '--json'])).stdout).tables as Record<
      string,
      number
    >;
    const filled = Object.entries(counts).filter(([, n]) => n > 0);
    const total = Object.keys(counts).length;
    // The sign-in of each run adds to the audit log; every other count is as --json said.
    const shown = (sep: string) =>
      filled
        .map(([name, n]) => (name === 'audit_log' ? 'audit_log \\d+' : `${escape(name)} ${n}`))
        .join(sep);
    expect(filled.map(([name]) => name)).toEqual(
      expect.arrayContaining(['audit_log', 'branch', 'staff']),
    );
    expect((await cli(['stats', '--db', db])).stdout).toMatch(
      new RegExp(
        `^${escape(db)} 共有 ${total} 张表，有数据的：${shown('、')}；其余 ${total - filled.length} 张为空。$`,
      ),
    );
    expect((await cli(['stats', '--db', db], PASSPHRASE, EN)).stdout).toMatch(
      new RegExp(
        `^${escape(db)} has ${total} tables; with rows: ${shown(', ')}; the other ${total - filled.length} are empty\\.$`,
      ),
    );
  });

  it('import: rows, loans added and changed, and each rejected row after the line', async () => {
    const file = path.join(dir, 'cases.csv');
    const lines = [
      header,
      loanRow(1, '张三', '11010519491231002X'),
      loanRow(2, '李四', '110105194912310021'),
    ];
    fs.writeFileSync(file, iconv.encode(lines.join('\r\n'), 'gbk'));
    const refused = await cli(['import', '--db', db, '--file', file, '--as-of', '2026-11-01']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe(
      `没有导入：${file} 的 2 行中有 1 行有误（--mode all-or-nothing 时一行有误整份文件都不写入）。`,
    );
    expect(refused.stderr).toBe(
      '  第 3 行 身份证号：身份证号不正确（18 位，校验位不符或出生日期无效）',
    );
    const args = ['import', '--db', db, '--file', file, '--mode', 'valid-only', '--as-of'];
    const zh = await cli([...args, '2026-11-01']);
    expect(zh.code).toBe(3);
    expect(zh.stdout).toBe(
      `已导入 ${file}（简体中文（GBK，Excel 默认），数据日期 2026-11-01）：共 2 行，新增贷款 1 笔，更新 0 笔，未变 0 笔，拒绝 1 行（被拒绝的行列在下面，退出码 3）。`,
    );
    const en = await cli([...args, '2026-11-02', '--lang', 'en']);
    expect(en.code).toBe(3);
    expect(en.stdout).toBe(
      `Imported ${file} (Simplified Chinese (GBK, Excel's default), as of 2026-11-02): 2 rows, 0 loans added, 1 changed, 0 unchanged, 1 row rejected (the rejected rows are listed below; exit code 3).`,
    );
    expect(en.stderr).toBe(
      '  line 3 身份证号: Not a valid resident ID (18 characters, check digit or birth date wrong)',
    );
  });

  it('export-cases: how many cases went where, masked, with the purpose audited', async () => {
    const out = path.join(dir, 'cases-out.csv');
    const zh = await cli(['export-cases', '--db', db, '--out', out, '--purpose', '报总行']);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toBe(
      `已将 1 个案件（身份证号和手机号已脱敏）写入 ${out}，导出用途已记入审计日志。`,
    );
    const en = await cli(
      ['export-cases', '--db', db, '--out', out, '--purpose', 'head office', '--force'],
      PASSPHRASE,
      EN,
    );
    expect(en.stdout).toBe(
      `Wrote 1 case (ID and mobile numbers masked) to ${out}; the purpose is recorded in the audit log.`,
    );
    const json = await cli([
      'export-cases',
      '--db',
      db,
      '--out',
      out,
      '--purpose',
      '报总行',
      '--force',
      '--json',
    ]);
    expect(JSON.parse(json.stdout)).toEqual({ file: out, rows: 1 });
  });

  it('import-staff and import-roster: what was added, updated, planned and rejected', async () => {
    const staff = path.join(dir, 'staff.csv');
    fs.writeFileSync(
      staff,
      iconv.encode(
        [
          '工号,姓名,角色,手机号,资格证书编号,证书到期日',
          'C001,陈志强,催收员,13800138001,ZG-001,2027-12-31',
          'C002,刘芳,催收员,13800138002,ZG-002,2027-12-31',
        ].join('\r\n'),
        'gbk',
      ),
    );
    expect((await cli(['import-staff', '--db', db, '--file', staff])).stdout).toBe(
      `已从 ${staff} 导入员工：新增 2 人，更新 0 人，拒绝 0 行。`,
    );
    expect((await cli(['import-staff', '--db', db, '--file', staff, '--lang', 'en'])).stdout).toBe(
      `Imported staff from ${staff}: 0 added, 2 updated, 0 rows rejected.`,
    );
    const roster = path.join(dir, 'roster.csv');
    fs.writeFileSync(
      roster,
      '身份证号,走访日期,开始时间,结束时间,走访人员\r\n110105194912310021,2030-03-11,21:30,22:30,X1、X2\r\n',
    );
    const refused = await cli(['import-roster', '--db', db, '--file', roster]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe(
      `没有安排走访：${roster} 中有 1 行有误或违反规则（--mode all-or-nothing 时一行有误整份文件都不写入）。`,
    );
    expect(refused.stderr).toMatch(/^ {2}第 2 行 \[[A-Z_]+\]：\S/);
    const en = await cli(
      ['import-roster', '--db', db, '--file', roster, '--mode', 'valid-only'],
      PASSPHRASE,
      EN,
    );
    // Nothing planned is a failure, whatever the mode.
    expect(en.code).toBe(1);
    expect(en.stdout).toBe(
      `No visits planned: every row of ${roster} has problems or breaks rules (1 row).`,
    );
    expect(en.stderr).toMatch(/^ {2}line 2 \[[A-Z_]+\]: [A-Z]/);
  });

  it('export-summary: the month and the file; --json prints the figures', async () => {
    const xlsx = path.join(dir, 'summary.xlsx');
    const zh = await cli(
      ['export-summary', '--db', db, '--month', '2026-11', '--out', xlsx, '--purpose', '报总行'],
      PASSPHRASE,
      ZH,
    );
    expect(zh.code).toBe(0);
    expect(zh.stdout).toBe(`已将 2026-11 月度汇总写入 ${xlsx}，导出用途已记入审计日志。`);
    expect(fs.readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
    const json = path.join(dir, 'summary.json');
    const en = await cli(
      ['export-summary', '--db', db, '--month', '2026-11', '--out', json],
      PASSPHRASE,
      EN,
    );
    expect(en.stdout).toBe(`Wrote the monthly summary for 2026-11 to ${json}.`);
    const figures = await cli(['export-summary', '--db', db, '--month', '2026-11', '--json']);
    expect(JSON.parse(figures.stdout)).toMatchObject({ month: '2026-11', frozen: false });
  });

  it('backup and restore: the copy, its size and key file; what replaced what', async () => {
    const copy = path.join(dir, 'copy.db');
    const zh = await cli(['backup', '--db', db, '--out', copy]);
    expect(zh.stdout).toBe(
      `已将加密备份写入 ${copy}（${fs.statSync(copy).size} 字节），密钥文件为 ${path.join(dir, 'copy.keys.json')}。`,
    );
    const copy2 = path.join(dir, 'copy2.db');
    const en = await cli(['backup', '--db', db, '--out', copy2, '--lang', 'en']);
    expect(en.stdout).toBe(
      `Wrote the encrypted backup ${copy2} (${fs.statSync(copy2).size} bytes) and its key file ${path.join(dir, 'copy2.keys.json')}.`,
    );
    const restored = await cli(['restore', '--from', copy, '--db', db]);
    expect(restored.stdout).toMatch(
      new RegExp(
        `^已用备份 ${escape(copy)} 恢复 ${escape(db)}，原文件保留为 ${escape(db)}\\.replaced-\\S+。$`,
      ),
    );
    const again = await cli(['restore', '--from', copy2, '--db', db], PASSPHRASE, EN);
    const replaced = /kept as (\S+)\.$/.exec(again.stdout)?.[1] ?? '';
    expect(again.stdout).toBe(
      `Restored ${db} from the backup ${copy2}; the previous file is kept as ${replaced}.`,
    );
    expect(fs.existsSync(replaced)).toBe(true);
  });

  it('seed-demo: what the demo branch brought, as its audit row records it', async () => {
    const counts = async (file: string) => {
      const core = openCore(file);
      await core.invoke('auth:signIn', { username: 'admin', passphrase: PASSPHRASE });
      const row = core.app.db
        .prepare("SELECT after FROM audit_log WHERE action = 'case.loadDemo'")
        .get() as { after: string };
      core.app.lock('quit');
      return JSON.parse(row.after) as Record<string, number>;
    };
    const zhDb = path.join(dir, 'demo-zh.db');
    await cli(['init', '--db', zhDb, '--branch-name', 'B', '--branch-code', 'B1']);
    const zh = await cli(['seed-demo', '--db', zhDb]);
    expect(zh.code).toBe(0);
    const zhCounts = await counts(zhDb);
    expect(zhCounts.borrowers).toBeGreaterThan(0);
    expect(zh.stdout).toMatch(/^已载入演示网点：借款人 \d+、贷款 \d+/);
    expect(zh.stdout).toBe(`已载入演示网点：${demoCountsText(zhCounts, 'zh')}。`);
    const again = await cli(['seed-demo', '--db', zhDb, '--lang', 'en']);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('Error: The demo branch is already loaded.');
    const enDb = path.join(dir, 'demo-en.db');
    await cli(['init', '--db', enDb, '--branch-name', 'B', '--branch-code', 'B1']);
    const en = await cli(['seed-demo', '--db', enDb], PASSPHRASE, {
      LC_ALL: 'en_GB.UTF-8',
      LANG: 'zh_CN.UTF-8',
    });
    const enCounts = await counts(enDb);
    expect(en.stdout).toMatch(
      new RegExp(
        `^Loaded the demo branch: ${enCounts.borrowers} borrowers, ${enCounts.loans} loans`,
      ),
    );
    expect(en.stdout).toBe(`Loaded the demo branch: ${demoCountsText(enCounts, 'en')}.`);
  });
});
