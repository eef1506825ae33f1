import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import PrintIcon from '@mui/icons-material/Print';
import { Alert, Box, Button, LinearProgress, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentData } from '../../../../electron/shared/schemas/notices';
import { useCan } from '../../app/session';
import { printFailureText } from './print-errors';
import { usePrintJob, type PrintJobResult, type PrintTarget } from '../../components/usePrintJob';

/**
 * "Print" and "Save as PDF" for a set of documents, with a progress bar while the job runs and
 * the outcome (file and page count, or sent to the printer) kept on screen afterwards.
 */
export function PrintActions(props: {
  count: number;
  fileName: string;
  assemble: () => Promise<DocumentData[]>;
  disabled?: boolean;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const canPrint = useCan('notices.print');
  const [outcome, setOutcome] = useState<PrintJobResult | null>(null);
  const job = usePrintJob({
    onDone: (result) => {
      setOutcome(result);
      props.onDone?.();
    },
    failureTo: 'inline',
    explain: printFailureText,
  });
  const { busy, failure } = job;

  const start = (to: PrintTarget) => {
    setOutcome(null);
    return job.run({ assemble: props.assemble, to, fileName: props.fileName });
  };

  if (!canPrint) return null;
  const disabled = busy || props.disabled || props.count === 0;
  return (
    <Box sx={{ my: 2 }}>
      <Stack direction="row" spacing={1}>
        <Button
          variant="contained"
          startIcon={<PrintIcon />}
          disabled={disabled}
          onClick={() => void start('printer')}
        >
          {t('notices.print')}
        </Button>
        <Button
          variant="outlined"
          startIcon={<PictureAsPdfIcon />}
          disabled={disabled}
          onClick={() => void start('pdf')}
        >
          {t('notices.savePdf')}
        </Button>
      </Stack>
      {busy && (
        <Box sx={{ mt: 2 }} role="status">
          <Typography variant="body2">{t('notices.printing', { count: props.count })}</Typography>
          <LinearProgress sx={{ mt: 1 }} />
        </Box>
      )}
      {outcome && <OutcomeAlert outcome={outcome} />}
      {failure && (
        <Alert severity="error" sx={{ mt: 2 }}>
          {failure}
        </Alert>
      )}
    </Box>
  );
}

function OutcomeAlert({ outcome }: { outcome: PrintJobResult }) {
  const { t } = useTranslation();
  if (outcome.to === 'pdf') {
    return outcome.file ? (
      <Alert severity="success" sx={{ mt: 2 }} data-testid="print-outcome">
        {t('notices.saved', { file: outcome.file, pages: outcome.pages })}
      </Alert>
    ) : (
      <Alert severity="info" sx={{ mt: 2 }}>
        {t('notices.cancelled')}
      </Alert>
    );
  }
  return (
    <Alert severity={outcome.printed ? 'success' : 'info'} sx={{ mt: 2 }}>
      {t(outcome.printed ? 'notices.printed' : 'notices.cancelled')}
    </Alert>
  );
}
