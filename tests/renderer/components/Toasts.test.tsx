import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryRouter, useNavigate } from 'react-router';
import { ToastProvider, useToast } from '../../../renderer/src/components/Toasts';

/**
 * Toasts close themselves (news after 4 s, a warning after 8 s); an error stays until closed,
 * but never outlives the screen it was raised on. Timers are Vitest's fake ones: the waits are
 * moved by hand, not slept.
 */
function Screen() {
  const toast = useToast();
  const navigate = useNavigate();
  return (
    <>
      <button onClick={() => toast('已保存')}>save</button>
      <button onClick={() => toast('找不到该记录', 'error')}>fail</button>
      <button onClick={() => toast('有 2 个走访与休假冲突', 'warning')}>warn</button>
      <button onClick={() => void navigate('/staff')}>to staff</button>
      <button onClick={() => void navigate('/cases?view=%7B%22page%22%3A1%7D')}>next page</button>
    </>
  );
}

function renderToasts() {
  return render(
    <MemoryRouter initialEntries={['/cases']}>
      <ToastProvider>
        <Screen />
      </ToastProvider>
    </MemoryRouter>,
  );
}

const press = (name: string) => fireEvent.click(screen.getByRole('button', { name }));
const wait = (ms: number) => act(() => vi.advanceTimersByTime(ms));
const toast = () => screen.queryByRole('status');

describe('toasts', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('news closes by itself after 4 seconds', () => {
    renderToasts();
    press('save');
    expect(toast()).toHaveTextContent('已保存');
    wait(3900);
    expect(toast()).toHaveTextContent('已保存');
    // The snackbar's exit transition finishes within a second.
    wait(1100);
    expect(toast()).not.toBeInTheDocument();
  });

  it('an error stays until it is closed', () => {
    renderToasts();
    press('fail');
    wait(10 * 60_000);
    expect(toast()).toHaveTextContent('找不到该记录');
    fireEvent.click(screen.getByRole('button', { name: /close|关闭/i }));
    wait(1000);
    expect(toast()).not.toBeInTheDocument();
  });

  it('an error does not follow the user to the next screen; news does', () => {
    renderToasts();
    press('fail');
    expect(toast()).toHaveTextContent('找不到该记录');
    // Another page of the same list is the same screen: the error stays.
    press('next page');
    wait(1000);
    expect(toast()).toHaveTextContent('找不到该记录');
    press('to staff');
    wait(1000);
    expect(toast()).not.toBeInTheDocument();

    press('save');
    press('to staff');
    expect(toast()).toHaveTextContent('已保存');
  });

  it('a warning closes after 8 seconds and also stays on its screen', () => {
    renderToasts();
    press('warn');
    wait(7900);
    expect(toast()).toHaveTextContent('冲突');
    wait(1100);
    expect(toast()).not.toBeInTheDocument();
    press('warn');
    press('to staff');
    wait(1000);
    expect(toast()).not.toBeInTheDocument();
  });

  it('a newer toast takes the place of an error waiting to be closed', () => {
    renderToasts();
    press('fail');
    press('save');
    wait(1000);
    expect(toast()).toHaveTextContent('已保存');
    wait(5000);
    expect(toast()).not.toBeInTheDocument();
  });
});
