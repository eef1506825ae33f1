import ReportProblemIcon from '@mui/icons-material/ReportProblem';
import {
  Alert,
  AlertTitle,
  Button,
  Container,
  Paper,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { PassphraseField } from '../../components/PassphraseField';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppState } from '../../../../electron/shared/schemas/foundation';
import { CornerLanguageSwitch } from '../../components/LanguageSwitch';
import { useAction } from '../../components/useAction';

/** Shown when the database cannot be read: explains, and offers the newest backup. */
export function DamagedPage({
  problem,
  onChanged,
}: {
  problem: NonNullable<AppState['problem']>;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const restoring = useAction('auth:restoreLatestBackup', {
    done: (restored) => t('damaged.restored', { file: restored.file }),
    onDone: () => onChanged(),
    failureTo: 'inline',
  });
  const { busy, failure } = restoring;
  const restore = () => restoring.run({ username, passphrase });
  return (
    <Container maxWidth="sm" sx={{ pt: 10 }}>
      <CornerLanguageSwitch />
      <Paper sx={{ p: 4 }}>
        <Stack spacing={2}>
          <Typography
            variant="h5"
            component="h1"
            sx={{ display: 'flex', gap: 1, alignItems: 'center' }}
          >
            <ReportProblemIcon color="error" /> {t('damaged.title')}
          </Typography>
          <Alert severity="error">
            <AlertTitle>{t(`e.${problem.code}`, { defaultValue: problem.code })}</AlertTitle>
            {problem.message}
          </Alert>
          <Typography>{t('damaged.nothingDeleted')}</Typography>
          {problem.hasBackup ? (
            <Stack
              component="form"
              spacing={2}
              onSubmit={(e) => {
                e.preventDefault();
                void restore();
              }}
            >
              <Typography>{t('damaged.confirmIdentity')}</Typography>
              <TextField
                label={t('auth.username')}
                value={username}
                onChange={(e) => setUsername(e.target.value)}
              />
              <PassphraseField
                label={t('auth.passphrase')}
                value={passphrase}
                onChange={(e) => setPassphrase(e.target.value)}
              />
              <Button type="submit" variant="contained" disabled={busy || !username || !passphrase}>
                {busy ? t('damaged.restoring') : t('damaged.restore')}
              </Button>
            </Stack>
          ) : (
            <Alert severity="warning">{t('damaged.noBackup')}</Alert>
          )}
          {failure && <Alert severity="error">{failure}</Alert>}
        </Stack>
      </Paper>
    </Container>
  );
}
