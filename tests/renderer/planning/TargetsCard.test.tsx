import { fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TargetsCard } from '../../../renderer/src/features/planning/TargetsCard';
import { asRole, fakeBridge, renderScreen } from '../support';

/**
 * The card's month is the core's: with the clock at 2026-12-03T16:30Z (already 00:30 on
 * 4 December in Beijing) the week view the calendar opens on starts on Monday 30 November, so
 * the calendar's month reads 2026-11; the card asks the core for this month (no month: the
 * branch's clock decides) and reads "2026-12 月度目标". The page's own clock is set to the same
 * instant, so a card that used it (in a zone west of Beijing) would read November.
 */
const progress = {
  visitsTarget: 30,
  visitsDone: 4,
  visitsPlanned: 6,
  amountTargetFen: 500_000,
  amountCollectedFen: 120_000,
};

function coreLike() {
  // What the core answers: the asked month, or the branch's month at the injected clock.
  return fakeBridge({
    'planning:targets': (input) => ({
      ok: true,
      data: {
        month: (input as { month?: string }).month ?? '2026-12',
        branch: progress,
        officers: [],
      },
    }),
  });
}

/** The calendar's part: the month it shows, moved by its arrows. */
function Calendar() {
  const [month, setMonth] = useState('2026-11');
  return (
    <>
      <button onClick={() => setMonth('2027-01')}>next month</button>
      <TargetsCard month={month} staff={[]} version={0} />
    </>
  );
}

describe('TargetsCard month', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-03T16:30:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('opens on this month where the branch is, not the month of the first day on screen', async () => {
    const { calls } = coreLike();
    renderScreen(asRole('manager', <TargetsCard month="2026-11" staff={[]} version={0} />));
    expect(await screen.findByText('2026-12 月度目标')).toBeInTheDocument();
    expect(calls).toEqual([{ channel: 'planning:targets', input: {} }]);
    expect(screen.queryByText(/2026-11/)).not.toBeInTheDocument();
  });

  it('follows the calendar once it moves to another month', async () => {
    const { calls } = coreLike();
    renderScreen(asRole('manager', <Calendar />));
    expect(await screen.findByText('2026-12 月度目标')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'next month' }));
    expect(await screen.findByText('2027-01 月度目标')).toBeInTheDocument();
    expect(calls.map((c) => c.input)).toEqual([{}, { month: '2027-01' }]);
  });
});
