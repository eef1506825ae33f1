import { act, screen, within } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { OfficerConflictView } from '../../../electron/shared/schemas/imports';
import { OfficerConflictsAhead } from '../../../renderer/src/features/assignments/OfficerConflicts';
import { renderAs } from '../support';

afterEach(async () => {
  await act(() => i18next.changeLanguage('zh-CN'));
});

const conflicts = (kept: 'branch' | 'headOffice'): OfficerConflictView[] => [
  {
    line: 2,
    borrowerId: 11,
    borrowerName: '借款人1',
    fileOfficer: '李明',
    currentOfficer: '赵强',
    kept,
  },
  {
    line: 5,
    borrowerId: 13,
    borrowerName: '借款人3',
    fileOfficer: '王芳',
    currentOfficer: '赵强',
    kept,
  },
];

const cellsOf = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map((c) => c.textContent);

describe('officer conflicts in the import preview', () => {
  it('branch wins: the count, the rows and who keeps each case after the import', () => {
    renderAs(
      'clerk',
      <OfficerConflictsAhead conflicts={conflicts('branch')} total={12} rule="branch" />,
    );
    const alert = screen.getByTestId('import-officer-conflicts-ahead');
    expect(within(alert).getByText('12 个案件：文件中的客户经理与手工改派不一致')).toBeVisible();
    expect(alert).toHaveTextContent('以本网点为准：导入后这些案件仍由手工改派的客户经理负责');
    const table = within(alert).getByRole('table');
    const [head, ...rows] = within(table).getAllByRole('row');
    expect(
      within(head!)
        .getAllByRole('columnheader')
        .map((c) => c.textContent),
    ).toEqual(['行', '借款人', '文件中的客户经理', '现由', '导入后由']);
    expect(rows.map(cellsOf)).toEqual([
      ['2', '借款人1', '李明', '赵强', '赵强'],
      ['5', '借款人3', '王芳', '赵强', '赵强'],
    ]);
    expect(within(alert).getByText('另有 10 个未列出')).toBeVisible();
  });

  it('head office wins, in English: the file’s officer takes each case', async () => {
    await act(() => i18next.changeLanguage('en'));
    renderAs(
      'manager',
      <OfficerConflictsAhead conflicts={conflicts('headOffice')} total={2} rule="headOffice" />,
    );
    const alert = screen.getByTestId('import-officer-conflicts-ahead');
    expect(
      within(alert).getByText("2 cases: the file's officer differs from a manager's reassignment"),
    ).toBeVisible();
    expect(alert).toHaveTextContent(
      "head office wins: after the import these cases go to the file's officer",
    );
    const [, ...rows] = within(within(alert).getByRole('table')).getAllByRole('row');
    expect(rows.map(cellsOf)).toEqual([
      ['2', '借款人1', '李明', '赵强', '李明'],
      ['5', '借款人3', '王芳', '赵强', '王芳'],
    ]);
    expect(within(alert).queryByText(/more not listed/)).toBeNull();
    // No Chinese punctuation or words left in the English alert (names aside).
    expect(alert.textContent?.replace(/借款人\d|李明|王芳|赵强/g, '')).not.toMatch(
      /[\u3000-\u303f\uff00-\uffef\u4e00-\u9fff]/,
    );
  });

  it('says nothing when the file agrees with every manual assignment', () => {
    renderAs('clerk', <OfficerConflictsAhead conflicts={[]} total={0} rule="branch" />);
    expect(screen.queryByTestId('import-officer-conflicts-ahead')).toBeNull();
  });
});
