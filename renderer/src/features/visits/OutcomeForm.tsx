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
import { useState, type ReactNode } from 'react';
import { Controller, useForm, useWatch, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  metWhom,
  outcomeCodes,
  outcomeSection,
  visitPaymentMethods,
  type RecordDraft,
  type RecordHistory,
} from '../../../../electron/shared/schemas/records';
import { call } from '../../api';
import { applyServerError, bindField, fieldError } from '../../components/forms';
import { YuanField } from './YuanField';
import { formatYuan as yuan } from '../../../../electron/shared/money';
import { outcomeResolver, type OutcomeFormOutput, type OutcomeFormValues } from './form-values';
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
  const [failure, setFailure] = useState<string | null>(null);
  const form: Form = useForm<OutcomeFormValues, unknown, OutcomeFormOutput>({
    resolver: outcomeResolver(props.mode),
    mode: 'onTouched',
    defaultValues: props.defaults,
  });
  const { control, handleSubmit, setError, formState } = form;
  const outcome = useWatch({ control, name: 'outcome' });
  const section = outcome ? outcomeSection[outcome] : null;

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    try {
      const saved =
        'recordId' in values
          ? await call('records:amend', values)
          : await call('records:record', values);
      props.onSaved(saved);
    } catch (error) {
      setFailure(applyServerError(error, setError, t));
    }
  });

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
              <TextField
                label={t('visits.form.followUpOn')}
                type="date"
                slotProps={{ inputLabel: { shrink: true } }}
                fullWidth
                {...form.register('followUpOn', { setValueAs: (v: string) => v || null })}
                error={Boolean(formState.errors.followUpOn)}
                helperText={fieldError(t, formState.errors.followUpOn)}
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
  const staffError = form.formState.errors.staffIds;
  return (
    <Section title={t('visits.form.when')}>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, sm: 4 }}>
          <TextField
            label={t('visits.form.date')}
            type="date"
            autoFocus
            slotProps={{ inputLabel: { shrink: true } }}
            fullWidth
            {...bindField(form, 'date', t)}
          />
        </Grid>
        <Grid size={{ xs: 6, sm: 4 }}>
          <TextField
            label={t('visits.form.start')}
            type="time"
            slotProps={{ inputLabel: { shrink: true } }}
            fullWidth
            {...bindField(form, 'start', t)}
          />
        </Grid>
        <Grid size={{ xs: 6, sm: 4 }}>
          <TextField
            label={t('visits.form.end')}
            type="time"
            slotProps={{ inputLabel: { shrink: true } }}
            fullWidth
            {...bindField(form, 'end', t)}
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
                      label={`${staff.name}（${staff.staffNo}）`}
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

function LoanSelect(props: {
  form: Form;
  draft: RecordDraft;
  name: 'payment.loanId' | 'promise.loanId';
  allowAny: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Controller
      control={props.form.control}
      name={props.name}
      render={({ field, fieldState }) => (
        <TextField
          select
          label={t('visits.form.loan')}
          value={field.value ?? ''}
          onChange={(e) => field.onChange(e.target.value === '' ? null : Number(e.target.value))}
          onBlur={field.onBlur}
          error={Boolean(fieldState.error)}
          helperText={fieldError(t, fieldState.error)}
          fullWidth
        >
          {props.allowAny && <MenuItem value="">{t('visits.form.anyLoan')}</MenuItem>}
          {props.draft.loans.map((loan) => (
            <MenuItem key={loan.id} value={loan.id}>
              {loan.loanNo} · {yuan(loan.overdueFen)}
            </MenuItem>
          ))}
        </TextField>
      )}
    />
  );
}

function PaymentFields({ form, draft }: { form: Form; draft: RecordDraft }) {
  const { t } = useTranslation();
  return (
    <Grid container spacing={2}>
      <Grid size={{ xs: 12, sm: 4 }}>
        <YuanField
          control={form.control}
          name="payment.amountFen"
          label={t('visits.form.amount')}
        />
      </Grid>
      <Grid size={{ xs: 12, sm: 3 }}>
        <Controller
          control={form.control}
          name="payment.method"
          render={({ field }) => (
            <TextField select label={t('visits.form.method')} fullWidth {...field}>
              {visitPaymentMethods.map((m) => (
                <MenuItem key={m} value={m}>
                  {t(`visits.method.${m}`)}
                </MenuItem>
              ))}
            </TextField>
          )}
        />
      </Grid>
      <Grid size={{ xs: 12, sm: 5 }}>
        <LoanSelect form={form} draft={draft} name="payment.loanId" allowAny={false} />
      </Grid>
      <Grid size={{ xs: 12 }}>
        <Typography variant="body2" color="text.secondary">
          {t('visits.form.paymentHelp')}
        </Typography>
      </Grid>
    </Grid>
  );
}

