import { createTheme } from '@mui/material/styles';
import { enUS as coreEn, zhCN as coreZh } from '@mui/material/locale';

const cjkFonts = [
  '"Noto Sans CJK SC"',
  '"Microsoft YaHei"',
  '"PingFang SC"',
  '"Source Han Sans SC"',
];
const latinFonts = [
  'Roboto',
  '"Segoe UI"',
  '"Helvetica Neue"',
  'Helvetica',
  'Arial',
  '"DejaVu Sans"',
];

/**
 * Chinese first in Chinese; Latin first in English, so punctuation shared by both scripts (’ “ ”
 * —) takes the Latin glyph instead of the full-width CJK one. Chinese names in the English UI
 * still find a CJK font further down.
 */
export const fontFamilyFor = (language: string) =>
  (language === 'en' ? [...latinFonts, ...cjkFonts] : [...cjkFonts, ...latinFonts])
    .concat('sans-serif')
    .join(',');

const base = (language: string) => ({
  palette: {
    primary: { main: '#1f5f8b' },
    secondary: { main: '#b5651d' },
    background: { default: '#f6f7f9' },
  },
  // The PC's own setting (Windows: "Show animations in Windows" off) turns MUI's transitions
  // and ripples off: dialogs and menus appear at once.
  motion: { reducedMotion: 'system' as const },
  // Labels are written as they should read; MUI's upper-casing of buttons would shout them.
  typography: { fontFamily: fontFamilyFor(language), button: { textTransform: 'none' as const } },
  components: {
    MuiButton: { defaultProps: { disableElevation: true } },
    MuiTextField: { defaultProps: { size: 'small' as const } },
    MuiCard: { defaultProps: { variant: 'outlined' as const } },
  },
});

/**
 * The theme with MUI's own texts (pagination, dialogs) and fonts in the UI language. The data
 * grid's texts come with the grid (components/useGridLocaleText.ts).
 */
export function themeFor(language: string) {
  return language === 'en'
    ? createTheme(base(language), coreEn)
    : createTheme(base(language), coreZh);
}
