import { zodResolver } from '@hookform/resolvers/zod';
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
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  changePassphraseInput,
  type ChangePassphraseInput,
} from '../../../../electron/shared/schemas/foundation';
import { call } from '../../api';
import { applyServerError, fieldError } from '../../components/forms';
import { PassphraseField } from '../../components/PassphraseField';
import { useToast } from '../../components/Toasts';

export function ChangePassphraseDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [failure, setFailure] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError, reset } = useForm<ChangePassphraseInput>({
    resolver: zodResolver(changePassphraseInput),
    defaultValues: { current: '', next: '', confirm: '' },
  });
  const close = () => {
    reset();
    setFailure(null);
    onClose();
  };
  const submit = handleSubmit(async (values) => {
    setFailure(null);
    try {
      await call('auth:changePassphrase', values);
      toast(t('account.passphraseChanged'));
      close();
    } catch (error) {
      const message = applyServerError(error, setError, t);
      setFailure(message);
    }
  });
  return (
    <Dialog open={open} onClose={close} maxWidth="xs" fullWidth>
      <form noValidate onSubmit={submit}>
        <DialogTitle>{t('account.changePassphrase')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <PassphraseField
              {...register('current')}
              label={t('account.current')}
              autoFocus
              error={Boolean(formState.errors.current)}
              helperText={fieldError(t, formState.errors.current)}
            />
            <PassphraseField
              {...register('next')}
              label={t('account.next')}
              error={Boolean(formState.errors.next)}
              helperText={fieldError(t, formState.errors.next) ?? t('v.passphraseShort')}
            />
            <PassphraseField
              {...register('confirm')}
              label={t('account.confirm')}
              error={Boolean(formState.errors.confirm)}
              helperText={fieldError(t, formState.errors.confirm)}
            />
            {failure && <Alert severity="error">{failure}</Alert>}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={formState.isSubmitting}>
            {t('common.save')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
