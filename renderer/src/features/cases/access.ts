import { contract, type Channel } from '../../../../electron/shared/contract';
import { can } from '../../../../electron/shared/roles';
import { useSession } from '../../app/session';

/**
 * Whether the signed-in role may call a channel, read from the same contract main enforces,
 * so a button is shown exactly when its call would be allowed.
 */
export function useCanCall(channel: Channel): boolean {
  const { session } = useSession();
  const access = contract[channel].access;
  if (access === 'public' || access === 'session') return true;
  return can(session.role, access);
}
