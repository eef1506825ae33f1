import { Box, CircularProgress } from '@mui/material';
import { useTranslation } from 'react-i18next';

/** A spinner while something loads: the whole window at start, a section's area otherwise. */
export function Loading({ fill = 'area' }: { fill?: 'window' | 'area' }) {
  const { t } = useTranslation();
  return (
    <Box sx={{ display: 'grid', placeItems: 'center', height: fill === 'window' ? '100vh' : 240 }}>
      <CircularProgress aria-label={t('common.loading')} />
    </Box>
  );
}
