import fs from 'node:fs';
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { auditHead, verifyAuditChain } from '../../../electron/core/audit/audit';
import { checkpointsFile } from '../../../electron/core/audit/checkpoint';
import { computeMonthFigures } from '../../../electron/core/reports/figures';
import { addAccount, expectError, expectOk, signedInCore } from '../support/core';
import { seedMarch2026 } from './dataset';

const NOW = () => new Date('2026-04-03T02:00:00.000Z');

describe('closing a month', () => {
  it('freezes the figures with their hash and the audit head; later changes do not alter them', async () => {
    const core = await signedInCore({ now: NOW });
    const { loans } = seedMarch2026(core.app.db);
    const head = auditHead(core.app.db);
    const close = expectOk(await core.invoke('reports:close', { month: '2026-03' }));
    expect(close.auditHead).toBe(head);
    expect(close.closedBy.staffNo).toBe('M001');
    const stored = core.app.db
      .prepare('SELECT figures_json FROM month_closes WHERE id = ?')
      .get(close.id) as { figures_json: string };
    expect(crypto.createHash('sha256').update(stored.figures_json).digest('hex')).toBe(
      close.figuresSha256,
    );
    const audit = core.app.db
      .prepare("SELECT after FROM audit_log WHERE action = 'reports.close'")
      .get() as { after: string };
    expect(JSON.parse(audit.after)).toMatchObject({
      auditHead: head,
      figuresSha256: close.figuresSha256,
    });

    // A late payment on a visited loan changes the live figures, not the closed month.
    core.app.db
      .prepare(
        "INSERT INTO payments (loan_id, borrower_id, paid_on, amount_fen, source, created_at) SELECT id, borrower_id, '2026-03-20', 777700, 'import', 'x' FROM loans WHERE id = ?",
      )
      .run(loans.l1);
    const summary = expectOk(await core.invoke('reports:summary', { month: '2026-03' }));
    expect(summary.frozen).toBe(true);
    expect(summary.figures.branch.collectedFen).toBe(125000);
    expect(summary.close?.auditHead).toBe(head);
    const exported = expectOk(
      await core.invoke('reports:exportCsv', { month: '2026-03', purpose: '报送总行月度报表' }),
    );
    expect(exported.frozen).toBe(true);

    expectError(await core.invoke('reports:close', { month: '2026-03' }), 'CONFLICT');
    expect(verifyAuditChain(core.app.db).ok).toBe(true);
  });

  it('reads a month closed before officers had roll-rate matrices with none, and says so in its workbook', async () => {
    const core = await signedInCore({ now: NOW });
    seedMarch2026(core.app.db);
    // A close as definitions version 2 stored it: no matrix beside an officer's figures (a close
    // is never updated, so the older row is written as it was then).
    const older = computeMonthFigures(core.app.db, '2026-03') as unknown as {
      definitionsVersion: number;
      officers: Record<string, unknown>[];
    };
    older.definitionsVersion = 2;
    for (const officer of older.officers) delete officer.rollRate;
    const json = JSON.stringify(older);
    core.app.db
      .prepare(
        `INSERT INTO month_closes (month, figures_json, figures_sha256, audit_head, closed_by, closed_at)
         VALUES ('2026-03', ?, ?, ?, 1, '2026-04-01T02:00:00.000Z')`,
      )
      .run(json, crypto.createHash('sha256').update(json).digest('hex'), auditHead(core.app.db));

    const summary = expectOk(await core.invoke('reports:summary', { month: '2026-03' }));
    expect(summary.figures.definitionsVersion).toBe(2);
    expect(summary.figures.officers.map((o) => o.rollRate)).toEqual([null, null, null]);
    const file = expectOk(
      await core.invoke('reports:exportXlsx', { month: '2026-03', purpose: '报送总行月度报表' }),
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('按催收员迁徙率')!;
    expect(sheet.rowCount).toBe(3);
    expect(String(sheet.getRow(3).getCell(1).value)).toContain('没有按催收员的迁徙率');
  });

  it('reopens only with a reason, audited, and a new close shows the new figures', async () => {
    const core = await signedInCore({ now: NOW });
    seedMarch2026(core.app.db);
    expectOk(await core.invoke('reports:close', { month: '2026-03' }));
    const refused = expectError(
      await core.invoke('reports:reopen', { month: '2026-03', reason: '   ' }),
      'VALIDATION',
    );
    expect(refused.fields?.reason).toBe('v.required');
    const reopened = expectOk(
      await core.invoke('reports:reopen', { month: '2026-03', reason: '补录一笔还款' }),
    );
    expect(reopened.reopenReason).toBe('补录一笔还款');
    const audit = core.app.db
      .prepare("SELECT after FROM audit_log WHERE action = 'reports.reopen'")
      .get() as { after: string };
    expect(JSON.parse(audit.after)).toEqual({ reason: '补录一笔还款' });
    const open = expectOk(await core.invoke('reports:summary', { month: '2026-03' }));
    expect(open.frozen).toBe(false);
    expect(open.history).toHaveLength(1);
    expectError(
      await core.invoke('reports:reopen', { month: '2026-03', reason: 'x' }),
      'NOT_FOUND',
    );
    expectOk(await core.invoke('reports:close', { month: '2026-03' }));
    expect(() =>
      core.app.db
        .prepare("UPDATE month_closes SET figures_json = '{}' WHERE month = '2026-03'")
        .run(),
    ).toThrow(/frozen/);
  });

  it('refuses a month that has not started and lets only the manager close', async () => {
    const core = await signedInCore({ now: NOW });
    expectError(await core.invoke('reports:close', { month: '2026-05' }), 'VALIDATION');
    const officer = addAccount(core, { username: 'officer1', role: 'officer' });
    expectOk(await core.invoke('auth:signOut', {}));
    expectOk(
      await core.invoke('auth:signIn', {
        username: officer.username,
        passphrase: officer.passphrase,
      }),
    );
    expectOk(await core.invoke('reports:summary', { month: '2026-03' }));
    expectError(await core.invoke('reports:close', { month: '2026-03' }), 'FORBIDDEN');
  });

  it('compares with the previous month and the same month last year where data exists', async () => {
    const core = await signedInCore({ now: NOW });
    seedMarch2026(core.app.db);
    const summary = expectOk(await core.invoke('reports:summary', { month: '2026-03' }));
    expect(summary.previous?.month).toBe('2026-02');
    expect(summary.previous?.figures.visitsPlanned).toBe(1);
    expect(summary.lastYear).toBeNull();
    expect(summary.definitions.find((d) => d.key === 'cureRate')?.label.zh).toBe('治愈率');
  });

  it('lists the rows behind a figure, for the branch or one officer', async () => {
    const core = await signedInCore({ now: NOW });
    const { a } = seedMarch2026(core.app.db);
    const done = expectOk(
      await core.invoke('reports:drilldown', { month: '2026-03', figure: 'visitsDone' }),
    );
    expect(done.kind).toBe('visits');
    expect(done.total).toBe(3);
    const mine = expectOk(
      await core.invoke('reports:drilldown', {
        month: '2026-03',
        figure: 'visitsDone',
        officerId: a,
      }),
    );
    expect(mine.total).toBe(2);
    const cured = expectOk(
      await core.invoke('reports:drilldown', { month: '2026-03', figure: 'loansCured' }),
    );
    // L4 ends with no principal left: paid off, its own list, not a cure (issue 15).
    expect(cured.rows.map((r) => r.loanNo)).toEqual(['L1']);
    const paidOff = expectOk(
      await core.invoke('reports:drilldown', { month: '2026-03', figure: 'loansPaidOff' }),
    );
    expect(paidOff.rows.map((r) => r.loanNo)).toEqual(['L4']);
    const paid = expectOk(
      await core.invoke('reports:drilldown', { month: '2026-03', figure: 'collectedFen' }),
    );
    expect(paid.rows.reduce((s, r) => s + Number(r.amountFen), 0)).toBe(125000);
    const due = expectOk(
      await core.invoke('reports:drilldown', { month: '2026-03', figure: 'promisesDue' }),
    );
    expect(due.total).toBe(3);
    expectError(
      await core.invoke('reports:drilldown', { month: '2026-03', figure: 'nope' }),
      'NOT_FOUND',
    );
  });
});

describe('a close whose checkpoint file cannot be written', () => {
  it('stands, says so in the log, and keeps its checkpoint in the chain', async () => {
    const logged: string[] = [];
    const core = await signedInCore({ now: NOW, log: (message) => logged.push(message) });
    seedMarch2026(core.app.db);
    // A folder where the checkpoints file goes: appending to it fails.
    fs.mkdirSync(checkpointsFile(core.dbFile));
    const close = expectOk(await core.invoke('reports:close', { month: '2026-03' }));
    expect(close.month).toBe('2026-03');
    expect(expectOk(await core.invoke('reports:summary', { month: '2026-03' })).frozen).toBe(true);
    const checkpoints = expectOk(await core.invoke('audit:list', { action: 'audit.checkpoint' }));
    expect(checkpoints.rows.map((r) => JSON.parse(String(r.after)).reason)).toEqual([
      'month-close 2026-03',
    ]);
    expect(logged).toEqual([
      'month 2026-03 closed; its checkpoint is in the audit chain but not kept beside the database',
    ]);
  });
});
