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
  secondApproverRoles,
  waiverSettingsSchema,
  type WaiverSettings,
} from '../../../../electron/shared/schemas/waivers';
import { useCan } from '../../app/session';
import { CardSaveActions } from '../../components/CardSaveActions';
import { fieldError, serverErrors } from '../../components/forms';
import { useAction } from '../../components/useAction';
import { useChannel } from '../../components/useChannel';

/**
 * Who gives the approval beside a manager's for a waiver or settlement. Everyone sees it; only
 * a manager changes it (settings.edit, checked again in main), audited with before and after.
 */
export function WaiverSettingsCard() {
  const { t } = useTranslation();
  const editable = useCan('settings.edit');
  const { control, handleSubmit, reset, formState, setError } = useForm<WaiverSettings>({
    resolver: zodResolver(waiverSettingsSchema),
    defaultValues: { secondApproverRole: 'auditor' },
  });
  const { loading } = useChannel('waivers:settings', {}, { onData: (s) => reset(s) });
  const save = useAction('waivers:saveSettings', {
    done: t('common.saved'),
    explain: serverErrors(setError),
    onDone: (s) => reset(s),
  });
  const submit = handleSubmit((values) => save.run(values));
  return (
    <Card component="form" noValidate onSubmit={submit} aria-label={t('waivers.settings.title')}>
      <CardHeader title={t('waivers.settings.title')} subheader={t('waivers.settings.subtitle')} />
      {loading && <LinearProgress />}
      <CardContent>
        <Controller
          control={control}
          name="secondApproverRole"
          render={({ field, fieldState }) => (
            <TextField
              select
              label={t('waivers.settings.role')}
              {...field}
              disabled={!editable || loading}
              error={Boolean(fieldState.error)}
              helperText={fieldError(t, fieldState.error)}
              sx={{ width: 360 }}
            >
              {secondApproverRoles.map((role) => (
                <MenuItem key={role} value={role}>
                  {t(`waivers.settings.role.${role}`)}
                </MenuItem>
              ))}
            </TextField>
          )}
        />
        <Typography variant="body2" color="text.secondary" sx={{ mt: 2, maxWidth: 720 }}>
          {t('waivers.settings.help')}
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
