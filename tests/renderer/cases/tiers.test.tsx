import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next, { type TFunction } from 'i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CaseListRow } from '../../../electron/shared/schemas/cases';
import { CaseFilters } from '../../../renderer/src/features/cases/CaseFilters';
import { noFilter } from '../../../renderer/src/features/cases/case-filter';
import { CaseHeader } from '../../../renderer/src/features/cases/CaseHeader';
import { LoansTab } from '../../../renderer/src/features/cases/LoansTab';
import { CaseTable } from '../../../renderer/src/features/cases/CaseTable';
import { caseColumns } from '../../../renderer/src/features/cases/caseColumns';
import { asRole, fakeBridge, renderScreen } from '../support';
import { casePage } from './case-fixtures';

afterEach(async () => {
  await act(() => i18next.changeLanguage('zh-CN'));
});

const row = (id: number, name: string, over: Partial<CaseListRow>): CaseListRow => ({
  id,
  name,
  idNumberMasked: '3301**********1234',
  mobileMasked: null,
  township: '石桥镇',
  village: '石桥村',
  officerId: 2,
  officerName: '李明',
  status: 'active',
  dpd: 45,
  bucket: 'M2',
  overdueSince: '2026-10-20',
  totalOverdueFen: 100_00,
  outstandingFen: 5_000_00,
  loanCount: 1,
  lastContactAt: null,
  lastVisitAt: null,
  vulnerable: [],
  brokenPromises: 0,
  exitKind: null,
  classification: null,
  ...over,
});

function list() {
  renderScreen(
    <CaseTable
      rows={[
        row(1, '张三', { classification: 'substandard' }),
        row(2, '李四', { classification: 'special_mention' }),
        row(3, '王五', { classification: null }),
      ]}
      total={3}
      loading={false}
      columns={caseColumns(i18next.t.bind(i18next) as TFunction)}
      hidden={new Set()}
      page={0}
      pageSize={25}
      pageSizes={[25]}
      onPage={vi.fn()}
      sort="dpd"
      direction="desc"
      onSort={vi.fn()}
      onOpen={vi.fn()}
      label="案件"
      emptyLabel="—"
    />,
  );
  return within(screen.getByRole('grid', { name: '案件' }))
    .getAllByRole('row')
    .slice(1);
}

describe('five-tier classification on the case screens', () => {
  it('the list shows each case’s tier as a plain tag', () => {
    const [first, second, third] = list();
    expect(screen.getByRole('columnheader', { name: '分类' })).toBeInTheDocument();
    const sub = within(first!).getByText('次级');
    expect(sub.tagName).toBe('SPAN');
    expect(sub).toHaveClass('tag', 'tier-substandard');
    expect(sub).toHaveAttribute('title', '次级');
    expect(within(second!).getByText('关注')).toHaveClass('tier-special_mention');
    expect(third!.querySelector('[class*="tier-"]')).toBeNull();
  });

  it('the list words the tier in English with the full name as its title', async () => {
    await act(() => i18next.changeLanguage('en'));
    const [first, second] = list();
    expect(screen.getByRole('columnheader', { name: 'Class' })).toBeInTheDocument();
    expect(within(first!).getByText('Sub.')).toHaveAttribute('title', 'Substandard');
    expect(within(second!).getByText('SM')).toHaveAttribute('title', 'Special mention');
  });

  it('the case header shows the worst tier as a chip, or 未分类', () => {
    fakeBridge({});
    const { unmount } = renderScreen(
      asRole(
        'officer',
        <CaseHeader
          page={{ ...casePage, header: { ...casePage.header, classification: 'doubtful' } }}
          actions={null}
        />,
      ),
    );
    expect(within(screen.getByTestId('case-tier')).getByText('可疑')).toBeInTheDocument();
    expect(screen.getByTestId('tier-chip')).toHaveClass('MuiChip-filled');
    unmount();
    renderScreen(asRole('officer', <CaseHeader page={casePage} actions={null} />));
    expect(within(screen.getByTestId('case-tier')).getByText('未分类')).toBeInTheDocument();
  });

  it('the loans tab shows each loan’s tier', () => {
    const loan = {
      id: 1,
      loanNo: 'L-1',
      product: '农户贷',
      principalFen: 1_000_000,
      disbursedOn: '2025-01-01',
      maturityOn: null,
      outstandingPrincipalFen: 500_000,
      overduePrincipalFen: 0,
      overdueInterestFen: 0,
      penaltyFen: 0,
      overdueFen: 0,
      overdueSince: null,
      dpd: 0,
      bucket: 'M0' as const,
      status: 'active' as const,
      asOf: '2026-03-01',
      classification: 'pass' as const,
    };
    renderScreen(
      <LoansTab loans={[loan, { ...loan, id: 2, loanNo: 'L-2', classification: null }]} />,
    );
    const rows = screen.getAllByRole('row').slice(1);
    expect(within(rows[0]!).getByText('正常')).toBeInTheDocument();
    expect(within(rows[1]!).getByText('未分类')).toBeInTheDocument();
  });

  it('the bucket list also filters by tier (次级), and says what is chosen', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    const { unmount } = renderScreen(
      <CaseFilters filter={noFilter} officers={[]} onChange={onChange} />,
    );
    await user.click(screen.getByRole('combobox', { name: '账龄/分类' }));
    const options = screen.getByRole('listbox');
    expect(within(options).getByText('五级分类')).toBeInTheDocument();
    await user.click(within(options).getByRole('option', { name: '次级' }));
    expect(onChange).toHaveBeenLastCalledWith({ ...noFilter, tiers: ['substandard'] });
    unmount();
    renderScreen(
      <CaseFilters
        filter={{ ...noFilter, buckets: ['M4+'], tiers: ['substandard', 'none'] }}
        officers={[]}
        onChange={onChange}
      />,
    );
    expect(screen.getByRole('combobox', { name: '账龄/分类' })).toHaveTextContent(
      'M4+, 次级, 未分类',
    );
  });
});
