import { act, screen, within } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { recordViolation } from '../../../electron/shared/compliance';
import type { RecordDetail } from '../../../electron/shared/schemas/records-views';
import { RecordView } from '../../../renderer/src/features/records/RecordView';
import { RecordViolationsAlert } from '../../../renderer/src/features/records/RecordViolationsAlert';
import { fakeBridge, renderScreen } from '../support';

/** A record that broke a rule says so, in words, on the record and on the case (issue 15). */

const early = recordViolation('OUTSIDE_LEGAL_HOURS', 'legal', { start: '07:50', end: '08:30' });
const noNotice = recordViolation('NO_NOTICE', 'block', { hours: 24 });

const detail = (extra: Partial<RecordDetail> = {}): RecordDetail => ({
  id: 9,
  visitId: 4,
  borrowerId: 5,
  borrowerName: '张秀英',
  amends: null,
  amendReason: null,
  date: '2026-05-19',
  start: '07:50',
  end: '08:30',
  staff: [{ id: 2, staffNo: 'C101', name: '李明' }],
  met: 'borrower',
  outcome: 'refused',
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
  recordedAt: '2026-05-19T02:00:00.000Z',
  promise: null,
  receipt: null,
  plan: null,
  place: 'workplace',
  placeNote: '县农机厂',
  violations: [early, noNotice],
  ...extra,
});

afterEach(async () => {
  await act(() => i18next.changeLanguage('zh-CN'));
});

describe('a record that broke a rule', () => {
  it('shows where it took place and its violations in the UI language, the legal one marked', async () => {
    const record = detail();
    renderScreen(<RecordView onAmend={null} history={{ effective: record, history: [record] }} />);
    expect(screen.getByText(/工作单位（县农机厂）/)).toBeInTheDocument();
    const list = screen.getByTestId('record-violations-9');
    expect(list).toHaveTextContent('这次走访违反了以下规则（已照实保存）：');
    expect(list).toHaveTextContent('实际走访时间 07:50–08:30 超出法定时段 08:00–22:00');
    expect(list).toHaveTextContent('走访前没有通知借款人');
    expect(within(list).getAllByText('法定限制')).toHaveLength(1);
    await act(() => i18next.changeLanguage('en'));
    expect(screen.getByTestId('record-violations-9')).toHaveTextContent(
      'The visit took place 07:50–08:30, outside the legal hours 08:00–22:00',
    );
  });

  it('shows nothing of the kind for a record that kept every rule', () => {
    const record = detail({ violations: [], place: 'home', placeNote: '' });
    renderScreen(<RecordView onAmend={null} history={{ effective: record, history: [record] }} />);
    expect(screen.queryByTestId('record-violations-9')).not.toBeInTheDocument();
    expect(screen.getByText(/借款人住所/)).toBeInTheDocument();
  });

  it('the case page lists the borrower’s records that broke a rule, with a link to each', async () => {
    fakeBridge({
      'records:violations': () => ({
        ok: true as const,
        data: [
          {
            recordId: 9,
            visitId: 4,
            date: '2026-05-19',
            start: '07:50',
            end: '08:30',
            staff: [{ id: 2, staffNo: 'C101', name: '李明' }],
            violations: [early, noNotice],
          },
        ],
      }),
    });
    renderScreen(<RecordViolationsAlert borrowerId={5} />);
    const alert = await screen.findByTestId('case-record-violations');
    expect(alert).toHaveTextContent('走访记录中违反规则的情况');
    expect(alert).toHaveTextContent('2026-05-19 07:50–08:30');
    expect(alert).toHaveTextContent('李明（C101）');
    expect(alert).toHaveTextContent('实际走访时间 07:50–08:30 超出法定时段 08:00–22:00 · 法定限制');
    expect(within(alert).getByRole('link', { name: '查看记录' })).toHaveAttribute(
      'href',
      '/visits/records/9',
    );
  });
});
