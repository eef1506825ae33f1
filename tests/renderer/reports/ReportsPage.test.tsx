import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { figureDefinitions } from '../../../electron/core/reports/definitions';
import {
  CURRENT_DEFINITIONS,
  figureBlock,
  monthFigures,
  type FigureBlock,
  type SummaryOutput,
} from '../../../electron/shared/schemas/reports';
import { ReportsPage } from '../../../renderer/src/features/reports/ReportsPage';
import { fakeBridge, renderAs } from '../support';

const r = (num: number, den: number) => ({ num, den });

/** A block of zeros (the schema's own defaults fill nothing here: every key is given). */
function block(figures: Partial<FigureBlock>): FigureBlock {
  const zeros = Object.fromEntries(
    Object.entries(figureBlock.shape).map(([key]) => [key, key.endsWith('Rate') ? r(0, 0) : 0]),
  );
  return figureBlock.parse({
    ...zeros,
    targetFen: null,
    completionRate: r(0, 0),
    collectedVsTarget: r(0, 0),
    ...figures,
  });
}

/**
 * March of the hand-built branch (tests/unit/reports/dataset.ts) plus a spouse's promise: two
 * right-party visits, both with the borrower's promise, and one promise by a relative.
 */
const march = monthFigures.parse({
  month: '2026-03',
  definitionsVersion: CURRENT_DEFINITIONS,
  from: '2026-03-01',
  to: '2026-03-31',
  branch: block({
    visitsPlanned: 6,
    rightPartyContacts: 2,
    ptpContacts: 2,
    promisesMade: 3,
    relativePromises: 1,
    ptpRate: r(2, 2),
    completionRate: r(4, 5),
  }),
  officers: [],
  rollRate: {
    buckets: ['M0', 'M1', 'M2', 'M3', 'M4+'],
    startFen: [80000, 150000, 300000, 400000, 0],
    startLoans: [1, 2, 1, 1, 0],
    cellsFen: [
      [80000, 0, 0, 0, 0],
      [0, 0, 100000, 0, 0],
      [250000, 0, 0, 0, 0],
      [0, 0, 0, 0, 400000],
      [0, 0, 0, 0, 0],
    ],
    cellsLoans: [
      [1, 0, 0, 0, 0],
      [0, 0, 1, 0, 0],
      [1, 0, 0, 0, 0],
      [0, 0, 0, 0, 1],
      [0, 0, 0, 0, 0],
    ],
    paidOffFen: [0, 50000, 0, 0, 0],
    paidOffLoans: [0, 1, 0, 0, 0],
  },
  weeks: [],
  outcomes: [],
});

function summary(previousVersion: number): SummaryOutput {
  return {
    figures: march,
    frozen: false,
    close: null,
    history: [],
    // February, closed before issue 15: its frozen PTP rate was 2 promise rows ÷ 1 visit.
    previous: {
      month: '2026-02',
      figures: block({ rightPartyContacts: 1, promisesMade: 2, ptpRate: r(2, 1) }),
      closed: true,
      definitionsVersion: previousVersion,
    },
    lastYear: null,
    definitions: [...figureDefinitions],
    checkpoint: null,
  };
}

function show(previousVersion = CURRENT_DEFINITIONS) {
  fakeBridge({ 'reports:summary': () => ({ ok: true, data: summary(previousVersion) }) });
  renderAs('manager', <ReportsPage />);
}

const definition = (key: string) => figureDefinitions.find((d) => d.key === key)!;

/** The card of a figure (its name also heads its entry in the definitions list). */
async function cardOf(key: string) {
  await screen.findByTestId('roll-rate');
  const value = document.querySelector(`[data-figure="${key}"]`);
  return value!.closest('.MuiCard-root') as HTMLElement;
}

