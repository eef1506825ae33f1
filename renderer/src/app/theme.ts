import { createTheme } from '@mui/material/styles';

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

export const theme = createTheme({
  palette: {
    primary: { main: '#1f5f8b' },
    secondary: { main: '#b5651d' },
    background: { default: '#f6f7f9' },
  },
  typography: { fontFamily },
  components: {
    MuiButton: { defaultProps: { disableElevation: true } },
    MuiTextField: { defaultProps: { size: 'small' } },
    MuiCard: { defaultProps: { variant: 'outlined' } },
  },
});
