import { zodResolver } from '@hookform/resolvers/zod';
import {
  Checkbox,
  FormControlLabel,
  FormGroup,
  FormHelperText,
  Grid,
  MenuItem,
  TextField,
  Typography,
} from '@mui/material';
import { Controller, useForm, useWatch, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  addAssessmentInput,
  addContactInput,
  contactRelations,
  hardshipKinds,
} from '../../../../electron/shared/schemas/cases';
import { FormDateField } from '../../components/DateField';
import { bindField, fieldError, serverErrors } from '../../components/forms';
import { useAction } from '../../components/useAction';
import { FormDialog } from '../../components/FormDialog';
import { YuanField } from '../../components/YuanField';

interface DialogProps {
  borrowerId: number;
  onClose: () => void;
  onSaved: () => void;
}

type AssessmentForm = z.input<typeof addAssessmentInput>;

/** A dated household and economic assessment, as seen on a visit or told on the phone. */
export function AssessmentDialog(props: DialogProps & { today: string }) {
  const { t } = useTranslation();
  const form = useForm<AssessmentForm, unknown, z.output<typeof addAssessmentInput>>({
    resolver: zodResolver(addAssessmentInput),
    mode: 'onTouched',
    defaultValues: {
      borrowerId: props.borrowerId,
      assessedOn: props.today,
      income: '',
      expenses: '',
      assets: '',
      livelihood: '',
      monthlyIncomeFen: null,
      monthlyExpensesFen: null,
      householdSize: null,
      capacityFen: null,
      hardship: [],
      note: '',
    },
  });
  const { control, formState } = form;
  const save = useAction('cases:addAssessment', {
    done: t('cases.assessment.added'),
    onDone: () => props.onSaved(),
    failureTo: 'inline',
    explain: serverErrors(form.setError),
  });
  const submit = form.handleSubmit((values) => save.run(values));
  const text = (name: Path<AssessmentForm>, rows = 1) => (
    <TextField
      {...bindField(form, name, t)}
      label={t(`cases.assessment.${name}`)}
      multiline={rows > 1}
      minRows={rows}
      fullWidth
    />
  );
  return (
    <FormDialog
      title={t('cases.case.addAssessment')}
      onClose={props.onClose}
      onSubmit={submit}
      submitting={formState.isSubmitting}
      failure={save.failure}
      submitLabel={t('common.save')}
      maxWidth="md"
    >
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, sm: 4 }}>
          <FormDateField
            control={control}
            name="assessedOn"
            label={t('cases.assessment.assessedOn')}
            max={props.today}
            required
            fullWidth
          />
        </Grid>
        <Grid size={{ xs: 12, sm: 4 }}>
          <Controller
            control={control}
            name="householdSize"
            render={({ field, fieldState }) => (
              <TextField
                type="number"
                label={t('cases.assessment.householdSize')}
                value={field.value ?? ''}
                onChange={(e) =>
                  field.onChange(e.target.value === '' ? null : Number(e.target.value))
                }
                error={Boolean(fieldState.error)}
                helperText={fieldError(t, fieldState.error)}
                fullWidth
              />
            )}
          />
        </Grid>
        <Grid size={12}>{text('livelihood', 2)}</Grid>
        <Grid size={{ xs: 12, sm: 8 }}>{text('income')}</Grid>
        <Grid size={{ xs: 12, sm: 4 }}>
          <YuanField
            control={control}
            name="monthlyIncomeFen"
            label={t('cases.assessment.monthlyIncome')}
          />
        </Grid>
        <Grid size={{ xs: 12, sm: 8 }}>{text('expenses')}</Grid>
        <Grid size={{ xs: 12, sm: 4 }}>
          <YuanField
            control={control}
            name="monthlyExpensesFen"
            label={t('cases.assessment.monthlyExpenses')}
          />
        </Grid>
        <Grid size={{ xs: 12, sm: 8 }}>{text('assets')}</Grid>
        <Grid size={{ xs: 12, sm: 4 }}>
          <YuanField
            control={control}
            name="capacityFen"
            label={t('cases.assessment.capacityMonthly')}
          />
        </Grid>
        <Grid size={12}>
          <Typography variant="body2" color="text.secondary">
            {t('cases.assessment.hardshipLabel')}
          </Typography>
          <Controller
            control={control}
            name="hardship"
            render={({ field }) => (
              <FormGroup row>
                {hardshipKinds.map((kind) => {
                  const list = field.value ?? [];
                  return (
                    <FormControlLabel
                      key={kind}
                      label={t(`cases.assessment.hardship.${kind}`)}
                      control={
                        <Checkbox
                          checked={list.includes(kind)}
                          onChange={(e) =>
                            field.onChange(
                              e.target.checked ? [...list, kind] : list.filter((k) => k !== kind),
                            )
                          }
                        />
                      }
                    />
                  );
                })}
              </FormGroup>
            )}
          />
        </Grid>
        <Grid size={12}>{text('note', 2)}</Grid>
      </Grid>
    </FormDialog>
  );
}