describe('monthly summary: definitions on screen and on paper', () => {
  it('shows the PTP rate with its definition, numerator and denominator as the tooltip', async () => {
    show();
    const card = await cardOf('ptpRate');
    expect(within(card).getByText('承诺率')).toBeInTheDocument();
    expect(within(card).getByText('100.0%')).toHaveAttribute('data-figure', 'ptpRate');
    await userEvent.hover(card);
    const tip = await screen.findByRole('tooltip');
    expect(tip).toHaveTextContent(definition('ptpRate').definition.zh);
    expect(tip).toHaveTextContent(`分子：${definition('ptpRate').numerator!.zh}`);
    expect(tip).toHaveTextContent(`分母：${definition('ptpRate').denominator!.zh}`);
    // Relatives' promises are a figure of their own.
    const relatives = await cardOf('relativePromises');
    expect(within(relatives).getByText('亲属承诺')).toBeInTheDocument();
    expect(within(relatives).getByText('1')).toHaveAttribute('data-figure', 'relativePromises');
  });

  it('lists every definition for the printed report, and on screen when asked', async () => {
    show();
    await cardOf('ptpRate');
    const list = screen.getByTestId('report-definitions');
    // Hidden on screen until asked for; always printed (the print media rule shows it).
    expect(list).not.toBeVisible();
    for (const d of figureDefinitions) {
      expect(list).toHaveTextContent(d.label.zh);
      expect(list).toHaveTextContent(d.definition.zh);
      if (d.numerator) expect(list).toHaveTextContent(`分子：${d.numerator.zh}`);
    }
    await userEvent.click(screen.getByRole('button', { name: '指标定义' }));
    expect(list).toBeVisible();
  });

  it('shows roll rates by balance and by count, paid off apart, and — for an empty bucket', async () => {
    show();
    const table = await screen.findByTestId('roll-rate');
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual([
      '',
      '月初笔数',
      '月初余额',
      '→ M0',
      '→ M1',
      '→ M2',
      '→ M3',
      '→ M4+',
      '已结清',
    ]);
    const row = (bucket: string) =>
      within(table).getByRole('rowheader', { name: bucket }).closest('tr') as HTMLElement;
    const rates = (bucket: string, kind: 'balance' | 'count') =>
      [...row(bucket).querySelectorAll(`[data-rate="${kind}"]`)].map((e) => e.textContent);
    // M1: 1,500 yuan in 2 loans. → M2: 1,000 ÷ 1,500 and 1 of 2; paid off: 500 ÷ 1,500, 1 of 2.
    expect(rates('M1', 'balance')).toEqual(['0.0%', '0.0%', '66.7%', '0.0%', '0.0%', '33.3%']);
    expect(rates('M1', 'count')).toEqual(['0.0%', '0.0%', '50.0%', '0.0%', '0.0%', '50.0%']);
    // M2 → M0 is a cure at its end balance: 2,500 ÷ 3,000.
    expect(rates('M2', 'balance')[0]).toBe('83.3%');
    // No loans in M4+ at the start: no rate at all, never NaN or Infinity.
    expect(rates('M4+', 'balance')).toEqual(Array.from({ length: 6 }, () => '—'));
    expect(rates('M4+', 'count')).toEqual(Array.from({ length: 6 }, () => '—'));
    expect(table.textContent).not.toMatch(/NaN|Infinity/);
  });

  it('says when a compared month was frozen under the earlier definitions', async () => {
    show(1);
    expect(await screen.findByTestId('older-definitions')).toHaveTextContent('2026-02');
  });

  it('says so for a month closed with buckets not yet counted on to the month’s days', async () => {
    show(2);
    expect(await screen.findByTestId('older-definitions')).toHaveTextContent(
      '账龄取最近一次快照当日的账龄',
    );
  });

  it('says nothing about earlier definitions when every month uses the current ones', async () => {
    show(CURRENT_DEFINITIONS);
    await cardOf('ptpRate');
    expect(screen.queryByTestId('older-definitions')).toBeNull();
  });
});
