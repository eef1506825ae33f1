import { ThemeProvider } from '@mui/material';
import { act, render, screen, waitFor } from '@testing-library/react';
import i18next from 'i18next';
import type { ReactElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StaffRow } from '../../electron/shared/schemas/staff';
import type { Result } from '../../electron/shared/result';
import { ApiError } from '../../renderer/src/api';
import { themeFor } from '../../renderer/src/app/theme';
import { errorMessage } from '../../renderer/src/components/error-text';
import { ToastProvider } from '../../renderer/src/components/Toasts';
import { useChannel, type ReadFailure } from '../../renderer/src/components/useChannel';
import { fakeBridge } from './support';

const theme = themeFor('zh-CN');

/** An answer the test releases when it chooses, to see the screen while the call runs. */
function later<T>() {
  let release!: (value: T) => void;
  const promise = new Promise<T>((resolve) => {
    release = resolve;
  });
  return { promise, release };
}

const person = (id: number, name: string): StaffRow => ({
  id,
  staffNo: `S${String(id).padStart(3, '0')}`,
  name,
  role: 'officer',
  phone: '',
  active: id !== 3,
  hasAccount: false,
  certificates: [],
  certified: true,
  certificateExpiringSoon: false,
  upcomingLeave: [],
});

const isNotFound = (error: unknown) =>
  error instanceof ApiError && error.error.code === 'NOT_FOUND';

const forbidden: Result<never> = { ok: false, error: { code: 'FORBIDDEN', message: 'no' } };

/** A staff list as a screen would show it, with the hook's whole state on view. */
function StaffProbe(props: {
  includeInactive?: boolean;
  failure?: ReadFailure;
  version?: number;
  pauseMs?: number;
  skip?: boolean;
  onData?: (rows: StaffRow[]) => void;
  firstData?: StaffRow[];
}) {
  const staff = useChannel(
    'staff:list',
    props.skip ? null : { includeInactive: props.includeInactive ?? false },
    {
      ...(props.failure ? { failure: props.failure } : {}),
      ...(props.pauseMs ? { pauseMs: props.pauseMs } : {}),
      version: props.version,
      ...(props.onData ? { onData: props.onData } : {}),
      ...(props.firstData ? { firstData: props.firstData } : {}),
    },
  );
  return (
    <div>
      <span data-testid="loading">{staff.loading ? 'loading' : 'idle'}</span>
      <span data-testid="names">
        {staff.data === null ? 'none' : staff.data.map((s) => s.name).join(',')}
      </span>
      {staff.failure && <p role="alert">{staff.failure}</p>}
      <button type="button" onClick={staff.reload}>
        reload
      </button>
      <button type="button" onClick={() => staff.setData([person(9, '赵六')])}>
        replace
      </button>
    </div>
  );
}

/** The app's providers stay mounted while the probe comes and goes, as a screen inside the shell. */
const shell = (element: ReactElement | null) => (
  <ThemeProvider theme={theme}>
    <ToastProvider>{element}</ToastProvider>
  </ThemeProvider>
);

const names = () => screen.getByTestId('names').textContent;
const loading = () => screen.getByTestId('loading').textContent;

afterEach(async () => {
  await act(() => i18next.changeLanguage('zh-CN'));
});

