/**
 * Growing delay after repeated wrong passphrases: the first five tries are free, then each
 * further failure doubles the wait (2 s, 4 s, … up to 5 minutes). Counted per user name and
 * overall, so guessing across names is slowed too.
 */
export class SignInThrottle {
  private failures = new Map<string, { count: number; until: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly freeTries = 5,
    private readonly maxDelayMs = 5 * 60_000,
  ) {}

  /** Milliseconds the caller must still wait before another try (0 = may try now). */
  waitMs(username: string): number {
    const t = this.now();
    const user = this.failures.get(username);
    const all = this.failures.get('\u0000all');
    return Math.max(0, (user?.until ?? 0) - t, (all?.until ?? 0) - t);
  }

  fail(username: string): void {
    this.bump(username, this.freeTries);
    this.bump('\u0000all', this.freeTries * 4);
  }

  succeed(username: string): void {
    this.failures.delete(username);
  }

  private bump(key: string, free: number): void {
    const entry = this.failures.get(key) ?? { count: 0, until: 0 };
    entry.count += 1;
    if (entry.count >= free) {
      const delay = Math.min(this.maxDelayMs, 1000 * 2 ** (entry.count - free + 1));
      entry.until = this.now() + delay;
    }
    this.failures.set(key, entry);
  }
}
