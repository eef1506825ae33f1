import { useTheme } from '@mui/material';
import type { GridLocaleText } from '@mui/x-data-grid';
import { useMemo } from 'react';

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
