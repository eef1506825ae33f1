import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { TierRows } from '../../../electron/shared/schemas/reports';
import { TierTable } from '../../../renderer/src/features/reports/TierTable';
import { ReportBucketsCard } from '../../../renderer/src/features/settings/ReportBucketsCard';
import { PaperTiers } from '../../../renderer/src/print/MonthlyReportTiers';
import i18next from 'i18next';
import { asRole, fakeBridge, renderScreen } from '../support';

/** Month-end balances of the core test's March (tests/unit/reports/tiers-buckets.test.ts). */
const march: TierRows = [
  { tier: 'pass', loans: 1, balanceFen: 90_000 },
  { tier: 'special_mention', loans: 0, balanceFen: 0 },
  { tier: 'substandard', loans: 1, balanceFen: 500_000 },
  { tier: 'doubtful', loans: 1, balanceFen: 300_000 },
  { tier: 'loss', loans: 1, balanceFen: 200_000 },
  { tier: 'none', loans: 1, balanceFen: 50_000 },
];

const cells = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent));

describe('balances by five-tier classification', () => {
  it('the summary lists each tier, the total and the non-performing part, shares by hand', () => {
    renderScreen(<TierTable tiers={march} monthEnd="2026-03-31" />);
    // ¥11,400 in all; 次级 + 可疑 + 损失 = ¥10,000, 87.7 %; 正常 ¥900, 7.9 %.
    expect(cells(screen.getByTestId('tier-table'))).toEqual([
      ['正常', '1', '¥900.00', '7.9%'],
      ['关注', '0', '¥0.00', '0.0%'],
      ['次级', '1', '¥5,000.00', '43.9%'],
      ['可疑', '1', '¥3,000.00', '26.3%'],
      ['损失', '1', '¥2,000.00', '17.5%'],
      ['未分类', '1', '¥500.00', '4.4%'],
      ['合计', '5', '¥11,400.00', '100.0%'],
      ['其中不良（次级、可疑、损失）', '3', '¥10,000.00', '87.7%'],
    ]);
    expect(screen.getByText(/2026-03-31 日终有本金余额的贷款/)).toBeInTheDocument();
  });

  it('a month closed before the classification was kept says so', () => {
    renderScreen(<TierTable tiers={null} monthEnd="2026-03-31" />);
    expect(screen.getByTestId('tier-table')).toHaveTextContent('本月结账时尚未保存五级分类');
  });

  it('the printed report has the same table, in English too', () => {
    const t = i18next.getFixedT('en');
    render(<PaperTiers tiers={march} monthEnd="2026-03-31" t={t} />);
    expect(screen.getByRole('heading', { name: 'Loan classification (month-end balances)' }));
    expect(cells(screen.getByTestId('paper-tiers'))).toContainEqual([
      'Substandard',
      '1',
      '¥5,000.00',
      '43.9%',
    ]);
    expect(cells(screen.getByTestId('paper-tiers'))).toContainEqual([
      'Unclassified',
      '1',
      '¥500.00',
      '4.4%',
    ]);
  });
});

describe('the summary’s bucket boundaries card', () => {
  const current = {
    'settings:reportBuckets': () => ({ ok: true as const, data: { extra: 'none' } }),
  };

  it('shows the default and saves M6+ and M12+ for a manager', async () => {
    const { calls } = fakeBridge({
      ...current,
      'settings:setReportBuckets': (input) => ({ ok: true, data: input }),
    });
    const user = userEvent.setup();
    renderScreen(asRole('manager', <ReportBucketsCard />));
    const field = await screen.findByRole('combobox', { name: '分段' });
    await waitFor(() => expect(field).toHaveTextContent('M0–M4+（默认）'));
    expect(screen.getByText(/M6 为 151–180 天/)).toBeInTheDocument();
    await user.click(field);
    await user.click(
      screen.getByRole('option', { name: '拆出 M6+ 和 M12+（逾期 151–330 天、331 天以上）' }),
    );
    await user.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() =>
      expect(calls.filter((c) => c.channel === 'settings:setReportBuckets')).toEqual([
        { channel: 'settings:setReportBuckets', input: { extra: 'M6_M12' } },
      ]),
    );
    expect(await screen.findByText('已保存')).toBeInTheDocument();
  });

  it('an officer sees the choice but cannot change it', async () => {
    fakeBridge(current);
    renderScreen(asRole('officer', <ReportBucketsCard />));
    const field = await screen.findByRole('combobox', { name: '分段' });
    await waitFor(() => expect(field).toHaveTextContent('M0–M4+（默认）'));
    expect(field).toHaveAttribute('aria-disabled', 'true');
    expect(screen.queryByRole('button', { name: '保存' })).toBeNull();
  });
});
