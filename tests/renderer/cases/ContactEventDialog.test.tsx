import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../electron/shared/result';
import type { Role } from '../../../electron/shared/roles';
import { ContactEventDialog } from '../../../renderer/src/features/cases/RecordDialogs';
import { asRole, fakeBridge, renderScreen } from '../support';
import { pickerField } from '../pickers';

/**
 * The contact form shows the contact rules' refusal where the user is: the reason in the UI
 * language, the field marked, and for a borrower-initiated contact that only a manager may
 * record here, that it is the manager's.
 */

const refusal = (managerOnly: boolean): Result<unknown> => ({
  ok: false,
  error: {
    code: 'RULE_VIOLATION',
    message: 'refused',
    fields: managerOnly
      ? { direction: 'v.contact.managerOnly', at: 'v.contact.outOfHours' }
      : { at: 'v.contact.outOfHours' },
    details: {
      violations: [],
      managerOnly,
      reason: {
        zh: '2026-11-20 22:00 在 22:00–08:00 之间（网点时间），此时段不得联系借款人',
        en: '2026-11-20 22:00 is between 22:00 and 08:00 (branch time), when no collection contact may be made',
      },
    },
  },
});

function open(role: Role, onSaved = vi.fn()) {
  renderScreen(
    asRole(
      role,
      <ContactEventDialog borrowerId={5} contacts={[]} onClose={() => {}} onSaved={onSaved} />,
    ),
  );
  return onSaved;
}

afterEach(async () => {
  await act(() => i18next.changeLanguage('zh-CN'));
});

describe('the contact form', () => {
  it('shows the refusal inline in Chinese, marks the time, and keeps the dialog open', async () => {
    const { calls } = fakeBridge({ 'cases:addContactEvent': () => refusal(false) });
    const user = userEvent.setup();
    const onSaved = open('officer');
    await user.click(screen.getByRole('button', { name: '保存' }));
    const alert = await screen.findByTestId('contact-refusal');
    expect(within(alert).getByText('不能登记这次联系')).toBeInTheDocument();
    expect(alert).toHaveTextContent(
      '2026-11-20 22:00 在 22:00–08:00 之间（网点时间），此时段不得联系借款人',
    );
    expect(pickerField('时间')).toHaveAccessibleDescription('22:00–08:00 不得联系借款人');
    expect(calls.filter((c) => c.channel === 'cases:addContactEvent')).toHaveLength(1);
    expect(onSaved).not.toHaveBeenCalled();
    // The general "check the marked fields" line is not shown over the reason.
    expect(screen.queryByText('违反合规规则')).not.toBeInTheDocument();
  });

  it('shows the reason in English when the UI is in English', async () => {
    await act(() => i18next.changeLanguage('en'));
    fakeBridge({ 'cases:addContactEvent': () => refusal(false) });
    const user = userEvent.setup();
    open('officer');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const alert = await screen.findByTestId('contact-refusal');
    expect(within(alert).getByText('This contact cannot be recorded')).toBeInTheDocument();
    expect(alert).toHaveTextContent(
      '2026-11-20 22:00 is between 22:00 and 08:00 (branch time), when no collection contact may be made',
    );
  });

  it('drops the refusal once the contact is changed, and says the borrower’s own contact needs the manager', async () => {
    fakeBridge({ 'cases:addContactEvent': () => refusal(true) });
    const user = userEvent.setup();
    open('officer');
    const direction = screen.getByLabelText('方向');
    expect(direction).toHaveAccessibleDescription(
      '22:00–08:00 不得联系；每位借款人每天电话/短信次数有上限',
    );
    await user.click(direction);
    await user.click(await screen.findByRole('option', { name: '借款人方主动联系' }));
    expect(screen.getByLabelText('方向')).toHaveAccessibleDescription(
      '借款人主动联系的不计入每日次数；在 22:00–08:00 或当天次数已满时，须由经理登记',
    );
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByTestId('contact-refusal')).toBeInTheDocument();
    expect(screen.getByLabelText('方向')).toHaveAccessibleDescription(
      '此时的借款人主动联系须由经理登记',
    );
    await user.type(screen.getByLabelText('经过与要点'), '补充');
    expect(screen.queryByTestId('contact-refusal')).not.toBeInTheDocument();
  });

  it('tells a manager that a borrower-initiated contact is exempt, and saves it', async () => {
    const { calls } = fakeBridge({
      'cases:addContactEvent': () => ({ ok: true, data: { id: 9 } }),
    });
    const user = userEvent.setup();
    const onSaved = open('manager');
    await user.click(screen.getByLabelText('方向'));
    await user.click(await screen.findByRole('option', { name: '借款人方主动联系' }));
    expect(screen.getByLabelText('方向')).toHaveAccessibleDescription(
      '借款人主动联系的不计入每日次数，也可登记在 22:00–08:00 之间；会在案件上标记并记入审计日志',
    );
    await user.click(screen.getByRole('button', { name: '保存' }));
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(calls.find((c) => c.channel === 'cases:addContactEvent')?.input).toMatchObject({
      borrowerId: 5,
      kind: 'call',
      direction: 'inbound',
    });
  });
});
