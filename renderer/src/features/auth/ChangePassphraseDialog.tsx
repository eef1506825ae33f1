import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  changePassphraseInput,
  type ChangePassphraseInput,
} from '../../../../electron/shared/schemas/foundation';
import { call } from '../../api';
import { FormDialog } from '../../components/FormDialog';
import { applyServerError, bindField } from '../../components/forms';
import { NewPassphraseFields } from '../../components/NewPassphraseFields';
import { PassphraseField } from '../../components/PassphraseField';
import { useToast } from '../../components/Toasts';

export function ChangePassphraseDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<ChangePassphraseInput>({
    resolver: zodResolver(changePassphraseInput),
    defaultValues: { current: '', next: '', confirm: '' },
  });
  const close = () => {
    form.reset();
    setFailure(null);
    onClose();
  };
  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      await call('auth:changePassphrase', values);
      toast(t('account.passphraseChanged'));
      close();
    } catch (error) {
      setFailure(applyServerError(error, form.setError, t));
    }
  });
  return (
    <FormDialog
      open={open}
      title={t('account.changePassphrase')}
      submitLabel={t('common.save')}
      onSubmit={submit}
      onClose={close}
      submitting={form.formState.isSubmitting}
      failure={failure}
    >
      <PassphraseField {...bindField(form, 'current', t)} label={t('account.current')} autoFocus />
      <NewPassphraseFields
        form={form}
        name="next"
        confirmName="confirm"
        label={t('account.next')}
        confirmLabel={t('account.confirm')}
        help={t('v.passphraseShort')}
        t={t}
      />
    </FormDialog>
  );
}
