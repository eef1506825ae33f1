import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { channelNames, contract } from '../../../electron/shared/contract';
import { errorCodes } from '../../../electron/shared/result';
import type { Visitdesk } from '../../../electron/core/app/visitdesk';
import { signedInCoreOn } from '../support/desk';
import { engineKinds } from '../support/engines';

// Payloads that a compromised or buggy renderer could send: anything JSON-like, plus shapes
// close to real inputs with wrong types, huge strings, NULs and prototype keys.
const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constantFrom(
    '',
    '\u0000',
    '=HYPERLINK("http://x","y")',
    "'; DROP TABLE staff; --",
    '__proto__',
    'x'.repeat(70_000),
  ),
);
const hostileValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(hostileString, fc.constantFrom('__proto__', 'constructor', 'staffId', 'username')),
      tie('value'),
      {
        maxKeys: 5,
      },
    ),
  ),
})).value;

/**
 * The audit rows so far: every write the app makes adds one. SQLite's is read on its connection
 * in the same turn (twice per payload, 10,000 payloads: the engine's async read took the run
 * from 35 to 83 s under CI's libfaketime); PostgreSQL's on the engine.
 */
async function writeCount(app: Visitdesk): Promise<number> {
  if (app.engine.kind === 'sqlite') {
    return (app.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
  }
  const row = await app.engine.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// Every channel gets its own share of payloads (a random pick of channels left some with a
// handful); a fixed seed per run so a failure can be replayed.
const RUNS_PER_CHANNEL = Number(process.env.VISITDESK_FUZZ_RUNS ?? 100);
/**
 * On PostgreSQL each payload costs a round trip or three to the server (the idle check, the
 * audit count before and after): 100 a channel took 126 s in CI's run under libfaketime, so 40
 * there (4,000 payloads in all). The parsing and role checks under test are the dispatcher's,
 * the same on both engines; what PostgreSQL adds is its handlers' answers to what gets through.
 */
const RUNS_ON = { sqlite: RUNS_PER_CHANNEL, postgres: Math.min(RUNS_PER_CHANNEL, 40) };
// Signing out or restoring is legitimate for valid input and would end the run.
const leavesTheSession = ['auth:signOut', 'auth:restoreLatestBackup', 'auth:recover'];

describe.each(engineKinds)('every IPC channel under malformed input, on %s', (kind) => {
  it(`answers only with the clean envelope, never crashes, and writes nothing when it refuses (${RUNS_ON[kind]} payloads per channel)`, async () => {
    const core = await signedInCoreOn(kind);
    const tried = new Map<string, number>();
    const channels = channelNames.filter((name) => !leavesTheSession.includes(name));
    for (const [index, channel] of channels.entries()) {
      await fc.assert(
        fc.asyncProperty(hostileValue, async (payload) => {
          tried.set(channel, (tried.get(channel) ?? 0) + 1);
          const before = core.app.isOpen ? await writeCount(core.app) : -1;
          const result = await core.invoke(channel, payload);
          expect(typeof result.ok).toBe('boolean');
          if (!result.ok) {
            expect(errorCodes).toContain(result.error.code);
            expect(typeof result.error.message).toBe('string');
            expect(result.error.message).not.toMatch(/\n\s+at /);
            if (result.error.code === 'INTERNAL')
              throw new Error(`${channel} crashed on ${JSON.stringify(payload).slice(0, 200)}`);
            if (core.app.isOpen && before >= 0 && result.error.code === 'VALIDATION') {
              expect(await writeCount(core.app)).toBe(before);
            }
          } else {
            const parsed = contract[channel].output.safeParse(result.data);
            expect(parsed.success, `${channel} output matches its schema`).toBe(true);
          }
          if (!core.app.isOpen) {
            const again = await core.invoke('auth:signIn', {
              username: 'admin',
              passphrase: 'correct horse battery',
            });
            expect(again.ok).toBe(true);
          }
        }),
        { numRuns: RUNS_ON[kind], seed: 20261129 + index },
      );
    }
    expect(channels.length).toBeGreaterThan(80);
    for (const channel of channels) expect(tried.get(channel), channel).toBe(RUNS_ON[kind]);
  }, 480_000);
});
