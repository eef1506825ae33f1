import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { figureDefinitions } from '../../../electron/core/reports/definitions';
import {
  CURRENT_DEFINITIONS,
  figureBlock,
  monthFigures,
  type RollRate,
  type SummaryOutput,
} from '../../../electron/shared/schemas/reports';
import { ReportsPage } from '../../../renderer/src/features/reports/ReportsPage';
import { fakeBridge, renderAs } from '../support';

const r = (num: number, den: number) => ({ num, den });
const zeros = [0, 0, 0, 0, 0];
const buckets = ['M0', 'M1', 'M2', 'M3', 'M4+'] as const;

/** A block of zeros: these tests look at the matrices only. */
const block = figureBlock.parse({
  ...Object.fromEntries(
    Object.keys(figureBlock.shape).map((key) => [key, key.endsWith('Rate') ? r(0, 0) : 0]),
  ),
  targetFen: null,
  collectedVsTarget: r(0, 0),
});

/**
 * March of the hand-built branch (tests/unit/reports/dataset.ts, figures.test.ts works them
 * out): 李明's borrowers L2 M1 ¥1,000 → M2 and L1 M2 ¥3,000 → M0 ¥2,500; 赵芳's L5 M0 ¥800
 * stays, L4 M1 ¥500 paid off, L3 M3 ¥4,000 → M4+; the manager has no borrowers.
 */
const li: RollRate = {
  buckets: [...buckets],
  startFen: [0, 100000, 300000, 0, 0],
  startLoans: [0, 1, 1, 0, 0],
  cellsFen: [zeros, [0, 0, 100000, 0, 0], [250000, 0, 0, 0, 0], zeros, zeros],
  cellsLoans: [zeros, [0, 0, 1, 0, 0], [1, 0, 0, 0, 0], zeros, zeros],
  paidOffFen: zeros,
  paidOffLoans: zeros,
};
const zhao: RollRate = {
  buckets: [...buckets],
  startFen: [80000, 50000, 0, 400000, 0],
  startLoans: [1, 1, 0, 1, 0],
  cellsFen: [[80000, 0, 0, 0, 0], zeros, zeros, [0, 0, 0, 0, 400000], zeros],
  cellsLoans: [[1, 0, 0, 0, 0], zeros, zeros, [0, 0, 0, 0, 1], zeros],
  paidOffFen: [0, 50000, 0, 0, 0],
  paidOffLoans: [0, 1, 0, 0, 0],
};
const empty: RollRate = {
  buckets: [...buckets],
  startFen: zeros,
  startLoans: zeros,
  cellsFen: [zeros, zeros, zeros, zeros, zeros],
  cellsLoans: [zeros, zeros, zeros, zeros, zeros],
  paidOffFen: zeros,
  paidOffLoans: zeros,
};
const branch: RollRate = {
  buckets: [...buckets],
  startFen: [80000, 150000, 300000, 400000, 0],
  startLoans: [1, 2, 1, 1, 0],
  cellsFen: [
    [80000, 0, 0, 0, 0],
    [0, 0, 100000, 0, 0],
    [250000, 0, 0, 0, 0],
    [0, 0, 0, 0, 400000],
    zeros,
  ],
  cellsLoans: [[1, 0, 0, 0, 0], [0, 0, 1, 0, 0], [1, 0, 0, 0, 0], [0, 0, 0, 0, 1], zeros],
  paidOffFen: [0, 50000, 0, 0, 0],
  paidOffLoans: [0, 1, 0, 0, 0],
};

function summary(officerMatrices: boolean): SummaryOutput {
  const officer = (staffId: number, staffNo: string, name: string, rollRate: RollRate) => ({
    staffId,
    staffNo,
    name,
    figures: block,
    // A month closed before officers had matrices has none in its frozen figures.
    ...(officerMatrices ? { rollRate } : {}),
  });
  return {
    figures: monthFigures.parse({
      month: '2026-03',
      definitionsVersion: officerMatrices ? CURRENT_DEFINITIONS : 2,
      from: '2026-03-01',
      to: '2026-03-31',
      branch: block,
      officers: [
        officer(2, 'A001', '李明', li),
        officer(3, 'B001', '赵芳', zhao),
        officer(1, 'M001', '王建国', empty),
      ],
      rollRate: branch,
      weeks: [],
      outcomes: [],
    }),
    frozen: !officerMatrices,
    close: null,
    history: [],
    previous: null,
    lastYear: null,
    definitions: [...figureDefinitions],
    checkpoint: null,
  };
}

