import { act, renderHook } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { useGridLocaleText } from '../../../renderer/src/components/useGridLocaleText';

afterEach(async () => {
  await act(() => i18next.changeLanguage('zh-CN'));
});

describe('the data grid texts', () => {
  it('are Chinese in the Chinese UI, with the page’s own words on top', () => {
    const { result } = renderHook(() => useGridLocaleText({ noRowsLabel: '暂无待办' }));
    expect(result.current.noRowsLabel).toBe('暂无待办');
    // MUI X's own Chinese table, not its English defaults.
    expect(result.current.columnMenuSortAsc).toBe('升序');
    expect(result.current.toolbarColumns).toBe('列');
  });

  it('follow the UI language when it changes to English', async () => {
    const { result, rerender } = renderHook(() => useGridLocaleText());
    await act(() => i18next.changeLanguage('en'));
    rerender();
    expect(result.current.columnMenuSortAsc).toBe('Sort by ASC');
    expect(result.current.toolbarColumns).toBe('Columns');
  });
});
