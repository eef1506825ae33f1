import {
  FormControl,
  FormControlLabel,
  FormHelperText,
  Grid,
  MenuItem,
  TextField,
  Checkbox,
  Typography,
} from '@mui/material';
import type { ReactNode } from 'react';
import { Controller, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { formatYuan as yuan } from '../../../../electron/shared/money';
import { visitPaymentMethods } from '../../../../electron/shared/schemas/records';
import type { RecordDraft } from '../../../../electron/shared/schemas/records-views';
import { FormDateField } from '../../components/DateField';
import { bindField, fieldError } from '../../components/forms';
import type { OutcomeFormOutput, OutcomeFormValues } from './form-values';
import { YuanField } from '../../components/YuanField';

/** The outcome form's sections: money taken, a promise, the situation seen, the checklist. */

type Form = UseFormReturn<OutcomeFormValues, unknown, OutcomeFormOutput>;

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
          // "Any loan" is the empty value: show it, and keep the label above it.
          slotProps={
            props.allowAny
              ? { select: { displayEmpty: true }, inputLabel: { shrink: true } }
              : undefined
          }
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

/** Amount, one field of the section's own, and the loan it concerns: a payment's and a promise's row. */
function AmountAndLoan(props: {
  form: Form;
  draft: RecordDraft;
  section: 'payment' | 'promise';
  middle: ReactNode;
}) {
  const { t } = useTranslation();
  const { form, draft, section } = props;
  return (
    <>
      <Grid size={{ xs: 12, sm: 4 }}>
        <YuanField
          control={form.control}
          name={`${section}.amountFen`}
          label={t('visits.form.amount')}
        />
      </Grid>
      <Grid size={{ xs: 12, sm: 3 }}>{props.middle}</Grid>
      <Grid size={{ xs: 12, sm: 5 }}>
        {/* A promise may cover the borrower's debt as a whole; money taken goes to one loan. */}
        <LoanSelect
          form={form}
          draft={draft}
          name={`${section}.loanId`}
          allowAny={section === 'promise'}
        />
      </Grid>
    </>
  );
}

export function PaymentFields({ form, draft }: { form: Form; draft: RecordDraft }) {
  const { t } = useTranslation();
  const method = (
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
  );
  return (
    <Grid container spacing={2}>
      <AmountAndLoan form={form} draft={draft} section="payment" middle={method} />
      <Grid size={{ xs: 12 }}>
        <Typography variant="body2" color="text.secondary">
          {t('visits.form.paymentHelp')}
        </Typography>
      </Grid>
    </Grid>
  );
}

export function PromiseFields({ form, draft }: { form: Form; draft: RecordDraft }) {
  const { t } = useTranslation();
  const dueOn = (
    <FormDateField
      control={form.control}
      name="promise.dueOn"
      label={t('visits.form.promiseDue')}
      required
      fullWidth
    />
  );
  return (
    <Grid container spacing={2}>
      <AmountAndLoan form={form} draft={draft} section="promise" middle={dueOn} />
    </Grid>
  );
}

export function SituationFields({ form }: { form: Form }) {
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

export function ChecklistFields({ form }: { form: Form }) {
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
