import BackupIcon from '@mui/icons-material/Backup';
import {
  Alert,
  Button,
  Card,
  CardContent,
  CardHeader,
  LinearProgress,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupInfo } from '../../../../electron/shared/schemas/foundation';
import { call } from '../../api';
import { useCan } from '../../app/session';
import { errorMessage } from '../../components/forms';
import { useToast } from '../../components/Toasts';

const formatBytes = (n: number) =>
  n > 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(n / 1024)} KiB`;

export function BackupCard() {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const allowed = useCan('backup.run');
  const [backups, setBackups] = useState<BackupInfo[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<BackupInfo | null>(null);
  const load = useCallback(() => {
    if (!allowed) return;
    call('backup:list')
      .then(setBackups)
      .catch((error: unknown) => toast(errorMessage(error, t), 'error'));
  }, [allowed, toast, t]);
  useEffect(load, [load]);
  if (!allowed) return null;
  const backUp = async () => {
    setBusy(true);
    try {
      setMade(await call('backup:create'));
      toast(t('settings.backupDone'));
      load();
    } catch (error) {
      toast(errorMessage(error, t), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card>
      <CardHeader
        title={t('settings.backups')}
        subheader={t('settings.backupsHelp')}
        action={
          <Button
            startIcon={<BackupIcon />}
            variant="outlined"
            disabled={busy}
            onClick={() => void backUp()}
          >
            {busy ? t('settings.backingUp') : t('settings.backupNow')}
          </Button>
        }
      />
      {(busy || backups === null) && <LinearProgress />}
      <CardContent>
        {made && (
          <Alert
            severity="info"
            sx={{ mb: 2, wordBreak: 'break-all' }}
            data-testid="backup-checkpoint"
          >
            {made.checkpoint
              ? t('checkpoint.latest', {
                  ...made.checkpoint,
                  at: new Date(made.checkpoint.at).toLocaleString(i18n.language),
                })
              : t('checkpoint.none')}
          </Alert>
        )}
        {backups && backups.length === 0 && (
          <Typography color="text.secondary">{t('settings.noBackups')}</Typography>
        )}
        {backups && backups.length > 0 && (
          <Table size="small" aria-label={t('settings.backups')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('settings.backupTime')}</TableCell>
                <TableCell>{t('settings.backupFile')}</TableCell>
                <TableCell align="right">{t('settings.backupSize')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {backups.map((b) => (
                <TableRow key={b.file}>
                  <TableCell>{new Date(b.createdAt).toLocaleString(i18n.language)}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace', fontSize: 12 }}>{b.file}</TableCell>
                  <TableCell align="right">{formatBytes(b.bytes)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
