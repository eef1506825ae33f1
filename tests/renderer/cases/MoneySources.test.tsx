import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../../electron/shared/schemas/cases';
import type { PaymentTrail } from '../../../electron/shared/schemas/payment-trail';
import type { RecordDetail, RecordHistory } from '../../../electron/shared/schemas/records-views';
import { TimelineTab } from '../../../renderer/src/features/cases/TimelineTab';
import { RecordView } from '../../../renderer/src/features/records/RecordView';
import { renderScreen } from '../support';

/** The money once, with its sources: on the case timeline and on the visit record. */

const cash: PaymentTrail = {
  paymentId: 1,
  source: 'visit',
  loanNo: 'QS-2025-0001',
  amountFen: 100_000,
  paidOn: '2026-05-20',
  paidFrom: null,
  receiptNo: 'QS001-2026-000001',
  file: null,
  confirmedBy: [{ fileAsOf: '2026-05-31', amountFen: 60_000 }],
  unconfirmedFen: 40_000,
  latestFileAsOf: '2026-05-31',
  stillExpected: false,
};

const fromFile: PaymentTrail = {
  paymentId: 2,
  source: 'import',
  loanNo: 'QS-2025-0002',
  amountFen: 50_000,
  paidOn: '2026-05-31',
  paidFrom: '2026-05-25',
  receiptNo: null,
  file: {
    asOf: '2026-05-31',
    previousAsOf: '2026-05-24',
    reductionFen: 150_000,
    dateFromFile: false,
    visitCash: [{ receiptNo: 'QS001-2026-000002', amountFen: 100_000 }],
  },
  confirmedBy: [],
  unconfirmedFen: 0,
  latestFileAsOf: null,
  stillExpected: false,
};

const payment = (id: number, trail: PaymentTrail): TimelineEntry => ({
  type: 'payment',
  id,
  at: trail.paidOn,
  staffName: null,
  loanNo: trail.loanNo,
  amountFen: trail.amountFen,
  source: trail.source,
  receiptNo: trail.receiptNo,
  receipt: null,
  trail,
});

describe('payments on the case timeline', () => {
  it('visit cash shows the file that confirmed part of it and flags the rest', () => {
    renderScreen(<TimelineTab entries={[payment(1, cash)]} />);
    const item = within(screen.getByTestId('case-timeline')).getByRole('listitem');
    expect(item).toHaveTextContent('还款 ¥1,000.00 · QS-2025-0001 · 收据 QS001-2026-000001');
    expect(item).toHaveTextContent('总行 2026-05-31 文件已确认 ¥600.00');
    expect(item).toHaveTextContent('¥400.00 未见于总行文件（最新 2026-05-31）');
    expect(within(item).getByText('未见于总行文件')).toBeInTheDocument();
  });

  it('cash a later file may still show is awaited, not flagged', () => {
    renderScreen(<TimelineTab entries={[payment(1, { ...cash, stillExpected: true })]} />);
    const item = within(screen.getByTestId('case-timeline')).getByRole('listitem');
    expect(item).toHaveTextContent('总行 2026-05-31 文件已确认 ¥600.00');
    expect(item).toHaveTextContent('¥400.00 待总行文件确认');
    expect(item).not.toHaveTextContent('未见于总行文件');
  });

  it('fully confirmed cash carries no warning', () => {
    renderScreen(
      <TimelineTab
        entries={[
          payment(1, {
            ...cash,
            confirmedBy: [{ fileAsOf: '2026-05-31', amountFen: 100_000 }],
            unconfirmedFen: 0,
          }),
        ]}
      />,
    );
    const item = screen.getByRole('listitem');
    expect(item).toHaveTextContent('总行 2026-05-31 文件已确认 ¥1,000.00');
    expect(within(item).queryByText('未见于总行文件')).toBeNull();
  });

  it('new money from a file says what the file showed, the cash in it, and when it was paid', () => {
    renderScreen(<TimelineTab entries={[payment(2, fromFile)]} />);
    const item = screen.getByRole('listitem');
    expect(item).toHaveTextContent('还款 ¥500.00 · QS-2025-0002');
    expect(item).toHaveTextContent('总行 2026-05-31 文件：本金较 2026-05-24 减少 ¥1,500.00');
    expect(item).toHaveTextContent('其中 ¥1,000.00 为上门收款（收据 QS001-2026-000002）');
    expect(item).toHaveTextContent('文件未载还款日：2026-05-25 至 2026-05-31 之间');
  });
});

const record = (promise: RecordDetail['promise']): RecordHistory => {
  const detail: RecordDetail = {
    id: 9,
    visitId: 4,
    borrowerId: 5,
    borrowerName: '张秀英',
    amends: null,
    amendReason: null,
    date: '2026-05-20',
    start: '09:05',
    end: '09:50',
    staff: [{ id: 2, staffNo: 'C101', name: '李明' }],
    met: 'borrower',
    outcome: 'promise_to_pay',
    borrowerWords: '',
    assessmentId: null,
    situation: null,
    checklist: {
      staffCardsShown: true,
      rightsExplained: true,
      noThirdPartyDisclosure: true,
      recorded: true,
      recordingRef: 'REC-1',
    },
    nextAction: '',
    followUpOn: null,
    recordedBy: { id: 2, staffNo: 'C101', name: '李明' },
    recordedAt: '2026-05-20T02:00:00.000Z',
    promise,
    receipt: null,
    plan: null,
  };
  return { effective: detail, history: [detail] };
};

const promise = {
  id: 3,
  borrowerId: 5,
  borrowerName: '张秀英',
  loanId: null,
  loanNo: null,
  visitRecordId: 9,
  visitId: 4,
  promisedOn: '2026-05-20',
  amountFen: 150_000,
  dueOn: '2026-05-26',
  evaluatedAt: '2026-06-01T02:00:00.000Z',
};

describe('a promise on the visit record', () => {
  it('says which payments kept it and from which source', () => {
    renderScreen(
      <RecordView
        onAmend={null}
        history={record({
          ...promise,
          status: 'kept',
          paidFen: 150_000,
          paidBy: [
            {
              countedFen: 100_000,
              payment: { ...cash, confirmedBy: [{ fileAsOf: '2026-05-31', amountFen: 100_000 }] },
            },
            { countedFen: 50_000, payment: fromFile },
          ],
        })}
      />,
    );
    const list = screen.getByRole('list', { name: '兑现情况' });
    const lines = within(list).getAllByRole('listitem');
    expect(lines.map((l) => l.textContent)).toEqual([
      '由收据 QS001-2026-000001 兑现 ¥1,000.00（2026-05-20 还款；总行 2026-05-31 文件已确认）',
      '由总行 2026-05-31 文件所示还款兑现 ¥500.00（2026-05-25 至 2026-05-31 之间还款，按有利于借款人的原则判定）',
    ]);
  });

  it('a promise nothing has paid yet lists no source', () => {
    renderScreen(
      <RecordView
        onAmend={null}
        history={record({ ...promise, status: 'pending', paidFen: 0, paidBy: [] })}
      />,
    );
    expect(screen.queryByRole('list', { name: '兑现情况' })).toBeNull();
  });
});
