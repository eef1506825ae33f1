import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AwaitingOutput } from '../../../electron/shared/schemas/records-views';
import { AwaitingResults } from '../../../renderer/src/features/records/AwaitingResults';
import { RecordView } from '../../../renderer/src/features/records/RecordView';
import { fakeBridge, renderAs } from '../support';

/** The branch-wide list a clerk works through, and who entered a record (issue 17). */

const li = { id: 2, staffNo: 'C101', name: '李明' };
const zhao = { id: 3, staffNo: 'C102', name: '赵磊' };
const all: AwaitingOutput = {
  asOf: '2026-05-20',
  total: 3,
  villages: ['东村', '西村'],
  rows: [
    {
      visitId: 11,
      borrowerId: 5,
      borrowerName: '张秀英',
      date: '2026-05-18',
      start: '09:00',
      end: '10:00',
      township: '石桥镇',
      village: '东村',
      staff: [li, zhao],
    },
    {
      visitId: 12,
      borrowerId: 6,
      borrowerName: '王大山',
      date: '2026-05-20',
      start: '14:00',
      end: '15:00',
      township: '石桥镇',
      village: '西村',
      staff: [zhao],
    },
    {
      visitId: 13,
      borrowerId: 7,
      borrowerName: '刘芳',
      date: '2026-05-20',
      start: '15:30',
      end: '16:00',
      township: '石桥镇',
      village: '西村',
      staff: [li],
    },
  ],
};
const staffRow = (s: typeof li) => ({
  ...s,
  role: 'officer',
  phone: '',
  active: true,
  hasAccount: true,
  certificates: [],
  certified: true,
  certificateExpiringSoon: false,
  upcomingLeave: [],
});

function bridge() {
  return fakeBridge({
    'records:awaiting': (input) => {
      const filter = (input ?? {}) as { date?: string; staffId?: number; village?: string };
      const rows = all.rows.filter(
        (r) =>
          (!filter.date || r.date === filter.date) &&
          (!filter.staffId || r.staff.some((s) => s.id === filter.staffId)) &&
          (!filter.village || r.village === filter.village),
      );
      return { ok: true, data: { ...all, rows, total: rows.length } };
    },
    'staff:list': () => ({ ok: true, data: [staffRow(li), staffRow(zhao)] }),
  });
}

describe('visits awaiting results, whole branch', () => {
  it('groups the visits by day and names everyone who went, each with 记录结果 for a clerk', async () => {
    bridge();
    renderAs('clerk', <AwaitingResults />);
    const table = await screen.findByRole('table', { name: '全网点待记录结果' });
    expect(within(table).getByText('2026-05-18 · 1 次走访')).toBeInTheDocument();
    expect(within(table).getByText('2026-05-20 · 2 次走访')).toBeInTheDocument();
    expect(within(table).getByText('李明（C101）、赵磊（C102）')).toBeInTheDocument();
    const links = within(table).getAllByRole('link', { name: '记录结果' });
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      '/visits/record/11',
      '/visits/record/12',
      '/visits/record/13',
    ]);
  });

  it('narrows by officer and by village, asking the core with the filter', async () => {
    const { calls } = bridge();
    renderAs('manager', <AwaitingResults />);
    await screen.findByText('张秀英');
    await userEvent.click(screen.getByRole('combobox', { name: '走访人员' }));
    await userEvent.click(await screen.findByRole('option', { name: '李明（C101）' }));
    await waitFor(() => expect(screen.queryByText('王大山')).not.toBeInTheDocument());
    expect(screen.getByText('张秀英')).toBeInTheDocument();
    expect(screen.getByText('刘芳')).toBeInTheDocument();
    expect(
      calls.some(
        (c) => c.channel === 'records:awaiting' && (c.input as { staffId?: number })?.staffId === 2,
      ),
    ).toBe(true);
    await userEvent.click(screen.getByRole('combobox', { name: '村' }));
    await userEvent.click(await screen.findByRole('option', { name: '西村' }));
    await waitFor(() => expect(screen.queryByText('张秀英')).not.toBeInTheDocument());
    expect(screen.getByText('刘芳')).toBeInTheDocument();
  });

  it('an auditor sees the list without the record button; an empty list says so', async () => {
    fakeBridge({
      'records:awaiting': () => ({ ok: true, data: { ...all, rows: [], total: 0 } }),
      'staff:list': () => ({ ok: true, data: [] }),
    });
    renderAs('auditor', <AwaitingResults />);
    expect(await screen.findByText('没有待记录结果的走访')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: '记录结果' })).not.toBeInTheDocument();
  });
});

describe('a record entered for others', () => {
  it('says who entered it beside who went', async () => {
    fakeBridge({});
    const clerk = { id: 9, staffNo: 'K001', name: '周敏' };
    const record = {
      id: 1,
      visitId: 11,
      borrowerId: 5,
      borrowerName: '张秀英',
      amends: null,
      amendReason: null,
      date: '2026-05-18',
      start: '09:00',
      end: '10:00',
      staff: [li, zhao],
      met: 'borrower' as const,
      outcome: 'refused' as const,
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
      recordedBy: clerk,
      recordedAt: '2026-05-20T02:00:00.000Z',
      promise: null,
      receipt: null,
      plan: null,
      place: 'home' as const,
      placeNote: '',
      violations: [],
    };
    renderAs(
      'manager',
      <RecordView history={{ effective: record, history: [record] }} onAmend={null} />,
    );
    expect(await screen.findByText(/周敏 代走访人员录入/)).toBeInTheDocument();
    expect(screen.getByText(/李明（C101）、赵磊（C102）/)).toBeInTheDocument();
  });
});
