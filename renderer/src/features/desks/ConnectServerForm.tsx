import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Box, Button, Stack, TextField, Typography } from '@mui/material';
import { useForm, type UseFormSetError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { connectInput, type ConnectInput } from '../../../../electron/shared/schemas/desks';
import { ApiError } from '../../api';
import { bindField, serverErrors } from '../../components/forms';
import { useAction } from '../../components/useAction';

/** The field a refusal points at, with what to check there, beside the general message. */
const checkWhere: Partial<Record<string, { field: keyof ConnectInput; hint: string }>> = {
  SERVER_CERT_MISMATCH: { field: 'fingerprint', hint: 'connect.checkFingerprint' },
  SERVER_UNREACHABLE: { field: 'address', hint: 'connect.checkAddress' },
  PLAIN_HTTP_REFUSED: { field: 'address', hint: 'v.serverAddress' },
  DESK_NOT_ENROLLED: { field: 'code', hint: 'connect.checkCode' },
};

function explainRefusal(setError: UseFormSetError<ConnectInput>) {
  const general = serverErrors(setError);
  return (error: unknown, t: TFunction): string => {
    const text = general(error, t);
    // The core's own field errors, if it gave any, stay; otherwise the likely field is marked.
    if (error instanceof ApiError) {
      const where = checkWhere[error.error.code];
      if (where && !error.error.fields?.[where.field]) {
        setError(where.field, { type: 'server', message: where.hint });
      }
    }
    return text;
  };
}

/**
 * The first screen's other choice: this PC joins the branch server with the address and
 * fingerprint the manager read out and a one-time code. What was typed stays after a refusal;
 * once joined, the app reads its state again and shows the sign-in.
 */
export function ConnectServerForm({ onConnected }: { onConnected: () => void }) {
  const { t } = useTranslation();
  const form = useForm<ConnectInput, unknown, z.output<typeof connectInput>>({
    resolver: zodResolver(connectInput),
    mode: 'onTouched',
    defaultValues: { address: '', code: '', fingerprint: '', name: '' },
  });
  const { handleSubmit, formState, setError } = form;
  const connect = useAction('desks:connect', {
    failureTo: 'inline',
    explain: explainRefusal(setError),
    onDone: onConnected,
  });
  const submit = handleSubmit((values) => connect.run(values));
  const busy = formState.isSubmitting || connect.busy;

  return (
    <Box component="form" noValidate onSubmit={submit} aria-label={t('connect.title')}>
      <Stack spacing={2}>
        <Typography color="text.secondary">{t('connect.intro')}</Typography>
        <TextField
          {...bindField(form, 'address', t, t('connect.address.help'))}
          label={t('connect.address')}
          placeholder="https://192.168.1.20:8443"
          autoFocus
          required
          fullWidth
          slotProps={{ htmlInput: { spellCheck: false, autoCapitalize: 'off' } }}
        />
        <TextField
          {...bindField(form, 'code', t, t('connect.code.help'))}
          label={t('connect.code')}
          placeholder="7K3M-Q9TX-2HBD"
          required
          fullWidth
          slotProps={{ htmlInput: { spellCheck: false, style: { fontFamily: 'monospace' } } }}
        />
        <TextField
          {...bindField(form, 'fingerprint', t, t('connect.fingerprint.help'))}
          label={t('connect.fingerprint')}
          required
          fullWidth
          slotProps={{ htmlInput: { spellCheck: false, style: { fontFamily: 'monospace' } } }}
        />
        <TextField
          {...bindField(form, 'name', t, t('connect.name.help'))}
          label={t('connect.name')}
          required
          fullWidth
        />
        {connect.failure && (
          <Alert severity="error" data-testid="connect-failure">
            {connect.failure}
          </Alert>
        )}
        <Box sx={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button type="submit" variant="contained" disabled={busy}>
            {busy ? t('connect.connecting') : t('connect.submit')}
          </Button>
        </Box>
      </Stack>
    </Box>
  );
}
