import { zodResolver } from '@hookform/resolvers/zod';
import { Checkbox, FormControlLabel, MenuItem, TextField } from '@mui/material';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { certificateKinds } from '../../../../electron/shared/compliance';
import { roles } from '../../../../electron/shared/roles';
import {
  certificateInput,
  leaveInput,
  staffCreateInput,
  type CertificateInput,
  type LeaveInput,
  type StaffCreateInput,
  type StaffRow,
} from '../../../../electron/shared/schemas/staff';
import { call } from '../../api';
import { FormDialog } from '../../components/FormDialog';
import { FormDateField } from '../../components/DateField';
import { fieldText, serverErrors } from '../../components/forms';
import { useAction } from '../../components/useAction';

/** The manager's staff dialogs: a staff record, a certificate, leave days. */

/**
 * Creates or edits a staff record. Both use the create schema's field rules (the update
 * schema has the same fields, each optional); the core checks again.
 */
export function StaffFormDialog(props: {
  row: StaffRow | null;
  onClose: () => void;
  onSaved: (row: StaffRow) => void;
}) {
  const { t } = useTranslation();
  const form = useForm<StaffCreateInput, unknown, z.output<typeof staffCreateInput>>({
    resolver: zodResolver(staffCreateInput),
    defaultValues: {
      staffNo: props.row?.staffNo ?? '',
      name: props.row?.name ?? '',
      role: props.row?.role ?? 'officer',
      phone: props.row?.phone ?? '',
      active: props.row?.active ?? true,
    },
  });
  const { register, control, formState, setError } = form;
  const { row } = props;
  const save = useAction(
    (values: z.output<typeof staffCreateInput>) =>
      row ? call('staff:update', { id: row.id, ...values }) : call('staff:create', values),
    {
      onDone: (saved) => props.onSaved(saved),
      failureTo: 'inline',
      explain: serverErrors(setError),
    },
  );
  const submit = form.handleSubmit((values) => save.run(values));
  const text = (name: 'staffNo' | 'name' | 'phone', label: string) => (
    <TextField
      {...register(name)}
      label={label}
      error={Boolean(formState.errors[name])}
      helperText={fieldText(t, formState.errors[name])}
    />
  );
  return (
    <FormDialog
      title={props.row ? t('staff.editTitle', { name: props.row.name }) : t('staff.createTitle')}
      submitLabel={t('common.save')}
      submitting={form.formState.isSubmitting}
      onSubmit={submit}
      onClose={props.onClose}
      failure={save.failure}
    >
      {text('staffNo', t('staff.staffNo'))}
      {text('name', t('staff.name'))}
      <Controller
        control={control}
        name="role"
        render={({ field }) => (
          <TextField select label={t('staff.role')} {...field}>
            {roles.map((r) => (
              <MenuItem key={r} value={r}>
                {t(`role.${r}`)}
              </MenuItem>
            ))}
          </TextField>
        )}
      />
      {text('phone', t('staff.phone'))}
      <Controller
        control={control}
        name="active"
        render={({ field }) => (
          <FormControlLabel
            control={
              <Checkbox
                checked={Boolean(field.value)}
                onChange={(e) => field.onChange(e.target.checked)}
              />
            }
            label={t('staff.active')}
          />
        )}
      />
    </FormDialog>
  );
}

export function CertificateDialog(props: {
  row: StaffRow;
  onClose: () => void;
  onSaved: (row: StaffRow) => void;
}) {
  const { t } = useTranslation();
  const form = useForm<CertificateInput, unknown, z.output<typeof certificateInput>>({
    resolver: zodResolver(certificateInput),
    defaultValues: {
      staffId: props.row.id,
      kind: 'training',
      number: '',
      issuedOn: null,
      expiresOn: '',
    },
  });
  const { register, control, formState, setError } = form;
  const save = useAction('staff:addCertificate', {
    onDone: (saved) => props.onSaved(saved),
    failureTo: 'inline',
    explain: serverErrors(setError),
  });
  const submit = form.handleSubmit((values) => save.run(values));
  return (
    <FormDialog
      title={t('staff.certificateTitle', { name: props.row.name })}
      submitLabel={t('common.save')}
      submitting={form.formState.isSubmitting}
      onSubmit={submit}
      onClose={props.onClose}
      failure={save.failure}
    >
      <Controller
        control={control}
        name="kind"
        render={({ field }) => (
          <TextField select label={t('staff.certificateKind')} {...field}>
            {certificateKinds.map((k) => (
              <MenuItem key={k} value={k}>
                {t(`certificateKind.${k}`)}
              </MenuItem>
            ))}
          </TextField>
        )}
      />
      <TextField
        {...register('number')}
        label={t('staff.certificateNo')}
        error={Boolean(formState.errors.number)}
        helperText={fieldText(t, formState.errors.number)}
      />
      <FormDateField control={control} name="issuedOn" label={t('staff.issuedOn')} empty={null} />
      <FormDateField control={control} name="expiresOn" label={t('staff.expiresOn')} required />
    </FormDialog>
  );
}

export function LeaveDialog(props: {
  row: StaffRow;
  onClose: () => void;
  onSaved: (row: StaffRow, conflictingVisits: number) => void;
}) {
  const { t } = useTranslation();
  const form = useForm<LeaveInput, unknown, z.output<typeof leaveInput>>({
    resolver: zodResolver(leaveInput),
    defaultValues: { staffId: props.row.id, from: '', reason: '' },
  });
  const { register, control, formState, setError } = form;
  const save = useAction('staff:addLeave', {
    onDone: (answer) => props.onSaved(answer.staff, answer.conflictingVisitIds.length),
    failureTo: 'inline',
    explain: serverErrors(setError),
  });
  const submit = form.handleSubmit((values) => save.run(values));
  return (
    <FormDialog
      title={t('staff.leaveTitle', { name: props.row.name })}
      submitLabel={t('common.save')}
      submitting={form.formState.isSubmitting}
      onSubmit={submit}
      onClose={props.onClose}
      failure={save.failure}
    >
      <FormDateField control={control} name="from" label={t('staff.leaveFrom')} required />
      <FormDateField
        control={control}
        name="to"
        label={t('staff.leaveTo')}
        empty={undefined}
        helperText={t('staff.leaveToHelp')}
      />
      <TextField
        {...register('reason')}
        label={t('staff.leaveReason')}
        error={Boolean(formState.errors.reason)}
        helperText={fieldText(t, formState.errors.reason)}
      />
    </FormDialog>
  );
}
