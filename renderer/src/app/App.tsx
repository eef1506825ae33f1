import { lazy, Suspense, useCallback, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { call, onEvent } from '../api';
import { DateLocalization } from '../components/DateLocalization';
import { Loading } from '../components/Loading';
import { forgetPurposes } from '../components/PurposeDialog';
import { useToast } from '../components/Toasts';
import { useAction } from '../components/useAction';
import { useChannel } from '../components/useChannel';
import { DamagedPage } from '../features/auth/DamagedPage';
import { SignInPage } from '../features/auth/SignInPage';
import { SetupPage } from '../features/setup/SetupPage';
import { Shell } from '../features/shell/Shell';
import { SessionContext, type SessionContextValue } from './session';
import { useIdleLock } from './useIdleLock';

// Print documents load only in the hidden print window that renders them.
const PrintPage = lazy(() =>
  import('../features/print/PrintPage').then((m) => ({ default: m.PrintPage })),
);

/** The app, its date and time fields in the UI language (zh-CN or en) on every screen. */
export function App() {
  return (
    <DateLocalization>
      <Screens />
    </DateLocalization>
  );
}

/** Chooses the screen from the core's state: setup, sign-in, damaged, or the signed-in shell. */
function Screens() {
  const { t } = useTranslation();
  const toast = useToast();
  const printJob = /^\/print\/([0-9a-f-]{36})$/.exec(useLocation().pathname)?.[1];
  const appState = useChannel('auth:state', {});
  const state = appState.data;
  // Screens await the state read again after a change (signed in, branch renamed, file closed).
  const reread = useAction('auth:state', { onDone: (next) => appState.setData(next) });
  const { run: readAgain } = reread;
  const refresh = useCallback(async () => {
    await readAgain();
  }, [readAgain]);

  const signOut = useCallback(async () => {
    // What the last person stated as export purposes does not outlive their session.
    forgetPurposes();
    try {
      await call('auth:signOut');
    } finally {
      await refresh();
    }
  }, [refresh]);

  useEffect(() => {
    return onEvent('app:locked', () => {
      toast(t('auth.autoLocked'), 'info');
      void refresh();
    });
  }, [refresh, toast, t]);

  const unlocked = state?.phase === 'unlocked' && state.session;
  useIdleLock(state?.settings?.autoLockMinutes ?? 10, () => {
    if (unlocked) {
      toast(t('auth.autoLocked'), 'info');
      void signOut();
    }
  });

  const context = useMemo<SessionContextValue | null>(
    () => (state?.session ? { state, session: state.session, refresh, signOut } : null),
    [state, refresh, signOut],
  );

  if (!state) {
    return <Loading fill="window" />;
  }
  switch (state.phase) {
    case 'setup':
      return <SetupPage onDone={() => void refresh()} />;
    case 'damaged':
      return state.problem ? (
        <DamagedPage problem={state.problem} onChanged={() => void refresh()} />
      ) : null;
    case 'locked':
      return (
        <SignInPage
          branchName={state.branchName}
          keyFileProblem={state.problem?.code === 'KEYSLOTS_DAMAGED'}
          onSignedIn={() => void refresh()}
        />
      );
    case 'unlocked':
      if (printJob) {
        return (
          <Suspense fallback={<Loading fill="window" />}>
            <PrintPage jobId={printJob} />
          </Suspense>
        );
      }
      return context ? (
        <SessionContext.Provider value={context}>
          <Shell />
        </SessionContext.Provider>
      ) : null;
  }
}
