import { AdapterDayjs } from '@mui/x-date-pickers/AdapterDayjs';
import { LocalizationProvider } from '@mui/x-date-pickers/LocalizationProvider';
import { enUS, zhCN } from '@mui/x-date-pickers/locales';
import 'dayjs/locale/zh-cn';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

const zhText = zhCN.components.MuiLocalizationProvider.defaultProps.localeText;
const enText = enUS.components.MuiLocalizationProvider.defaultProps.localeText;

/**
 * The date library's locale (zh-cn: weeks from Monday, 一二三… weekdays) and the pickers' own
 * texts (清除, 选择日期…) in the UI language, with year-first dates and 24-hour times whatever
 * the operating system says. Each date or time field wraps itself in it (DateField.tsx).
 */
export function DateLocalization({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (
    <LocalizationProvider
      dateAdapter={AdapterDayjs}
      adapterLocale={en ? 'en' : 'zh-cn'}
      localeText={en ? enText : zhText}
      dateFormats={{
        keyboardDate: 'YYYY-MM-DD',
        keyboardDateTime24h: 'YYYY-MM-DD HH:mm',
        fullTime24h: 'HH:mm',
      }}
    >
      {children}
    </LocalizationProvider>
  );
}
