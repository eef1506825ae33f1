import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Grid, MenuItem, TextField, Typography } from '@mui/material';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { formatYuan as yuan } from '../../../../electron/shared/money';
import type { LoanView } from '../../../../electron/shared/schemas/case-page';
import { waiverKinds, waiverProposeInput } from '../../../../electron/shared/schemas/waivers';
import { FormDateField } from '../../components/DateField';
import { bindField, fieldError } from '../../components/forms';
import { FormDialog } from '../../components/FormDialog';
import { useAction } from '../../components/useAction';
import { YuanField } from '../../components/YuanField';
import { waiverErrors } from './explain';

type ProposeForm = z.input<typeof waiverProposeInput>;
type ProposeValues = z.output<typeof waiverProposeInput>;

/**
 * A waiver of penalty or interest, or a settlement for less, on one of the borrower's active
 * loans, from the case page or a visit record. The amounts owed shown are the loan's on file;
 * the core checks the amounts against them again when it saves.
 */
export function WaiverDialog(props: {
  borrowerId: number;
  borrowerName: string;
  loans: readonly LoanView[];
  visitRecordId?: number | null;
  today: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const loans = props.loans.filter((l) => l.status === 'active');
  const form = useForm<ProposeForm, unknown, ProposeValues>({
    resolver: zodResolver(waiverProposeInput),
    mode: 'onTouched',
    defaultValues: {
      borrowerId: props.borrowerId,
      loanId: loans[0]?.id ?? 0,
      visitRecordId: props.visitRecordId ?? null,
      kind: 'penalty',
      waivedFen: null,
      settlePayFen: null,
      payBy: null,
      reason: '',
    },
  });
  const { control } = form;
  const [loanId, kind, settlePayFen] = useWatch({
    control,
    name: ['loanId', 'kind', 'settlePayFen'],
  });
  const loan = loans.find((l) => l.id === loanId);
  const owed = loan ? loan.outstandingPrincipalFen + loan.overdueInterestFen + loan.penaltyFen : 0;
  const save = useAction('waivers:propose', {
    done: t('waivers.proposed'),
    onDone: () => props.onSaved(),
    failureTo: 'inline',
    explain: waiverErrors(form.setError),
  });
  const submit = form.handleSubmit((values) =>
    save.run({
      ...values,
      // Only the amounts of the kind chosen travel.
      waivedFen: values.kind === 'settlement' ? null : values.waivedFen,
      settlePayFen: values.kind === 'settlement' ? values.settlePayFen : null,
      payBy: values.kind === 'settlement' ? values.payBy : null,
    }),
  );
  const pay = typeof settlePayFen === 'number' && Number.isInteger(settlePayFen) ? settlePayFen : 0;
  return (
    <FormDialog
      title={t('waivers.proposeTitle', { name: props.borrowerName })}
      onClose={props.onClose}
      onSubmit={submit}
      submitting={form.formState.isSubmitting}
      failure={save.failure}
      submitLabel={t('waivers.submit')}
      maxWidth="sm"
    >
      <Alert severity="info">{t('waivers.proposeHelp')}</Alert>
      <Grid container spacing={2}>
        <Grid size={12}>
          <Controller
            control={control}
            name="loanId"
            render={({ field, fieldState }) => (
              <TextField
                select
                label={t('waivers.loan')}
                // The loan's figures are long in English: they wrap rather than end in "…".
                sx={{ '& .MuiSelect-select': { whiteSpace: 'normal' } }}
                {...field}
                onChange={(e) => field.onChange(Number(e.target.value))}
                error={Boolean(fieldState.error)}
                helperText={fieldError(t, fieldState.error)}
                fullWidth
              >
                {loans.map((l) => (
                  <MenuItem key={l.id} value={l.id}>
                    {t('waivers.loanOption', {
                      loanNo: l.loanNo,
                      principal: yuan(l.outstandingPrincipalFen),
                      interest: yuan(l.overdueInterestFen),
                      penalty: yuan(l.penaltyFen),
                    })}
                  </MenuItem>
                ))}
              </TextField>
            )}
          />
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <Controller
            control={control}
            name="kind"
            render={({ field, fieldState }) => (
              <TextField
                select
                label={t('waivers.kind')}
                {...field}
                error={Boolean(fieldState.error)}
                helperText={fieldError(t, fieldState.error)}
                fullWidth
              >
                {waiverKinds.map((k) => (
                  <MenuItem key={k} value={k}>
                    {t(`waivers.kind.${k}`)}
                  </MenuItem>
                ))}
              </TextField>
            )}
          />
        </Grid>
        {kind === 'settlement' ? (
          <>
            <Grid size={{ xs: 12, sm: 6 }}>
              <YuanField control={control} name="settlePayFen" label={t('waivers.settlePay')} />
            </Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              <FormDateField
                control={control}
                name="payBy"
                label={t('waivers.payBy')}
                min={props.today}
                required
                fullWidth
              />
            </Grid>
          </>
        ) : (
          <Grid size={{ xs: 12, sm: 6 }}>
            <YuanField control={control} name="waivedFen" label={t('waivers.waived')} />
          </Grid>
        )}
        {loan && (
          <Grid size={12}>
            <Typography variant="body2" color="text.secondary" role="status">
              {t('waivers.owedLine', {
                principal: yuan(loan.outstandingPrincipalFen),
                interest: yuan(loan.overdueInterestFen),
                penalty: yuan(loan.penaltyFen),
                total: yuan(owed),
              })}
              {kind === 'settlement' && pay > 0 && pay < owed
                ? ` · ${t('waivers.settleLine', { pay: yuan(pay), waived: yuan(owed - pay) })}`
                : ''}
            </Typography>
          </Grid>
        )}
        <Grid size={12}>
          <TextField
            {...bindField(form, 'reason', t, t('waivers.reasonHelp'))}
            label={t('waivers.reason')}
            required
            multiline
            minRows={2}
            fullWidth
          />
        </Grid>
      </Grid>
    </FormDialog>
  );
}
