import { createContext, useContext } from 'react';
import type { AppState, Session } from '../../../electron/shared/schemas/foundation';
import type { Channel } from '../../../electron/shared/contract';
import { can, type Permission } from '../../../electron/shared/roles';

export interface SessionContextValue {
  state: AppState;
  session: Session;
  refresh: () => Promise<void>;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside a signed-in shell');
  return value;
}

/** The UI hides what a role cannot do; main enforces the same matrix on every call. */
export function useCan(permission: Permission): boolean {
  return can(useSession().session.role, permission);
}

/**
 * Whether the signed-in person may call a channel: main lists the channels with the app's
 * state, from the same rule its dispatcher applies (`mayCall`), so a button is shown exactly
 * when its call would be allowed.
 */
export function useCanCall(channel: Channel): boolean {
  return useSession().state.allowed.includes(channel);
}
