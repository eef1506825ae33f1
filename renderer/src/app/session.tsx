import { createContext, useContext } from 'react';
import type { AppState, Session } from '../../../electron/shared/schemas/foundation';
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
