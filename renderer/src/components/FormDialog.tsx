import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  type Breakpoint,
} from '@mui/material';
import type { FormEventHandler, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A dialog around a form: title, fields, the failure message, Cancel and a submit button. The
 * form is named by the title, so assistive technology (and tests) can find it.
 */
export function FormDialog(props: {
  title: string;
  submitLabel: string;
  onSubmit: FormEventHandler;
  onClose: () => void;
  submitting: boolean;
  failure: string | null;
  children: ReactNode;
  open?: boolean;
  maxWidth?: Breakpoint;
}) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={props.open ?? true}
      onClose={props.onClose}
      maxWidth={props.maxWidth ?? 'xs'}
      fullWidth
    >
      <form noValidate onSubmit={props.onSubmit} aria-label={props.title}>
        <DialogTitle>{props.title}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {props.children}
            {props.failure && <Alert severity="error">{props.failure}</Alert>}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={props.submitting}>
            {props.submitLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
