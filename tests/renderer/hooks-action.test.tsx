import { ThemeProvider } from '@mui/material';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import type { ReactElement } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StaffRow } from '../../electron/shared/schemas/staff';
import type { Result } from '../../electron/shared/result';
import { call } from '../../renderer/src/api';
import { themeFor } from '../../renderer/src/app/theme';
import { fieldText, serverErrors } from '../../renderer/src/components/forms';
import { ToastProvider } from '../../renderer/src/components/Toasts';
import { useAction, type ActionOutcome } from '../../renderer/src/components/useAction';
import { fakeBridge } from './support';

const theme = themeFor('zh-CN');

function later<T>() {
  let release!: (value: T) => void;
  const promise = new Promise<T>((resolve) => {
    release = resolve;
  });
  return { promise, release };
}

const leaveGone = { staffId: 7, date: '2026-06-18' };
const row: StaffRow = {
  id: 7,
  staffNo: 'S007',
  name: '李娜',
  role: 'officer',
  phone: '',
  active: true,
  hasAccount: false,
  certificates: [],
  certified: true,
  certificateExpiringSoon: false,
  upcomingLeave: [],
};

/** A button that removes a leave day, as the staff card does. */
function RemoveLeave(props: {
  onDone?: (row: StaffRow) => void;
  onOutcome?: (outcome: ActionOutcome<StaffRow>) => void;
  inline?: boolean;
}) {
  const { t } = useTranslation();
  const remove = useAction('staff:removeLeave', {
    done: t('common.saved'),
    ...(props.onDone ? { onDone: props.onDone } : {}),
    ...(props.inline ? { failureTo: 'inline' as const } : {}),
  });
  return (
    <div>
      <button
        type="button"
        disabled={remove.busy}
        onClick={() => void remove.run(leaveGone).then((outcome) => props.onOutcome?.(outcome))}
      >
        {remove.busy ? 'removing' : 'remove'}
      </button>
      {remove.failure && <p role="alert">{remove.failure}</p>}
    </div>
  );
}

const shell = (element: ReactElement | null) => (
  <ThemeProvider theme={theme}>
    <ToastProvider>{element}</ToastProvider>
  </ThemeProvider>
);

afterEach(async () => {
  await act(() => i18next.changeLanguage('zh-CN'));
});

