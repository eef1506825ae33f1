import { createTheme } from '@mui/material/styles';
import { enUS as coreEn, zhCN as coreZh } from '@mui/material/locale';
import { enUS as gridEn, zhCN as gridZh } from '@mui/x-data-grid/locales';

const fontFamily = [
  '"Noto Sans CJK SC"',
  '"Microsoft YaHei"',
  '"PingFang SC"',
  '"Source Han Sans SC"',
  'Roboto',
  'Helvetica',
  'Arial',
  'sans-serif',
].join(',');

const base = {
  palette: {
    primary: { main: '#1f5f8b' },
    secondary: { main: '#b5651d' },
    background: { default: '#f6f7f9' },
  },
  typography: { fontFamily },
  components: {
    MuiButton: { defaultProps: { disableElevation: true } },
    MuiTextField: { defaultProps: { size: 'small' as const } },
    MuiCard: { defaultProps: { variant: 'outlined' as const } },
  },
};

/** The theme with MUI's own texts (pagination, grid menus) in the UI language. */
export function themeFor(language: string) {
  return language === 'en' ? createTheme(base, coreEn, gridEn) : createTheme(base, coreZh, gridZh);
}

export const theme = themeFor('zh-CN');
