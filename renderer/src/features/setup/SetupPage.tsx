import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Box,
  Button,
  Container,
  Paper,
  Stack,
  Step,
  StepLabel,
  Stepper,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useForm, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { setupInput, type SetupInput } from '../../../../electron/shared/schemas/foundation';
import { CornerLanguageSwitch } from '../../components/LanguageSwitch';
import { fieldError, serverErrors } from '../../components/forms';
import { PassphraseField } from '../../components/PassphraseField';
import { useAction } from '../../components/useAction';
import { ConnectServerForm } from '../desks/ConnectServerForm';
import { RecoveryKeySheet } from './RecoveryKeySheet';

const branchFields = [
  'branch.name',
  'branch.code',
  'branch.address',
  'branch.phone',
  'branch.complaintHotline',
  'branch.timeZone',
] as const;
const managerFields = [
  'manager.name',
  'manager.staffNo',
  'manager.username',
  'manager.passphrase',
  'manager.confirm',
] as const;

const passphraseFields = new Set(['manager.passphrase', 'manager.confirm']);

export function SetupPage({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [step, setStep] = useState(0);
  // A new branch on this PC, or this PC joining the branch server (issue 20).
  const [choice, setChoice] = useState<'newBranch' | 'connect'>('newBranch');
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  const form = useForm<SetupInput>({
    resolver: zodResolver(setupInput),
    mode: 'onTouched',
    defaultValues: {
      branch: {
        name: '',
        code: '',
        address: '',
        phone: '',
        complaintHotline: '',
        timeZone: 'Asia/Shanghai',
      },
      manager: { name: '', staffNo: '', username: 'admin', passphrase: '', confirm: '' },
    },
  });
  const { register, handleSubmit, trigger, formState, setError } = form;

  const errorAt = (path: Path<SetupInput>) => {
    const [group, key] = path.split('.') as ['branch' | 'manager', string];
    return (formState.errors[group] as Record<string, { message?: string }> | undefined)?.[key];
  };

  const field = (
    path: (typeof branchFields)[number] | (typeof managerFields)[number],
    autoFocus = false,
  ) => {
    const error = errorAt(path);
    const props = {
      ...register(path),
      label: t(`setup.${path}`),
      error: Boolean(error),
      helperText: fieldError(t, error) ?? t(`setup.${path}.help`, { defaultValue: '' }),
      fullWidth: true,
      autoFocus,
      required: path !== 'branch.timeZone',
    };
    return passphraseFields.has(path) ? (
      <PassphraseField key={path} {...props} />
    ) : (
      <TextField key={path} {...props} />
    );
  };

  const next = async () => {
    if (await trigger(branchFields)) setStep(1);
  };

  const setup = useAction('auth:setup', {
    onDone: (result) => {
      setRecoveryKey(result.recoveryKey);
      setStep(2);
    },
    failureTo: 'inline',
    explain: serverErrors(setError),
  });
  const failure = setup.failure;
  const submit = handleSubmit((values) => setup.run(values));

  return (
    <Container maxWidth="md" sx={{ py: 4 }}>
      <CornerLanguageSwitch />
      <Typography variant="h4" component="h1" gutterBottom>
        {t('setup.title')}
      </Typography>
      {step === 0 && (
        <ToggleButtonGroup
          exclusive
          fullWidth
          color="primary"
          value={choice}
          onChange={(_event, next: typeof choice | null) => next && setChoice(next)}
          aria-label={t('setup.choice')}
          sx={{ mb: 2 }}
        >
          <ToggleButton value="newBranch">{t('setup.choice.newBranch')}</ToggleButton>
          <ToggleButton value="connect">{t('setup.choice.connect')}</ToggleButton>
        </ToggleButtonGroup>
      )}
      {choice === 'connect' ? (
        <Paper sx={{ p: 3 }}>
          <ConnectServerForm onConnected={onDone} />
        </Paper>
      ) : (
        <>
          <Typography color="text.secondary" sx={{ mb: 3 }}>
            {t('setup.intro')}
          </Typography>
          <Stepper activeStep={step} sx={{ mb: 3 }}>
            <Step>
              <StepLabel>{t('setup.step.branch')}</StepLabel>
            </Step>
            <Step>
              <StepLabel>{t('setup.step.manager')}</StepLabel>
            </Step>
            <Step>
              <StepLabel>{t('setup.step.recovery')}</StepLabel>
            </Step>
          </Stepper>
          <Paper sx={{ p: 3 }}>
            {step === 0 && (
              <Box
                component="form"
                noValidate
                onSubmit={(e) => {
                  e.preventDefault();
                  void next();
                }}
              >
                <Stack spacing={2}>
                  {branchFields.map((f, i) => field(f, i === 0))}
                  <Box sx={{ display: 'flex', justifyContent: 'flex-end' }}>
                    <Button type="submit" variant="contained">
                      {t('common.next')}
                    </Button>
                  </Box>
                </Stack>
              </Box>
            )}
            {step === 1 && (
              <Box component="form" noValidate onSubmit={submit}>
                <Stack spacing={2}>
                  <Alert severity="info">{t('setup.managerIntro')}</Alert>
                  {managerFields.map((f, i) => field(f, i === 0))}
                  {failure && <Alert severity="error">{failure}</Alert>}
                  <Box sx={{ display: 'flex', justifyContent: 'space-between' }}>
                    <Button onClick={() => setStep(0)}>{t('common.back')}</Button>
                    <Button type="submit" variant="contained" disabled={formState.isSubmitting}>
                      {formState.isSubmitting ? t('setup.creating') : t('setup.create')}
                    </Button>
                  </Box>
                </Stack>
              </Box>
            )}
            {step === 2 && recoveryKey && (
              <RecoveryKeySheet
                recoveryKey={recoveryKey}
                branchName={form.getValues('branch.name')}
                onDone={onDone}
              />
            )}
          </Paper>
        </>
      )}
    </Container>
  );
}
