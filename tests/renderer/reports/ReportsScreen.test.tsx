import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { figureDefinitions } from '../../../electron/core/reports/definitions';
import { ReportsPage } from '../../../renderer/src/features/reports/ReportsPage';
import { fakeBridge, renderAs } from '../support';
import { marchSummary } from './fixture';

function show() {
  const bridge = fakeBridge({ 'reports:summary': () => ({ ok: true, data: marchSummary(true) }) });
  renderAs('manager', <ReportsPage />);
  return bridge;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the monthly summary on screen', () => {
  it('shows the headline figures first, then the rest in groups, each tile with its definition', async () => {
    show();
    const headline = (await screen.findByRole('heading', { name: '主要指标' })).closest('section')!;
    const keys = (section: Element) =>
      [...section.querySelectorAll('[data-tile]')].map((t) => t.getAttribute('data-tile'));
    expect(keys(headline)).toEqual([
      'collectedVsTarget',
      'contactRate',
      'ptpKeptRate',
      'cureRate',
      'ruleOverrides',
      'complaintsReceived',
    ]);
    expect(within(headline).getByText('62.5%')).toHaveAttribute('data-figure', 'collectedVsTarget');
    expect(headline).toHaveTextContent('¥1,250.00 / ¥2,000.00');
    expect(headline).toHaveTextContent('规则例外次数');

    const groups = [...document.querySelectorAll<HTMLElement>('section[data-group]')];
    expect(groups.map((g) => g.getAttribute('data-group'))).toEqual([
      'headline',
      'visits',
      'contact',
      'promises',
      'money',
      'portfolio',
      'cash',
      'conduct',
      'waivers',
    ]);
    expect(groups.map((g) => g.querySelector('h6')?.textContent)).toEqual([
      '主要指标',
      '走访',
      '接触',
      '承诺还款',
      '回收与还款计划',
      '贷款质量',
      '上门收款与缴款',
      '规则例外与投诉',
      '减免与和解',
    ]);
    const visits = groups[1]!;
    expect(keys(visits)).toContain('visitsPlanned');
    expect(keys(visits)).toContain('completionRate');
    expect(keys(groups[7]!)).toContain('visitsOverridden');
    expect(within(groups[7]!).getByText('经理批准的例外')).toBeInTheDocument();

    // Every figure once, none lost (the roll-rate matrix is its own table).
    const all = groups.flatMap(keys);
    expect([...all].sort()).toEqual(
      figureDefinitions
        .filter((d) => d.key !== 'rollRate')
        .map((d) => d.key)
        .sort(),
    );
    expect(document.body.textContent).not.toContain('越权');

    // A grouped tile keeps its definition as the tooltip.
    const tile = document.querySelector('[data-tile="visitsOverridden"]') as HTMLElement;
    await userEvent.hover(tile);
    const tip = await screen.findByRole('tooltip');
    expect(tip).toHaveTextContent(
      figureDefinitions.find((d) => d.key === 'visitsOverridden')!.definition.zh,
    );
  });

  it('colours a cure green and a roll forward red in the roll-rate heat map', async () => {
    show();
    const table = await screen.findByTestId('roll-rate');
    const cells = (bucket: string) =>
      [
        ...within(table)
          .getByRole('rowheader', { name: bucket })
          .closest('tr')!
          .querySelectorAll('td[data-direction]'),
      ] as HTMLElement[];
    // M2 → M0 (¥2,500 of ¥3,000) is a cure; M1 → M2 (¥1,000 of ¥1,500) rolls forward.
    const cure = cells('M2')[0]!;
    expect(cure).toHaveAttribute('data-direction', 'better');
    expect(cure.style.background).toMatch(/rgba\(46, 125, 50, 0\.58\)/);
    const worse = cells('M1')[2]!;
    expect(worse).toHaveAttribute('data-direction', 'worse');
    expect(worse.style.background).toMatch(/rgba\(211, 47, 47, 0\.47\)/);
    // Staying in M0 is neither: grey. Paid off is better.
    expect(cells('M0')[0]).toHaveAttribute('data-direction', 'same');
    expect(cells('M0')[0]!.style.background).toContain('120, 120, 120');
    expect(cells('M1')[5]).toHaveAttribute('data-direction', 'better');
    // The officer's matrix reads the same way, and a legend says what the colours mean.
    const li = screen.getByTestId('roll-rate-A001');
    expect(li.querySelector('tr:nth-child(3) td[data-direction="better"]')).not.toBeNull();
    expect(screen.getByTestId('roll-rate-legend')).toHaveTextContent('好转');
    expect(screen.getByTestId('roll-rate-legend')).toHaveTextContent('恶化');
  });

  it('reads the month as 2026年…月 in Chinese and asks for the month picked', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-05-15T10:00:00'));
    const bridge = show();
    await screen.findByTestId('roll-rate');
    expect(bridge.calls.filter((c) => c.channel === 'reports:summary')[0]?.input).toEqual({
      month: '2026-05',
    });
    const field = screen.getByRole('group', { name: '月份' });
    expect(field.textContent).toMatch(/^2026年0?5月(?!\d)/);
    expect(field.textContent).not.toMatch(/May|March/);

    // Keyboard entry: the month section takes 03.
    const monthSection = within(field).getByRole('spinbutton', { name: '月份' });
    await userEvent.click(monthSection);
    await userEvent.keyboard('03');
    await waitFor(() =>
      expect(bridge.calls.filter((c) => c.channel === 'reports:summary').at(-1)?.input).toEqual({
        month: '2026-03',
      }),
    );
    expect(field.textContent).toMatch(/^2026年0?3月(?!\d)/);
  });
});
