import { zodResolver } from '@hookform/resolvers/zod';
import {
  Card,
  CardContent,
  CardHeader,
  InputAdornment,
  LinearProgress,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  recordsSettingsSchema,
  type RecordsSettings,
} from '../../../../electron/shared/channels/records';
import { call } from '../../api';
import { useCan } from '../../app/session';
import { applyServerError, errorMessage, fieldError } from '../../components/forms';
import { useToast } from '../../components/Toasts';
import { CardSaveActions } from '../../components/CardSaveActions';

/**
 * Visit-record rules: the grace after a promise's (or instalment's) due date in which a payment
 * still keeps it. Everyone sees the rule that judges their promises; only a manager changes it
 * (settings.edit, checked again in main), and the change is audited with before and after.
 */
export function RecordsSettingsCard() {
  const { t } = useTranslation();
  const toast = useToast();
  const editable = useCan('settings.edit');
  const [loading, setLoading] = useState(true);
  const { register, handleSubmit, reset, formState, setError } = useForm<RecordsSettings>({
    resolver: zodResolver(recordsSettingsSchema),
    defaultValues: { promiseGraceDays: 3 },
  });
  useEffect(() => {
    call('records:settings')
      .then((settings) => reset(settings))
      .catch((error: unknown) => toast(errorMessage(error, t), 'error'))
      .finally(() => setLoading(false));
  }, [reset, toast, t]);
  const submit = handleSubmit(async (values) => {
    try {
      reset(await call('records:saveSettings', values));
      toast(t('common.saved'));
    } catch (error) {
      toast(applyServerError(error, setError, t), 'error');
    }
  });
  const error = formState.errors.promiseGraceDays;
  return (
    <Card component="form" noValidate onSubmit={submit} aria-label={t('recordsSettings.title')}>
      <CardHeader title={t('recordsSettings.title')} subheader={t('recordsSettings.subtitle')} />
      {loading && <LinearProgress />}
      <CardContent>
        <TextField
          {...register('promiseGraceDays', { valueAsNumber: true })}
          type="number"
          label={t('recordsSettings.graceDays')}
          disabled={!editable || loading}
          error={Boolean(error)}
          helperText={fieldError(t, error) ?? t('recordsSettings.graceRange')}
          slotProps={{
            inputLabel: { shrink: true },
            htmlInput: { min: 0, max: 31, step: 1 },
            input: {
              endAdornment: (
                <InputAdornment position="end">{t('recordsSettings.days')}</InputAdornment>
              ),
            },
          }}
          sx={{ width: 360 }}
        />
        <Typography variant="body2" color="text.secondary" sx={{ mt: 2, maxWidth: 720 }}>
          {t('recordsSettings.help')}
        </Typography>
      </CardContent>
      <CardSaveActions
        editable={editable}
        dirty={formState.isDirty}
        submitting={formState.isSubmitting}
      />
    </Card>
  );
}
