import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { WaiverAgreementData, WaiverRow } from '../../../electron/shared/schemas/waivers';
import { RecordWaivers } from '../../../renderer/src/features/waivers/RecordWaivers';
import { WaiverAgreement } from '../../../renderer/src/print/WaiverAgreement';
import { answer, casePage } from '../cases/case-fixtures';
import { fakeBridge, renderAs } from '../support';

/** The settlement agreement on paper, in both languages; proposing from a visit record. */

const settlement: WaiverRow = {
  id: 3,
  borrowerId: 1,
  borrowerName: '李秀兰',
  loanId: 11,
  loanNo: 'QS-2025-0002',
  visitRecordId: 42,
  kind: 'settlement',
  principalOwedFen: 1_200_000,
  interestOwedFen: 34_567,
  penaltyOwedFen: 10_000,
  owedFen: 1_244_567,
  // 1,244,567 − 1,000,500 paid = 244,067 waived.
  waivedFen: 244_067,
  settlePayFen: 1_000_500,
  payBy: '2026-06-30',
  reason: '家中遭受洪灾，一次性结清',
  status: 'approved',
  proposedBy: { id: 2, name: '李明' },
  proposedAt: '2026-05-20T02:00:00.000Z',
  proposedOn: '2026-05-20',
  approvals: [
    {
      staffId: 1,
      name: '王建国',
      staffNo: 'M001',
      role: 'manager',
      at: '2026-05-20T03:00:00.000Z',
      day: '2026-05-20',
      note: '',
    },
    {
      staffId: 9,
      name: '孙慧',
      staffNo: 'A301',
      role: 'auditor',
      at: '2026-05-21T03:00:00.000Z',
      day: '2026-05-21',
      note: '',
    },
  ],
  approvedOn: '2026-05-21',
  closedBy: null,
  closedAt: null,
  closeReason: '',
  mayApprove: false,
  mayReject: false,
  mayWithdraw: false,
};

const doc = (lang: 'zh' | 'en'): WaiverAgreementData => ({
  kind: 'waiverAgreement',
  lang,
  referenceNo: 'QS001-JM-000003',
  printedAt: '2026-05-22T09:15',
  letterhead: {
    name: '青山农商银行石桥支行',
    address: '浙江省青山县石桥镇人民路 8 号',
    phone: '0571-88886666',
    complaintHotline: '0571-88889999',
    logoDataUrl: null,
  },
  borrower: { name: '李秀兰', maskedId: '330127********4215', address: '石桥镇东村' },
  loan: {
    loanNo: 'QS-2025-0002',
    principalFen: 2_000_000,
    disbursedOn: '2024-03-01',
    maturityOn: '2027-02-28',
  },
  waiver: settlement,
});

describe('the settlement agreement', () => {
  it('prints what is paid and waived in figures and capitals, the terms and both approvers', () => {
    const { container } = render(<WaiverAgreement doc={doc('zh')} />);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('和解结清协议');
    expect(container).toHaveTextContent('QS001-JM-000003');
    expect(container).toHaveTextContent('330127********4215');
    expect(container).toHaveTextContent('¥2,440.67');
    expect(container).toHaveTextContent('人民币贰仟肆佰肆拾元陆角柒分');
    expect(container).toHaveTextContent('¥10,005.00');
    expect(container).toHaveTextContent('人民币壹万零伍元整');
    expect(container).toHaveTextContent('2026年6月30日');
    expect(container).toHaveTextContent('经理：王建国（M001），2026年5月20日');
    expect(container).toHaveTextContent('稽核：孙慧（A301），2026年5月21日');
    expect(container).toHaveTextContent('本协议自动失效');
    expect(container).toHaveTextContent('乙方（签字）');
    expect(container).toHaveTextContent('贷款期限2024年3月1日至2027年2月28日');
  });

  it('names the row the disbursement date when the file gave no maturity', () => {
    const noMaturity = { ...doc('zh'), loan: { ...doc('zh').loan, maturityOn: null } };
    const { container } = render(<WaiverAgreement doc={noMaturity} />);
    expect(container).toHaveTextContent('放款日期2024年3月1日');
    expect(container).not.toHaveTextContent('贷款期限');
  });

  it('in English keeps the capitals (the PBoC writing) and words the terms in English', () => {
    const { container } = render(<WaiverAgreement doc={doc('en')} />);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Settlement agreement');
    expect(container).toHaveTextContent('人民币壹万零伍元整');
    expect(container).toHaveTextContent('Party B pays');
    expect(container).toHaveTextContent('auditor: 孙慧 (A301)');
    expect(container).toHaveTextContent('this agreement lapses');
  });
});

describe('proposing from a visit record', () => {
  it('links the proposal to the record and lists the record’s own', async () => {
    const loan = {
      id: 11,
      loanNo: 'QS-2025-0002',
      product: '',
      principalFen: 2_000_000,
      disbursedOn: '2024-03-01',
      maturityOn: null,
      outstandingPrincipalFen: 1_200_000,
      overduePrincipalFen: 100_000,
      overdueInterestFen: 34_567,
      penaltyFen: 10_000,
      overdueFen: 144_567,
      overdueSince: '2026-01-01',
      dpd: 140,
      bucket: 'M4+' as const,
      status: 'active' as const,
      asOf: '2026-05-01',
      classification: null,
    };
    const { calls } = fakeBridge({
      'waivers:list': answer([settlement, { ...settlement, id: 4, visitRecordId: 7 }]),
      'cases:get': answer({ ...casePage, loans: [loan] }),
      'waivers:propose': answer(settlement),
    });
    const user = userEvent.setup();
    renderAs(
      'officer',
      <RecordWaivers borrowerId={1} borrowerName="李秀兰" recordId={42} recordIds={[40, 42]} />,
    );
    const list = await screen.findByRole('table', { name: '本次走访提出的减免与和解' });
    // Only the proposal made on this record (42), not the one on record 7.
    expect(within(list).getAllByRole('row')).toHaveLength(2);
    await user.click(screen.getByRole('button', { name: '申请减免/和解' }));
    const form = await screen.findByRole('form', { name: '李秀兰：申请减免或和解结清' });
    await user.type(within(form).getByLabelText(/减免金额/), '100');
    await user.type(within(form).getByLabelText(/申请理由/), '洪灾');
    await user.click(within(form).getByRole('button', { name: '提交申请' }));
    await waitFor(() =>
      expect(calls.find((c) => c.channel === 'waivers:propose')?.input).toMatchObject({
        loanId: 11,
        visitRecordId: 42,
        kind: 'penalty',
        waivedFen: 10_000,
      }),
    );
  });
});
