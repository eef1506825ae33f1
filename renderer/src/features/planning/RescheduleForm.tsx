import { zodResolver } from '@hookform/resolvers/zod';
import { Box, Button, Checkbox, FormControlLabel, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  rescheduleVisitInput,
  type RescheduleVisitInput,
  type VisitDetail,
} from '../../../../electron/shared/schemas/planning';
import { ViolationList } from './ViolationList';
import { FormDateField } from '../../components/DateField';
import { fieldText } from '../../components/forms';
import { type RuleRefusal } from './refusals';

type Values = z.output<typeof rescheduleVisitInput>;

/**
 * Moves a visit to a new time as a new visit that points back to the old one (the history
 * stays), with the reason. A refused move shows the rules; a manager may override those that
 * allow it.
 */
export function RescheduleForm(props: {
  visit: VisitDetail;
  manager: boolean;
  refusal: RuleRefusal | null;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (input: Values) => void;
}) {
  const { t } = useTranslation();
  const [overriding, setOverriding] = useState(false);
  const { register, handleSubmit, formState, control } = useForm<
    RescheduleVisitInput,
    unknown,
    Values
  >({
    resolver: zodResolver(rescheduleVisitInput),
    defaultValues: {
      id: props.visit.id,
      date: props.visit.date,
      start: props.visit.start,
      end: props.visit.end,
      reason: '',
    },
  });
  const errors = formState.errors;
  const canOverride =
    props.manager &&
    Boolean(props.refusal?.canOverride) &&
    !props.refusal?.violations.some((v) => v.severity === 'legal');
  return (
    <Box
      component="form"
      noValidate
      onSubmit={handleSubmit(props.onSubmit)}
      aria-label={t('visitView.reschedule')}
      sx={{ mt: 2 }}
    >
      <Stack spacing={2}>
        <Stack direction="row" spacing={2}>
          {(['date', 'start', 'end'] as const).map((name) => (
            <FormDateField
              key={name}
              control={control}
              name={name}
              kind={name === 'date' ? 'date' : 'time'}
              label={t(`visitPlan.${name}`)}
            />
          ))}
        </Stack>
        <TextField
          {...register('reason')}
          label={t('visitView.rescheduleReason')}
          error={Boolean(errors.reason)}
          helperText={fieldText(t, errors.reason)}
        />
        {props.refusal && (
          <ViolationList
            violations={props.refusal.violations}
            severity="error"
            title={t('visitPlan.refusedTitle')}
          />
        )}
        {canOverride && (
          <FormControlLabel
            control={
              <Checkbox checked={overriding} onChange={(e) => setOverriding(e.target.checked)} />
            }
            label={t('visitPlan.overrideAsManager')}
          />
        )}
        {canOverride && overriding && (
          <TextField
            {...register('override.reason', { shouldUnregister: true })}
            label={t('visitPlan.overrideReason')}
            error={Boolean(errors.override?.reason)}
            helperText={fieldText(t, errors.override?.reason) ?? t('visitPlan.overrideHelp')}
          />
        )}
        <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }}>
          <Button onClick={props.onCancel}>{t('common.back')}</Button>
          <Button type="submit" variant="contained" disabled={props.busy}>
            {t('visitView.confirmReschedule')}
          </Button>
        </Stack>
      </Stack>
    </Box>
  );
}
