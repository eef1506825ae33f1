import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MonthlyReport } from '../../../renderer/src/print/MonthlyReport';
import { PrintRoute } from '../../../renderer/src/print/PrintRoute';
import { AUDIT_HEAD, FIGURES_SHA, marchReport } from './fixture';

const figure = (container: HTMLElement, key: string) =>
  container.querySelector(`.mr-tile [data-figure="${key}"]`)?.textContent;

describe('the printed monthly report', () => {
  it('opens with the letterhead and a title naming the branch and the month in words, no form field', () => {
    const { container } = render(<MonthlyReport doc={marchReport()} />);
    expect(container.querySelector('.letterhead .branch-name')).toHaveTextContent(
      '青山农商银行石桥支行',
    );
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('月度汇总报告');
    expect(screen.getByTestId('report-title')).toHaveTextContent(
      '青山农商银行石桥支行 · 2026年3月',
    );
    expect(container).toHaveTextContent('统计期间：2026年3月1日至2026年3月31日');
    expect(container.querySelector('input, select, textarea')).toBeNull();
    expect(container.textContent).not.toMatch(/March 2026|2026-03(?!-)/);
  });

  it('puts the headline figures first, worked out by hand from the fixture', () => {
    const { container } = render(<MonthlyReport doc={marchReport()} />);
    const tiles = [...container.querySelectorAll('.mr-tile')];
    expect(tiles.map((t) => t.getAttribute('data-tile'))).toEqual([
      'collectedVsTarget',
      'contactRate',
      'ptpKeptRate',
      'cureRate',
      'ruleOverrides',
      'complaintsReceived',
    ]);
    // ¥1,250 of ¥2,000; 3 of 4 carried out met someone; 1 of 2 promises due kept; 1 of 3
    // overdue loans cured; 2 rule exceptions; 1 complaint.
    expect(figure(container, 'collectedVsTarget')).toBe('62.5%');
    expect(tiles[0]).toHaveTextContent('¥1,250.00 / ¥2,000.00');
    expect(figure(container, 'contactRate')).toBe('75.0%');
    expect(tiles[1]).toHaveTextContent('3 / 4');
    expect(tiles[1]).toHaveTextContent('上月 50.0%');
    expect(figure(container, 'ptpKeptRate')).toBe('50.0%');
    expect(figure(container, 'cureRate')).toBe('33.3%');
    expect(tiles[3]).toHaveTextContent('1 / 3');
    expect(figure(container, 'ruleOverrides')).toBe('2');
    expect(tiles[4]).toHaveTextContent('规则例外次数');
    expect(figure(container, 'complaintsReceived')).toBe('1');
    // The headline comes before every table.
    const firstTable = container.querySelector('table')!;
    expect(tiles[5]!.compareDocumentPosition(firstTable) & Node.DOCUMENT_POSITION_FOLLOWING).toBe(
      Node.DOCUMENT_POSITION_FOLLOWING,
    );
    // The other figures in their groups, each once; 越权 nowhere.
    const grouped = [...container.querySelectorAll('.mr-group')].map((g) =>
      g.getAttribute('data-group'),
    );
    expect(grouped).toEqual([
      'visits',
      'contact',
      'promises',
      'money',
      'portfolio',
      'cash',
      'conduct',
      'waivers',
    ]);
    expect(
      container.querySelector('[data-group="visits"] [data-figure="completionRate"]'),
    ).toHaveTextContent('80.0%');
    expect(container).toHaveTextContent('经理批准的例外');
    expect(container.textContent).not.toContain('越权');
  });

  it('gives each officer a row with the branch total, and names officers and weeks on the chart axes', () => {
    render(<MonthlyReport doc={marchReport()} />);
    const table = screen.getByTestId('report-officers');
    const row = (no: string) => table.querySelector(`tr[data-officer="${no}"]`) as HTMLElement;
    expect(row('A001')).toHaveTextContent('李明（A001）');
    expect(row('A001')).toHaveTextContent('¥1,000.00');
    expect(row('A001')).toHaveTextContent('83.3%');
    expect(row('B001')).toHaveTextContent('25.0%');
    expect(within(table).getByText('支行合计').closest('tr')).toHaveTextContent('62.5%');

    const officers = screen.getByTestId('chart-officers');
    expect(officers.querySelector('[data-category="李明"]')).toHaveTextContent('李明');
    expect(officers.querySelector('[data-category="赵芳"]')).toHaveTextContent('赵芳');
    expect(officers.querySelector('[data-part="x-label"]')).toHaveTextContent('催收员');
    expect(officers.querySelector('[data-part="y-label"]')).toHaveTextContent('走访次数');
    expect(officers.querySelector('[data-part="legend"]')).toHaveTextContent('计划已上门');
    const weeks = screen.getByTestId('chart-weeks');
    expect(weeks.querySelector('[data-category="3月2日"]')).not.toBeNull();
    expect(weeks.querySelector('[data-part="x-label"]')).toHaveTextContent('周（起始日）');
    const collected = screen.getByTestId('chart-collected');
    expect(collected.querySelector('[data-part="y-label"]')).toHaveTextContent('金额（元）');
    expect(collected.querySelector('[data-part="legend"]')).toHaveTextContent('回收目标');
  });

  it('colours the roll-rate matrices by direction, for the branch and each officer', () => {
    render(<MonthlyReport doc={marchReport()} />);
    const branch = screen.getByTestId('paper-roll-rate');
    const cells = (bucket: string) =>
      [
        ...within(branch)
          .getByRole('rowheader', { name: bucket })
          .closest('tr')!
          .querySelectorAll('td[data-direction]'),
      ] as HTMLElement[];
    // M2 → M0 is a cure: green. M1 → M2 rolls forward: red. M0 stays: grey. Paid off: green.
    expect(cells('M2')[0]).toHaveAttribute('data-direction', 'better');
    expect(cells('M2')[0]!.style.background).toContain('46, 125, 50');
    expect(cells('M1')[2]).toHaveAttribute('data-direction', 'worse');
    expect(cells('M1')[2]!.style.background).toContain('211, 47, 47');
    expect(cells('M0')[0]).toHaveAttribute('data-direction', 'same');
    expect(cells('M1')[5]).toHaveAttribute('data-direction', 'better');
    // 李明 has loans on the 1st, 赵芳's month has no matrix: only his is printed.
    expect(screen.getByTestId('paper-roll-rate-A001')).toHaveTextContent('李明（A001）');
    expect(screen.queryByTestId('paper-roll-rate-B001')).toBeNull();
  });

  it('prints the close’s hashes and the manager’s signature line, and page numbers in the margin', () => {
    const { container } = render(<MonthlyReport doc={marchReport()} />);
    const close = screen.getByTestId('report-close');
    expect(close.querySelector('[data-hash="figures"]')).toHaveTextContent(FIGURES_SHA);
    expect(close.querySelector('[data-hash="audit"]')).toHaveTextContent(AUDIT_HEAD);
    expect(close).toHaveTextContent('王建国（M001）');
    expect(close).toHaveTextContent('2026年4月1日 10:00');
    expect(screen.getByTestId('manager-signature')).toHaveTextContent('支行负责人（签字）');
    const page = container.querySelector('style')!.textContent!;
    expect(page).toContain('@page monthly-report');
    expect(page).toMatch(/"第 " counter\(page\)\s+" 页，共 " counter\(pages\)/);
    expect(page).toContain('"青山农商银行石桥支行 · 2026年3月 月度汇总报告"');
  });

  it('says when the month is not closed, with no hashes', () => {
    render(<MonthlyReport doc={marchReport(false)} />);
    expect(screen.getByTestId('report-state')).toHaveTextContent('未结账');
    const close = screen.getByTestId('report-close');
    expect(close.querySelector('[data-hash]')).toBeNull();
    expect(close).toHaveTextContent('本月尚未结账');
  });

  it('prints in English with the month in words', () => {
    render(<MonthlyReport doc={marchReport(true, 'en')} />);
    expect(screen.getByTestId('report-title')).toHaveTextContent(
      '青山农商银行石桥支行 · March 2026',
    );
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Monthly branch report');
    expect(document.body).toHaveTextContent('Rule exceptions');
    expect(document.body.textContent).not.toMatch(/overrides/i);
  });

  it('is a document of the print route', () => {
    const { container } = render(<PrintRoute documents={[marchReport()]} />);
    expect(container.querySelector('.print-root')).toHaveAttribute('data-documents', '1');
    expect(container.querySelector('article[data-kind="monthlyReport"]')).toHaveAttribute(
      'data-month',
      '2026-03',
    );
  });
});
