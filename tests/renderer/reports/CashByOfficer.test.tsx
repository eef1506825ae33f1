import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { monthlyReportData } from '../../../electron/shared/schemas/monthly-report';
import { CashByOfficer } from '../../../renderer/src/features/reports/CashByOfficer';
import { MonthlyReport } from '../../../renderer/src/print/MonthlyReport';
import { renderScreen } from '../support';
import { block, marchReport } from './fixture';

/**
 * Visit money per officer on screen and on paper: 李明 took ¥2,834.56 with one receipt late and
 * one difference open; 赵芳 took ¥500.00 in time; 王五 took nothing (left out); the branch took
 * ¥3,334.56 (each visit once), 1 late, 1 open.
 */
function withCash() {
  const doc = marchReport();
  const f = doc.summary.figures;
  const cash = (collected: number, late: number, open: number) => ({
    cashCollectedFen: collected,
    cashHandedInLate: late,
    cashOpenDifferences: open,
  });
  return monthlyReportData.parse({
    ...doc,
    summary: {
      ...doc.summary,
      figures: {
        ...f,
        branch: { ...f.branch, ...cash(333_456, 1, 1) },
        officers: f.officers.map((o, i) => ({
          ...o,
          figures: block({ ...o.figures, ...[cash(283_456, 1, 1), cash(50_000, 0, 0)][i] }),
        })),
      },
    },
  });
}

describe('visit money per officer', () => {
  it('on paper: a row per officer with money or an open difference, and the branch total', () => {
    render(<MonthlyReport doc={withCash()} />);
    const table = screen.getByTestId('report-cash');
    const rows = within(table)
      .getAllByRole('row')
      .map((row) => row.textContent);
    expect(rows).toEqual([
      '催收员（工号）上门收款逾期缴款收据未签核缴款差额',
      '李明（A001）¥2,834.5611',
      '赵芳（B001）¥500.0000',
      '支行合计¥3,334.5611',
    ]);
  });

  it('on screen: the same figures, and a month without visit money says so', () => {
    const doc = withCash();
    const { unmount } = renderScreen(
      <CashByOfficer figures={doc.summary.figures} definitions={doc.summary.definitions} />,
    );
    const table = screen.getByRole('table', { name: '按人员：上门收款与缴款' });
    expect(within(table).getByRole('row', { name: /李明/ })).toHaveTextContent(
      '李明（A001）¥2,834.5611',
    );
    unmount();
    const none = marchReport();
    renderScreen(
      <CashByOfficer figures={none.summary.figures} definitions={none.summary.definitions} />,
    );
    expect(screen.getByText('本月没有上门收款，也没有未签核的缴款差额')).toBeInTheDocument();
  });
});
