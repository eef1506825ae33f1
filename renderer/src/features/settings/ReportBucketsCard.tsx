import { zodResolver } from '@hookform/resolvers/zod';
import {
  Card,
  CardContent,
  CardHeader,
  LinearProgress,
  MenuItem,
  TextField,
  Typography,
} from '@mui/material';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  extraBoundaryChoices,
  reportBucketSetting,
  type ReportBucketSetting,
} from '../../../../electron/shared/report-buckets';
import { useCan } from '../../app/session';
import { CardSaveActions } from '../../components/CardSaveActions';
import { fieldError, serverErrors } from '../../components/forms';
import { useAction } from '../../components/useAction';
import { useChannel } from '../../components/useChannel';

/**
 * Extra bucket boundaries of the branch's monthly summary (M6+, M12+). Everyone sees them;
 * only a manager changes them (settings.edit, checked again in main), audited with before and
 * after.
 */
export function ReportBucketsCard() {
  const { t } = useTranslation();
  const editable = useCan('settings.edit');
  const { control, handleSubmit, reset, formState, setError } = useForm<ReportBucketSetting>({
    resolver: zodResolver(reportBucketSetting),
    defaultValues: { extra: 'none' },
  });
  const { loading } = useChannel('settings:reportBuckets', {}, { onData: (s) => reset(s) });
  const save = useAction('settings:setReportBuckets', {
    done: t('common.saved'),
    explain: serverErrors(setError),
    onDone: (s) => reset(s),
  });
  const submit = handleSubmit((values) => save.run(values));
  return (
    <Card component="form" noValidate onSubmit={submit} aria-label={t('reportBuckets.title')}>
      <CardHeader title={t('reportBuckets.title')} subheader={t('reportBuckets.subtitle')} />
      {loading && <LinearProgress />}
      <CardContent>
        <Controller
          control={control}
          name="extra"
          render={({ field, fieldState }) => (
            <TextField
              select
              label={t('reportBuckets.extra')}
              {...field}
              disabled={!editable || loading}
              error={Boolean(fieldState.error)}
              helperText={fieldError(t, fieldState.error)}
              sx={{ width: 420 }}
            >
              {extraBoundaryChoices.map((choice) => (
                <MenuItem key={choice} value={choice}>
                  {t(`reportBuckets.extra.${choice}`)}
                </MenuItem>
              ))}
            </TextField>
          )}
        />
        <Typography variant="body2" color="text.secondary" sx={{ mt: 2, maxWidth: 720 }}>
          {t('reportBuckets.help')}
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
