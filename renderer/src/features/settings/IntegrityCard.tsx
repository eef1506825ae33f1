import FactCheckIcon from '@mui/icons-material/FactCheck';
import {
  Alert,
  Button,
  Card,
  CardContent,
  CardHeader,
  LinearProgress,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IntegrityReport } from '../../../../electron/shared/schemas/foundation';
import { call } from '../../api';
import { useCan, useSession } from '../../app/session';
import { errorMessage } from '../../components/forms';
import { useToast } from '../../components/Toasts';

export function IntegrityCard() {
  const { t } = useTranslation();
  const toast = useToast();
  const allowed = useCan('audit.read');
  const { refresh } = useSession();
  const [report, setReport] = useState<IntegrityReport | null>(null);
  const [busy, setBusy] = useState(false);
  if (!allowed) return null;
  const check = async () => {
    setBusy(true);
    try {
      const result = await call('system:checkIntegrity');
      setReport(result);
      // A damaged file is closed by the core; the damaged screen offers the backup.
      if (result.problems.length) await refresh();
    } catch (error) {
      toast(errorMessage(error, t), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card>
      <CardHeader
        title={t('settings.integrity')}
        subheader={t('settings.integrityHelp')}
        action={
          <Button
            startIcon={<FactCheckIcon />}
            variant="outlined"
            disabled={busy}
            onClick={() => void check()}
          >
            {t('settings.checkNow')}
          </Button>
        }
      />
      {busy && <LinearProgress />}
      {report && (
        <CardContent>
          <Alert severity={report.ok ? 'success' : 'error'} data-testid="integrity-result">
            {report.ok ? t('settings.integrityOk') : t('settings.integrityBad')}
            {report.problems.map((p) => (
              <div key={p}>{p}</div>
            ))}
            {!report.auditOk && (
              <div>{t('settings.auditBroken', { id: report.auditFirstBadId })}</div>
            )}
          </Alert>
          <Typography variant="body2" sx={{ mt: 1 }}>
            {t('settings.auditRows', { count: report.auditRows })}
          </Typography>
          <Typography variant="body2" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
            {t('settings.auditHead')}: {report.auditHead}
          </Typography>
        </CardContent>
      )}
    </Card>
  );
}
