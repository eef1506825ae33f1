import { act, screen, within } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { PrintLogRow } from '../../../electron/shared/schemas/notices';
import type { CalendarRow, VisitDetail } from '../../../electron/shared/schemas/planning';
import type { RecordDetail } from '../../../electron/shared/schemas/records-views';
import {
  clauseJoin,
  labelColon,
  listJoin,
  withAside,
} from '../../../renderer/src/components/punctuation';
import { staffLabel, staffLabelIn } from '../../../renderer/src/components/staff';
import { PrintLogCard } from '../../../renderer/src/features/notices/PrintLogCard';
import { leaveEvents, visitEvents } from '../../../renderer/src/features/planning/calendar-events';
import { VisitEventContent } from '../../../renderer/src/features/planning/CalendarView';
import { VisitDialog } from '../../../renderer/src/features/planning/VisitDialog';
import { RecordView } from '../../../renderer/src/features/records/RecordView';
import { fakeBridge, renderAs, renderScreen } from '../support';
import { plannedVisit } from '../planning/visit-fixture';

/**
 * Names with their staff number and lists of names follow the UI language: 李明（C001）、赵芳（C002）
 * on Chinese screens, 李明 (C001), 赵芳 (C002) on English ones (no full-width brackets or 、).
 */

afterEach(async () => {
  await act(() => i18next.changeLanguage('zh-CN'));
});

const visit: VisitDetail = plannedVisit({
  place: 'workplace',
  placeNote: '县农机厂',
  plannedBy: 1,
  version: '3f1c0a9d2b7e4c55',
});

/** The value cell of the visit dialog's row with this heading. */
const rowValue = (details: HTMLElement, heading: string) =>
  within(details).getByText(heading).closest('tr')!.querySelectorAll('td')[0]!.textContent;