describe('useChannel', () => {
  it('is loading until the answer comes, then shows it', async () => {
    const answer = later<Result<StaffRow[]>>();
    const { calls } = fakeBridge({ 'staff:list': () => answer.promise });
    render(shell(<StaffProbe />));
    expect(loading()).toBe('loading');
    expect(names()).toBe('none');
    await act(async () =>
      answer.release({ ok: true, data: [person(1, '张三'), person(2, '李四')] }),
    );
    expect(names()).toBe('张三,李四');
    expect(loading()).toBe('idle');
    expect(calls).toEqual([{ channel: 'staff:list', input: { includeInactive: false } }]);
  });

  it('asks nothing while the input is null', async () => {
    const { calls } = fakeBridge({ 'staff:list': () => ({ ok: true, data: [] }) });
    render(shell(<StaffProbe skip />));
    await act(async () => {});
    expect(loading()).toBe('idle');
    expect(calls).toEqual([]);
  });

  it('tells a failed read in a toast, in Chinese', async () => {
    fakeBridge({ 'staff:list': () => forbidden });
    render(shell(<StaffProbe />));
    expect(await screen.findByRole('status')).toHaveTextContent('您的角色无权执行此操作');
    expect(loading()).toBe('idle');
    expect(names()).toBe('none');
  });

  it('tells it in English when the screen is in English', async () => {
    await act(() => i18next.changeLanguage('en'));
    fakeBridge({ 'staff:list': () => forbidden });
    render(shell(<StaffProbe />));
    expect(await screen.findByRole('status')).toHaveTextContent('Your role may not do this');
  });

  it('shows a failure in place of the data when asked to, in the language of the moment', async () => {
    let answer: Result<StaffRow[]> = { ok: true, data: [person(1, '张三')] };
    fakeBridge({ 'staff:list': () => answer });
    render(shell(<StaffProbe failure="inline" />));
    await waitFor(() => expect(names()).toBe('张三'));
    answer = { ok: false, error: { code: 'NOT_FOUND', message: 'gone' } };
    await act(async () => screen.getByRole('button', { name: 'reload' }).click());
    expect(await screen.findByRole('alert')).toHaveTextContent('找不到该记录');
    expect(names()).toBe('none');
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    await act(() => i18next.changeLanguage('en'));
    expect(screen.getByRole('alert')).toHaveTextContent('Record not found');
  });

  it('keeps showing what it had when a reload fails, and says why in a toast', async () => {
    let answer: Result<StaffRow[]> = { ok: true, data: [person(1, '张三')] };
    fakeBridge({ 'staff:list': () => answer });
    render(shell(<StaffProbe />));
    await waitFor(() => expect(names()).toBe('张三'));
    answer = forbidden;
    await act(async () => screen.getByRole('button', { name: 'reload' }).click());
    expect(await screen.findByRole('status')).toHaveTextContent('您的角色无权执行此操作');
    expect(names()).toBe('张三');
    expect(loading()).toBe('idle');
  });

  it('hands the failed call to a screen that shows it its own way, with no toast', async () => {
    fakeBridge({
      'staff:list': () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'gone' } }),
    });
    function Missing() {
      const staff = useChannel(
        'staff:list',
        {},
        { explain: (error, t) => (isNotFound(error) ? null : errorMessage(error, t)) },
      );
      return <p>{isNotFound(staff.error) ? 'not here' : 'looking'}</p>;
    }
    render(shell(<Missing />));
    expect(await screen.findByText('not here')).toBeInTheDocument();
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('keeps quiet about a helper that could not load, and shows nothing', async () => {
    let answer: Result<StaffRow[]> = { ok: true, data: [person(1, '张三')] };
    fakeBridge({ 'staff:list': () => answer });
    render(shell(<StaffProbe failure="quiet" />));
    await waitFor(() => expect(names()).toBe('张三'));
    answer = forbidden;
    await act(async () => screen.getByRole('button', { name: 'reload' }).click());
    await waitFor(() => expect(names()).toBe('none'));
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('keeps the last answer while asking again, and drops an answer to an input since changed', async () => {
    const active = later<Result<StaffRow[]>>();
    const all = later<Result<StaffRow[]>>();
    fakeBridge({
      'staff:list': (input) =>
        (input as { includeInactive: boolean }).includeInactive ? all.promise : active.promise,
    });
    const view = render(shell(<StaffProbe />));
    view.rerender(shell(<StaffProbe includeInactive />));
    // The answer for everyone arrives first; the late answer for active staff must not win.
    await act(async () =>
      all.release({ ok: true, data: [person(1, '张三'), person(3, '王五（离职）')] }),
    );
    expect(names()).toBe('张三,王五（离职）');
    await act(async () => active.release({ ok: true, data: [person(1, '张三')] }));
    expect(names()).toBe('张三,王五（离职）');
    expect(loading()).toBe('idle');
  });

  it('asks again on reload and when the version moves, showing the old rows meanwhile', async () => {
    let round = 0;
    const pending: ReturnType<typeof later<Result<StaffRow[]>>>[] = [];
    const { calls } = fakeBridge({
      'staff:list': () => {
        round += 1;
        if (round === 1) return { ok: true, data: [person(1, '张三')] };
        const next = later<Result<StaffRow[]>>();
        pending.push(next);
        return next.promise;
      },
    });
    const view = render(shell(<StaffProbe version={1} />));
    await waitFor(() => expect(names()).toBe('张三'));
    await act(async () => screen.getByRole('button', { name: 'reload' }).click());
    expect(loading()).toBe('loading');
    expect(names()).toBe('张三');
    await act(async () => pending[0]!.release({ ok: true, data: [person(2, '李四')] }));
    expect(names()).toBe('李四');
    view.rerender(shell(<StaffProbe version={2} />));
    expect(loading()).toBe('loading');
    await act(async () => pending[1]!.release({ ok: true, data: [person(4, '孙七')] }));
    expect(names()).toBe('孙七');
    expect(calls).toHaveLength(3);
  });

  it('shows an answer already in hand on its first render and asks nothing for it', async () => {
    const { calls } = fakeBridge({ 'staff:list': () => ({ ok: true, data: [person(2, '李四')] }) });
    const view = render(shell(<StaffProbe version={1} firstData={[person(1, '张三')]} />));
    // The first render: the data, not loading.
    expect(names()).toBe('张三');
    expect(loading()).toBe('idle');
    await act(async () => {});
    expect(calls).toHaveLength(0);
    // A later input asks as usual.
    view.rerender(shell(<StaffProbe version={2} firstData={[person(1, '张三')]} />));
    expect(loading()).toBe('loading');
    await waitFor(() => expect(names()).toBe('李四'));
    expect(calls).toHaveLength(1);
  });

  it('takes a write’s answer as its data without asking again', async () => {
    const { calls } = fakeBridge({ 'staff:list': () => ({ ok: true, data: [person(1, '张三')] }) });
    render(shell(<StaffProbe />));
    await waitFor(() => expect(names()).toBe('张三'));
    await act(async () => screen.getByRole('button', { name: 'replace' }).click());
    expect(names()).toBe('赵六');
    expect(calls).toHaveLength(1);
  });

  it('waits for a pause in typing: one call for the last input', async () => {
    const { calls } = fakeBridge({ 'staff:list': () => ({ ok: true, data: [person(1, '张三')] }) });
    const view = render(shell(<StaffProbe pauseMs={40} />));
    view.rerender(shell(<StaffProbe pauseMs={40} includeInactive />));
    view.rerender(shell(<StaffProbe pauseMs={40} />));
    await waitFor(() => expect(names()).toBe('张三'));
    expect(calls).toEqual([{ channel: 'staff:list', input: { includeInactive: false } }]);
  });

  it('a screen left before its answer arrives is not updated, and nothing is told', async () => {
    const answer = later<Result<StaffRow[]>>();
    const failure = later<Result<StaffRow[]>>();
    let round = 0;
    fakeBridge({ 'staff:list': () => (++round === 1 ? answer.promise : failure.promise) });
    const onData = vi.fn();
    const errors = vi.spyOn(console, 'error');
    const view = render(shell(<StaffProbe onData={onData} />));
    view.rerender(shell(null));
    await act(async () => answer.release({ ok: true, data: [person(1, '张三')] }));
    expect(onData).not.toHaveBeenCalled();

    // A failure arriving after the screen closed is not toasted over the next screen either.
    const again = render(shell(<StaffProbe onData={onData} />));
    again.rerender(shell(null));
    await act(async () => failure.release(forbidden));
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    expect(onData).not.toHaveBeenCalled();
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });
});
