import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  Checkbox,
  FormControlLabel,
  FormGroup,
  FormLabel,
  LinearProgress,
  Stack,
  Switch,
  TextField,
  Typography,
} from '@mui/material';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  certificateKinds,
  LEGAL_EARLIEST,
  LEGAL_LATEST,
  planningRulesSchema,
  type PlanningRules,
  type WorklistWeights,
} from '../../../../electron/shared/compliance';
import { useCan } from '../../app/session';
import { FormDateField } from '../../components/DateField';
import { fieldText, serverErrors } from '../../components/forms';
import { useAction } from '../../components/useAction';
import { useChannel } from '../../components/useChannel';

type NumberRule =
  | 'minStaff'
  | 'minDaysBetweenVisits'
  | 'maxVisitsPerMonth'
  | 'maxContactsPerDay'
  | 'noticeMinHours'
  | 'elderlyAge';
type SwitchRule =
  'avoidPublicHolidays' | 'avoidRestDays' | 'vulnerableNeedsApproval' | 'disputedOnHold';
const numberRules: NumberRule[] = [
  'minStaff',
  'minDaysBetweenVisits',
  'maxVisitsPerMonth',
  'maxContactsPerDay',
  'noticeMinHours',
  'elderlyAge',
];
const switchRules: SwitchRule[] = [
  'avoidPublicHolidays',
  'avoidRestDays',
  'vulnerableNeedsApproval',
  'disputedOnHold',
];
const weights: (keyof WorklistWeights)[] = [
  'daysPastDue',
  'overdueAmount',
  'brokenPromises',
  'daysSinceContact',
  'noNotice',
];

/**
 * The branch's visit rules. Everyone may read them; the manager edits. The shared schema
 * refuses settings beyond the legal limits (hours outside 08:00–22:00, fewer than two staff),
 * so the form says so before anything is sent.
 */
export function RulesCard() {
  const { t } = useTranslation();
  const canEdit = useCan('settings.edit');
  const { register, handleSubmit, control, formState, reset, setError } = useForm<PlanningRules>({
    resolver: zodResolver(planningRulesSchema),
  });
  const rules = useChannel('planning:rules', {}, { onData: (rules) => reset(rules) });
  // The form shows once it holds the branch's rules, not the empty defaults.
  const loaded = rules.data !== null;
  const save = useAction('planning:updateRules', {
    done: t('common.saved'),
    onDone: (rules) => reset(rules),
    failureTo: 'inline',
    explain: serverErrors(setError),
  });
  const failure = save.failure;
  const submit = handleSubmit((values) => save.run(values));

  const errors = formState.errors;
  const number = (name: NumberRule) => (
    <TextField
      key={name}
      {...register(name, { valueAsNumber: true })}
      type="number"
      label={t(`planRules.${name}`)}
      disabled={!canEdit}
      error={Boolean(errors[name])}
      helperText={fieldText(t, errors[name]) ?? t(`planRules.${name}Help`)}
      sx={{ width: 220 }}
    />
  );

  return (
    <Card>
      <CardHeader
        title={t('planRules.title')}
        subheader={t('planRules.help', { earliest: LEGAL_EARLIEST, latest: LEGAL_LATEST })}
      />
      {!loaded && <LinearProgress />}
      {loaded && (
        <CardContent>
          <form noValidate onSubmit={submit} aria-label={t('planRules.title')}>
            <Stack spacing={3}>
              <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
                {(['allowedStart', 'allowedEnd'] as const).map((name) => (
                  <FormDateField
                    key={name}
                    kind="time"
                    control={control}
                    name={name}
                    label={t(`planRules.${name}`)}
                    min={LEGAL_EARLIEST}
                    max={LEGAL_LATEST}
                    disabled={!canEdit}
                    required
                    sx={{ width: 220 }}
                  />
                ))}
                {numberRules.map(number)}
              </Stack>
              <FormGroup row>
                {switchRules.map((name) => (
                  <Controller
                    key={name}
                    control={control}
                    name={name}
                    render={({ field }) => (
                      <FormControlLabel
                        control={
                          <Switch
                            checked={Boolean(field.value)}
                            disabled={!canEdit}
                            onChange={(e) => field.onChange(e.target.checked)}
                          />
                        }
                        label={t(`planRules.${name}`)}
                      />
                    )}
                  />
                ))}
              </FormGroup>
              <Box>
                <FormLabel>{t('planRules.certificateKinds')}</FormLabel>
                <Controller
                  control={control}
                  name="certificateKinds"
                  render={({ field }) => (
                    <FormGroup row>
                      {certificateKinds.map((kind) => (
                        <FormControlLabel
                          key={kind}
                          control={
                            <Checkbox
                              disabled={!canEdit}
                              checked={field.value?.includes(kind) ?? false}
                              onChange={(e) =>
                                field.onChange(
                                  e.target.checked
                                    ? [...(field.value ?? []), kind]
                                    : (field.value ?? []).filter((k) => k !== kind),
                                )
                              }
                            />
                          }
                          label={t(`certificateKind.${kind}`)}
                        />
                      ))}
                    </FormGroup>
                  )}
                />
                {errors.certificateKinds && (
                  <Typography variant="caption" color="error">
                    {fieldText(t, errors.certificateKinds)}
                  </Typography>
                )}
              </Box>
              <Box>
                <FormLabel>{t('planRules.weights')}</FormLabel>
                <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
                  {t('planRules.weightsHelp')}
                </Typography>
                <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
                  {weights.map((w) => (
                    <TextField
                      key={w}
                      {...register(`worklistWeights.${w}`, { valueAsNumber: true })}
                      type="number"
                      label={t(`planRules.weight.${w}`)}
                      disabled={!canEdit}
                      error={Boolean(errors.worklistWeights?.[w])}
                      helperText={
                        errors.worklistWeights?.[w] ? t('planRules.weightRange') : undefined
                      }
                      sx={{ width: 160 }}
                    />
                  ))}
                </Stack>
              </Box>
              {failure && <Alert severity="error">{failure}</Alert>}
              {canEdit ? (
                <Box>
                  <Button type="submit" variant="contained" disabled={formState.isSubmitting}>
                    {t('common.save')}
                  </Button>
                </Box>
              ) : (
                <Alert severity="info">{t('planRules.readOnly')}</Alert>
              )}
            </Stack>
          </form>
        </CardContent>
      )}
    </Card>
  );
}
