import { sql } from 'kysely';
import { expect } from 'vitest';
import { appImportDesk } from '../../../electron/core/imports/desk';
import { importSourceFor } from '../../../electron/core/imports/prepare';
import { importCasesOn } from '../../../electron/core/imports/service';
import { importFields } from '../../../electron/shared/schemas/imports';
import { expectOk } from '../support/core';
import type { EngineKind } from '../support/engines';
import { outcomeOn, recordOn, recordsCoreOn } from './desk-records';
import { residentId } from './support';

/**
 * A branch month seen from the money side: head-office files for borrower 1's two loans
 * (QS-2025-0001 and -0002, ¥30,000.00 outstanding each as of 1 May), visits with cash taken,
 * and helpers to read what is on file, on either engine (issue 19).
 */

type Cells = Partial<Record<(typeof importFields)[number]['field'], string>>;

function csv(rows: Cells[], headers: readonly string[] = importFields.map((f) => f.zh)): string {
  const lines = [headers.join(',')];
  for (const row of rows) lines.push(importFields.map((f) => row[f.field] ?? '').join(','));
  return `${lines.join('\r\n')}\r\n`;
}

const loanCells = (loanNo: string, outstandingYuan: string, lastPaidOn = ''): Cells => ({
  name: '张秀英',
  id_number: residentId(1),
  loan_no: loanNo,
  principal: '50000',
  disbursed_on: '2025-01-01',
  outstanding_principal: outstandingYuan,
  overdue_principal: '3000',
  overdue_interest: '200',
  overdue_since: '2026-02-01',
  last_paid_on: lastPaidOn,
});

export interface FileLoan {
  /** Outstanding principal in yuan, as the file writes it. */
  outstanding: string;
  /** The file's 最近还款日 cell, if any. */
  lastPaidOn?: string;
}

/**
 * The branch on `kind`: desk-records.ts's desk, head office's files imported by the
 * importer's own function on the app's engine and its writes (as imports:run runs it), the
 * visits written through the app's engine, and what is on file read on that engine.
 */
export async function moneyCoreOn(kind: EngineKind) {
  const core = await recordsCoreOn(kind);
  // Read at each use: on a server desk signing in opens the engine anew.
  const db = () => core.app.engine.db;
  const m = {
    ...core,
    /** Imports head office's file of `asOf` for the two loans (unchanged loans as given). */
    async file(
      asOf: string,
      loans: { first?: FileLoan; second?: FileLoan } = {},
      headers?: readonly string[],
    ) {
      const rows = [
        loanCells('QS-2025-0001', loans.first?.outstanding ?? '30000', loans.first?.lastPaidOn),
        loanCells('QS-2025-0002', loans.second?.outstanding ?? '30000', loans.second?.lastPaidOn),
      ];
      const fileName = `loans-${asOf}.csv`;
      const bytes = new Uint8Array(Buffer.from(csv(rows, headers), 'utf8'));
      const result = await importCasesOn(appImportDesk(core.app), {
        fileName,
        source: await importSourceFor(fileName, bytes, 'auto'),
        mode: 'all-or-nothing',
        asOf,
        staffId: core.managerId,
        now: core.clock.now.toISOString(),
      });
      expect(result.errors).toEqual([]);
      expect(result.written).toBe(true);
      return result;
    },
    /** A visit on `date` by the two officers about loan 1, its cash recorded that day. */
    async cash(date: string, amountFen: number, loanId = core.loanId) {
      core.setToday(date);
      return m.recordCash(await core.visit(date), date, amountFen, loanId);
    },
    /** The officer records the visit's cash (on whatever day the clock shows). */
    async recordCash(visitId: number, date: string, amountFen: number, loanId = core.loanId) {
      await core.signInAs(core.officer);
      const saved = await recordOn(
        core,
        outcomeOn(core, visitId, {
          date,
          outcome: 'partial_payment',
          payment: { amountFen, method: 'cash', loanId },
          followUpOn: null,
        }),
      );
      await core.signInAsManager();
      return saved.effective.receipt!;
    },
    payments() {
      return db()
        .selectFrom('payments as p')
        .innerJoin('loans as l', 'l.id', 'p.loan_id')
        .select(['p.source', 'l.loan_no as loan', 'p.paid_on', 'p.paid_from', 'p.amount_fen'])
        .orderBy('p.id')
        .execute();
    },
    fileRepayments() {
      return db()
        .selectFrom('file_repayments as f')
        .innerJoin('loans as l', 'l.id', 'f.loan_id')
        .leftJoin('payments as p', 'p.id', 'f.payment_id')
        .select([
          'l.loan_no as loan',
          'f.as_of',
          'f.previous_as_of',
          'f.reduction_fen',
          'f.paid_on',
          'p.amount_fen as new_fen',
        ])
        .orderBy('f.as_of')
        .orderBy('l.loan_no')
        .execute();
    },
    /** Every file's fall is its confirmed visit cash plus its new money, to the fen. */
    async expectFilesAddUp() {
      const { rows: broken } = await sql<{ id: number }>`
        SELECT f.id FROM file_repayments f LEFT JOIN payments p ON p.id = f.payment_id
        WHERE f.reduction_fen <> coalesce(p.amount_fen, 0) + coalesce((SELECT sum(c.amount_fen)
          FROM payment_confirmations c WHERE c.file_repayment_id = f.id), 0)`.execute(db());
      expect(broken).toEqual([]);
    },
    async paymentEntries() {
      const page = expectOk(await core.invoke('cases:get', { borrowerId: core.borrowerId }));
      return page.timeline.flatMap((e) => (e.type === 'payment' ? [e] : []));
    },
    async collected(month: string) {
      const summary = expectOk(await core.invoke('reports:summary', { month }));
      return {
        branch: summary.figures.branch.collectedFen,
        officers: Object.fromEntries(
          summary.figures.officers.map((o) => [o.staffNo, o.figures.collectedFen]),
        ),
      };
    },
  };
  // The branch's file of 1 May, as it already stands in the tables: its snapshots.
  await m.file('2026-05-01');
  return m;
}

export type MoneyCoreOn = Awaited<ReturnType<typeof moneyCoreOn>>;
