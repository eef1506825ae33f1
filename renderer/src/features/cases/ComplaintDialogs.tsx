import { zodResolver } from '@hookform/resolvers/zod';
import { Grid, MenuItem, TextField } from '@mui/material';
import { Controller, useForm, useWatch, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  closeComplaintInput,
  complainantKinds,
  complaintChannelKinds,
  complaintOutcomes,
  registerComplaintInput,
  updateComplaintInput,
  type ComplaintView,
  type ComplaintVisitOption,
} from '../../../../electron/shared/schemas/complaints';
import type { StaffRow } from '../../../../electron/shared/schemas/staff';
import { FormDateField } from '../../components/DateField';
import { bindField, fieldError, serverErrors } from '../../components/forms';
import { FormDialog } from '../../components/FormDialog';
import { useStaffList } from '../../components/staff';
import { useAction } from '../../components/useAction';
import { useChannel } from '../../components/useChannel';

/** The complaints register's forms: register, record the action taken, close (manager). */

interface SavedProps {
  onClose: () => void;
  onSaved: (complaint: ComplaintView) => void;
}

type RegisterForm = z.input<typeof registerComplaintInput>;
type RegisterValues = z.output<typeof registerComplaintInput>;

/** The visits and staff a complaint may name (former staff too). */
function useChoices(borrowerId: number) {
  const visits = useChannel('complaints:visits', { borrowerId }).data;
  const { staff } = useStaffList(true);
  return { visits: visits ?? noVisits, staff: staff ?? noStaff };
}
const noVisits: ComplaintVisitOption[] = [];
const noStaff: StaffRow[] = [];

/** Registers a complaint: who, channel, date received, the visit and staff, what it says. */
export function RegisterComplaintDialog(props: SavedProps & { borrowerId: number; today: string }) {
  const { t } = useTranslation();
  const { visits, staff } = useChoices(props.borrowerId);
  const form = useForm<RegisterForm, unknown, RegisterValues>({
    resolver: zodResolver(registerComplaintInput),
    mode: 'onTouched',
    defaultValues: {
      borrowerId: props.borrowerId,
      receivedOn: props.today,
      complainant: 'borrower',
      complainantName: '',
      channel: 'phone',
      visitId: null,
      staffIds: [],
      summary: '',
      actionTaken: '',
    },
  });
  const { control } = form;
  const complainant = useWatch({ control, name: 'complainant' });
  const save = useAction('complaints:register', {
    done: t('complaints.registered'),
    onDone: (saved) => props.onSaved(saved),
    failureTo: 'inline',
    explain: serverErrors(form.setError),
  });
  const submit = form.handleSubmit((values) => save.run(values));
  const select = (name: 'complainant' | 'channel', options: readonly string[]) => (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <TextField
          select
          label={t(`complaints.${name}`)}
          {...field}
          error={Boolean(fieldState.error)}
          helperText={fieldError(t, fieldState.error)}
          fullWidth
        >
          {options.map((o) => (
            <MenuItem key={o} value={o}>
              {t(`complaints.${name}.${o}`)}
            </MenuItem>
          ))}
        </TextField>
      )}
    />
  );
  const text = (name: Path<RegisterForm>, rows: number, help?: string) => (
    <TextField
      {...bindField(form, name, t, help)}
      label={t(`complaints.${name}`)}
      multiline={rows > 1}
      minRows={rows}
      fullWidth
    />
  );
  return (
    <FormDialog
      title={t('complaints.register')}
      onClose={props.onClose}
      onSubmit={submit}
      submitting={form.formState.isSubmitting}
      failure={save.failure}
      submitLabel={t('common.save')}
      maxWidth="md"
    >
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, sm: 4 }}>
          <FormDateField
            control={control}
            name="receivedOn"
            label={t('complaints.receivedOn')}
            max={props.today}
            required
            autoFocus
            fullWidth
          />
        </Grid>
        <Grid size={{ xs: 12, sm: 4 }}>{select('channel', complaintChannelKinds)}</Grid>
        <Grid size={{ xs: 12, sm: 4 }}>{select('complainant', complainantKinds)}</Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          {text(
            'complainantName',
            1,
            complainant === 'borrower' ? t('complaints.complainantNameHelp') : undefined,
          )}
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <Controller
            control={control}
            name="visitId"
            render={({ field, fieldState }) => (
              <TextField
                select
                label={t('complaints.visit')}
                value={field.value === null || field.value === undefined ? '' : String(field.value)}
                onChange={(e) =>
                  field.onChange(e.target.value === '' ? null : Number(e.target.value))
                }
                onBlur={field.onBlur}
                error={Boolean(fieldState.error)}
                helperText={fieldError(t, fieldState.error)}
                fullWidth
              >
                <MenuItem value="">{t('complaints.noVisit')}</MenuItem>
                {visits.map((v) => (
                  <MenuItem key={v.id} value={String(v.id)}>
                    {t('complaints.visitOption', {
                      date: v.date,
                      start: v.start,
                      end: v.end,
                      staff: v.staff.map((s) => s.name).join('、'),
                    })}
                  </MenuItem>
                ))}
              </TextField>
            )}
          />
        </Grid>
        <Grid size={12}>
          <Controller
            control={control}
            name="staffIds"
            render={({ field, fieldState }) => (
              <TextField
                select
                label={t('complaints.staff')}
                value={(field.value ?? []).map(String)}
                onChange={(e) => {
                  const picked = e.target.value as unknown as string[] | string;
                  const list = typeof picked === 'string' ? picked.split(',') : picked;
                  field.onChange(list.filter(Boolean).map(Number));
                }}
                onBlur={field.onBlur}
                slotProps={{ select: { multiple: true } }}
                error={Boolean(fieldState.error)}
                helperText={fieldError(t, fieldState.error) ?? t('complaints.staffHelp')}
                fullWidth
              >
                {staff.map((s) => (
                  <MenuItem key={s.id} value={String(s.id)}>
                    {s.name}（{s.staffNo}）
                  </MenuItem>
                ))}
              </TextField>
            )}
          />
        </Grid>
        <Grid size={12}>{text('summary', 3)}</Grid>
        <Grid size={12}>{text('actionTaken', 2)}</Grid>
      </Grid>
    </FormDialog>
  );
}