type ContactForm = z.input<typeof addContactInput>;

/** A contact or guarantor; consent to approach them is recorded with its evidence. */
export function ContactDialog(props: DialogProps) {
  const { t } = useTranslation();
  const form = useForm<ContactForm, unknown, z.output<typeof addContactInput>>({
    resolver: zodResolver(addContactInput),
    mode: 'onTouched',
    defaultValues: {
      borrowerId: props.borrowerId,
      name: '',
      relation: 'spouse',
      phone: '',
      isGuarantor: false,
      consentToContact: false,
      consentEvidence: '',
      note: '',
    },
  });
  const { control, register, formState } = form;
  const consentGiven = useWatch({ control, name: 'consentToContact' });
  const save = useAction('cases:addContact', {
    done: t('cases.contact.added'),
    onDone: () => props.onSaved(),
    failureTo: 'inline',
    explain: serverErrors(form.setError),
  });
  const submit = form.handleSubmit((values) => save.run(values));
  const check = (name: 'isGuarantor' | 'consentToContact', label: string) => (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <FormControlLabel
          label={label}
          control={
            <Checkbox
              checked={Boolean(field.value)}
              onChange={(e) => field.onChange(e.target.checked)}
            />
          }
        />
      )}
    />
  );
  return (
    <FormDialog
      title={t('cases.case.addContact')}
      onClose={props.onClose}
      onSubmit={submit}
      submitting={formState.isSubmitting}
      failure={save.failure}
      submitLabel={t('common.save')}
      maxWidth="sm"
    >
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, sm: 6 }}>
          <TextField
            {...bindField(form, 'name', t)}
            label={t('cases.contact.name')}
            autoFocus
            fullWidth
          />
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <Controller
            control={control}
            name="relation"
            render={({ field }) => (
              <TextField select label={t('cases.contact.relation')} {...field} fullWidth>
                {contactRelations.map((r) => (
                  <MenuItem key={r} value={r}>
                    {t(`cases.contact.relation.${r}`)}
                  </MenuItem>
                ))}
              </TextField>
            )}
          />
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <TextField {...bindField(form, 'phone', t)} label={t('cases.contact.phone')} fullWidth />
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>{check('isGuarantor', t('cases.contact.isGuarantor'))}</Grid>
        <Grid size={12}>
          {check('consentToContact', t('cases.contact.consent'))}
          <FormHelperText>{t('cases.contact.consentHelp')}</FormHelperText>
        </Grid>
        {consentGiven && (
          <Grid size={12}>
            <TextField
              {...bindField(form, 'consentEvidence', t)}
              label={t('cases.contact.consentEvidence')}
              fullWidth
            />
          </Grid>
        )}
        <Grid size={12}>
          <TextField
            {...register('note')}
            label={t('cases.contact.note')}
            multiline
            minRows={2}
            fullWidth
          />
        </Grid>
      </Grid>
    </FormDialog>
  );
}
