import {
  Alert,
  Box,
  Button,
  Checkbox,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormHelperText,
  FormLabel,
  Grid,
  MenuItem,
  Paper,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import type { ReactNode } from 'react';
import { Controller, useForm, useWatch, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { visitPlaces } from '../../../../electron/shared/compliance';
import { metWhom, outcomeCodes, outcomeSection } from '../../../../electron/shared/schemas/records';
import type { RecordDraft, RecordHistory } from '../../../../electron/shared/schemas/records-views';
import { call } from '../../api';
import { FormDateField } from '../../components/DateField';
import { bindField, fieldError, serverErrors } from '../../components/forms';
import { staffLabelIn } from '../../components/staff';
import { useTextLang } from '../../components/text-lang';
import { useAction } from '../../components/useAction';
import { outcomeResolver, type OutcomeFormOutput, type OutcomeFormValues } from './form-values';
import { ChecklistFields, PaymentFields, PromiseFields, SituationFields } from './OutcomeSections';
import { PlanFields } from './PlanFields';

type Form = UseFormReturn<OutcomeFormValues, unknown, OutcomeFormOutput>;

function Section(props: { title: string; children: ReactNode }) {
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-label={props.title}>
      <Typography variant="subtitle1" component="h2" gutterBottom sx={{ fontWeight: 600 }}>
        {props.title}
      </Typography>
      {props.children}
    </Paper>
  );
}

/**
 * The outcome of a visit, recorded or amended. Sections follow the outcome (money taken, a
 * promise, a repayment plan); the compliance checklist must be confirmed to save. The shared
 * zod schema validates, so the form and the core refuse the same things with the same words.
 */
export function OutcomeForm(props: {
  mode: 'record' | 'amend';
  draft: RecordDraft;
  defaults: OutcomeFormValues;
  onSaved: (saved: RecordHistory) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const form: Form = useForm<OutcomeFormValues, unknown, OutcomeFormOutput>({
    resolver: outcomeResolver(props.mode),
    mode: 'onTouched',
    defaultValues: props.defaults,
  });
  const { control, handleSubmit, setError, formState } = form;
  const outcome = useWatch({ control, name: 'outcome' });
  const section = outcome ? outcomeSection[outcome] : null;

  const save = useAction(
    (values: OutcomeFormOutput) =>
      'recordId' in values ? call('records:amend', values) : call('records:record', values),
    {
      onDone: (saved) => props.onSaved(saved),
      failureTo: 'inline',
      explain: serverErrors(setError),
    },
  );
  const failure = save.failure;
  const submit = handleSubmit((values) => save.run(values));

  return (
    <form
      noValidate
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void submit();
        }
      }}
    >
      <Stack spacing={2}>
        <WhenAndWho form={form} draft={props.draft} />
        <Section title={t('visits.form.outcomeSection')}>
          <MetAndOutcome form={form} />
        </Section>
        {section === 'payment' && (
          <Section title={t('visits.form.payment')}>
            <PaymentFields form={form} draft={props.draft} />
          </Section>
        )}
        {section === 'promise' && (
          <Section title={t('visits.form.promise')}>
            <PromiseFields form={form} draft={props.draft} />
          </Section>
        )}
        {section === 'plan' && (
          <Section title={t('visits.form.plan')}>
            <PlanFields form={form} draft={props.draft} />
          </Section>
        )}
        <Section title={t('visits.form.situation')}>
          <SituationFields form={form} />
        </Section>
        <Section title={t('visits.form.checklist')}>
          <ChecklistFields form={form} />
        </Section>
        <Section title={t('visits.form.next')}>
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, sm: 8 }}>
              <TextField
                label={t('visits.form.nextAction')}
                fullWidth
                {...bindField(form, 'nextAction', t)}
              />
            </Grid>
            <Grid size={{ xs: 12, sm: 4 }}>
              <FormDateField
                control={form.control}
                name="followUpOn"
                label={t('visits.form.followUpOn')}
                empty={null}
                fullWidth
              />
            </Grid>
            {props.mode === 'amend' && (
              <Grid size={{ xs: 12 }}>
                <TextField
                  label={t('visits.form.reason')}
                  fullWidth
                  required
                  {...bindField(form, 'reason', t)}
                />
              </Grid>
            )}
          </Grid>
        </Section>
        {failure && <Alert severity="error">{failure}</Alert>}
        <Box sx={{ display: 'flex', gap: 2, alignItems: 'center' }}>
          <Button type="submit" variant="contained" disabled={formState.isSubmitting}>
            {props.mode === 'amend' ? t('visits.form.saveAmend') : t('visits.form.save')}
          </Button>
          <Button onClick={props.onCancel}>{t('visits.form.cancel')}</Button>
          <Typography variant="body2" color="text.secondary">
            {t('visits.form.shortcut')}
          </Typography>
        </Box>
      </Stack>
    </form>
  );
}