function show(officerMatrices = true) {
  const bridge = fakeBridge({
    'reports:summary': () => ({ ok: true, data: summary(officerMatrices) }),
    'reports:drilldown': () => ({
      ok: true,
      data: { kind: 'loans', columns: [], rows: [], total: 2, truncated: false },
    }),
  });
  renderAs('manager', <ReportsPage />);
  return bridge;
}

/** Rates of one row of a table, by balance or by count, → M0 … → M4+ then paid off. */
function rates(table: HTMLElement, bucket: string, kind: 'balance' | 'count') {
  const row = within(table).getByRole('rowheader', { name: bucket }).closest('tr')!;
  return [...row.querySelectorAll(`[data-rate="${kind}"]`)].map((e) => e.textContent);
}

describe('monthly summary: roll rates per officer', () => {
  it('shows each officer’s matrix under the branch’s, named, and names those without loans', async () => {
    show();
    const section = await screen.findByTestId('officer-roll-rates');
    expect(within(section).getByText('按催收员的迁徙率矩阵')).toBeInTheDocument();
    const liTable = within(screen.getByRole('region', { name: '李明（A001）' })).getByTestId(
      'roll-rate-A001',
    );
    // M1: ¥1,000 all to M2; M2: ¥2,500 of ¥3,000 back in M0.
    expect(rates(liTable, 'M1', 'balance')).toEqual([
      '0.0%',
      '0.0%',
      '100.0%',
      '0.0%',
      '0.0%',
      '0.0%',
    ]);
    expect(rates(liTable, 'M2', 'balance')[0]).toBe('83.3%');
    expect(rates(liTable, 'M2', 'count')[0]).toBe('100.0%');
    // No loans in M0 at the start: no rate, never NaN.
    expect(rates(liTable, 'M0', 'balance')).toEqual(Array.from({ length: 6 }, () => '—'));
    const zhaoTable = within(screen.getByRole('region', { name: '赵芳（B001）' })).getByTestId(
      'roll-rate-B001',
    );
    // L4 paid off: ¥500 of M1's ¥500, 1 of 1.
    expect(rates(zhaoTable, 'M1', 'balance')[5]).toBe('100.0%');
    expect(rates(zhaoTable, 'M3', 'balance')[4]).toBe('100.0%');
    expect(rates(zhaoTable, 'M0', 'count')[0]).toBe('100.0%');
    // The manager has no borrowers: named in one line, no empty table.
    expect(screen.queryByTestId('roll-rate-M001')).toBeNull();
    expect(section).toHaveTextContent('月初名下没有贷款：王建国（M001）');
    // The branch's table is still the one and only 'roll-rate'.
    expect(screen.getAllByTestId('roll-rate')).toHaveLength(1);
    expect(section.textContent).not.toMatch(/NaN|Infinity/);
  });

  it('opens the officer’s loans behind the matrix, the officer named in the title', async () => {
    const bridge = show();
    await userEvent.click(await screen.findByTestId('roll-rate-B001'));
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('明细：迁徙率矩阵 · 赵芳（B001）');
    expect(bridge.calls.filter((c) => c.channel === 'reports:drilldown')).toEqual([
      {
        channel: 'reports:drilldown',
        input: { month: expect.any(String), figure: 'rollRate', officerId: 3 },
      },
    ]);
  });

  it('says a month closed before officers had matrices has none', async () => {
    show(false);
    const section = await screen.findByTestId('officer-roll-rates');
    expect(section).toHaveTextContent('本月结账时的口径没有按催收员的迁徙率');
    expect(within(section).queryAllByRole('table')).toHaveLength(0);
  });
});
