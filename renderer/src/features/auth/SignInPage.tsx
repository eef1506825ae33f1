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
import { call } from '../../api';
import { bindField, fieldError, errorMessage } from '../../components/forms';
import { PassphraseField } from '../../components/PassphraseField';
import { RecoverDialog } from './RecoverDialog';

export function SignInPage(props: {
  branchName: string | null;
  keyFileProblem: boolean;
  onSignedIn: () => void;
}) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<string | null>(null);
  const [recovering, setRecovering] = useState(props.keyFileProblem);
  const form = useForm<SignInInput>({
    resolver: zodResolver(signInInput),
    defaultValues: { username: '', passphrase: '' },
  });
  const { register, handleSubmit, formState, resetField, setFocus } = form;

  const submit = handleSubmit(async (values) => {
    setFailure(null);
    try {
      await call('auth:signIn', values);
      props.onSignedIn();
    } catch (error) {
      setFailure(errorMessage(error, t));
      resetField('passphrase');
      setFocus('passphrase');
    }
  });

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
