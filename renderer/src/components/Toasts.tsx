import { Alert, Snackbar, Tooltip } from '@mui/material';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { useInRouterContext, useLocation } from 'react-router';

type Severity = 'success' | 'info' | 'warning' | 'error';
interface ToastOptions {
  /** More than the message needs (a saved file's full path): shown on hover. */
  detail?: string;
}
interface Toast extends ToastOptions {
  id: number;
  message: string;
  severity: Severity;
  /** The screen (the address's path) the toast was shown on. */
  screen: string | null;
}
type ShowToast = (message: string, severity?: Severity, options?: ToastOptions) => void;

/**
 * How long a toast stays up: news (saved, printed, signed out) long enough to read; a warning a
 * little longer; an error (null) until it is closed, or until the user leaves its screen.
 */
export const toastDuration: Record<Severity, number | null> = {
  success: 4000,
  info: 4000,
  warning: 8000,
  error: null,
};

/** Warnings and errors are about the screen they were raised on: leaving it drops them. */
const belongsToScreen = (severity: Severity) => severity === 'warning' || severity === 'error';

const ToastContext = createContext<ShowToast>(() => {});

/**
 * Reports the screen (the address's path, not its query: a list's filters are the same screen)
 * when it changes. Only inside a router; a provider outside one keeps toasts until they close.
 */
function ScreenWatch({ onScreen }: { onScreen: (screen: string) => void }) {
  const screen = useLocation().pathname;
  useEffect(() => onScreen(screen), [screen, onScreen]);
  return null;
}

/**
 * One toast at a time, bottom left: over the end of the navigation and the page's margin, clear
 * of the summary cards, the grids' paging and the dialogs' buttons (bottom right). News closes
 * by itself; an error stays until closed, but never outlives its screen: moving to another
 * screen drops the errors and warnings raised on the one left. A newer toast replaces an error
 * that is waiting to be closed (the error is no longer the latest word), and otherwise queues.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const inRouter = useInRouterContext();
  const screen = useRef<string | null>(null);
  const [queue, setQueue] = useState<Toast[]>([]);
  const show = useCallback<ShowToast>((message, severity = 'success', options = {}) => {
    const toast: Toast = {
      id: Date.now() + Math.random(),
      message,
      severity,
      screen: screen.current,
      ...options,
    };
    setQueue((q) => [...(q[0] && toastDuration[q[0].severity] === null ? q.slice(1) : q), toast]);
  }, []);
  const onScreen = useCallback((next: string) => {
    const left = screen.current;
    screen.current = next;
    if (left === null || left === next) return;
    setQueue((q) => {
      const kept = q.filter((toast) => !belongsToScreen(toast.severity) || toast.screen === next);
      return kept.length === q.length ? q : kept;
    });
  }, []);
  const current = queue[0];
  const close = () => setQueue((q) => q.slice(1));
  const value = useMemo(() => show, [show]);
  const alert = current ? (
    <Alert
      severity={current.severity}
      variant="filled"
      onClose={close}
      role="status"
      sx={{ maxWidth: 420, overflowWrap: 'anywhere' }}
    >
      {current.message}
    </Alert>
  ) : undefined;
  return (
    <ToastContext.Provider value={value}>
      {inRouter && <ScreenWatch onScreen={onScreen} />}
      {children}
      <Snackbar
        key={current?.id}
        open={Boolean(current)}
        autoHideDuration={current ? toastDuration[current.severity] : null}
        onClose={(_e, reason) => reason !== 'clickaway' && close()}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
      >
        {current?.detail && alert ? (
          <Tooltip title={current.detail} placement="top-start">
            {alert}
          </Tooltip>
        ) : (
          alert
        )}
      </Snackbar>
    </ToastContext.Provider>
  );
}

export const useToast = () => useContext(ToastContext);
