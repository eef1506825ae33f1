import { useTheme } from '@mui/material';
import type { GridLocaleText } from '@mui/x-data-grid';
import { useEffect, useMemo, useState, type RefObject } from 'react';

/** The value after it has stopped changing for `ms`: one query per pause in typing, not per key. */
export function useDebounced<T>(value: T, ms = 250): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * Puts the keyboard in the search box on `/` (when not typing elsewhere) or Ctrl+F, the two
 * keys people reach for; Ctrl+F would otherwise open nothing useful in the app window.
 */
export function useSearchShortcut(input: RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing =
        target?.isContentEditable ||
        ['INPUT', 'TEXTAREA', 'SELECT'].includes(target?.tagName ?? '');
      const slash = event.key === '/' && !typing && !event.ctrlKey && !event.metaKey;
      const find = (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f';
      if (slash || find) {
        event.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [input]);
}

/**
 * The grid's texts in the UI language plus our own: a `localeText` prop replaces the theme's
 * whole table (pagination and menus would fall back to English), so the two are merged here.
 */
export function useGridLocaleText(extra: Partial<GridLocaleText>): Partial<GridLocaleText> {
  const theme = useTheme();
  const components = theme.components as
    { MuiDataGrid?: { defaultProps?: { localeText?: Partial<GridLocaleText> } } } | undefined;
  const themed = components?.MuiDataGrid?.defaultProps?.localeText;
  const key = JSON.stringify(extra);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => ({ ...themed, ...extra }), [themed, key]);
}
