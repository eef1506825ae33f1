import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * Growing delay after repeated wrong passphrases: the first five tries are free, then each
 * further failure doubles the wait (2 s, 4 s, … up to 5 minutes). Counted per user name and
 * overall, so guessing across names is slowed too.
 *
 * With a file (`visitdesk.attempts.json`, beside the key slots, owner-only), the counts and the
 * failed attempts not yet audited are kept there: they survive a restart and apply to every
 * process that opens the same database (the app, the CLI, a restore from the sign-in screen).
 * The file is read before each check and written after each change. Whoever can write it can
 * reset the counts, as they could delete the key file; it is a brake on guessing, not a lock.
 */

const entrySchema = z.object({ count: z.number().int().min(0), until: z.number() });
const failureSchema = z.object({ at: z.string(), username: z.string(), action: z.string() });
const fileSchema = z.object({
  format: z.literal('visitdesk-attempts'),
  version: z.literal(1),
  counts: z.record(z.string(), entrySchema),
  /** Failed attempts to be written to the audit log at the next successful sign-in. */
  unaudited: z.array(failureSchema),
});
type AttemptsFile = z.infer<typeof fileSchema>;
export type FailedAttempt = z.infer<typeof failureSchema>;

const ALL = '\u0000all';
/** A cap on the unaudited list, so a guessing script cannot grow the file without bound. */
const MAX_UNAUDITED = 1000;

const empty = (): AttemptsFile => ({
  format: 'visitdesk-attempts',
  version: 1,
  counts: {},
  unaudited: [],
});

export class SignInThrottle {
  private memory: AttemptsFile = empty();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly file: string | null = null,
    private readonly freeTries = 5,
    private readonly maxDelayMs = 5 * 60_000,
  ) {}

  /** Milliseconds the caller must still wait before another try (0 = may try now). */
  waitMs(username: string): number {
    const t = this.now();
    const { counts } = this.load();
    return Math.max(0, (counts[username]?.until ?? 0) - t, (counts[ALL]?.until ?? 0) - t);
  }

  fail(username: string, action = 'auth.signInFailed'): void {
    const state = this.load();
    this.bump(state, username, this.freeTries);
    this.bump(state, ALL, this.freeTries * 4);
    state.unaudited.push({ at: new Date(this.now()).toISOString(), username, action });
    if (state.unaudited.length > MAX_UNAUDITED) state.unaudited.splice(0, 1);
    this.save(state);
  }

  succeed(username: string): void {
    const state = this.load();
    if (!state.counts[username]) return;
    delete state.counts[username];
    this.save(state);
  }

  /** Hands over the failed attempts not yet audited, and forgets them. */
  takeUnaudited(): FailedAttempt[] {
    const state = this.load();
    if (!state.unaudited.length) return [];
    const taken = state.unaudited;
    state.unaudited = [];
    this.save(state);
    return taken;
  }

  private bump(state: AttemptsFile, key: string, free: number): void {
    const entry = state.counts[key] ?? { count: 0, until: 0 };
    entry.count += 1;
    if (entry.count >= free) {
      const delay = Math.min(this.maxDelayMs, 1000 * 2 ** Math.min(entry.count - free + 1, 30));
      entry.until = this.now() + delay;
    }
    state.counts[key] = entry;
  }

  private load(): AttemptsFile {
    if (!this.file) return this.memory;
    try {
      return fileSchema.parse(JSON.parse(fs.readFileSync(this.file, 'utf8')));
    } catch {
      // Missing: nothing failed yet. Unreadable: start over rather than lock everyone out.
      return empty();
    }
  }

  private save(state: AttemptsFile): void {
    if (!this.file) {
      this.memory = state;
      return;
    }
    const dir = path.dirname(this.file);
    if (!fs.existsSync(dir)) return; // no data folder yet (before setup): nothing to protect
    const tmp = path.join(dir, `.${path.basename(this.file)}.${process.pid}.tmp`);
    const fd = fs.openSync(tmp, 'w', 0o600);
    try {
      fs.writeSync(fd, JSON.stringify(state));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, this.file);
  }
}
