import { Alert, Snackbar, Tooltip } from '@mui/material';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

type Severity = 'success' | 'info' | 'warning' | 'error';
interface ToastOptions {
  /** More than the message needs (a saved file's full path): shown on hover. */
  detail?: string;
}
interface Toast extends ToastOptions {
  id: number;
  message: string;
  severity: Severity;
}
type ShowToast = (message: string, severity?: Severity, options?: ToastOptions) => void;

/** How long a toast stays up: long enough to read, short enough not to outstay its screen. */
export const toastDuration: Record<Severity, number> = {
  success: 4000,
  info: 4000,
  warning: 6000,
  error: 8000,
};

const ToastContext = createContext<ShowToast>(() => {});

/**
 * One toast at a time, bottom left: over the end of the navigation and the page's margin, clear
 * of the summary cards, the grids' paging and the dialogs' buttons (bottom right).
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [queue, setQueue] = useState<Toast[]>([]);
  const show = useCallback<ShowToast>((message, severity = 'success', options = {}) => {
    setQueue((q) => [...q, { id: Date.now() + Math.random(), message, severity, ...options }]);
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