describe('useAction', () => {
  it('is busy while the write runs, then says it is done and hands over the answer', async () => {
    const answer = later<Result<StaffRow>>();
    const { calls } = fakeBridge({ 'staff:removeLeave': () => answer.promise });
    const onDone = vi.fn();
    const onOutcome = vi.fn();
    const user = userEvent.setup();
    render(shell(<RemoveLeave onDone={onDone} onOutcome={onOutcome} />));
    await user.click(screen.getByRole('button', { name: 'remove' }));
    expect(screen.getByRole('button', { name: 'removing' })).toBeDisabled();
    expect(calls).toEqual([{ channel: 'staff:removeLeave', input: leaveGone }]);
    await act(async () => answer.release({ ok: true, data: row }));
    expect(screen.getByRole('button', { name: 'remove' })).toBeEnabled();
    expect(screen.getByRole('status')).toHaveTextContent('已保存');
    expect(onDone).toHaveBeenCalledWith(row, leaveGone);
    expect(onOutcome).toHaveBeenCalledWith({ ok: true, data: row });
  });

  it('tells a failure in a toast in Chinese, and the button comes back', async () => {
    fakeBridge({
      'staff:removeLeave': () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'gone' } }),
    });
    const onDone = vi.fn();
    const onOutcome = vi.fn();
    const user = userEvent.setup();
    render(shell(<RemoveLeave onDone={onDone} onOutcome={onOutcome} />));
    await user.click(screen.getByRole('button', { name: 'remove' }));
    expect(await screen.findByRole('status')).toHaveTextContent('找不到该记录');
    expect(screen.getByRole('button', { name: 'remove' })).toBeEnabled();
    expect(onDone).not.toHaveBeenCalled();
    expect(onOutcome.mock.calls[0]![0]).toMatchObject({ ok: false });
  });

  it('tells it in English when the screen is in English', async () => {
    await act(() => i18next.changeLanguage('en'));
    fakeBridge({
      'staff:removeLeave': () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'gone' } }),
    });
    const user = userEvent.setup();
    render(shell(<RemoveLeave />));
    await user.click(screen.getByRole('button', { name: 'remove' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Record not found');
  });

  it('says how long to wait when the core throttles', async () => {
    fakeBridge({
      'staff:removeLeave': () => ({
        ok: false,
        error: { code: 'THROTTLED', message: 'wait', details: { waitSeconds: 30 } },
      }),
    });
    const user = userEvent.setup();
    render(shell(<RemoveLeave />));
    await user.click(screen.getByRole('button', { name: 'remove' }));
    expect(await screen.findByRole('status')).toHaveTextContent('尝试次数过多，请 30 秒后再试');
  });

  it('shows the failure in place for a dialog, and clears it on the next try', async () => {
    let answer: Result<StaffRow> = { ok: false, error: { code: 'FORBIDDEN', message: 'no' } };
    fakeBridge({ 'staff:removeLeave': () => answer });
    const user = userEvent.setup();
    render(shell(<RemoveLeave inline />));
    await user.click(screen.getByRole('button', { name: 'remove' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('您的角色无权执行此操作');
    answer = { ok: true, data: row };
    await user.click(screen.getByRole('button', { name: 'remove' }));
    await waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
    expect(screen.getByRole('status')).toHaveTextContent('已保存');
  });

  it('puts the core’s field errors on the form’s fields', async () => {
    fakeBridge({
      'staff:create': () => ({
        ok: false,
        error: { code: 'VALIDATION', message: 'bad', fields: { staffNo: 'v.required' } },
      }),
    });
    function NewStaff() {
      const { t } = useTranslation();
      const form = useForm({ defaultValues: { staffNo: 'S007', name: '李娜' } });
      const create = useAction('staff:create', {
        failureTo: 'inline',
        explain: serverErrors(form.setError),
      });
      const submit = form.handleSubmit((values) =>
        create.run({ ...values, role: 'officer', phone: '', active: true }),
      );
      return (
        <form onSubmit={submit} aria-label="new staff">
          <input {...form.register('staffNo')} aria-label="staff number" />
          <span data-testid="staffNo-error">
            {fieldText(t, form.formState.errors.staffNo) ?? ''}
          </span>
          {create.failure && <p role="alert">{create.failure}</p>}
          <button type="submit">save</button>
        </form>
      );
    }
    const user = userEvent.setup();
    render(shell(<NewStaff />));
    await user.click(screen.getByRole('button', { name: 'save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('输入有误，请检查标出的字段');
    expect(screen.getByTestId('staffNo-error')).toHaveTextContent('必填');
  });

  it('runs a few calls in a row as one write', async () => {
    const { calls } = fakeBridge({
      'staff:removeLeave': () => ({ ok: true, data: row }),
      'staff:list': () => ({ ok: true, data: [row] }),
    });
    const seen = vi.fn();
    function RemoveAndList() {
      const work = useAction(
        async (date: string) => {
          await call('staff:removeLeave', { staffId: 7, date });
          return call('staff:list', { includeInactive: false });
        },
        { onDone: (rows) => seen(rows.map((r) => r.name)) },
      );
      return (
        <button type="button" onClick={() => void work.run('2026-06-18')}>
          go
        </button>
      );
    }
    const user = userEvent.setup();
    render(shell(<RemoveAndList />));
    await user.click(screen.getByRole('button', { name: 'go' }));
    await waitFor(() => expect(seen).toHaveBeenCalledWith(['李娜']));
    expect(calls.map((c) => c.channel)).toEqual(['staff:removeLeave', 'staff:list']);
  });

  // React 19 drops updates to an unmounted component without a word, so the hook's own guard
  // (no busy or failure set once closed) shows only as nothing going wrong here.
  it('a dialog closed while its write runs: the write is still reported to the screen behind', async () => {
    const answer = later<Result<StaffRow>>();
    fakeBridge({ 'staff:removeLeave': () => answer.promise });
    const onDone = vi.fn();
    const errors = vi.spyOn(console, 'error');
    const user = userEvent.setup();
    const view = render(shell(<RemoveLeave onDone={onDone} />));
    await user.click(screen.getByRole('button', { name: 'remove' }));
    view.rerender(shell(null));
    await act(async () => answer.release({ ok: true, data: row }));
    // The change happened in the database: the screen behind still learns of it.
    expect(screen.getByRole('status')).toHaveTextContent('已保存');
    expect(onDone).toHaveBeenCalledWith(row, leaveGone);
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });

  it('a dialog closed while its write fails: its in-place failure goes nowhere, no toast', async () => {
    const answer = later<Result<StaffRow>>();
    fakeBridge({ 'staff:removeLeave': () => answer.promise });
    const onOutcome = vi.fn();
    const user = userEvent.setup();
    const view = render(shell(<RemoveLeave inline onOutcome={onOutcome} />));
    await user.click(screen.getByRole('button', { name: 'remove' }));
    view.rerender(shell(null));
    await act(async () => answer.release({ ok: false, error: { code: 'CONFLICT', message: 'x' } }));
    expect(onOutcome.mock.calls[0]![0]).toMatchObject({ ok: false });
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
