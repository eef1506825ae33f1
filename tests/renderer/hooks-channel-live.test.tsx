import { ThemeProvider } from '@mui/material';
import { act, render, renderHook, screen } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../electron/shared/result';
import type { CalendarRow } from '../../electron/shared/schemas/planning';
import type { StaffRow } from '../../electron/shared/schemas/staff';
import { themeFor } from '../../renderer/src/app/theme';
import { ToastProvider } from '../../renderer/src/components/Toasts';
import { useChannel } from '../../renderer/src/components/useChannel';
import { useCalendarData } from '../../renderer/src/features/planning/useCalendarData';
import { fakeBridge } from './support';

const theme = themeFor('zh-CN');

const person = (id: number, name: string): StaffRow => ({
  id,
  staffNo: `S${String(id).padStart(3, '0')}`,
  name,
  role: 'officer',
  phone: '',
  active: true,
  hasAccount: false,
  certificates: [],
  certified: true,
  certificateExpiringSoon: false,
  upcomingLeave: [],
});

/** An answer the test releases when it chooses, to see the hook while the call runs. */
function later<T>() {
  let release!: (value: T) => void;
  const promise = new Promise<T>((resolve) => {
    release = resolve;
  });
  return { promise, release };
}

function StaffProbe({ live }: { live?: boolean }) {
  const staff = useChannel('staff:list', {}, live === undefined ? {} : { live });
  return (
    <span data-testid="names">
      {staff.data === null ? 'none' : staff.data.map((s) => s.name).join(',')}
    </span>
  );
}

const shell = (element: ReactElement | null) => (
  <ThemeProvider theme={theme}>
    <ToastProvider>{element}</ToastProvider>
  </ThemeProvider>
);

const names = () => screen.getByTestId('names').textContent;
const changed = { channel: 'planning:plan', deskId: '5b0c7a52-2a4e-4f0e-9a55-0d6f3c1e8b21' };
/**
 * Lets the clock run in steps of 25 ms, each in its own act(), so that the renders, answers and
 * effects of each step happen before the next (one act() around it all would batch them).
 */
async function pass(ms: number) {
  for (let at = 0; at < ms; at += 25) {
    await act(() => vi.advanceTimersByTimeAsync(Math.min(25, ms - at)));
  }
  await act(() => vi.advanceTimersByTimeAsync(0));
}

/** Each call answers with the next name: 张三, then 李四, 王五, ... */
function namesInTurn() {
  const turns = ['张三', '李四', '王五', '赵六', '孙七'];
  let n = 0;
  return fakeBridge({
    'staff:list': (): Result<StaffRow[]> => {
      const name = turns[n] ?? `第${n + 1}`;
      n += 1;
      return { ok: true, data: [person(n, name)] };
    },
  });
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('useChannel with live reads', () => {
  it('asks again when another desk changed the data, and shows the new answer', async () => {
    const bridge = namesInTurn();
    render(shell(<StaffProbe live />));
    await pass(0);
    expect(names()).toBe('张三');
    expect(bridge.listening('data:changed')).toBe(1);
    act(() => bridge.emit('data:changed', changed));
    await pass(300);
    expect(names()).toBe('李四');
    expect(bridge.calls).toHaveLength(2);
    expect(bridge.calls[1]).toEqual({ channel: 'staff:list', input: {} });
  });

  it('does not listen when not live (the default), so a filled form is never reset', async () => {
    const bridge = namesInTurn();
    const view = render(shell(<StaffProbe />));
    await pass(0);
    view.rerender(shell(<StaffProbe live={false} />));
    expect(bridge.listening('data:changed')).toBe(0);
    act(() => bridge.emit('data:changed', changed));
    await pass(2000);
    expect(names()).toBe('张三');
    expect(bridge.calls).toHaveLength(1);
  });

  it('asks once for a burst of five changes, and again for a change after it', async () => {
    const bridge = namesInTurn();
    render(shell(<StaffProbe live />));
    await pass(0);
    for (let i = 0; i < 5; i++) {
      act(() => bridge.emit('data:changed', changed));
      await pass(50);
    }
    await pass(2000);
    expect(bridge.calls).toHaveLength(2);
    expect(names()).toBe('李四');
    act(() => bridge.emit('data:changed', changed));
    await pass(300);
    expect(bridge.calls).toHaveLength(3);
    expect(names()).toBe('王五');
  });

  it('never asks while its request is under way, then asks once when it has answered', async () => {
    const first = later<Result<StaffRow[]>>();
    let round = 0;
    const bridge = fakeBridge({
      'staff:list': () => {
        round += 1;
        if (round === 1) return first.promise;
        return { ok: true, data: [person(2, '李四')] };
      },
    });
    render(shell(<StaffProbe live />));
    await pass(0);
    // Three changes while the first read is still on its way: nothing more is asked meanwhile.
    for (let i = 0; i < 3; i++) {
      act(() => bridge.emit('data:changed', changed));
      await pass(400);
    }
    expect(bridge.calls).toHaveLength(1);
    await act(async () => first.release({ ok: true, data: [person(1, '张三')] }));
    await pass(0);
    expect(bridge.calls).toHaveLength(2);
    expect(names()).toBe('李四');
    await pass(2000);
    expect(bridge.calls).toHaveLength(2);
  });

  it('stops listening when the screen is left, and a gathered change is not asked for', async () => {
    const bridge = namesInTurn();
    const view = render(shell(<StaffProbe live />));
    await pass(0);
    expect(bridge.listening('data:changed')).toBe(1);
    act(() => bridge.emit('data:changed', changed));
    await pass(100);
    view.rerender(shell(null));
    expect(bridge.listening('data:changed')).toBe(0);
    await pass(2000);
    act(() => bridge.emit('data:changed', changed));
    await pass(2000);
    expect(bridge.calls).toHaveLength(1);
  });
});

const visit = (id: number, borrowerName: string): CalendarRow => ({
  id,
  date: '2026-03-02',
  start: '09:00',
  end: '10:00',
  status: 'planned',
  purpose: 'reminder',
  borrowerId: id,
  borrowerName,
  township: '石桥镇',
  village: '东村',
  staffIds: [2],
  noticeStatus: 'none',
  awaitingApproval: false,
  overridden: false,
});

describe('the calendar’s read is live', () => {
  it('shows a visit another desk planned, reading the same range again', async () => {
    let visits = [visit(1, '张三')];
    const bridge = fakeBridge({
      'planning:calendar': () => ({ ok: true, data: { visits, leave: [] } }),
      'planning:holidays': () => ({ ok: true, data: [] }),
    });
    const range = { from: '2026-03-02', to: '2026-03-08' };
    const filter = { staffIds: [], township: '', showClosed: false };
    const { result } = renderHook(() => useCalendarData(range, filter, 0), {
      wrapper: ({ children }) => shell(<>{children}</>),
    });
    await pass(0);
    expect(result.current.calendar?.visits.map((v) => v.borrowerName)).toEqual(['张三']);
    visits = [visit(1, '张三'), visit(2, '周大福')];
    act(() => bridge.emit('data:changed', changed));
    await pass(300);
    expect(result.current.calendar?.visits.map((v) => v.borrowerName)).toEqual(['张三', '周大福']);
    const asked = bridge.calls.filter((c) => c.channel === 'planning:calendar');
    expect(asked).toHaveLength(2);
    expect(asked[1]!.input).toEqual(asked[0]!.input);
  });
});
