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
import { useEffect } from 'react';
import {
  Controller,
  useForm,
  type DefaultValues,
  type FieldValues,
  type Path,
} from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { useCan } from '../app/session';
import { CardSaveActions } from './CardSaveActions';
import { fieldError, serverErrors } from './forms';
import { useAction } from './useAction';

/**
 * A branch setting that is one choice from a list (the report's extra buckets, the waivers'
 * second approver): everyone sees it; only a manager changes it (settings.edit, checked again
 * in main, which audits the change with before and after).
 */
export function ChoiceSettingCard<T extends FieldValues>(props: {
  title: string;
  subtitle: string;
  label: string;
  help: string;
  schema: z.ZodType<T, T>;
  name: Path<T>;
  choices: readonly string[];
  choiceLabel: (choice: string) => string;
  defaults: DefaultValues<NoInfer<T>>;
  /** The saved setting (null while it is read). */
  current: NoInfer<T> | null;
  loading: boolean;
  save: (values: NoInfer<T>) => Promise<NoInfer<T>>;
  width: number;
}) {
  const { t } = useTranslation();
  const editable = useCan('settings.edit');
  const { control, handleSubmit, reset, formState, setError } = useForm<T>({
    resolver: zodResolver(props.schema),
    defaultValues: props.defaults,
  });
  const { current } = props;
  useEffect(() => {
    if (current) reset(current);
  }, [current, reset]);
  const save = useAction(props.save, {
    done: t('common.saved'),
    explain: serverErrors(setError),
    onDone: (saved) => reset(saved),
  });
  const submit = handleSubmit((values) => save.run(values));
  return (
    <Card component="form" noValidate onSubmit={submit} aria-label={props.title}>
      <CardHeader title={props.title} subheader={props.subtitle} />
      {props.loading && <LinearProgress />}
      <CardContent>
        <Controller
          control={control}
          name={props.name}
          render={({ field, fieldState }) => (
            <TextField
              select
              label={props.label}
              {...field}
              disabled={!editable || props.loading}
              error={Boolean(fieldState.error)}
              helperText={fieldError(t, fieldState.error)}
              // A long choice (English says more) wraps instead of ending in "…".
              sx={{ width: props.width, '& .MuiSelect-select': { whiteSpace: 'normal' } }}
            >
              {props.choices.map((choice) => (
                <MenuItem key={choice} value={choice} sx={{ whiteSpace: 'normal' }}>
                  {props.choiceLabel(choice)}
                </MenuItem>
              ))}
            </TextField>
          )}
        />
        <Typography variant="body2" color="text.secondary" sx={{ mt: 2, maxWidth: 720 }}>
          {props.help}
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
