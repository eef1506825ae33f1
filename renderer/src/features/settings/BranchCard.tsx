import { zodResolver } from '@hookform/resolvers/zod';
import { Card, CardContent, CardHeader, Grid, LinearProgress, TextField } from '@mui/material';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { branchInput, type BranchInput } from '../../../../electron/shared/schemas/foundation';
import { call } from '../../api';
import { useCan, useSession } from '../../app/session';
import { applyServerError, errorMessage, fieldError } from '../../components/forms';
import { useToast } from '../../components/Toasts';
import { CardSaveActions } from '../../components/CardSaveActions';

const fields = ['name', 'code', 'address', 'phone', 'complaintHotline', 'timeZone'] as const;

export function BranchCard() {
  const { t } = useTranslation();
  const toast = useToast();
  const { refresh } = useSession();
  const editable = useCan('settings.edit');
  const [loading, setLoading] = useState(true);
  const { register, handleSubmit, reset, formState, setError } = useForm<BranchInput>({
    resolver: zodResolver(branchInput),
  });
  useEffect(() => {
    call('branch:get')
      .then((branch) => reset(branch))
      .catch((error: unknown) => toast(errorMessage(error, t), 'error'))
      .finally(() => setLoading(false));
  }, [reset, toast, t]);
  const submit = handleSubmit(async (values) => {
    try {
      reset(await call('branch:update', values));
      toast(t('common.saved'));
      await refresh();
    } catch (error) {
      toast(applyServerError(error, setError, t), 'error');
    }
  });
  return (
    <Card component="form" noValidate onSubmit={submit}>
      <CardHeader title={t('settings.branch')} subheader={t('settings.branchHelp')} />
      {loading && <LinearProgress />}
      <CardContent>
        <Grid container spacing={2}>
          {fields.map((f) => (
            <Grid key={f} size={{ xs: 12, md: f === 'address' ? 12 : 6 }}>
              <TextField
                {...register(f)}
                label={t(`setup.branch.${f}`)}
                fullWidth
                disabled={!editable}
                slotProps={{ inputLabel: { shrink: true } }}
                error={Boolean(formState.errors[f])}
                helperText={fieldError(t, formState.errors[f])}
              />
            </Grid>
          ))}
        </Grid>
      </CardContent>
      <CardSaveActions
        editable={editable}
        dirty={formState.isDirty}
        submitting={formState.isSubmitting}
      />
    </Card>
  );
}
