import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Grid, MenuItem, TextField } from '@mui/material';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { caseExitKinds } from '../../../../electron/shared/schemas/case-fields';
import {
  caseExitInput,
  caseReopenInput,
  type CaseExitOutput,
} from '../../../../electron/shared/schemas/case-exits';
import { FormDateField } from '../../components/DateField';
import { bindField, fieldError, serverErrors } from '../../components/forms';
import { FormDialog } from '../../components/FormDialog';
import { useAction } from '../../components/useAction';

/**
 * The manager takes a case out of doorstep collection (written off, litigation, agency,
 * settled) with the day and the bank's reference, or undoes that with a reason.
 */

interface Props {
  borrowerId: number;
  borrowerName: string;
  onClose: () => void;
  onSaved: () => void;
}

type ExitForm = z.input<typeof caseExitInput>;
type ExitValues = z.output<typeof caseExitInput>;

export function CaseExitDialog(props: Props & { today: string }) {
  const { t } = useTranslation();
  const form = useForm<ExitForm, unknown, ExitValues>({
    resolver: zodResolver(caseExitInput),
    mode: 'onTouched',
    defaultValues: {
      borrowerId: props.borrowerId,
      kind: 'written_off',
      exitOn: props.today,
      reference: '',
      note: '',
    },
  });
  const { control } = form;
  const save = useAction('cases:exit', {
    done: (closed: CaseExitOutput) => t('cases.exit.done', closed),
    onDone: () => props.onSaved(),
    failureTo: 'inline',
    explain: serverErrors(form.setError),
  });
  const submit = form.handleSubmit((values) => save.run(values));
  return (
    <FormDialog
      title={t('cases.exit.title', { name: props.borrowerName })}
      onClose={props.onClose}
      onSubmit={submit}
      submitting={form.formState.isSubmitting}
      failure={save.failure}
      submitLabel={t('cases.exit.submit')}
      maxWidth="sm"
    >
      <Alert severity="warning" sx={{ mb: 2 }}>
        {t('cases.exit.warning')}
      </Alert>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, sm: 6 }}>
          <Controller
            control={control}
            name="kind"
            render={({ field, fieldState }) => (
              <TextField
                select
                label={t('cases.exit.kind')}
                {...field}
                error={Boolean(fieldState.error)}
                helperText={fieldError(t, fieldState.error)}
                fullWidth
                autoFocus
              >
                {caseExitKinds.map((kind) => (
                  <MenuItem key={kind} value={kind}>
                    {t(`cases.exit.kind.${kind}`)}
                  </MenuItem>
                ))}
              </TextField>
            )}
          />
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <FormDateField
            control={control}
            name="exitOn"
            label={t('cases.exit.exitOn')}
            max={props.today}
            required
            fullWidth
          />
        </Grid>
        <Grid size={12}>
          <TextField
            {...bindField(form, 'reference', t, t('cases.exit.referenceHelp'))}
            label={t('cases.exit.reference')}
            required
            fullWidth
          />
        </Grid>
        <Grid size={12}>
          <TextField
            {...bindField(form, 'note', t)}
            label={t('cases.exit.note')}
            multiline
            minRows={2}
            fullWidth
          />
        </Grid>
      </Grid>
    </FormDialog>
  );
}

type ReopenForm = z.input<typeof caseReopenInput>;
type ReopenValues = z.output<typeof caseReopenInput>;

export function CaseReopenDialog(props: Props) {
  const { t } = useTranslation();
  const form = useForm<ReopenForm, unknown, ReopenValues>({
    resolver: zodResolver(caseReopenInput),
    mode: 'onTouched',
    defaultValues: { borrowerId: props.borrowerId, reason: '' },
  });
  const save = useAction('cases:reopen', {
    done: t('cases.exit.reopened'),
    onDone: () => props.onSaved(),
    failureTo: 'inline',
    explain: serverErrors(form.setError),
  });
  const submit = form.handleSubmit((values) => save.run(values));
  return (
    <FormDialog
      title={t('cases.exit.reopenTitle', { name: props.borrowerName })}
      onClose={props.onClose}
      onSubmit={submit}
      submitting={form.formState.isSubmitting}
      failure={save.failure}
      submitLabel={t('cases.exit.reopen')}
      maxWidth="sm"
    >
      <TextField
        {...bindField(form, 'reason', t, t('cases.exit.reopenHelp'))}
        label={t('cases.exit.reopenReason')}
        required
        multiline
        minRows={2}
        fullWidth
        autoFocus
      />
    </FormDialog>
  );
}
