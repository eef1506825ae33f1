import { Alert } from '@mui/material';
import { useTranslation } from 'react-i18next';

/** Notices are printed by the printing feature; until one exists for this case, say so. */
export function NoticesTab() {
  const { t } = useTranslation();
  return <Alert severity="info">{t('cases.notices.empty')}</Alert>;
}
