/**
 * The last purpose each staff member stated in this window, so a run of exports for the same
 * reason does not mean typing it again. Kept in memory only (never on disk), per staff id so the
 * next person signing in on a shared PC does not inherit it. Its own module, so the app can
 * forget purposes at sign-out without loading the purpose dialog and its form.
 */
export const lastPurposes = new Map<number, string>();

/** Forgets remembered purposes: at sign-out (and between tests). */
export function forgetPurposes(): void {
  lastPurposes.clear();
}
