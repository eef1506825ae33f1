import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ImportProblem } from '../../../electron/shared/schemas/imports';
import {
  ImportCounts,
  PreviewVerdict,
  ValidationReport,
} from '../../../renderer/src/features/cases/ImportReport';
import { fakeBridge, renderAs } from '../support';

const errors: ImportProblem[] = [{ line: 3, column: '身份证号', reason: 'v.import.idBirthDate' }];
const warnings: ImportProblem[] = [
  { line: 2, column: '管户经理', reason: 'v.import.officerNotOnStaff', detail: '王　芳' },
  { line: 0, column: '', reason: 'v.import.moreWarnings', detail: '1200' },
];

const rowOf = (text: string | RegExp) =>
  screen.getByText(text).closest('[role="row"]') as HTMLElement;

describe('import validation report: errors and warnings told apart', () => {
  it('marks each line as 错误 or 提醒 and counts them apart, the "more" entries included', async () => {
    fakeBridge({});
    renderAs(
      'clerk',
      <ValidationReport problems={errors} warnings={warnings} sourceFileName="x" />,
    );
    expect(await screen.findByText('错误 1 条（行被拒绝）')).toBeInTheDocument();
    // One listed warning and 1,200 left out.
    expect(screen.getByText('提醒 1201 条（行已导入）')).toBeInTheDocument();

    const error = rowOf(/^身份证号中的出生日期不可能/);
    expect(within(error).getByText('错误')).toBeInTheDocument();
    expect(within(error).getByText('3')).toBeInTheDocument();
    // Testing Library reads the ideographic space padding the name as an ordinary one.
    const warning = rowOf(/^客户经理不在员工名单中.*（王 芳）$/);
    expect(within(warning).getByText('提醒')).toBeInTheDocument();
    expect(within(warning).getByText('管户经理')).toBeInTheDocument();
    expect(within(rowOf('另有 1200 条提醒未列出')).getByText('提醒')).toBeInTheDocument();
  });

  it('a file with only warnings is not reported as all clear', async () => {
    fakeBridge({});
    renderAs('clerk', <ValidationReport problems={[]} warnings={warnings} sourceFileName="x" />);
    expect(await screen.findByText('提醒 1201 条（行已导入）')).toBeInTheDocument();
    expect(screen.queryByText('所有行均通过校验')).not.toBeInTheDocument();
    expect(screen.queryByText(/^错误 \d+ 条/)).not.toBeInTheDocument();
  });

  it('exports errors and warnings together, after asking the purpose', async () => {
    const { calls } = fakeBridge({
      'imports:report': () => ({
        ok: true,
        data: { fileName: '导入校验报告-x-20260302.csv', contentBase64: '' },
      }),
    });
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
    const user = userEvent.setup();
    renderAs(
      'clerk',
      <ValidationReport problems={errors} warnings={warnings} sourceFileName="清单.csv" />,
    );
    await user.click(await screen.findByRole('button', { name: '导出报告 CSV' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByRole('textbox'), '退回总行更正');
    await user.click(within(dialog).getByRole('button', { name: '导出' }));
    await vi.waitFor(() => expect(calls.map((c) => c.channel)).toContain('imports:report'));
    expect(calls.find((c) => c.channel === 'imports:report')?.input).toEqual({
      fileName: '清单.csv',
      problems: errors,
      warnings,
      purpose: '退回总行更正',
    });
  });

  it('the counts show how many imported rows have no officer yet', () => {
    renderAs(
      'clerk',
      <ImportCounts
        inserted={4}
        updated={0}
        unchanged={0}
        rejected={0}
        written
        unknownOfficers={[{ rows: 2 }, { rows: 1 }]}
      />,
    );
    expect(screen.getByTestId('import-result')).toHaveTextContent('未分配客户经理 3');
  });

  it('the result shows the new money the file brought and the visit cash it confirmed', () => {
    renderAs(
      'clerk',
      <ImportCounts
        inserted={0}
        updated={3}
        unchanged={0}
        rejected={0}
        written
        paymentsFoundFen={123_450}
        paymentsFoundLoans={2}
        visitCashConfirmedFen={30_000}
        visitCashConfirmedLoans={1}
      />,
    );
    const money = screen.getByTestId('import-money');
    expect(within(money).getByText('文件中的还款')).toBeInTheDocument();
    expect(within(money).getByText('新还款 ¥1,234.50（2 笔贷款）')).toBeInTheDocument();
    expect(within(money).getByText('确认走访收款 ¥300.00（1 笔贷款）')).toBeInTheDocument();
  });

  it('says so when the file shows no money, and shows none when nothing was written', () => {
    const { unmount } = renderAs(
      'clerk',
      <ImportCounts
        inserted={4}
        updated={0}
        unchanged={0}
        rejected={0}
        written
        paymentsFoundFen={0}
        paymentsFoundLoans={0}
        visitCashConfirmedFen={0}
        visitCashConfirmedLoans={0}
      />,
    );
    expect(screen.getByTestId('import-money')).toHaveTextContent('文件未显示新的还款');
    unmount();
    renderAs(
      'clerk',
      <ImportCounts inserted={0} updated={0} unchanged={0} rejected={2} written={false} />,
    );
    expect(screen.queryByTestId('import-money')).not.toBeInTheDocument();
    expect(screen.getByText('存在错误行，按“全部或不导入”未写入任何数据。')).toBeInTheDocument();
  });

  it('before importing: how many rows will be refused and what the mode does with the file', () => {
    const { rerender } = renderAs(
      'clerk',
      <PreviewVerdict total={8} rejected={6} mode="all-or-nothing" />,
    );
    const verdict = screen.getByTestId('preview-verdict');
    expect(verdict).toHaveTextContent('6 行有错误，导入时将被拒绝（共 8 行）');
    expect(verdict).toHaveTextContent('整份文件都不会写入');
    rerender(<PreviewVerdict total={8} rejected={6} mode="valid-only" />);
    expect(screen.getByTestId('preview-verdict')).toHaveTextContent('其余 2 行将被导入');
    rerender(<PreviewVerdict total={8} rejected={0} mode="valid-only" />);
    expect(screen.getByTestId('preview-verdict')).toHaveTextContent('8 行全部通过校验，可以导入');
  });
});
