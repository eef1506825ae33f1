import { AppFailure } from '../../shared/result';
import type { SignInThrottle } from './throttle';

/** Refuses a passphrase for a name that failed too often lately (sign-in, restore). */
export function refuseWhileThrottled(throttle: SignInThrottle, username: string): void {
  const wait = throttle.waitMs(username);
  if (wait > 0) {
    throw new AppFailure('THROTTLED', `too many attempts; wait ${Math.ceil(wait / 1000)} s`, {
      details: { waitSeconds: Math.ceil(wait / 1000) },
    });
  }
}

/**
 * Tries a passphrase under the throttle, as sign-in does: refused while the name must wait; a
 * wrong passphrase or a role that may not do this counts as a failed attempt (audited at the
 * next sign-in under `action`); success clears the name's count. Any other error (a damaged
 * file, say) is not the caller's guess and counts for nothing.
 */
export function underThrottle<T>(
  throttle: SignInThrottle,
  username: string,
  action: string,
  attempt: () => T,
): T {
  refuseWhileThrottled(throttle, username);
  let result: T;
  try {
    result = attempt();
  } catch (error) {
    if (
      error instanceof AppFailure &&
      (error.code === 'BAD_CREDENTIALS' || error.code === 'FORBIDDEN')
    ) {
      throttle.fail(username, action);
    }
    throw error;
  }
  throttle.succeed(username);
  return result;
}
