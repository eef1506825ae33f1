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
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupInfo } from '../../../../electron/shared/schemas/foundation';
import { useCan, useSession } from '../../app/session';
import { formatBytes } from '../../components/files';
import { useAction } from '../../components/useAction';
import { useChannel } from '../../components/useChannel';

export function BackupCard() {
  const { state } = useSession();
  const allowed = useCan('backup.run');
  if (!allowed) return null;
  // A server's backups are the server's (pg_dump): this desk has none to make or list.
  if (state.server) {
    return <ServerBackupCard server={state.server} branchServer={state.branchServer === true} />;
  }
  return <FileBackupCard />;
}

function ServerBackupCard({ server, branchServer }: { server: string; branchServer: boolean }) {
  const { t } = useTranslation();
  return (
    <Card>
      <CardHeader title={t('settings.backups')} />
      <CardContent>
        <Typography color="text.secondary" sx={{ wordBreak: 'break-word' }}>
          {t(branchServer ? 'settings.dataOnBranchServer' : 'settings.dataOnServer', { server })}
        </Typography>
      </CardContent>
    </Card>
  );
}

function FileBackupCard() {
  const { t, i18n } = useTranslation();
  const list = useChannel('backup:list', {});
  const backups = list.data;
  const [made, setMade] = useState<BackupInfo | null>(null);
  const backUp = useAction('backup:create', {
    done: t('settings.backupDone'),
    onDone: (info) => {
      setMade(info);
      list.reload();
    },
  });
  const busy = backUp.busy;
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
            onClick={() => void backUp.run()}
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
