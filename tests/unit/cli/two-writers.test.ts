import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, initBranch } from './support';

const header =
  '姓名,身份证号,手机号,乡镇,村,贷款编号,贷款本金,放款日期,剩余本金,逾期本金,逾期起始日';

/** Another process holding the write lock for `ms`; resolves once it holds it. */
async function anotherWriter(db: string, recoveryKey: string, ms: number) {
  const script = path.join(__dirname, 'hold-write-lock.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, db, recoveryKey, String(ms)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let said = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      if (said.includes('holding')) resolve();
    });
    child.on('exit', () => reject(new Error(`the other writer exited early: ${said}`)));
  });
  return { exited, said: () => said };
}

describe('two writers: a second import waits for the first and says so', () => {
  it('waits while another process holds the write lock, then imports', async () => {
    const { dir, db, recoveryKey } = await initBranch();
    const file = path.join(dir, 'cases.csv');
    fs.writeFileSync(
      file,
      [
        header,
        '张三,11010519491231002X,13800138001,石桥镇,溪口村,DK-1,10000,2025-03-01,8000,1234.50,2026-10-03',
      ].join('\r\n'),
    );
    // Longer than the core's busy_timeout (5 s), so the first attempt fails busy.
    const other = await anotherWriter(db, recoveryKey, 7_000);
    const started = Date.now();
    const result = await cli(
      ['import', '--db', db, '--file', file, '--as-of', '2026-11-01', '--json'],
      'correct horse battery',
      { LANG: 'en_US.UTF-8' },
    );
    expect(await other.exited).toBe(0);
    expect(other.said()).toContain('released');
    expect(Date.now() - started).toBeGreaterThanOrEqual(5_000);
    expect(result.code).toBe(0);
    expect(result.stderr.split('\n')).toContain(
      'Waiting for another import to finish (another program is writing to the database)…',
    );
    expect(result.stderr).not.toMatch(/internal|Internal|locked/);
    expect(JSON.parse(result.stdout)).toMatchObject({ written: true, inserted: 1 });
  }, 60_000);
});
