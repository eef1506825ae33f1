import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { defaultTemplates } from '../../../electron/core/notices/default-templates';
import type { PrintLogRow } from '../../../electron/shared/schemas/notices';
import type { PlanRow, ReceiptRow } from '../../../electron/shared/schemas/records-views';
import {
  PrintAgreementButton,
  PrintReceiptButton,
} from '../../../renderer/src/features/notices/RecordPrintButtons';
import { sampleDocument } from '../../../renderer/src/print/samples';
import { fakeBridge } from '../support';
import { renderAs } from '../support';

const staff = { id: 3, staffNo: 'C101', name: '李明' };

const receipt: ReceiptRow = {
  id: 7,
  receiptNo: 'QS001-SJ-2025-000031',
  branchCode: 'QS001',
  year: 2026,
  seq: 31,
  paymentId: 12,
  visitRecordId: 5,
  visitId: 9,
  borrowerId: 4,
  borrowerName: '李秀兰',
  loanId: 2,
  loanNo: 'QS2023-00815',
  amountFen: 300_000,
  method: 'cash',
  paidOn: '2026-05-20',
  paidAt: '2026-05-20T10:40',
  collectedBy: [staff],
  issuedBy: staff,
  issuedAt: '2026-05-20T02:40:00.000Z',
};

const plan = (status: PlanRow['status']): PlanRow => ({
  id: 11,
  borrowerId: 4,
  borrowerName: '李秀兰',
  loanId: null,
  visitRecordId: 5,
  visitId: 9,
  totalFen: 640_000,
  overdueFen: 640_000,
  shortfallReason: '',
  status,
  proposedBy: staff,
  proposedAt: '2026-05-20T02:40:00.000Z',
  decidedBy: null,
  decidedAt: null,
  decisionReason: '',
  instalments: [],
});

const sampleReceipt = sampleDocument('paymentReceipt', 'zh', {
  version: 0,
  body: defaultTemplates.paymentReceipt.zh,
});

const logRow = (isCopy: boolean): PrintLogRow => ({
  id: isCopy ? 2 : 1,
  printedAt: '2026-05-20T03:00:00.000Z',
  printedAtLocal: '2026-05-20 11:00:00',
  staffName: '李明',
  staffNo: 'C101',
  kind: 'paymentReceipt',
  lang: 'zh',
  referenceNo: 'QS001-2026-000004',
  borrowerId: 4,
  borrowerName: '张秀英',
  visitId: 9,
  templateVersion: 0,
  contentSha256: 'a'.repeat(64),
  isCopy,
});

