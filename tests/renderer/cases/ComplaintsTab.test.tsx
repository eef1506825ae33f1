import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Role } from '../../../electron/shared/roles';
import type { ComplaintView } from '../../../electron/shared/schemas/complaints';
import { ComplaintsTab } from '../../../renderer/src/features/cases/ComplaintsTab';
import { asRole, fakeBridge, renderScreen } from '../support';
import { pickerField, pickerText } from '../pickers';

/** The case page's complaints section: empty state, register by keyboard, who may close. */

const ok = <T,>(data: T) => ({ ok: true as const, data });

const open: ComplaintView = {
  id: 3,
  borrowerId: 5,
  borrowerName: '张三',
  receivedOn: '2026-11-18',
  complainant: 'relative',
  complainantName: '张小红',
  channel: 'in_person',
  visit: { id: 8, date: '2026-11-17', start: '09:00' },
  staff: [{ id: 11, name: '李明', staffNo: 'C101' }],
  summary: '走访时当着邻居的面谈论欠款',
  actionTaken: '',
  status: 'open',
  closedOn: null,
  outcome: null,
  outcomeNote: '',
  recordedBy: '钱丽',
  recordedAt: '2026-11-18T02:00:00.000Z',
  closedBy: null,
  updatedAt: '2026-11-18T02:00:00.000Z',
};

const choices = {
  'complaints:visits': () =>
    ok([
      {
        id: 8,
        date: '2026-11-17',
        start: '09:00',
        end: '10:00',
        status: 'done',
        staff: [{ id: 11, name: '李明', staffNo: 'C101' }],
      },
    ]),
  'staff:list': () => ok([{ id: 11, staffNo: 'C101', name: '李明', role: 'officer' }]),
};

function show(role: Role, onChanged = vi.fn()) {
  renderScreen(
    asRole(role, <ComplaintsTab borrowerId={5} today="2026-11-20" onChanged={onChanged} />),
  );
  return onChanged;
}

describe('the complaints section', () => {
  it('says there are none and offers to register one, to an officer', async () => {
    fakeBridge({ 'complaints:list': () => ok([]) });
    show('officer');
    const empty = await screen.findByTestId('complaints-empty');
    expect(empty).toHaveTextContent('该借款人没有投诉记录');
    expect(within(empty).getByText(/借款人、其亲属或其他人通过任何渠道/)).toBeInTheDocument();
    expect(within(empty).getByRole('button', { name: '登记投诉' })).toBeInTheDocument();
  });

  it('lets an auditor read, without register, action or close buttons', async () => {
    fakeBridge({ 'complaints:list': () => ok([open]) });
    show('auditor');
    const card = await screen.findByRole('article');
    expect(card).toHaveTextContent('2026-11-18');
    expect(card).toHaveTextContent('当面 · 亲属 张小红');
    expect(card).toHaveTextContent('处理中');
    expect(card).toHaveTextContent('走访 2026-11-17 09:00 · 涉及：李明 · 钱丽 登记');
    expect(card).toHaveTextContent('尚未记录');
    expect(screen.queryByRole('button', { name: '登记投诉' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '记录处理措施' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '结案' })).not.toBeInTheDocument();
  });

  it('leaves the close to the manager: an officer records the action only', async () => {
    fakeBridge({ 'complaints:list': () => ok([open]) });
    show('officer');
    await screen.findByRole('article');
    expect(screen.getByRole('button', { name: '记录处理措施' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '结案' })).not.toBeInTheDocument();
    expect(screen.getByText('结案由经理办理')).toBeInTheDocument();
  });

  it('registers a complaint from the keyboard, asking for the name of a relative first', async () => {
    const { calls } = fakeBridge({
      ...choices,
      'complaints:list': () => ok([]),
      'complaints:register': () => ok(open),
    });
    const user = userEvent.setup();
    const onChanged = show('clerk');
    (await screen.findByRole('button', { name: '登记投诉' })).focus();
    await user.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', { name: '登记投诉' });
    // The date received has the focus and today's date.
    expect(pickerField('收到日期', dialog)).toContainElement(document.activeElement as HTMLElement);
    expect(pickerText(pickerField('收到日期', dialog))).toBe('2026-11-20');
    // Channel, then who complained, chosen with the arrow keys.
    await user.tab();
    expect(within(dialog).getByRole('combobox', { name: '渠道' })).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    await user.keyboard('{ArrowDown}{Enter}');
    expect(within(dialog).getByRole('combobox', { name: '渠道' })).toHaveTextContent('当面');
    await user.tab();
    await user.keyboard('{ArrowDown}');
    await user.keyboard('{ArrowDown}{Enter}');
    expect(within(dialog).getByRole('combobox', { name: '投诉人' })).toHaveTextContent('亲属');
    await user.click(within(dialog).getByLabelText('投诉内容'));
    await user.keyboard('走访时当着邻居的面谈论欠款');
    // Enter in a one-line field submits: the relative's name is missing.
    await user.click(within(dialog).getByLabelText('投诉人姓名'));
    await user.keyboard('{Enter}');
    expect(await within(dialog).findByText('请填写投诉人姓名（借款人本人可不填）')).toBeVisible();
    expect(calls.filter((c) => c.channel === 'complaints:register')).toHaveLength(0);
    await user.keyboard('张小红{Enter}');
    await vi.waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(calls.find((c) => c.channel === 'complaints:register')?.input).toEqual({
      borrowerId: 5,
      receivedOn: '2026-11-20',
      complainant: 'relative',
      complainantName: '张小红',
      channel: 'in_person',
      visitId: null,
      staffIds: [],
      summary: '走访时当着邻居的面谈论欠款',
      actionTaken: '',
    });
  });

  it('lets the manager close a complaint with its outcome', async () => {
    let closed = false;
    const { calls } = fakeBridge({
      'complaints:list': () =>
        ok([
          closed
            ? {
                ...open,
                status: 'closed',
                closedOn: '2026-11-20',
                outcome: 'partly_upheld',
                actionTaken: '约谈员工并致歉',
                closedBy: '王建国',
              }
            : open,
        ]),
      'complaints:close': () => {
        closed = true;
        return ok(open);
      },
    });
    const user = userEvent.setup();
    show('manager');
    await user.click(await screen.findByRole('button', { name: '结案' }));
    const dialog = await screen.findByRole('dialog', { name: '投诉结案' });
    expect(pickerText(pickerField('结案日期', dialog))).toBe('2026-11-20');
    await user.click(within(dialog).getByRole('combobox', { name: '处理结果' }));
    await user.click(await screen.findByRole('option', { name: '部分属实' }));
    await user.click(within(dialog).getByRole('button', { name: '结案' }));
    // The action taken is required to close.
    expect(await within(dialog).findByText('必填')).toBeVisible();
    await user.type(within(dialog).getByLabelText('已采取的措施'), '约谈员工并致歉');
    await user.click(within(dialog).getByRole('button', { name: '结案' }));
    const card = await screen.findByText('王建国 于 2026-11-20 结案');
    expect(card).toBeInTheDocument();
    expect(calls.find((c) => c.channel === 'complaints:close')?.input).toEqual({
      id: 3,
      closedOn: '2026-11-20',
      outcome: 'partly_upheld',
      actionTaken: '约谈员工并致歉',
      outcomeNote: '',
    });
    expect(screen.getByRole('article')).toHaveTextContent('已结案');
    expect(screen.queryByRole('button', { name: '结案' })).not.toBeInTheDocument();
  });
});
