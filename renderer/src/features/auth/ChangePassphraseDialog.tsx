import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  changePassphraseInput,
  type ChangePassphraseInput,
} from '../../../../electron/shared/schemas/foundation';
import { FormDialog } from '../../components/FormDialog';
import { bindField, serverErrors } from '../../components/forms';
import { NewPassphraseFields } from '../../components/NewPassphraseFields';
import { PassphraseField } from '../../components/PassphraseField';
import { useAction } from '../../components/useAction';

export function ChangePassphraseDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm<ChangePassphraseInput>({
    resolver: zodResolver(changePassphraseInput),
    defaultValues: { current: '', next: '', confirm: '' },
  });
  const change = useAction('auth:changePassphrase', {
    done: t('account.passphraseChanged'),
    onDone: () => close(),
    failureTo: 'inline',
    explain: serverErrors(form.setError),
  });
  // The dialog stays mounted: closing it forgets what was typed and what went wrong.
  const close = () => {
    form.reset();
    change.clearFailure();
    onClose();
  };
  const failure = change.failure;
  const submit = form.handleSubmit((values) => change.run(values));
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
