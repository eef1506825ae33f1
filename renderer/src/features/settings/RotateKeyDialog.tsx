import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { PassphraseField } from '../../components/PassphraseField';
import { useAction } from '../../components/useAction';
import { RecoveryKeySheet } from '../setup/RecoveryKeySheet';

/** Rotates the database key after the manager confirms with the passphrase; shows the new recovery key. */
export function RotateKeyDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { state } = useSession();
  const [passphrase, setPassphrase] = useState('');
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  const rotate = useAction('keys:rotate', {
    failureTo: 'inline',
    onDone: (rotated) => setRecoveryKey(rotated.recoveryKey),
  });
  const { busy, failure } = rotate;
  return (
    <Dialog open onClose={recoveryKey ? undefined : onClose} maxWidth="md" fullWidth>
      <DialogTitle>{t('keys.rotateTitle')}</DialogTitle>
      <DialogContent>
        {recoveryKey ? (
          <RecoveryKeySheet
            recoveryKey={recoveryKey}
            branchName={state.branchName ?? ''}
            onDone={onClose}
          />
        ) : (
          <Stack
            component="form"
            spacing={2}
            sx={{ pt: 1 }}
            onSubmit={(e) => {
              e.preventDefault();
              void rotate.run({ passphrase });
            }}
          >
            <Alert severity="warning">{t('keys.rotateWarning')}</Alert>
            <PassphraseField
              label={t('keys.confirmPassphrase')}
              value={passphrase}
              autoFocus
              onChange={(e) => setPassphrase(e.target.value)}
            />
            {failure && <Alert severity="error">{failure}</Alert>}
            <DialogActions sx={{ px: 0 }}>
              <Button onClick={onClose}>{t('common.cancel')}</Button>
              <Button
                type="submit"
                variant="contained"
                color="warning"
                disabled={busy || !passphrase}
              >
                {busy ? t('keys.rotating') : t('keys.rotate')}
              </Button>
            </DialogActions>
          </Stack>
        )}
      </DialogContent>
    </Dialog>
  );
}
