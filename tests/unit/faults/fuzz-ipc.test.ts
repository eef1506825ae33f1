import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { channelNames, contract } from '../../../electron/shared/contract';
import { errorCodes } from '../../../electron/shared/result';
import { signedInCore } from '../support/core';

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

const writeCount = (db: { prepare: (s: string) => { get: () => unknown } }) =>
  (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;

describe('every IPC channel under malformed input', () => {
  it('answers only with the clean envelope, never crashes, and writes nothing when it refuses', async () => {
    const core = await signedInCore();
    let tried = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...channelNames), hostileValue, async (channel, payload) => {
        // Leave the session and the database in place: signing out or restoring is legitimate
        // for valid input and would end the run.
        if (['auth:signOut', 'app:restoreLatestBackup', 'app:recover'].includes(channel)) return;
        tried += 1;
        const before = core.app.isOpen ? writeCount(core.app.db) : -1;
        const result = await core.invoke(channel, payload);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) {
          expect(errorCodes).toContain(result.error.code);
          expect(typeof result.error.message).toBe('string');
          expect(result.error.message).not.toMatch(/\n\s+at /);
          if (result.error.code === 'INTERNAL')
            throw new Error(`${channel} crashed on ${JSON.stringify(payload).slice(0, 200)}`);
          if (core.app.isOpen && before >= 0 && result.error.code === 'VALIDATION') {
            expect(writeCount(core.app.db)).toBe(before);
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
      { numRuns: 400, seed: 20261129 },
    );
    expect(tried).toBeGreaterThan(300);
  });
});