describe('punctuation in the UI language', () => {
  it('the visit dialog lists the team and the place note in each language’s form', async () => {
    fakeBridge({ 'planning:visit': () => ({ ok: true as const, data: visit }) });
    renderAs('officer', <VisitDialog visitId={5} onClose={() => {}} onChanged={() => {}} />);
    const zh = await screen.findByRole('table', { name: '走访详情' });
    expect(rowValue(zh, '走访人员')).toBe('李明（C001）、赵芳（C002）');
    expect(rowValue(zh, '地点')).toBe('工作单位（县农机厂） · 石桥镇 · 东村');

    await act(() => i18next.changeLanguage('en'));
    const en = screen.getByRole('table', { name: 'Visit details' });
    expect(rowValue(en, 'Visiting staff')).toBe('李明 (C001), 赵芳 (C002)');
    expect(rowValue(en, 'Place')).toBe('Workplace (县农机厂) · 石桥镇 · 东村');
    expect(en.textContent).not.toMatch(/[（）、]/);
  });

  it('a visit record names its team, place, the borrower’s words and the household', async () => {
    const staff = [
      { id: 2, staffNo: 'C101', name: '李明' },
      { id: 3, staffNo: 'C102', name: '赵强' },
    ];
    const record: RecordDetail = {
      id: 9,
      visitId: 4,
      borrowerId: 5,
      borrowerName: '张秀英',
      amends: null,
      amendReason: null,
      date: '2026-05-19',
      start: '09:00',
      end: '09:40',
      staff,
      met: 'borrower',
      outcome: 'refused',
      borrowerWords: '下个月再说',
      assessmentId: null,
      situation: {
        livelihood: '务农',
        income: '打零工',
        expenses: '',
        assets: '',
        householdSize: null,
        monthlyIncomeFen: null,
        monthlyExpensesFen: null,
        capacityFen: null,
      },
      checklist: {
        staffCardsShown: true,
        rightsExplained: true,
        noThirdPartyDisclosure: true,
        recorded: true,
        recordingRef: 'REC-1',
      },
      nextAction: '',
      followUpOn: null,
      recordedBy: staff[0]!,
      recordedAt: '2026-05-19T02:00:00.000Z',
      promise: null,
      receipt: null,
      plan: null,
      place: 'workplace',
      placeNote: '县农机厂',
      violations: [],
    };
    renderScreen(<RecordView onAmend={null} history={{ effective: record, history: [record] }} />);
    const text = (pattern: RegExp) => screen.getByText(pattern).textContent;
    expect(text(/^2026-05-19/)).toBe(
      '2026-05-19 09:00–09:40 · 李明（C101）、赵强（C102） · 工作单位（县农机厂）',
    );
    expect(text(/下个月再说/)).toBe('借款人原话：“下个月再说”');
    expect(text(/务农/)).toBe('家庭与经济状况：务农；打零工');

    await act(() => i18next.changeLanguage('en'));
    expect(text(/^2026-05-19/)).toBe(
      '2026-05-19 09:00–09:40 · 李明 (C101), 赵强 (C102) · Workplace (县农机厂)',
    );
    expect(text(/下个月再说/)).toBe('Borrower’s words: “下个月再说”');
    expect(text(/务农/)).toBe('Household and economic situation: 务农; 打零工');
  });

  it('the print log names who printed with their staff number', async () => {
    const row: PrintLogRow = {
      id: 1,
      printedAt: '2026-05-19T23:30:05.000Z',
      printedAtLocal: '2026-05-20 07:30:05',
      staffName: '李明',
      staffNo: 'C101',
      kind: 'visitNotice',
      lang: 'zh',
      referenceNo: 'QS001-2026-000004',
      borrowerId: 4,
      borrowerName: '张秀英',
      visitId: 9,
      templateVersion: 0,
      contentSha256: 'a'.repeat(64),
      isCopy: false,
    };
    fakeBridge({ 'notices:log': () => ({ ok: true as const, data: [row] }) });
    renderAs('clerk', <PrintLogCard />);
    const byCell = async (name: string) => {
      const table = await screen.findByRole('table', { name });
      return within(within(table).getAllByRole('row')[1]!).getAllByRole('cell')[1]!.textContent;
    };
    expect(await byCell('打印记录')).toBe('李明（C101）');
    await act(() => i18next.changeLanguage('en'));
    expect(await byCell('Print log')).toBe('李明 (C101)');
  });

  it('the calendar joins a team’s and the day’s leave names in the UI language', async () => {
    const row: CalendarRow = {
      id: 11,
      date: '2026-05-12',
      start: '10:00',
      end: '11:00',
      status: 'planned',
      purpose: 'reminder',
      borrowerId: 7,
      borrowerName: '张三',
      township: '石桥镇',
      village: '东村',
      staffIds: [3, 2],
      noticeStatus: 'none',
      awaitingApproval: false,
      overridden: false,
    };
    const names = new Map([
      [2, '李明'],
      [3, '赵芳'],
    ]);
    const options = { colourBy: 'status' as const, officers: new Map(), staffNames: names };
    const leave = [
      { staffId: 2, date: '2026-05-13', reason: '' },
      { staffId: 3, date: '2026-05-13', reason: '' },
    ];
    const team = (lang: 'zh' | 'en') => {
      const [event] = visitEvents([row], { ...options, canEdit: true, lang });
      return event!.extendedProps!;
    };
    expect(team('zh').staff).toBe('赵芳、李明');
    expect(team('en').staff).toBe('赵芳, 李明');
    expect(leaveEvents(leave, names, (who) => who, 'zh')[0]!.title).toBe('李明、赵芳');
    expect(leaveEvents(leave, names, (who) => who, 'en')[0]!.title).toBe('李明, 赵芳');

    renderAs(
      'officer',
      <VisitEventContent timeText="10:00" title="张三 · 东村" team={team('zh').team} inline />,
    );
    expect(screen.getByTestId('visit-team').textContent).toBe('10:00 张三 · 东村 · 赵芳、李明');
    await act(() => i18next.changeLanguage('en'));
    expect(screen.getByTestId('visit-team').textContent).toBe('10:00 张三 · 东村 · 赵芳, 李明');
  });

  it('the helpers themselves', () => {
    const li = { name: '李明', staffNo: 'C101' };
    expect(staffLabelIn('zh')(li)).toBe('李明（C101）');
    expect(staffLabelIn('en')(li)).toBe('李明 (C101)');
    expect(staffLabel(li)).toBe('李明（C101）');
    expect(listJoin(['李明', '赵强'], 'zh')).toBe('李明、赵强');
    expect(listJoin(['李明', '赵强'], 'en')).toBe('李明, 赵强');
    expect(withAside('工作单位', '', 'en')).toBe('工作单位');
    expect(withAside('工作单位', null, 'zh')).toBe('工作单位');
    expect(clauseJoin(['务农', '打零工'], 'en')).toBe('务农; 打零工');
    expect(labelColon('借款人原话', 'zh')).toBe('借款人原话：');
  });
});
