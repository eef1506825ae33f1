import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, initBranch } from './support';

const EN = { LANG: 'en_US.UTF-8' };
const PASSPHRASE = 'correct horse battery';
const header =
  '姓名,身份证号,手机号,乡镇,村,贷款编号,贷款本金,放款日期,剩余本金,逾期本金,逾期起始日,管户经理';
const row = (n: number, name: string, id: string, officer: string) =>
  `${name},${id},1380013800${n},石桥镇,溪口村,DK-${n},10000,2025-03-01,8000,1234.50,2026-10-03,${officer}`;
const BAD_ID = '110105194912310021';

describe('the import command tells warnings from errors', () => {
  it('plain output: errors as before, warnings marked 提醒, each unknown officer once; --json keeps two lists', async () => {
    const { dir, db } = await initBranch();
    const file = path.join(dir, 'cases.csv');
    fs.writeFileSync(
      file,
      [
        header,
        row(1, '张三', '11010519491231002X', '王　芳'),
        row(2, '李四', BAD_ID, '王芳'),
        row(3, '赵五', '110105199003071239', '王芳'),
      ].join('\r\n'),
    );
    const args = ['import', '--db', db, '--file', file, '--mode', 'valid-only', '--as-of'];
    const zh = await cli([...args, '2026-11-01']);
    // A rejected row still makes it exit 3; warnings alone change nothing.
    expect(zh.code).toBe(3);
    expect(zh.stdout).toBe(
      `已导入 ${file}（UTF-8，数据日期 2026-11-01）：共 3 行，新增贷款 2 笔，更新 0 笔，未变 0 笔，拒绝 1 行（被拒绝的行列在下面，退出码 3）。另有 2 条提醒：这些行已导入，但与文件所写不尽相同（列在下面，标为“提醒”）。`,
    );
    expect(zh.stderr.split('\n')).toEqual([
      '  第 3 行 身份证号：身份证号不正确（18 位，校验位不符或出生日期无效）',
      '  提醒 第 2 行 管户经理：客户经理不在员工名单中：此行照常导入，但不分配给此人（姓名见详情）；经理可新建该员工，或把姓名对应到现有员工（王　芳）',
      '  提醒 第 4 行 管户经理：客户经理不在员工名单中：此行照常导入，但不分配给此人（姓名见详情）；经理可新建该员工，或把姓名对应到现有员工（王芳）',
      '  客户经理“王　芳”不在员工名单中：2 行的案件已导入但未分配给此人（首见第 2 行）；经理可在“导入表格”页新建该员工，或把这个姓名对应到现有员工。',
    ]);

    const en = await cli([...args, '2026-11-02', '--lang', 'en'], PASSPHRASE, EN);
    expect(en.code).toBe(3);
    expect(en.stdout).toMatch(
      /1 row rejected \(the rejected rows are listed below; exit code 3\)\. 2 warnings: those rows were imported, not quite as the file says \(listed below, marked "warning"\)\.$/,
    );
    expect(en.stderr.split('\n').slice(1)).toEqual([
      '  warning, line 2 管户经理: The officer is not on the staff list: the row imports without this assignment (name in the detail); a manager can add the officer or map the name to a staff member (王　芳)',
      '  warning, line 4 管户经理: The officer is not on the staff list: the row imports without this assignment (name in the detail); a manager can add the officer or map the name to a staff member (王芳)',
      '  The officer "王　芳" is not on the staff list: 2 rows were imported without this assignment (first on line 2); a manager can add the officer, or map the name to a staff member, on the import screen.',
    ]);

    const json = await cli([...args, '2026-11-03', '--json']);
    const result = JSON.parse(json.stdout) as Record<string, unknown>;
    expect(result.errors).toEqual([{ line: 3, column: '身份证号', reason: 'v.idNumber' }]);
    expect(result.warnings).toEqual([
      { line: 2, column: '管户经理', reason: 'v.import.officerNotOnStaff', detail: '王　芳' },
      { line: 4, column: '管户经理', reason: 'v.import.officerNotOnStaff', detail: '王芳' },
    ]);
    expect(result.unknownOfficers).toEqual([
      { name: '王　芳', column: '管户经理', rows: 2, firstLine: 2 },
    ]);
  });

  it('warnings without errors exit 0', async () => {
    const { dir, db } = await initBranch();
    const file = path.join(dir, 'ok.csv');
    fs.writeFileSync(file, [header, row(1, '张三', '11010519491231002X', '李勇')].join('\r\n'));
    const done = await cli(['import', '--db', db, '--file', file, '--as-of', '2026-11-01']);
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/拒绝 0 行。另有 1 条提醒：/);
  });
});
