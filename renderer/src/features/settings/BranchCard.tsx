import { zodResolver } from '@hookform/resolvers/zod';
import { Card, CardContent, CardHeader, Grid, LinearProgress, TextField } from '@mui/material';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { branchInput, type BranchInput } from '../../../../electron/shared/schemas/foundation';
import { useCan, useSession } from '../../app/session';
import { fieldError, serverErrors } from '../../components/forms';
import { CardSaveActions } from '../../components/CardSaveActions';
import { useAction } from '../../components/useAction';
import { useChannel } from '../../components/useChannel';

const fields = ['name', 'code', 'address', 'phone', 'complaintHotline', 'timeZone'] as const;

export function BranchCard() {
  const { t } = useTranslation();
  const { refresh } = useSession();
  const editable = useCan('settings.edit');
  const { register, handleSubmit, reset, formState, setError } = useForm<BranchInput>({
    resolver: zodResolver(branchInput),
  });
  const { loading } = useChannel('settings:branch', {}, { onData: (branch) => reset(branch) });
  const save = useAction('settings:updateBranch', {
    done: t('common.saved'),
    explain: serverErrors(setError),
    onDone: async (branch) => {
      reset(branch);
      await refresh();
    },
  });
  const submit = handleSubmit((values) => save.run(values));
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
