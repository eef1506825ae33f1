import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ElderlyStatus } from '../../../../electron/shared/schemas/planning';
import { ApiError } from '../../api';
import { useCan } from '../../app/session';
import { errorMessage } from '../../components/error-text';
import { fieldText } from '../../components/forms';
import { useAction } from '../../components/useAction';
import { useChannel } from '../../components/useChannel';

/**
 * On the case page: a borrower who is elderly by the birth date in the ID (the branch's age,
 * 60 by default) is vulnerable, so visits need the manager's approval and should aim at a
 * repayment arrangement. The manager may clear that with a written reason, or restore it; both
 * are audited. Nothing shows for a borrower the ID does not make elderly and nobody cleared.
 */
export function ElderlyFlag({
  borrowerId,
  onChanged,
}: {
  borrowerId: number;
  onChanged?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const manager = useCan('visits.override');
  // A hint on the case page: if it cannot be read, the page shows nothing rather than an error.
  const elderly = useChannel('planning:elderly', { borrowerId }, { failure: 'quiet' });
  const status = elderly.data;
  const [clearing, setClearing] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();

  const changed = (next: ElderlyStatus) => {
    elderly.setData(next);
    onChanged?.();
  };
  const clear = useAction('planning:clearElderly', {
    done: t('elderly.clearedToast'),
    onDone: (next) => {
      changed(next);
      setClearing(false);
      setReason('');
    },
    explain: (error, t) => {
      // A reason the core finds too short is said under the field, not in a toast.
      const field = error instanceof ApiError ? error.error.fields?.reason : undefined;
      if (!field) return errorMessage(error, t);
      setReasonError(fieldText(t, { message: field }));
      return null;
    },
  });
  const restore = useAction('planning:restoreElderly', {
    done: t('elderly.restoredToast'),
    onDone: changed,
  });
  const busy = clear.busy || restore.busy;

  if (!status || (!status.byBirthDate && status.cleared === null)) return null;

  const at = (iso: string) =>
    new Date(iso).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'zh-CN');

  return (
    <>
      {status.flagged ? (
        <Alert
          severity="warning"
          sx={{ mb: 2 }}
          data-testid="elderly-flag"
          action={
            manager && status.byBirthDate ? (
              <Button color="inherit" size="small" onClick={() => setClearing(true)}>
                {t('elderly.clear')}
              </Button>
            ) : undefined
          }
        >
          {t(status.byBirthDate ? 'elderly.flagged' : 'elderly.flaggedByHand', {
            age: status.age,
            threshold: status.threshold,
          })}
        </Alert>
      ) : (
        <Alert
          severity="info"
          sx={{ mb: 2 }}
          data-testid="elderly-cleared"
          action={
            manager ? (
              <Button
                color="inherit"
                size="small"
                disabled={busy}
                onClick={() => void restore.run({ borrowerId })}
              >
                {t('elderly.restore')}
              </Button>
            ) : undefined
          }
        >
          {t('elderly.cleared', {
            age: status.age,
            name: status.cleared?.byName ?? '',
            at: status.cleared ? at(status.cleared.at) : '',
            reason: status.cleared?.reason ?? '',
          })}
        </Alert>
      )}
      {clearing && (
        <Dialog open onClose={() => setClearing(false)} maxWidth="sm" fullWidth>
          <DialogTitle>{t('elderly.clearTitle')}</DialogTitle>
          <DialogContent>
            <Alert severity="info" sx={{ mb: 2 }}>
              {t('elderly.clearHelp', { age: status.age })}
            </Alert>
            <TextField
              label={t('elderly.reason')}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              error={Boolean(reasonError)}
              helperText={reasonError ?? t('elderly.reasonHelp')}
              multiline
              minRows={2}
              fullWidth
              autoFocus
            />
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setClearing(false)}>{t('common.cancel')}</Button>
            <Button
              variant="contained"
              disabled={busy}
              onClick={() => {
                setReasonError(undefined);
                void clear.run({ borrowerId, reason });
              }}
            >
              {t('elderly.confirmClear')}
            </Button>
          </DialogActions>
        </Dialog>
      )}
    </>
  );
}