function WhenAndWho({ form, draft }: { form: Form; draft: RecordDraft }) {
  const { t } = useTranslation();
  const lang = useTextLang();
  const staffError = form.formState.errors.staffIds;
  const place = useWatch({ control: form.control, name: 'place' });
  return (
    <Section title={t('visits.form.when')}>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {t('visits.form.recheck')}
      </Typography>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, sm: 4 }}>
          <FormDateField
            control={form.control}
            name="date"
            label={t('visits.form.date')}
            required
            autoFocus
            fullWidth
          />
        </Grid>
        <Grid size={{ xs: 6, sm: 4 }}>
          <FormDateField
            kind="time"
            control={form.control}
            name="start"
            label={t('visits.form.start')}
            required
            fullWidth
          />
        </Grid>
        <Grid size={{ xs: 6, sm: 4 }}>
          <FormDateField
            kind="time"
            control={form.control}
            name="end"
            label={t('visits.form.end')}
            required
            fullWidth
          />
        </Grid>
        <Grid size={{ xs: 12 }}>
          <Controller
            control={form.control}
            name="staffIds"
            render={({ field }) => (
              <FormControl error={Boolean(staffError)} component="fieldset">
                <FormLabel component="legend">{t('visits.form.staff')}</FormLabel>
                <FormGroup row>
                  {draft.activeStaff.map((staff) => (
                    <FormControlLabel
                      key={staff.id}
                      label={staffLabelIn(lang)(staff)}
                      control={
                        <Checkbox
                          checked={field.value.includes(staff.id)}
                          onChange={(e) =>
                            field.onChange(
                              e.target.checked
                                ? [...field.value, staff.id]
                                : field.value.filter((id) => id !== staff.id),
                            )
                          }
                        />
                      }
                    />
                  ))}
                </FormGroup>
                {staffError && <FormHelperText>{fieldError(t, staffError)}</FormHelperText>}
              </FormControl>
            )}
          />
        </Grid>
        <Grid size={{ xs: 12, sm: 4 }}>
          <Controller
            control={form.control}
            name="place"
            render={({ field }) => (
              <TextField select label={t('visits.form.place')} fullWidth {...field}>
                {visitPlaces.map((p) => (
                  <MenuItem key={p} value={p}>
                    {t(`visitPlace.${p}`)}
                  </MenuItem>
                ))}
              </TextField>
            )}
          />
        </Grid>
        {place !== 'home' && (
          <Grid size={{ xs: 12, sm: 8 }}>
            <TextField
              label={t('visits.form.placeNote')}
              fullWidth
              {...bindField(form, 'placeNote', t)}
            />
          </Grid>
        )}
      </Grid>
    </Section>
  );
}

function MetAndOutcome({ form }: { form: Form }) {
  const { t } = useTranslation();
  const { errors } = form.formState;
  return (
    <Grid container spacing={2}>
      <Grid size={{ xs: 12, md: 7 }}>
        <Controller
          control={form.control}
          name="met"
          render={({ field }) => (
            <FormControl error={Boolean(errors.met)} component="fieldset">
              <FormLabel component="legend">{t('visits.form.met')}</FormLabel>
              <RadioGroup row {...field}>
                {metWhom.map((m) => (
                  <FormControlLabel
                    key={m}
                    value={m}
                    control={<Radio />}
                    label={t(`visits.met.${m}`)}
                  />
                ))}
              </RadioGroup>
              {errors.met && <FormHelperText>{fieldError(t, errors.met)}</FormHelperText>}
            </FormControl>
          )}
        />
      </Grid>
      <Grid size={{ xs: 12, md: 5 }}>
        <Controller
          control={form.control}
          name="outcome"
          render={({ field, fieldState }) => (
            <TextField
              select
              label={t('visits.form.outcome')}
              fullWidth
              {...field}
              error={Boolean(fieldState.error)}
              helperText={fieldError(t, fieldState.error)}
            >
              {outcomeCodes.map((code) => (
                <MenuItem key={code} value={code}>
                  {t(`visits.outcome.${code}`)}
                </MenuItem>
              ))}
            </TextField>
          )}
        />
      </Grid>
      <Grid size={{ xs: 12 }}>
        <TextField
          label={t('visits.form.words')}
          multiline
          minRows={2}
          fullWidth
          {...bindField(form, 'borrowerWords', t, t('visits.form.wordsHelp'))}
        />
      </Grid>
    </Grid>
  );
}
