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
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  recordsSettingsSchema,
  type RecordsSettings,
} from '../../../../electron/shared/channels/records';
import { useCan } from '../../app/session';
import { fieldError, serverErrors } from '../../components/forms';
import { CardSaveActions } from '../../components/CardSaveActions';
import { useAction } from '../../components/useAction';
import { useChannel } from '../../components/useChannel';

/**
 * Visit-record rules: the grace after a promise's (or instalment's) due date in which a payment
 * still keeps it. Everyone sees the rule that judges their promises; only a manager changes it
 * (settings.edit, checked again in main), and the change is audited with before and after.
 */
export function RecordsSettingsCard() {
  const { t } = useTranslation();
  const editable = useCan('settings.edit');
  const { register, handleSubmit, reset, formState, setError } = useForm<RecordsSettings>({
    resolver: zodResolver(recordsSettingsSchema),
    defaultValues: { promiseGraceDays: 3 },
  });
  const { loading } = useChannel('records:settings', {}, { onData: (settings) => reset(settings) });
  const save = useAction('records:saveSettings', {
    done: t('common.saved'),
    explain: serverErrors(setError),
    onDone: (settings) => reset(settings),
  });
  const submit = handleSubmit((values) => save.run(values));
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
