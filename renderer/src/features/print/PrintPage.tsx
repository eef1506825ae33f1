import { Alert, Box, CircularProgress } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useChannel } from '../../components/useChannel';
import { PrintRoute } from '../../print/PrintRoute';

/**
 * The page the host prints: `#/print/<jobId>`, rendered without the app shell in a hidden
 * window (Electron) or a browser page (end-to-end tests), both printing the same route.
 */
export function PrintPage({ jobId }: { jobId: string }) {
  const { t } = useTranslation();
  const job = useChannel('print:job', { jobId }, { failure: 'inline' });
  if (job.failure) return <Alert severity="error">{job.failure}</Alert>;
  if (!job.data) {
    return (
      <Box sx={{ display: 'grid', placeItems: 'center', height: '100vh' }}>
        <CircularProgress aria-label={t('common.loading')} />
      </Box>
    );
  }
  return <PrintRoute documents={job.data.documents} />;
}
