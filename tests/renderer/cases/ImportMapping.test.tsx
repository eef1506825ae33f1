import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ImportPreview } from '../../../electron/shared/schemas/imports';
import { ImportPreviewTable } from '../../../renderer/src/features/cases/ImportMapping';
import { renderAs } from '../support';

/** A preview with one column no field takes (五级分类) and one bad row (line 3). */
const preview: ImportPreview = {
  kind: 'csv',
  encoding: 'gbk',
  headerLine: 1,
  headers: ['姓名', '身份证号', '五级分类'],
  columns: ['name', 'id_number', null],
  missingFields: [],
  rows: [
    { line: 2, cells: ['张三', '330100199001011234', '次级'] },
    { line: 3, cells: ['李四', '330100199001011235', '可疑'] },
  ],
  totalRows: 2,
  rejected: 1,
  problems: [{ line: 3, column: '身份证号', reason: 'v.idNumber' }],
  warnings: [],
  unknownOfficers: [],
};

function show(onMappingChange = vi.fn()) {
  renderAs(
    'clerk',
    <ImportPreviewTable
      preview={preview}
      mapping={undefined}
      onMappingChange={onMappingChange}
      onSaveMapping={() => {}}
    />,
  );
  return onMappingChange;
}

describe('import preview table', () => {
  it('an unmapped column shows 忽略此列 as its choice, not an empty red field', () => {
    show();
    const ignored = screen.getByRole('combobox', { name: '对应字段: 五级分类' });
    expect(ignored).toHaveTextContent('忽略此列');
    // Not marked as an error: MUI marks an errored field's wrapper with Mui-error.
    expect(ignored.closest('.MuiInputBase-root')).not.toHaveClass('Mui-error');
    // A mapped column shows its field.
    expect(screen.getByRole('combobox', { name: '对应字段: 身份证号' })).toHaveTextContent(
      '身份证号 *',
    );
  });

  it('choosing a field for the ignored column maps it', async () => {
    const onMappingChange = show();
    const user = userEvent.setup();
    await user.click(screen.getByRole('combobox', { name: '对应字段: 五级分类' }));
    await user.click(within(screen.getByRole('listbox')).getByRole('option', { name: '贷款产品' }));
    expect(onMappingChange).toHaveBeenLastCalledWith({ 五级分类: 'product' });
  });

  it('flags the sample row the import will refuse, saying why', () => {
    show();
    const rows = screen.getAllByRole('row');
    const bad = rows.find((r) => within(r).queryByText('李四'))!;
    const good = rows.find((r) => within(r).queryByText('张三'))!;
    expect(bad).toHaveAttribute('data-flagged', 'error');
    expect(good).not.toHaveAttribute('data-flagged');
    expect(
      within(bad).getByLabelText(
        '有错误，将被拒绝：身份证号：身份证号不正确（18 位，校验位不符或出生日期无效）',
      ),
    ).toHaveTextContent('3');
  });
});
