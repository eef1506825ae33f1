import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
} from '@mui/material';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * "Are you sure?" before a step that cannot simply be undone (revoking a desk, disabling an
 * account, anonymising, reopening a closed month): a title, what will happen, Cancel and the
 * step's own verb. While the step runs (`busy`) neither button nor a click outside closes it,
 * so the answer is not lost; `danger` colours the verb for a step that removes or ends
 * something. `children` is plain text (shown as the dialog's description) or richer content
 * such as a reason field.
 */
export function ConfirmDialog(props: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  /** The verb cannot be pressed yet (a reason still to be given). */
  disabled?: boolean;
  danger?: boolean;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const busy = props.busy ?? false;
  return (
    <Dialog open onClose={() => !busy && props.onCancel()} aria-labelledby={titleId}>
      <DialogTitle id={titleId}>{props.title}</DialogTitle>
      <DialogContent>
        {typeof props.children === 'string' ? (
          <DialogContentText>{props.children}</DialogContentText>
        ) : (
          props.children
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onCancel} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button
          color={props.danger ? 'error' : 'primary'}
          variant="contained"
          disabled={busy || props.disabled}
          onClick={props.onConfirm}
        >
          {props.confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
