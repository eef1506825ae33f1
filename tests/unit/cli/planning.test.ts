import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/core';
import { cli } from './support';

describe('CLI staff and roster imports', () => {
  it('import-staff upserts by staff number from a GBK file and reports JSON', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'v.db');
    await cli(['init', '--db', db, '--branch-name', 'B', '--branch-code', 'B1']);
    const file = path.join(dir, 'staff.csv');
    fs.writeFileSync(
      file,
      iconv.encode(
        [
          '工号,姓名,角色,手机号,资格证书编号,证书到期日',
          'C001,陈志强,催收员,13800138001,ZG-001,2027-12-31',
          'C002,刘芳,催收员,13800138002,ZG-002,2027-12-31',
        ].join('\r\n'),
        'gbk',
      ),
    );
    const first = await cli(['import-staff', '--db', db, '--file', file, '--json']);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({
      created: 2,
      updated: 0,
      rejected: 0,
      errors: [],
    });
    const again = await cli(['import-staff', '--db', db, '--file', file, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ created: 0, updated: 2 });
    const stats = JSON.parse((await cli(['stats', '--db', db, '--json'])).stdout) as {
      tables: Record<string, number>;
    };
    expect(stats.tables.staff).toBe(3);
  });

  it('import-roster rejects a rule-breaking row with line, rule and reason, and all-or-nothing plans nothing', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'v.db');
    await cli(['init', '--db', db, '--branch-name', 'B', '--branch-code', 'B1']);
    const roster = path.join(dir, 'roster.csv');
    fs.writeFileSync(
      roster,
      '身份证号,走访日期,开始时间,结束时间,走访人员\r\n110105194912310021,2030-03-11,21:30,22:30,X1、X2\r\n',
    );
    const result = await cli(['import-roster', '--db', db, '--file', roster, '--json']);
    expect(result.code).toBe(1);
    const parsed = JSON.parse(result.stdout) as {
      planned: number;
      rejected: number;
      errors: { line: number; rule: string; reason: string }[];
    };
    expect(parsed.planned).toBe(0);
    expect(parsed.rejected).toBe(1);
    expect(parsed.errors[0]).toMatchObject({ line: 2 });
    expect(parsed.errors[0]!.rule).toBeTruthy();
    expect(parsed.errors[0]!.reason).toBeTruthy();
    expect(JSON.parse((await cli(['stats', '--db', db, '--json'])).stdout).tables.visits).toBe(0);
    expect(
      (await cli(['import-roster', '--db', db, '--file', path.join(dir, 'missing.csv')])).code,
    ).toBe(1);
  });
});
