import type { ReactElement } from 'react';
import type { Role } from '../../../electron/shared/roles';
import { SessionContext, type SessionContextValue } from '../../../renderer/src/app/session';

/** Wraps a screen in a signed-in session of the given role, as the shell does. */
export function asRole(role: Role, element: ReactElement): ReactElement {
  const session = { staffId: 7, username: 'li', name: '李娜', staffNo: 'S007', role };
  const value: SessionContextValue = {
    state: {
      phase: 'unlocked',
      branchName: '青山农商银行石桥支行',
      session,
      settings: { autoLockMinutes: 10 },
      problem: null,
      uncleanShutdown: false,
    },
    session,
    refresh: async () => {},
    signOut: async () => {},
  };
  return <SessionContext.Provider value={value}>{element}</SessionContext.Provider>;
}
