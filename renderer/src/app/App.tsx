import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { call, onEvent } from '../api';
import { Loading } from '../components/Loading';
import { forgetPurposes } from '../components/purpose-memory';
import { useToast } from '../components/Toasts';
import { useAction } from '../components/useAction';
import { useChannel } from '../components/useChannel';
import { takeEarlyState } from '../features/cases/preload';
import { ServerStatusBanner, unreachableError } from '../features/desks/ServerStatusBanner';
import { Shell } from '../features/shell/Shell';
import type { AppState } from '../../../electron/shared/schemas/foundation';
import { SessionContext, type SessionContextValue } from './session';
import { useIdleLock } from './useIdleLock';

// The screens before sign-in load when the app's state asks for them: a signed-in start (the
// usual one after an auto-lock or a restart of the window) does not load their forms.
const SetupPage = lazy(() =>
  import('../features/setup/SetupPage').then((m) => ({ default: m.SetupPage })),
);
const SignInPage = lazy(() =>
  import('../features/auth/SignInPage').then((m) => ({ default: m.SignInPage })),
);
const DamagedPage = lazy(() =>
  import('../features/auth/DamagedPage').then((m) => ({ default: m.DamagedPage })),
);

// Print documents load only in the hidden print window that renders them.
const PrintPage = lazy(() =>
  import('../features/print/PrintPage').then((m) => ({ default: m.PrintPage })),
);

/** Chooses the screen from the core's state: setup, sign-in, damaged, or the signed-in shell. */
export function App() {
  const { t } = useTranslation();
  const toast = useToast();
  const printJob = /^\/print\/([0-9a-f-]{36})$/.exec(useLocation().pathname)?.[1];
  // The entry asked already, while this code loaded: its answer is the first one.
  const [early] = useState(takeEarlyState);
  // When its answer came before this first render, the shell shows at once (no loading frame).
  const appState = useChannel('auth:state', {}, { first: early?.promise, firstData: early?.data });
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
    return onEvent('app:locked', (payload) => {
      // This PC's own idle lock, or the branch server ending the session (remote/switch.ts).
      const byServer = (payload as { reason?: unknown } | null)?.reason === 'serverEnded';
      toast(t(byServer ? 'auth.serverEnded' : 'auth.autoLocked'), 'info');
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

  // A branch-server desk says above every screen when the server cannot be reached.
  const banner = printJob ? null : (
    <ServerStatusBanner retry={refresh} unreachable={unreachableError(appState.error)} />
  );
  if (!state) {
    return (
      <>
        {banner}
        <Loading fill="window" />
      </>
    );
  }
  const screenFor = (state: AppState) => {
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
            server={state.server}
            branchServer={state.branchServer === true}
            onSignedIn={() => void refresh()}
          />
        );
      case 'unlocked':
        if (printJob) return <PrintPage jobId={printJob} />;
        return context ? (
          <SessionContext.Provider value={context}>
            <Shell />
          </SessionContext.Provider>
        ) : null;
    }
  };
  // Each screen's code may still be on its way (all but the shell load when first shown).
  return (
    <>
      {banner}
      <Suspense fallback={<Loading fill="window" />}>{screenFor(state)}</Suspense>
    </>
  );
}