describe('printing a receipt from a visit record', () => {
  it('previews the receipt, warns it was printed before, saves a PDF through the staged job', async () => {
    const bridge = fakeBridge({
      'notices:preview': () => ({ ok: true, data: { documents: [sampleReceipt] } }),
      'notices:log': () => ({ ok: true, data: [logRow(false)] }),
      'notices:print': () => ({
        ok: true,
        data: {
          documents: [{ ...sampleReceipt, referenceNo: 'QS001-2026-000004', isCopy: true }],
          logIds: [2],
        },
      }),
      'print:stage': () => ({
        ok: true,
        data: { jobId: '0'.repeat(8) + '-0000-0000-0000-' + '0'.repeat(12) },
      }),
      'print:savePdf': () => ({ ok: true, data: { file: '/tmp/receipt.pdf', pages: 1 } }),
    });
    renderAs('officer', <PrintReceiptButton receipt={receipt} />);
    fireEvent.click(screen.getByRole('button', { name: '打印收据' }));

    const dialog = await screen.findByRole('dialog', { name: '收据 QS001-SJ-2025-000031' });
    const preview = await within(dialog).findByTestId('document-preview');
    expect(preview).toHaveTextContent('QS001-SJ-2025-000031');
    expect(preview).toHaveTextContent('人民币叁仟元整');
    expect(
      await within(dialog).findByText(/此文书已打印过（编号 QS001-2026-000004）/),
    ).toBeInTheDocument();
    expect(bridge.calls.find((c) => c.channel === 'notices:preview')?.input).toEqual({
      lang: 'zh',
      documents: [{ kind: 'paymentReceipt', receiptId: 7 }],
    });
    expect(bridge.calls.find((c) => c.channel === 'notices:log')?.input).toEqual({
      kind: 'paymentReceipt',
      visitId: 9,
      limit: 100,
    });

    fireEvent.click(within(dialog).getByRole('button', { name: '保存为 PDF' }));
    expect(await within(dialog).findByTestId('print-outcome')).toHaveTextContent(
      '已保存 /tmp/receipt.pdf，共 1 页',
    );
    expect(within(dialog).getByText(/本次打印件已标为“副本”/)).toBeInTheDocument();
    // The printed copy replaces the preview: it carries the 副本 stamp.
    expect(within(dialog).getByTestId('document-preview')).toHaveTextContent('副本');
    expect(
      bridge.calls
        .map((c) => c.channel)
        .filter((c) => c.startsWith('notices:print') || c.startsWith('print:')),
    ).toEqual(['notices:print', 'print:stage', 'print:savePdf']);
    expect(bridge.calls.find((c) => c.channel === 'print:savePdf')?.input).toMatchObject({
      fileName: 'receipt-QS001-SJ-2025-000031',
    });
  });

  it('is not offered to a role without the print permission', () => {
    fakeBridge({});
    renderAs('auditor', <PrintReceiptButton receipt={receipt} />);
    expect(screen.queryByRole('button', { name: '打印收据' })).toBeNull();
  });
});

describe('printing a repayment plan agreement from a visit record', () => {
  it('waits for the approval of a proposed plan', () => {
    fakeBridge({});
    renderAs('officer', <PrintAgreementButton plan={plan('proposed')} />);
    expect(screen.getByRole('button', { name: '打印还款计划协议' })).toBeDisabled();
    expect(screen.getByText('审批通过后可打印还款计划协议')).toBeInTheDocument();
  });

  it('offers nothing for a rejected plan', () => {
    fakeBridge({});
    renderAs('manager', <PrintAgreementButton plan={plan('rejected')} />);
    expect(screen.queryByRole('button', { name: '打印还款计划协议' })).toBeNull();
  });

  it('shows the core’s reason when the agreement cannot be printed', async () => {
    const bridge = fakeBridge({
      'notices:preview': () => ({
        ok: false,
        error: {
          code: 'CONFLICT',
          message: 'plan 11 is superseded',
          details: { planId: 11, status: 'superseded', reason: 'e.planSuperseded' },
        },
      }),
      'notices:log': () => ({ ok: true, data: [] }),
    });
    renderAs('manager', <PrintAgreementButton plan={plan('approved')} />);
    fireEvent.click(screen.getByRole('button', { name: '打印还款计划协议' }));
    const dialog = await screen.findByRole('dialog', { name: '还款计划协议（李秀兰）' });
    expect(
      await within(dialog).findByText('该还款计划已被更正后的计划取代，请打印现行计划的协议'),
    ).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: '保存为 PDF' })).toBeDisabled();
    expect(bridge.calls.find((c) => c.channel === 'notices:preview')?.input).toEqual({
      lang: 'zh',
      documents: [{ kind: 'repaymentPlanAgreement', planId: 11 }],
    });
    // Switching the document language asks again, in English.
    fireEvent.mouseDown(within(dialog).getByRole('combobox', { name: '文书语言' }));
    fireEvent.click(await screen.findByRole('option', { name: '英文' }));
    await waitFor(() =>
      expect(
        bridge.calls.filter((c) => c.channel === 'notices:preview').map((c) => c.input),
      ).toContainEqual({ lang: 'en', documents: [{ kind: 'repaymentPlanAgreement', planId: 11 }] }),
    );
  });
});
