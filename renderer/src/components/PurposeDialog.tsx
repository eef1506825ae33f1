import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Chip, Stack, TextField, Typography } from '@mui/material';
import { useContext, type ReactNode } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { purposeInput, type PurposeInput } from '../../../electron/shared/schemas/export-purpose';
import { SessionContext } from '../app/session';
import { FormDialog } from './FormDialog';
import { lastPurposes } from './purpose-memory';
import { serverErrors } from './forms';
import { useAction } from './useAction';

/** The purposes branches state most often; one click fills the field, which stays editable. */
export const quickPurposeKeys = [
  'purpose.quick.monthly',
  'purpose.quick.audit',
  'purpose.quick.regulator',
  'purpose.quick.correction',
  'purpose.quick.complaint',
] as const;

/**
 * Asks why personal data is being exported before the export runs (PIPL: exports only
 * deliberately). `onConfirm` performs the export with the stated purpose, which the core writes
 * into the export's audit row; a failure stays in the dialog, a success closes it.
 */
export function PurposeDialog(props: {
  title: string;
  /** What leaves the database, e.g. "the month's visit list, with borrower names". */
  contents?: string;
  submitLabel?: string;
  /** Options of this export shown under the purpose (e.g. full numbers for the case list). */
  children?: ReactNode;
  onClose: () => void;
  onConfirm: (purpose: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const staffId = useContext(SessionContext)?.session.staffId ?? 0;
  const form = useForm<PurposeInput>({
    resolver: zodResolver(purposeInput),
    defaultValues: { purpose: lastPurposes.get(staffId) ?? '' },
  });
  const current = useWatch({ control: form.control, name: 'purpose' });
  const error = form.formState.errors.purpose?.message;
  // The shared rule says only 'v.required' for both empty and too short; say what is needed.
  const errorText = error === 'v.required' ? t('purpose.required') : error ? t(error) : null;
  const confirm = useAction((purpose: string) => props.onConfirm(purpose), {
    onDone: (_done, purpose) => {
      lastPurposes.set(staffId, purpose);
      props.onClose();
    },
    failureTo: 'inline',
    explain: serverErrors(form.setError),
  });
  const failure = confirm.failure;
  const submit = form.handleSubmit(({ purpose }) => confirm.run(purpose));
  return (
    <FormDialog
      title={props.title}
      submitLabel={props.submitLabel ?? t('purpose.export')}
      onSubmit={submit}
      onClose={props.onClose}
      submitting={form.formState.isSubmitting}
      failure={failure}
      maxWidth="sm"
    >
      <Alert severity="info" icon={false}>
        {props.contents ? `${props.contents} ` : ''}
        {t('purpose.why')}
      </Alert>
      <TextField
        {...form.register('purpose')}
        error={errorText !== null}
        helperText={errorText ?? t('purpose.help')}
        label={t('purpose.label')}
        autoFocus
        fullWidth
        multiline
        minRows={2}
        // A quick pick sets the value behind the field's back: keep the label out of its way.
        slotProps={{ htmlInput: { maxLength: 200 }, inputLabel: { shrink: true } }}
      />
      <Stack spacing={1}>
        <Typography variant="caption" color="text.secondary">
          {t('purpose.quick')}
        </Typography>
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
          {quickPurposeKeys.map((key) => {
            const text = t(key);
            return (
              <Chip
                key={key}
                label={text}
                color={current.trim() === text ? 'primary' : 'default'}
                variant={current.trim() === text ? 'filled' : 'outlined'}
                onClick={() =>
                  form.setValue('purpose', text, {
                    shouldValidate: form.formState.isSubmitted,
                    shouldDirty: true,
                  })
                }
              />
            );
          })}
        </Stack>
      </Stack>
      {props.children}
    </FormDialog>
  );
}
