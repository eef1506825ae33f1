import type { GridLocaleText } from '@mui/x-data-grid';
import { enUS, zhCN } from '@mui/x-data-grid/locales';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

type LocaleTable = {
  components: { MuiDataGrid: { defaultProps: { localeText: GridLocaleText } } };
};
const tableOf = (locale: unknown) =>
  (locale as LocaleTable).components.MuiDataGrid.defaultProps.localeText;

/**
 * The grid's texts in the UI language plus our own. The grid's locale tables live here, with
 * the pages that show a grid, rather than in the app's theme: the first screen (the case list)
 * has no grid and does not load them.
 */
export function useGridLocaleText(extra: Partial<GridLocaleText> = {}): Partial<GridLocaleText> {
  const { i18n } = useTranslation();
  const key = JSON.stringify(extra);
  const english = i18n.language === 'en';
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => ({ ...tableOf(english ? enUS : zhCN), ...extra }), [english, key]);
}
