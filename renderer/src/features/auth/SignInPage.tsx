import { zodResolver } from '@hookform/resolvers/zod';
import LockOpenIcon from '@mui/icons-material/LockOpen';
import {
  Alert,
  Box,
  Button,
  Container,
  Link,
  Paper,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { signInInput, type SignInInput } from '../../../../electron/shared/schemas/foundation';
import { CornerLanguageSwitch } from '../../components/LanguageSwitch';
import { bindField, fieldError } from '../../components/forms';
import { PassphraseField } from '../../components/PassphraseField';
import { useAction } from '../../components/useAction';
import { RecoverDialog } from './RecoverDialog';

export function SignInPage(props: {
  branchName: string | null;
  keyFileProblem: boolean;
  /** The database server the data is on (`host:port/database`), or null for this PC's file. */
  server?: string | null;
  /** `server` is the branch server (issue 20), not a database server. */
  branchServer?: boolean;
  onSignedIn: () => void;
}) {
  const { t } = useTranslation();
  const [recovering, setRecovering] = useState(props.keyFileProblem);
  const form = useForm<SignInInput>({
    resolver: zodResolver(signInInput),
    defaultValues: { username: '', passphrase: '' },
  });
  const { register, handleSubmit, formState, resetField, setFocus } = form;

  const signIn = useAction('auth:signIn', {
    onDone: () => props.onSignedIn(),
    // A refused passphrase is typed again from the start.
    onFailed: () => {
      resetField('passphrase');
      setFocus('passphrase');
    },
    failureTo: 'inline',
  });
  const failure = signIn.failure;
  const submit = handleSubmit((values) => signIn.run(values));

  return (
    <Container maxWidth="xs" sx={{ pt: 12 }}>
      <CornerLanguageSwitch />
      <Paper sx={{ p: 4 }}>
        <Stack component="form" noValidate spacing={2} onSubmit={submit}>
          <Box sx={{ textAlign: 'center' }}>
            <LockOpenIcon color="primary" sx={{ fontSize: 40 }} />
            <Typography variant="h5" component="h1">
              {t('auth.signInTitle')}
            </Typography>
            {props.branchName && <Typography color="text.secondary">{props.branchName}</Typography>}
            {props.server && (
              <Typography color="text.secondary" variant="body2" data-testid="signin-server">
                {t(props.branchServer ? 'auth.onBranchServer' : 'auth.onServer', {
                  server: props.server,
                })}
              </Typography>
            )}
          </Box>
          {props.keyFileProblem && <Alert severity="warning">{t('e.KEYSLOTS_DAMAGED')}</Alert>}
          <TextField
            {...register('username')}
            label={t('auth.username')}
            autoFocus
            autoComplete="username"
            error={Boolean(formState.errors.username)}
            helperText={fieldError(t, form.formState.errors.username)}
          />
          <PassphraseField {...bindField(form, 'passphrase', t)} label={t('auth.passphrase')} />
          {failure && (
            <Alert severity="error" role="alert">
              {failure}
            </Alert>
          )}
          <Button type="submit" variant="contained" size="large" disabled={formState.isSubmitting}>
            {formState.isSubmitting ? t('auth.signingIn') : t('auth.signIn')}
          </Button>
          <Link component="button" type="button" onClick={() => setRecovering(true)}>
            {t('auth.useRecoveryKey')}
          </Link>
        </Stack>
      </Paper>
      <RecoverDialog open={recovering} onClose={() => setRecovering(false)} />
    </Container>
  );
}
