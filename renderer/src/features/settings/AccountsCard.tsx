import { zodResolver } from '@hookform/resolvers/zod';
import {
  Button,
  Card,
  CardContent,
  CardHeader,
  Chip,
  LinearProgress,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  createAccountInput,
  resetPassphraseInput,
  type AccountRow,
  type CreateAccountInput,
  type ResetPassphraseInput,
} from '../../../../electron/shared/channels/accounts';
import { useCan, useSession } from '../../app/session';
import { bindField, serverErrors } from '../../components/forms';
import { FormDialog } from '../../components/FormDialog';
import { NewPassphraseFields } from '../../components/NewPassphraseFields';
import { useToast } from '../../components/Toasts';
import { useAction } from '../../components/useAction';
import { useChannel } from '../../components/useChannel';
import { ConfirmDialog } from '../../components/ConfirmDialog';

type Dialogs =
  | { kind: 'create'; row: AccountRow }
  | { kind: 'reset'; row: AccountRow }
  | { kind: 'disable'; row: AccountRow }
  | null;

/** The manager's list of staff sign-in accounts (each one a key slot). */
export function AccountsCard() {
  const { t } = useTranslation();
  const toast = useToast();
  const allowed = useCan('staff.manage');
  const { session } = useSession();
  const accounts = useChannel('accounts:list', allowed ? {} : null);
  const rows = accounts.data;
  const [dialog, setDialog] = useState<Dialogs>(null);
  const closeAndReload = () => {
    setDialog(null);
    accounts.reload();
  };
  const disable = useAction('accounts:disable', {
    done: t('accounts.disabled'),
    onDone: closeAndReload,
  });
  if (!allowed) return null;
  const done = (message: string) => {
    toast(message);
    closeAndReload();
  };
  return (
    <Card>
      <CardHeader title={t('accounts.title')} subheader={t('accounts.help')} />
      {rows === null && <LinearProgress />}
      <CardContent>
        {rows && rows.length === 0 && (
          <Typography color="text.secondary">{t('accounts.empty')}</Typography>
        )}
        {rows && rows.length > 0 && (
          <Table size="small" aria-label={t('accounts.title')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('accounts.staffNo')}</TableCell>
                <TableCell>{t('accounts.name')}</TableCell>
                <TableCell>{t('accounts.role')}</TableCell>
                <TableCell>{t('accounts.username')}</TableCell>
                <TableCell align="right">{t('accounts.actions')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((row) => (
                <TableRow key={row.staffId}>
                  <TableCell>{row.staffNo}</TableCell>
                  <TableCell>{row.name}</TableCell>
                  <TableCell>{t(`role.${row.role}`)}</TableCell>
                  <TableCell>
                    {row.username ? (
                      <Chip
                        size="small"
                        color={row.canSignIn ? 'success' : 'default'}
                        label={row.username}
                      />
                    ) : (
                      <Typography variant="body2" color="text.secondary">
                        {t('accounts.none')}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell align="right">
                    {!row.username && row.active && (
                      <Button size="small" onClick={() => setDialog({ kind: 'create', row })}>
                        {t('accounts.create')}
                      </Button>
                    )}
                    {row.username && (
                      <Button size="small" onClick={() => setDialog({ kind: 'reset', row })}>
                        {t('accounts.reset')}
                      </Button>
                    )}
                    {row.username && row.staffId !== session.staffId && (
                      <Button
                        size="small"
                        color="error"
                        onClick={() => setDialog({ kind: 'disable', row })}
                      >
                        {t('accounts.disable')}
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
      {dialog?.kind === 'create' && (
        <CreateDialog
          row={dialog.row}
          onClose={() => setDialog(null)}
          onDone={() => done(t('accounts.created'))}
        />
      )}
      {dialog?.kind === 'reset' && (
        <ResetDialog
          row={dialog.row}
          onClose={() => setDialog(null)}
          onDone={() => done(t('accounts.resetDone'))}
        />
      )}
      {dialog?.kind === 'disable' && (
        <ConfirmDialog
          title={t('accounts.disableTitle', { name: dialog.row.name })}
          confirmLabel={t('accounts.disable')}
          danger
          busy={disable.busy}
          onCancel={() => setDialog(null)}
          onConfirm={() => void disable.run({ staffId: dialog.row.staffId })}
        >
          {t('accounts.disableBody')}
        </ConfirmDialog>
      )}
    </Card>
  );
}

function CreateDialog({
  row,
  onClose,
  onDone,
}: {
  row: AccountRow;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm<CreateAccountInput>({
    resolver: zodResolver(createAccountInput),
    defaultValues: { staffId: row.staffId, username: '', passphrase: '', confirm: '' },
  });
  const create = useAction('accounts:create', {
    onDone: () => onDone(),
    failureTo: 'inline',
    explain: serverErrors(form.setError),
  });
  const submit = form.handleSubmit((values) => create.run(values));
  return (
    <FormDialog
      title={t('accounts.createTitle', { name: row.name })}
      submitLabel={t('accounts.create')}
      onSubmit={submit}
      onClose={onClose}
      submitting={form.formState.isSubmitting}
      failure={create.failure}
    >
      <TextField {...bindField(form, 'username', t)} label={t('auth.username')} autoFocus />
      <NewPassphraseFields
        form={form}
        name="passphrase"
        confirmName="confirm"
        label={t('accounts.initialPassphrase')}
        confirmLabel={t('account.confirm')}
        help={t('accounts.initialHelp')}
        t={t}
      />
    </FormDialog>
  );
}

function ResetDialog({
  row,
  onClose,
  onDone,
}: {
  row: AccountRow;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm<ResetPassphraseInput>({
    resolver: zodResolver(resetPassphraseInput),
    defaultValues: { staffId: row.staffId, passphrase: '', confirm: '' },
  });
  const reset = useAction('accounts:resetPassphrase', {
    onDone: () => onDone(),
    failureTo: 'inline',
    explain: serverErrors(form.setError),
  });
  const submit = form.handleSubmit((values) => reset.run(values));
  return (
    <FormDialog
      title={t('accounts.resetTitle', { name: row.name })}
      submitLabel={t('accounts.reset')}
      onSubmit={submit}
      onClose={onClose}
      submitting={form.formState.isSubmitting}
      failure={reset.failure}
    >
      <NewPassphraseFields
        form={form}
        name="passphrase"
        confirmName="confirm"
        label={t('account.next')}
        confirmLabel={t('account.confirm')}
        help={t('accounts.initialHelp')}
        t={t}
        autoFocus
      />
    </FormDialog>
  );
}
