import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Stack,
  type Breakpoint,
  type ButtonProps,
} from '@mui/material';
import { useId, useState, type FormEventHandler, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useTextLang } from './text-lang';

/** The one question this shared dialog asks; kept here so every form dialog asks it alike. */
const discardText = {
  zh: {
    title: '放弃未保存的内容？',
    body: '已填写的内容尚未保存。',
    keep: '继续填写',
    discard: '放弃',
  },
  en: {
    title: 'Discard unsaved changes?',
    body: 'What you entered has not been saved.',
    keep: 'Keep editing',
    discard: 'Discard',
  },
} as const;

/**
 * A dialog around a form: title, fields, the failure message, Cancel and a submit button. The
 * form is named by the title, so assistive technology (and tests) can find it.
 *
 * Esc or a click outside never throws away what was typed: a dirty form asks first (放弃未保存的
 * 内容？). The form is dirty when `dirty` says so (react-hook-form's `isDirty`, say) or, when
 * the dialog does not say, once the user has changed any field in it. Cancel closes at once: it
 * is asked for in so many words.
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
  /** Whether the form holds unsaved input; without it, any change made in the form counts. */
  dirty?: boolean;
  /** The submit button stays disabled while this is true (besides while submitting). */
  submitDisabled?: boolean;
  submitColor?: ButtonProps['color'];
}) {
  const { t } = useTranslation();
  const lang = useTextLang();
  const [touched, setTouched] = useState(false);
  const [asking, setAsking] = useState(false);
  const dirty = props.dirty ?? touched;
  const text = discardText[lang];
  const askId = useId();

  // Esc and the backdrop: the explicit buttons do not come through here.
  const requestClose = () => {
    if (props.submitting) return;
    if (dirty) setAsking(true);
    else props.onClose();
  };

  return (
    <Dialog
      open={props.open ?? true}
      onClose={requestClose}
      maxWidth={props.maxWidth ?? 'xs'}
      fullWidth
    >
      <form
        noValidate
        onSubmit={props.onSubmit}
        aria-label={props.title}
        // Bubbles from every field in the form, portalled menus included (React's tree).
        onChange={() => setTouched(true)}
      >
        <DialogTitle>{props.title}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {props.children}
            {props.failure && <Alert severity="error">{props.failure}</Alert>}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
          <Button
            type="submit"
            variant="contained"
            color={props.submitColor ?? 'primary'}
            disabled={props.submitting || Boolean(props.submitDisabled)}
          >
            {props.submitLabel}
          </Button>
        </DialogActions>
      </form>
      <Dialog
        open={asking}
        onClose={() => setAsking(false)}
        maxWidth="xs"
        aria-labelledby={`${askId}-title`}
        aria-describedby={`${askId}-body`}
      >
        <DialogTitle id={`${askId}-title`}>{text.title}</DialogTitle>
        <DialogContent>
          <DialogContentText id={`${askId}-body`}>{text.body}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button autoFocus onClick={() => setAsking(false)}>
            {text.keep}
          </Button>
          <Button
            color="error"
            onClick={() => {
              setAsking(false);
              props.onClose();
            }}
          >
            {text.discard}
          </Button>
        </DialogActions>
      </Dialog>
    </Dialog>
  );
}
