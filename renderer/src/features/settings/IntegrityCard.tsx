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
import { useCan, useSession } from '../../app/session';
import { useAction } from '../../components/useAction';

export function IntegrityCard() {
  const { t } = useTranslation();
  const allowed = useCan('audit.read');
  const { refresh } = useSession();
  const [report, setReport] = useState<IntegrityReport | null>(null);
  const check = useAction('audit:checkIntegrity', {
    onDone: async (result) => {
      setReport(result);
      // A damaged file is closed by the core; the damaged screen offers the backup.
      if (result.problems.length) await refresh();
    },
  });
  const busy = check.busy;
  if (!allowed) return null;
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
            onClick={() => void check.run()}
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
