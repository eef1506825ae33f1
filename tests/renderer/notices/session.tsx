import type { ReactElement } from 'react';
import type { Role } from '../../../electron/shared/roles';
import { SessionContext } from '../../../renderer/src/app/session';
import { renderScreen } from '../support';

/** Renders a screen for a signed-in staff member of the given role. */
export function renderAs(role: Role, element: ReactElement) {
  const session = { staffId: 1, username: 'user', name: '王建国', staffNo: 'M001', role };
  return renderScreen(
    <SessionContext.Provider
      value={{
        state: {
          phase: 'unlocked',
          branchName: '石桥支行',
          session,
          settings: { autoLockMinutes: 10 },
          problem: null,
          uncleanShutdown: false,
        },
        session,
        refresh: async () => {},
        signOut: async () => {},
      }}
    >
      {element}
    </SessionContext.Provider>,
  );
}
