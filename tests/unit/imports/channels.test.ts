import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../electron/core/audit/audit';
import type { Sqlite } from '../../../electron/core/db/sqlite';
import { importFields } from '../../../electron/shared/schemas/imports';
import { addAccount, expectError, expectOk, signedInCore, switchTo } from '../support/core';
import {
  b64,
  caseRow,
  csvText,
  gbk,
  idFor,
  utf8,
  wrongCheck,
  xlsxBytes,
  zhHeaders,
} from './fixtures';

function counts(db: Sqlite) {
  const n = (table: string) =>
    (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    borrowers: n('borrowers'),
    loans: n('loans'),
    snapshots: n('loan_snapshots'),
    audit: n('audit_log'),
  };
}

interface Progress {
  jobId: number;
  task: string;
  done: number;
  total: number;
  note?: string;
}

describe('import channels (small files inline, large ones in a worker thread)', () => {
  it('previews a GBK file: encoding, header mapping, first rows and every problem', async () => {
    const core = await signedInCore();
    const rows = [
      caseRow(1, { overdue_principal: '￥1,234.50' }),
      caseRow(2, { id_number: wrongCheck(idFor(2)) }),
    ];
    const preview = expectOk(
      await core.invoke('imports:preview', {
        fileName: '清单.csv',
        contentBase64: b64(gbk(csvText(rows))),
        rows: 1,
      }),
    );
    expect(preview).toMatchObject({
      kind: 'csv',
      encoding: 'gbk',
      headerLine: 1,
      totalRows: 2,
      rejected: 1,
      missingFields: [],
      problems: [{ line: 3, column: '身份证号', reason: 'v.idNumber' }],
    });
    expect(preview.columns).toEqual(importFields.map((f) => f.field));
    expect(preview.rows).toEqual([
      { line: 2, cells: expect.arrayContaining(['借款人1', '￥1,234.50']) },
    ]);
    expect(counts(core.app.db).borrowers).toBe(0);
  });

  it('runs an import with progress events and returns the counts; as-of defaults to today', async () => {
    const events: Progress[] = [];
    const core = await signedInCore({
      emit: (event, payload) => {
        if (event === 'job:progress') events.push(payload as Progress);
      },
      now: () => new Date('2026-03-01T18:00:00Z'),
    });
    const result = expectOk(
      await core.invoke('imports:run', {
        fileName: 'cases.csv',
        contentBase64: b64(
          utf8(csvText([caseRow(1), caseRow(2), caseRow(3, { disbursed_on: 'x' })])),
        ),
        mode: 'valid-only',
      }),
    );
    // 18:00 UTC is already 2 March in Shanghai.
    expect(result).toMatchObject({ asOf: '2026-03-02', inserted: 2, rejected: 1, written: true });
    expect(result.errors).toEqual([{ line: 4, column: '放款日期', reason: 'v.import.date' }]);
    // Three rows run inline, in the main process: job id 0, and the bar moves row by row over
    // the two rows written.
    expect(events.every((e) => e.task === 'importCases' && e.jobId === 0)).toBe(true);
    expect(events.map((e) => [e.done, e.total, e.note])).toEqual([
      [0, 2, 'write'],
      [1, 2, 'write'],
      [2, 2, 'write'],
      [2, 2, 'index'],
      [2, 2, 'done'],
    ]);
    const audit = core.app.db
      .prepare("SELECT staff_id, at FROM audit_log WHERE action = 'cases.import'")
      .get() as { staff_id: number; at: string };
    expect(audit.staff_id).toBe(core.app.session!.staffId);
    // Written by the worker on the core's clock, not the machine's.
    expect(audit.at).toBe('2026-03-01T18:00:00.000Z');
    expect(verifyAuditChain(core.app.db).ok).toBe(true);
  });

  it('all-or-nothing through the channel: nothing written, the result says why', async () => {
    const core = await signedInCore();
    const before = counts(core.app.db);
    const result = expectOk(
      await core.invoke('imports:run', {
        fileName: 'cases.csv',
        contentBase64: b64(utf8(csvText([caseRow(1), caseRow(2, { principal: '1.234' })]))),
        mode: 'all-or-nothing',
        asOf: '2026-01-31',
      }),
    );
    expect(result).toMatchObject({ written: false, inserted: 0, rejected: 1 });
    expect(counts(core.app.db)).toEqual(before);
  });

  it('cancelling a running import leaves nothing behind, and the next import works', async () => {
    const core = await signedInCore();
    const rows = Array.from({ length: 30_000 }, (_, i) => caseRow(i + 1));
    const before = counts(core.app.db);
    let sawWrite!: () => void;
    const writing = new Promise<void>((resolve) => (sawWrite = resolve));
    const controller = new AbortController();
    const pending = core.app.runJob(
      'importCases',
      {
        fileName: 'big.csv',
        source: { kind: 'csv', bytes: utf8(csvText(rows)), encoding: 'auto' },
        mode: 'valid-only',
        asOf: '2026-01-31',
        staffId: 1,
      },
      {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.note === 'write' && p.done >= 1000) sawWrite();
        },
      },
    );
    await writing;
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(counts(core.app.db)).toEqual(before);

    const small = expectOk(
      await core.invoke('imports:run', {
        fileName: 'small.csv',
        contentBase64: b64(utf8(csvText([caseRow(1)]))),
        asOf: '2026-01-31',
      }),
    );
    expect(small).toMatchObject({ inserted: 1, written: true });
  });

  it('imports:cancel stops the running import without knowing its job id', async () => {
    const core = await signedInCore();
    const rows = Array.from({ length: 30_000 }, (_, i) => caseRow(i + 1));
    const before = counts(core.app.db);
    const pending = core.invoke('imports:run', {
      fileName: 'big.csv',
      contentBase64: b64(utf8(csvText(rows))),
      asOf: '2026-01-31',
    });
    while (core.app.runningJobs.length === 0) await new Promise((r) => setTimeout(r, 5));
    expect(expectOk(await core.invoke('imports:cancel', {}))).toEqual({ cancelled: 1 });
    expectError(await pending, 'CANCELLED');
    expect(counts(core.app.db)).toEqual(before);
  });

  it('saves a column mapping under a name (audited) and imports with it', async () => {
    const core = await signedInCore();
    const mapping = {
      客户: 'name',
      证件: 'id_number',
      借据: 'loan_no',
      金额: 'principal',
      发放: 'disbursed_on',
      余额: 'outstanding_principal',
    } as const;
    const saved = expectOk(await core.invoke('imports:saveMapping', { name: '总行格式', mapping }));
    expect(saved).toEqual([{ name: '总行格式', mapping }]);
    expect(expectOk(await core.invoke('imports:mappings', {}))).toEqual(saved);
    const text = `客户,证件,借据,金额,发放,余额\r\n张三,${idFor(1)},J-1,1000,2025-01-01,800\r\n`;
    const result = expectOk(
      await core.invoke('imports:run', {
        fileName: 'hq.csv',
        contentBase64: b64(utf8(text)),
        mappingName: '总行格式',
        asOf: '2026-01-31',
      }),
    );
    expect(result).toMatchObject({ inserted: 1, rejected: 0 });
    expectError(
      await core.invoke('imports:preview', {
        fileName: 'hq.csv',
        contentBase64: b64(utf8(text)),
        mappingName: '不存在',
      }),
      'NOT_FOUND',
    );
    const audited = core.app.db
      .prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'imports.saveMapping'")
      .get() as { n: number };
    expect(audited.n).toBe(1);
  });

  it('offers the standard template and the validation report as files', async () => {
    const core = await signedInCore();
    const csv = expectOk(await core.invoke('imports:template', { format: 'csv' }));
    expect(csv.fileName).toBe('案件导入模板.csv');
    const text = Buffer.from(csv.contentBase64, 'base64').toString('utf8');
    expect(text).toBe(`\uFEFF${importFields.map((f) => `"${f.zh}"`).join(',')}\r\n`);
    const xlsx = expectOk(await core.invoke('imports:template', { format: 'xlsx' }));
    expect(Buffer.from(xlsx.contentBase64, 'base64').subarray(0, 2).toString()).toBe('PK');

    const report = expectOk(
      await core.invoke('imports:report', {
        fileName: '一月.csv',
        problems: [{ line: 3, column: '身份证号', reason: 'v.idNumber' }],
        purpose: '退回总行更正数据',
      }),
    );
    expect(report.fileName).toMatch(/^导入校验报告-一月-\d{8}\.csv$/);
    expect(Buffer.from(report.contentBase64, 'base64').toString('utf8')).toContain(
      '"3","身份证号","身份证号不正确',
    );
  });

  it('only roles with cases.import may import; oversized or non-base64 content is refused', async () => {
    const core = await signedInCore();
    const officer = addAccount(core, { username: 'officer1', role: 'officer' });
    const clerk = addAccount(core, { username: 'clerk1', role: 'clerk' });
    const payload = {
      fileName: 'c.csv',
      contentBase64: b64(utf8(csvText([caseRow(1)]))),
      asOf: '2026-01-31',
    };
    await switchTo(core, officer);
    expectError(await core.invoke('imports:run', payload), 'FORBIDDEN');
    expectError(await core.invoke('imports:preview', payload), 'FORBIDDEN');
    await switchTo(core, clerk);
    expect(expectOk(await core.invoke('imports:run', payload))).toMatchObject({ inserted: 1 });
    expectError(
      await core.invoke('imports:run', { ...payload, contentBase64: '%%%not base64' }),
      'VALIDATION',
    );
  });

  it('imports an XLSX through the channel (read before the worker starts)', async () => {
    const core = await signedInCore();
    const cells = Object.values(caseRow(1)) as (string | number | Date)[];
    cells[12] = new Date(Date.UTC(2024, 2, 1));
    const result = expectOk(
      await core.invoke('imports:run', {
        fileName: 'cases.xlsx',
        contentBase64: b64(await xlsxBytes([zhHeaders, cells])),
        asOf: '2026-01-31',
      }),
    );
    expect(result).toMatchObject({ encoding: 'xlsx', inserted: 1, written: true });
  });

  it('refuses a second import while one is running, and a mapping that fills a field twice', async () => {
    const core = await signedInCore();
    const rows = Array.from({ length: 5_000 }, (_, i) => caseRow(i + 1));
    const payload = {
      fileName: 'c.csv',
      contentBase64: b64(utf8(csvText(rows))),
      asOf: '2026-01-31',
    };
    const first = core.invoke('imports:run', payload);
    expectError(await core.invoke('imports:run', payload), 'CONFLICT');
    expect(expectOk(await first)).toMatchObject({ inserted: 5_000 });
    const error = expectError(
      await core.invoke('imports:saveMapping', { name: 'x', mapping: { 甲: 'name', 乙: 'name' } }),
      'VALIDATION',
    );
    expect(Object.values(error.fields ?? {})).toContain('v.import.duplicateColumn');
  });
});
