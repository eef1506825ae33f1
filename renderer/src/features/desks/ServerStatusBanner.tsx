import { Alert, Button } from '@mui/material';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServerStatus } from '../../../../electron/shared/contract';
import { ApiError, onEvent } from '../../api';

/** Whether a failed call failed because the branch server could not be reached. */
export function unreachableError(error: unknown): boolean {
  return error instanceof ApiError && error.error.code === 'SERVER_UNREACHABLE';
}

interface ServerStatusBannerProps {
  /** Asks the server again now (the app's state: a cheap public channel). */
  retry: () => Promise<unknown>;
  /**
   * The app's first read failed because the server could not be reached, before this banner
   * could hear the desk say so: shown until the desk says otherwise, and `retry` is called
   * when it is back.
   */
  unreachable?: boolean;
}

/**
 * A branch-server desk that cannot reach the server says so above every screen (issue 20): what
 * was typed stays, nothing is queued, the desk keeps trying (main reopens its event stream, or
 * asks the server, with growing waits), and the user may try at once. Electron main tells the
 * window when the server can or can no longer be reached (`desks:status`); a PC with data of
 * its own never hears it. When the server answers again the banner goes and the screen that
 * stayed open carries on.
 */
export function ServerStatusBanner({ retry, unreachable = false }: ServerStatusBannerProps) {
  const { t } = useTranslation();
  const [told, setTold] = useState<boolean | null>(null);
  const [trying, setTrying] = useState(false);
  const mounted = useRef(true);
  const latest = useRef({ retry, unreachable });
  useLayoutEffect(() => {
    latest.current = { retry, unreachable };
  });
  useEffect(() => {
    mounted.current = true;
    const stop = onEvent('desks:status', (payload) => {
      const reachable = (payload as ServerStatus).reachable;
      setTold(!reachable);
      // The app's first read failed: now it can be made.
      if (reachable && latest.current.unreachable) void latest.current.retry();
    });
    return () => {
      mounted.current = false;
      stop();
    };
  }, []);

  // What main said last wins over the first read's failure.
  if (!(told ?? unreachable)) return null;
  const tryNow = async () => {
    setTrying(true);
    try {
      await retry();
    } finally {
      if (mounted.current) setTrying(false);
    }
  };
  return (
    <Alert
      severity="warning"
      variant="filled"
      data-testid="server-unreachable"
      sx={{
        position: 'fixed',
        top: 8,
        left: '50%',
        transform: 'translateX(-50%)',
        width: 'min(760px, calc(100% - 32px))',
        zIndex: (theme) => theme.zIndex.snackbar,
        boxShadow: 6,
      }}
      action={
        <Button color="inherit" size="small" disabled={trying} onClick={() => void tryNow()}>
          {t('serverStatus.retry')}
        </Button>
      }
    >
      {t('serverStatus.unreachable')}
    </Alert>
  );
}