type ActionForm = z.input<typeof updateComplaintInput>;

/** What was done so far on an open complaint. */
export function ComplaintActionDialog(props: SavedProps & { complaint: ComplaintView }) {
  const { t } = useTranslation();
  const form = useForm<ActionForm, unknown, z.output<typeof updateComplaintInput>>({
    resolver: zodResolver(updateComplaintInput),
    defaultValues: { id: props.complaint.id, actionTaken: props.complaint.actionTaken },
  });
  const save = useAction('complaints:update', {
    done: t('complaints.updated'),
    onDone: (saved) => props.onSaved(saved),
    failureTo: 'inline',
    explain: serverErrors(form.setError),
  });
  const submit = form.handleSubmit((values) => save.run(values));
  return (
    <FormDialog
      title={t('complaints.recordAction')}
      onClose={props.onClose}
      onSubmit={submit}
      submitting={form.formState.isSubmitting}
      failure={save.failure}
      submitLabel={t('common.save')}
      maxWidth="sm"
    >
      <TextField
        {...bindField(form, 'actionTaken', t)}
        label={t('complaints.actionTaken')}
        multiline
        minRows={4}
        autoFocus
        fullWidth
      />
    </FormDialog>
  );
}

type CloseForm = z.input<typeof closeComplaintInput>;

/** The manager closes a complaint: the day, the outcome, the action taken, a closing note. */
export function CloseComplaintDialog(
  props: SavedProps & { complaint: ComplaintView; today: string },
) {
  const { t } = useTranslation();
  const form = useForm<CloseForm, unknown, z.output<typeof closeComplaintInput>>({
    resolver: zodResolver(closeComplaintInput),
    mode: 'onTouched',
    defaultValues: {
      id: props.complaint.id,
      closedOn: props.today,
      outcome: 'upheld',
      actionTaken: props.complaint.actionTaken,
      outcomeNote: '',
    },
  });
  const save = useAction('complaints:close', {
    done: t('complaints.closedToast'),
    onDone: (saved) => props.onSaved(saved),
    failureTo: 'inline',
    explain: serverErrors(form.setError),
  });
  const submit = form.handleSubmit((values) => save.run(values));
  return (
    <FormDialog
      title={t('complaints.closeTitle')}
      onClose={props.onClose}
      onSubmit={submit}
      submitting={form.formState.isSubmitting}
      failure={save.failure}
      submitLabel={t('complaints.close')}
      maxWidth="sm"
    >
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, sm: 6 }}>
          <FormDateField
            control={form.control}
            name="closedOn"
            label={t('complaints.closedOn')}
            min={props.complaint.receivedOn}
            max={props.today}
            required
            autoFocus
            fullWidth
          />
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <Controller
            control={form.control}
            name="outcome"
            render={({ field, fieldState }) => (
              <TextField
                select
                label={t('complaints.outcome')}
                {...field}
                error={Boolean(fieldState.error)}
                helperText={fieldError(t, fieldState.error)}
                fullWidth
              >
                {complaintOutcomes.map((o) => (
                  <MenuItem key={o} value={o}>
                    {t(`complaints.outcome.${o}`)}
                  </MenuItem>
                ))}
              </TextField>
            )}
          />
        </Grid>
        <Grid size={12}>
          <TextField
            {...bindField(form, 'actionTaken', t)}
            label={t('complaints.actionTaken')}
            multiline
            minRows={3}
            fullWidth
          />
        </Grid>
        <Grid size={12}>
          <TextField
            {...bindField(form, 'outcomeNote', t)}
            label={t('complaints.outcomeNote')}
            multiline
            minRows={2}
            fullWidth
          />
        </Grid>
      </Grid>
    </FormDialog>
  );
}
