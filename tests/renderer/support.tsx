import { ThemeProvider } from '@mui/material';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import type { AppState } from '../../electron/shared/schemas/foundation';
import type { Role } from '../../electron/shared/roles';
import { channelsFor, type EventName } from '../../electron/shared/contract';
import { SessionContext, type SessionContextValue } from '../../renderer/src/app/session';
import { vi } from 'vitest';
import { themeFor } from '../../renderer/src/app/theme';
import { ToastProvider } from '../../renderer/src/components/Toasts';
import type { Result } from '../../electron/shared/result';

const theme = themeFor('zh-CN');

type Responder = (input: unknown) => Result<unknown> | Promise<Result<unknown>>;

/**
 * Puts a fake `window.visitdesk` in place: each channel answers from `responders`, and every
 * call is recorded. Component tests check the form's own behaviour; the real core is covered
 * by unit and end-to-end tests. `emit` pushes an event to the screen's listeners, as main does.
 */
export function fakeBridge(responders: Record<string, Responder>) {
  const calls: { channel: string; input: unknown }[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const on = (event: string, listener: (payload: unknown) => void) => {
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    set.add(listener);
    return () => void set.delete(listener);
  };
  const bridge = new Proxy(
    {},
    {
      get: (_target, channel: string) => {
        if (channel === 'on') return on;
        return async (input: unknown) => {
          calls.push({ channel, input });
          const responder = responders[channel];
          if (!responder)
            return { ok: false, error: { code: 'INTERNAL', message: `no fake for ${channel}` } };
          return responder(input);
        };
      },
    },
  );
  vi.stubGlobal('visitdesk', bridge);
  const emit = (event: EventName, payload: unknown) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  /** How many listeners an event has now (none after the screen that listened is gone). */
  const listening = (event: EventName) => listeners.get(event)?.size ?? 0;
  return { calls, emit, listening };
}

export function renderScreen(element: ReactElement) {
  return render(
    <ThemeProvider theme={theme}>
      <ToastProvider>
        <MemoryRouter>{element}</MemoryRouter>
      </ToastProvider>
    </ThemeProvider>,
  );
}

interface Who {
  staffId: number;
  username: string;
  name: string;
  staffNo: string;
}

/** Wraps a screen in a signed-in session of the given role, as the shell does. */
export function asRole(
  role: Role,
  element: ReactElement,
  who: Who = { staffId: 7, username: 'li', name: '李娜', staffNo: 'S007' },
  state: Partial<AppState> = {},
): ReactElement {
  const session = { ...who, role };
  const value: SessionContextValue = {
    state: {
      phase: 'unlocked',
      branchName: '青山农商银行石桥支行',
      session,
      settings: { autoLockMinutes: 10 },
      problem: null,
      uncleanShutdown: false,
      server: null,
      allowed: channelsFor(role),
      ...state,
    },
    session,
    refresh: async () => {},
    signOut: async () => {},
  };
  return <SessionContext.Provider value={value}>{element}</SessionContext.Provider>;
}

/** Renders a screen for 王建国 (staff 1, M001) signed in with the given role. */
export function renderAs(role: Role, element: ReactElement) {
  return renderScreen(
    asRole(role, element, { staffId: 1, username: 'admin', name: '王建国', staffNo: 'M001' }),
  );
}
