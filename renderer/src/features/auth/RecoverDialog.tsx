import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  TextField,
} from '@mui/material';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { recoverInput, type RecoverInput } from '../../../../electron/shared/schemas/foundation';
import { call } from '../../api';
import { applyServerError, fieldError } from '../../components/forms';
import { PassphraseField } from '../../components/PassphraseField';
import { useToast } from '../../components/Toasts';

/** Sets a new passphrase for an account with the recovery key (also rebuilds a lost key file). */
export function RecoverDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [failure, setFailure] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError, reset } = useForm<RecoverInput>({
    resolver: zodResolver(recoverInput),
    defaultValues: { recoveryKey: '', username: '', passphrase: '', confirm: '' },
  });
  const submit = handleSubmit(async (values) => {
    setFailure(null);
    try {
      await call('app:recover', values);
      toast(t('recover.done'));
      reset();
      onClose();
    } catch (error) {
      setFailure(applyServerError(error, setError, t));
    }
  });
  return (
    <Dialog open={open} onClose={onClose} maxWidth="sm" fullWidth>
      <form noValidate onSubmit={submit}>
        <DialogTitle>{t('recover.title')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <Alert severity="info">{t('recover.intro')}</Alert>
            <TextField
              {...register('recoveryKey')}
              label={t('recover.key')}
              placeholder="XXXX-XXXX-…"
              multiline
              minRows={2}
              error={Boolean(formState.errors.recoveryKey)}
              helperText={fieldError(t, formState.errors.recoveryKey)}
            />
            <TextField
              {...register('username')}
              label={t('auth.username')}
              error={Boolean(formState.errors.username)}
              helperText={fieldError(t, formState.errors.username)}
            />
            <PassphraseField
              {...register('passphrase')}
              label={t('recover.newPassphrase')}
              error={Boolean(formState.errors.passphrase)}
              helperText={fieldError(t, formState.errors.passphrase)}
            />
            <PassphraseField
              {...register('confirm')}
              label={t('recover.confirm')}
              error={Boolean(formState.errors.confirm)}
              helperText={fieldError(t, formState.errors.confirm)}
            />
            {failure && <Alert severity="error">{failure}</Alert>}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={formState.isSubmitting}>
            {t('recover.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
