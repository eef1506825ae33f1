import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/core';
import { cli } from './support';

const EN = { LANG: 'en_US.UTF-8' };
const PASSPHRASE = 'correct horse battery';
const header =
  '姓名,身份证号,手机号,乡镇,村,贷款编号,贷款本金,放款日期,剩余本金,逾期本金,逾期起始日';
const row = (n: number, name: string, id: string) =>
  `${name},${id},1380013800${n},石桥镇,溪口村,DK-${n},10000,2025-03-01,8000,1234.50,2026-10-03`;
const BAD_ID = '110105194912310021';

async function branch() {
  const dir = tempDir();
  const db = path.join(dir, 'v.db');
  await cli(['init', '--db', db, '--branch-name', 'B', '--branch-code', 'B1']);
  const write = (name: string, lines: string[]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, lines.join('\r\n'));
    return file;
  };
  return { db, write };
}

// Exit codes: 0 all imported, 3 some rows imported and some rejected, 1 nothing imported.

describe('an import exits non-zero whenever a row was rejected or nothing was imported', () => {
  it('cases: an empty file and a file whose every row is rejected exit 1; JSON still printed', async () => {
    const { db, write } = await branch();
    const empty = write('empty.csv', [header]);
    const none = await cli(['import', '--db', db, '--file', empty, '--as-of', '2026-11-01']);
    expect(none.code).toBe(1);
    expect(none.stdout).toBe(`没有导入：${empty} 的标题行下面没有数据行。`);
    const noneEn = await cli(['import', '--db', db, '--file', empty, '--json'], PASSPHRASE, EN);
    expect(noneEn.code).toBe(1);
    expect(JSON.parse(noneEn.stdout)).toMatchObject({ total: 0, written: false });

    const bad = write('bad.csv', [header, row(1, '李四', BAD_ID)]);
    const args = [
      'import',
      '--db',
      db,
      '--file',
      bad,
      '--mode',
      'valid-only',
      '--as-of',
      '2026-11-01',
    ];
    const allBad = await cli(args, PASSPHRASE, EN);
    expect(allBad.code).toBe(1);
    expect(allBad.stdout).toBe(`Nothing imported: every row of ${bad} was rejected (1 row).`);
    expect(allBad.stderr).toMatch(/^ {2}line 2 身份证号: /);
    const zh = await cli([...args, '--json']);
    expect(zh.code).toBe(1);
    expect(JSON.parse(zh.stdout)).toMatchObject({ total: 1, rejected: 1, inserted: 0 });
  });

  it('cases: some rows in and some rejected exit 3 and say so; all in exits 0', async () => {
    const { db, write } = await branch();
    const mixed = write('mixed.csv', [
      header,
      row(1, '张三', '11010519491231002X'),
      row(2, '李四', BAD_ID),
    ]);
    const args = [
      'import',
      '--db',
      db,
      '--file',
      mixed,
      '--mode',
      'valid-only',
      '--as-of',
      '2026-11-01',
    ];
    const some = await cli(args);
    expect(some.code).toBe(3);
    expect(some.stdout).toMatch(/拒绝 1 行（被拒绝的行列在下面，退出码 3）。$/);
    const json = await cli([...args, '--json']);
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout)).toMatchObject({ written: true, total: 2, rejected: 1 });
    const good = write('good.csv', [header, row(1, '张三', '11010519491231002X')]);
    const all = await cli(['import', '--db', db, '--file', good, '--as-of', '2026-11-01']);
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/拒绝 0 行。$/);
  });

  it('import-staff and import-roster: the same three outcomes', async () => {
    const { db, write } = await branch();
    const staffHeader = '工号,姓名,角色,手机号,资格证书编号,证书到期日';
    const empty = write('staff-empty.csv', [staffHeader]);
    const none = await cli(['import-staff', '--db', db, '--file', empty], PASSPHRASE, EN);
    expect(none.code).toBe(1);
    expect(none.stdout).toBe(`No staff imported: ${empty} has no staff rows.`);
    const mixed = write('staff.csv', [
      staffHeader,
      'C001,陈志强,催收员,13800138001,ZG-001,2027-12-31',
      'C002,刘芳,催收员,12345,ZG-002,2027-12-31',
    ]);
    const some = await cli(['import-staff', '--db', db, '--file', mixed, '--mode', 'valid-only']);
    expect(some.code).toBe(3);
    expect(some.stdout).toBe(
      `已从 ${mixed} 导入员工：新增 1 人，更新 0 人，拒绝 1 行（被拒绝的行列在下面，退出码 3）。`,
    );
    const someJson = await cli([
      'import-staff',
      '--db',
      db,
      '--file',
      mixed,
      '--mode',
      'valid-only',
      '--json',
    ]);
    expect(someJson.code).toBe(3);
    expect(JSON.parse(someJson.stdout)).toMatchObject({ updated: 1, rejected: 1 });

    const roster = write('roster.csv', [
      '身份证号,走访日期,开始时间,结束时间,走访人员',
      '110105194912310021,2030-03-11,21:30,22:30,X1、X2',
    ]);
    const allBad = await cli([
      'import-roster',
      '--db',
      db,
      '--file',
      roster,
      '--mode',
      'valid-only',
    ]);
    expect(allBad.code).toBe(1);
    expect(allBad.stdout).toBe(`没有安排走访：${roster} 中 1 行全部有误或违反规则。`);
    const emptyRoster = write('roster-empty.csv', ['身份证号,走访日期,开始时间,结束时间,走访人员']);
    const noRows = await cli(['import-roster', '--db', db, '--file', emptyRoster, '--json']);
    expect(noRows.code).toBe(1);
    expect(JSON.parse(noRows.stdout)).toMatchObject({ planned: 0, rejected: 0 });
  });
});
