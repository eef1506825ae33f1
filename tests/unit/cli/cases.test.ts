import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/core';
import { cli } from './support';

const header =
  '姓名,身份证号,手机号,乡镇,村,贷款编号,贷款本金,放款日期,剩余本金,逾期本金,逾期起始日';
const good = (n: number, name: string, id: string) =>
  `${name},${id},1380013800${n},石桥镇,溪口村,DK-${n},"￥10,000.00",2025年3月1日,"8,000.00","1,234.50",2026/10/03`;

describe('CLI case import and export', () => {
  it('imports a GBK file; all-or-nothing with a bad row writes nothing and exits non-zero', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'v.db');
    await cli(['init', '--db', db, '--branch-name', 'B', '--branch-code', 'B1']);
    const file = path.join(dir, 'cases.csv');
    const lines = [
      header,
      good(1, '张三', '11010519491231002X'),
      good(2, '李四', '110105194912310021'),
    ];
    fs.writeFileSync(file, iconv.encode(lines.join('\r\n'), 'gbk'));
    const bad = await cli(['import', '--db', db, '--file', file, '--json']);
    expect(bad.code).toBe(1);
    const refused = JSON.parse(bad.stdout) as {
      written: boolean;
      rejected: number;
      errors: { line: number; column: string; reason: string }[];
    };
    expect(refused.written).toBe(false);
    expect(refused.errors[0]).toMatchObject({ line: 3 });
    expect(JSON.parse((await cli(['stats', '--db', db, '--json'])).stdout).tables.borrowers).toBe(
      0,
    );

    const valid = await cli([
      'import',
      '--db',
      db,
      '--file',
      file,
      '--mode',
      'valid-only',
      '--as-of',
      '2026-11-01',
      '--json',
    ]);
    // Some rows imported, some rejected: exit code 3 (the report is printed all the same).
    expect(valid.code).toBe(3);
    expect(JSON.parse(valid.stdout)).toMatchObject({
      inserted: 1,
      rejected: 1,
      written: true,
      encoding: 'gbk',
    });
  });

  it('export-cases writes the masked list as CSV with a BOM, and seed-demo loads once', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'v.db');
    await cli(['init', '--db', db, '--branch-name', 'B', '--branch-code', 'B1']);
    const seeded = await cli(['seed-demo', '--db', db, '--json']);
    expect(seeded.code).toBe(0);
    expect(JSON.parse(seeded.stdout).borrowers).toBeGreaterThan(300);
    expect((await cli(['seed-demo', '--db', db])).code).toBe(1);
    const out = path.join(dir, 'cases.csv');
    expect((await cli(['export-cases', '--db', db, '--out', out])).code).toBe(1);
    expect(fs.existsSync(out)).toBe(false);
    const exported = await cli([
      'export-cases',
      '--db',
      db,
      '--out',
      out,
      '--purpose',
      '总行季度核对',
      '--json',
    ]);
    expect(exported.code).toBe(0);
    const csv = fs.readFileSync(out, 'utf8');
    expect(csv.startsWith('\uFEFF"姓名"')).toBe(true);
    expect(csv).toMatch(/\d{6}\*{8}\d{3}[\dX]/);
    expect(csv.split('\r\n').filter(Boolean).length).toBe(JSON.parse(exported.stdout).rows + 1);
  });
});