function PromiseFields({ form, draft }: { form: Form; draft: RecordDraft }) {
  const { t } = useTranslation();
  return (
    <Grid container spacing={2}>
      <Grid size={{ xs: 12, sm: 4 }}>
        <YuanField
          control={form.control}
          name="promise.amountFen"
          label={t('visits.form.amount')}
        />
      </Grid>
      <Grid size={{ xs: 12, sm: 3 }}>
        <TextField
          label={t('visits.form.promiseDue')}
          type="date"
          slotProps={{ inputLabel: { shrink: true } }}
          fullWidth
          {...bindField(form, 'promise.dueOn', t)}
        />
      </Grid>
      <Grid size={{ xs: 12, sm: 5 }}>
        <LoanSelect form={form} draft={draft} name="promise.loanId" allowAny />
      </Grid>
    </Grid>
  );
}

function SituationFields({ form }: { form: Form }) {
  const { t } = useTranslation();
  const text = (name: 'income' | 'expenses' | 'assets', label: string) => (
    <Grid size={{ xs: 12, sm: 4 }}>
      <TextField label={t(label)} fullWidth {...bindField(form, `situation.${name}`, t)} />
    </Grid>
  );
  return (
    <Grid container spacing={2}>
      <Grid size={{ xs: 12 }}>
        <TextField
          label={t('visits.form.livelihood')}
          multiline
          minRows={2}
          fullWidth
          {...bindField(form, 'situation.livelihood', t)}
        />
      </Grid>
      {text('income', 'visits.form.income')}
      {text('expenses', 'visits.form.expenses')}
      {text('assets', 'visits.form.assets')}
      <Grid size={{ xs: 6, sm: 3 }}>
        <TextField
          label={t('visits.form.householdSize')}
          type="number"
          slotProps={{ htmlInput: { min: 0, max: 50 } }}
          fullWidth
          {...form.register('situation.householdSize', {
            setValueAs: (v: string | number | null) => (v === '' || v === null ? null : Number(v)),
          })}
          error={Boolean(form.formState.errors.situation?.householdSize)}
          helperText={fieldError(t, form.formState.errors.situation?.householdSize)}
        />
      </Grid>
      <Grid size={{ xs: 6, sm: 3 }}>
        <YuanField
          control={form.control}
          name="situation.monthlyIncomeFen"
          label={t('visits.form.monthlyIncome')}
        />
      </Grid>
      <Grid size={{ xs: 6, sm: 3 }}>
        <YuanField
          control={form.control}
          name="situation.monthlyExpensesFen"
          label={t('visits.form.monthlyExpenses')}
        />
      </Grid>
      <Grid size={{ xs: 6, sm: 3 }}>
        <YuanField
          control={form.control}
          name="situation.capacityFen"
          label={t('visits.form.capacity')}
        />
      </Grid>
    </Grid>
  );
}

const checks = [
  'staffCardsShown',
  'rightsExplained',
  'noThirdPartyDisclosure',
  'recorded',
] as const;

function ChecklistFields({ form }: { form: Form }) {
  const { t } = useTranslation();
  const errors = form.formState.errors.checklist;
  return (
    <Grid container spacing={1}>
      {checks.map((name) => (
        <Grid size={{ xs: 12, sm: 6 }} key={name}>
          <Controller
            control={form.control}
            name={`checklist.${name}`}
            render={({ field, fieldState }) => (
              <FormControl error={Boolean(fieldState.error)}>
                <FormControlLabel
                  label={t(`visits.form.${name}`)}
                  control={
                    <Checkbox
                      checked={field.value}
                      onChange={(e) => field.onChange(e.target.checked)}
                      onBlur={field.onBlur}
                    />
                  }
                />
                {fieldState.error && (
                  <FormHelperText>{fieldError(t, fieldState.error)}</FormHelperText>
                )}
              </FormControl>
            )}
          />
        </Grid>
      ))}
      <Grid size={{ xs: 12, sm: 6 }}>
        <TextField
          label={t('visits.form.recordingRef')}
          fullWidth
          {...form.register('checklist.recordingRef')}
          error={Boolean(errors?.recordingRef)}
          helperText={fieldError(t, errors?.recordingRef)}
        />
      </Grid>
    </Grid>
  );
}
