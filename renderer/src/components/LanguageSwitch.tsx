import { Box, ToggleButton, ToggleButtonGroup } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={i18n.language === 'en' ? 'en' : 'zh-CN'}
      onChange={(_e, value: 'en' | 'zh-CN' | null) => value && void setLanguage(value)}
      aria-label={t('shell.language')}
      sx={{ bgcolor: 'background.paper' }}
    >
      <ToggleButton sx={{ textTransform: 'none', px: 1.5 }} value="zh-CN">
        中文
      </ToggleButton>
      <ToggleButton sx={{ textTransform: 'none', px: 1.5 }} value="en">
        English
      </ToggleButton>
    </ToggleButtonGroup>
  );
}

/** The switch in the top-right corner of the screens shown before sign-in. */
export function CornerLanguageSwitch() {
  return (
    <Box sx={{ position: 'fixed', top: 12, right: 16 }}>
      <LanguageSwitch />
    </Box>
  );
}
