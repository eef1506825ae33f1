import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, TextField } from '@mui/material';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { recoverInput, type RecoverInput } from '../../../../electron/shared/schemas/foundation';
import { FormDialog } from '../../components/FormDialog';
import { bindField, serverErrors } from '../../components/forms';
import { NewPassphraseFields } from '../../components/NewPassphraseFields';
import { useAction } from '../../components/useAction';

/** Sets a new passphrase for an account with the recovery key (also rebuilds a lost key file). */
export function RecoverDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm<RecoverInput>({
    resolver: zodResolver(recoverInput),
    defaultValues: { recoveryKey: '', username: '', passphrase: '', confirm: '' },
  });
  const recover = useAction('auth:recover', {
    done: t('recover.done'),
    onDone: () => {
      form.reset();
      onClose();
    },
    failureTo: 'inline',
    explain: serverErrors(form.setError),
  });
  const failure = recover.failure;
  const submit = form.handleSubmit((values) => recover.run(values));
  return (
    <FormDialog
      open={open}
      title={t('recover.title')}
      submitLabel={t('recover.submit')}
      onSubmit={submit}
      onClose={onClose}
      submitting={form.formState.isSubmitting}
      failure={failure}
      maxWidth="sm"
    >
      <Alert severity="info">{t('recover.intro')}</Alert>
      <TextField
        {...bindField(form, 'recoveryKey', t)}
        label={t('recover.key')}
        placeholder="XXXX-XXXX-…"
        multiline
        minRows={2}
      />
      <TextField {...bindField(form, 'username', t)} label={t('auth.username')} />
      <NewPassphraseFields
        form={form}
        name="passphrase"
        confirmName="confirm"
        label={t('recover.newPassphrase')}
        confirmLabel={t('recover.confirm')}
        help={t('v.passphraseShort')}
        t={t}
      />
    </FormDialog>
  );
}
