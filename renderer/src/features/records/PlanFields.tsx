import {
  Alert,
  FormControlLabel,
  Grid,
  MenuItem,
  Radio,
  RadioGroup,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useMemo } from 'react';
import { Controller, useWatch, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { MAX_INSTALMENTS, planPreviewInput } from '../../../../electron/shared/schemas/records';
import type { RecordDraft } from '../../../../electron/shared/schemas/records-views';
import { FormDateField } from '../../components/DateField';
import { bindField, fieldError } from '../../components/forms';
import { YuanField } from '../../components/YuanField';
import { formatYuan as yuan } from '../../../../electron/shared/money';
import type { OutcomeFormOutput, OutcomeFormValues } from './form-values';
import { useChannel } from '../../components/useChannel';

/**
 * The repayment plan section: instalments (equal or custom), first due date, total, and a live
 * preview of the schedule from the core with the totals check against the overdue amount.
 */
export function PlanFields({
  form,
  draft,
}: {
  form: UseFormReturn<OutcomeFormValues, unknown, OutcomeFormOutput>;
  draft: RecordDraft;
}) {
  const { t } = useTranslation();
  const { control, setValue } = form;
  const plan = useWatch({ control, name: 'plan' });

  // Custom mode keeps one amount per instalment as the count changes.
  useEffect(() => {
    if (plan.mode !== 'custom') return;
    const count = Math.max(0, Math.min(MAX_INSTALMENTS, Math.trunc(plan.count) || 0));
    if (plan.amountsFen.length !== count) {
      const next = Array.from({ length: count }, (_v, i) => plan.amountsFen[i] ?? null);
      setValue('plan.amountsFen', next);
    }
  }, [plan.mode, plan.count, plan.amountsFen, setValue]);

  // The preview answers one set of values; a stale answer is never shown for newer values.
  const key = JSON.stringify(plan);
  const candidate = useMemo(
    () => planPreviewInput.safeParse({ borrowerId: draft.borrowerId, ...JSON.parse(key) }),
    [key, draft.borrowerId],
  );
  // A short pause, so typing a total does not send a request per keystroke; a preview that
  // cannot be had shows nothing (saving checks the plan again).
  const asked = useChannel('records:previewPlan', candidate.success ? candidate.data : null, {
    failure: 'quiet',
    pauseMs: 250,
  });
  const preview = candidate.success && !asked.loading ? asked.data : null;

  return (
    <Grid container spacing={2}>
      <Grid size={{ xs: 12 }}>
        <Controller
          control={control}
          name="plan.mode"
          render={({ field }) => (
            <RadioGroup row {...field} aria-label={t('visits.form.planMode')}>
              <FormControlLabel
                value="equal"
                control={<Radio />}
                label={t('visits.form.planEqual')}
              />
              <FormControlLabel
                value="custom"
                control={<Radio />}
                label={t('visits.form.planCustom')}
              />
            </RadioGroup>
          )}
        />
      </Grid>
      <Grid size={{ xs: 12, sm: 4 }}>
        <TextField
          label={t('visits.form.planCount')}
          type="number"
          slotProps={{ htmlInput: { min: 1, max: MAX_INSTALMENTS } }}
          fullWidth
          {...form.register('plan.count', { valueAsNumber: true })}
          error={Boolean(form.formState.errors.plan?.count)}
          helperText={fieldError(t, form.formState.errors.plan?.count)}
        />
      </Grid>
      <Grid size={{ xs: 12, sm: 4 }}>
        <FormDateField
          control={control}
          name="plan.firstDueOn"
          label={t('visits.form.planFirstDue')}
          required
          fullWidth
        />
      </Grid>
      <Grid size={{ xs: 12, sm: 4 }}>
        <YuanField control={control} name="plan.totalFen" label={t('visits.form.planTotal')} />
      </Grid>
      <Grid size={{ xs: 12, sm: 6 }}>
        <Controller
          control={control}
          name="plan.loanId"
          render={({ field }) => (
            <TextField
              select
              label={t('visits.form.loan')}
              value={field.value ?? ''}
              onChange={(e) =>
                field.onChange(e.target.value === '' ? null : Number(e.target.value))
              }
              fullWidth
              slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
            >
              <MenuItem value="">{t('visits.form.anyLoan')}</MenuItem>
              {draft.loans.map((loan) => (
                <MenuItem key={loan.id} value={loan.id}>
                  {loan.loanNo} · {yuan(loan.overdueFen)}
                </MenuItem>
              ))}
            </TextField>
          )}
        />
      </Grid>
      <Grid size={{ xs: 12, sm: 6 }}>
        <TextField
          label={t('visits.form.shortfallReason')}
          fullWidth
          {...bindField(form, 'plan.shortfallReason', t)}
        />
      </Grid>
      {plan.mode === 'custom' &&
        plan.amountsFen.map((_amount, index) => (
          <Grid size={{ xs: 6, sm: 3 }} key={index}>
            <YuanField
              control={control}
              name={`plan.amountsFen.${index}`}
              label={t('visits.form.planInstalment', { seq: index + 1 })}
            />
          </Grid>
        ))}
      {form.formState.errors.plan?.amountsFen?.message && (
        <Grid size={{ xs: 12 }}>
          <Alert severity="error">{t(form.formState.errors.plan.amountsFen.message)}</Alert>
        </Grid>
      )}
      {preview && (
        <Grid size={{ xs: 12 }}>
          <Typography variant="subtitle2" gutterBottom>
            {t('visits.form.preview')}
          </Typography>
          <Alert
            severity={Object.keys(preview.problems).length ? 'warning' : 'success'}
            sx={{ mb: 1 }}
          >
            {t('visits.form.previewOverdue', {
              overdue: yuan(preview.overdueFen),
              total: yuan(preview.totalFen),
            })}
            {' · '}
            {Object.values(preview.problems)
              .map((key) => t(key))
              .join(' ') || t('visits.form.previewCovers')}
          </Alert>
          <Table size="small" aria-label={t('visits.form.preview')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('visits.col.seq')}</TableCell>
                <TableCell>{t('visits.col.due')}</TableCell>
                <TableCell align="right">{t('visits.col.amount')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {preview.instalments.map((i) => (
                <TableRow key={i.seq}>
                  <TableCell>{i.seq}</TableCell>
                  <TableCell>{i.dueOn}</TableCell>
                  <TableCell align="right">{yuan(i.amountFen)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Grid>
      )}
    </Grid>
  );
}
