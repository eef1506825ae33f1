import { Alert, Box, CircularProgress } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { documentData } from '../../../../electron/shared/schemas/notices';
import { call } from '../../api';
import { errorMessage } from '../../components/forms';
import { PrintRoute } from '../../print/PrintRoute';

/**
 * The page the host prints: `#/print/<jobId>`, rendered without the app shell in a hidden
 * window (Electron) or a browser page (end-to-end tests), both printing the same route.
 */
export function PrintPage({ jobId }: { jobId: string }) {
  const { t } = useTranslation();
  const [documents, setDocuments] = useState<z.infer<typeof documentData>[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    call('print:job', { jobId })
      .then((job) => setDocuments(job.documents))
      .catch((error: unknown) => setFailure(errorMessage(error, t)));
  }, [jobId, t]);
  if (failure) return <Alert severity="error">{failure}</Alert>;
  if (!documents) {
    return (
      <Box sx={{ display: 'grid', placeItems: 'center', height: '100vh' }}>
        <CircularProgress aria-label={t('common.loading')} />
      </Box>
    );
  }
  return <PrintRoute documents={documents} />;
}
