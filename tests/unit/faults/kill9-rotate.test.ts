import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../electron/core/audit/audit';
import { parseRecoveryKey } from '../../../electron/core/db/keyslots';
import { openEncrypted } from '../../../electron/core/db/open';
import { nodeDriver } from '../../../electron/core/node';
import { expectOk, MANAGER, signedInCore } from '../support/core';
import { KILLS, writerScript } from '../support/crash';

const root = path.resolve(__dirname, '../../..');

function rotateUntilKilled(
  dbFile: string,
  delayMs: number,
  keys: string[],
  completed: { value: number },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [writerScript(path.join(__dirname, 'writer.ts')), dbFile, 'rotate'],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    let buffered = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'ready') setTimeout(() => child.kill('SIGKILL'), delayMs);
        if (line.startsWith('key ')) keys.push(line.slice(4));
        if (line === 'done') completed.value = keys.length - 1;
      }
    });
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve() : reject(new Error(`exited ${code}: ${stderr}`)),
    );
  });
}

describe('kill -9 in the middle of a key rotation', () => {
  it(`after ${KILLS} kills the database opens with the passphrase, and with the last issued or pending recovery key`, async () => {
    const core = await signedInCore();
    // Enough pages that a rekey takes a while, so kills land inside it too.
    core.app.db.exec('CREATE TABLE bulk (x TEXT) STRICT');
    const insert = core.app.db.prepare('INSERT INTO bulk VALUES (?)');
    core.app.db.transaction(() => {
      for (let i = 0; i < 6000; i++) insert.run(`行 ${i} `.repeat(60));
    })();
    core.app.lock('signOut');
    const keys = [core.recoveryKey];
    // The index of the key of the last rotation that completed (the one shown to the manager).
    const completed = { value: 0 };
    let x = 7;
    for (let i = 0; i < KILLS; i++) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      await rotateUntilKilled(core.dbFile, 30 + (x % 500), keys, completed);
      // Never neither: the accounts open it after every single kill.
      const opened = await core.invoke('auth:signIn', MANAGER);
      expect(opened.ok ? 'ok' : opened.error.message, `after kill ${i + 1}`).toBe('ok');
      expect(core.app.db.pragma('quick_check', { simple: true })).toBe('ok');
      core.app.lock('signOut');
      // And the recovery key of the last completed rotation, or the one pending after it,
      // opens it with no key file at all.
      const opensWith = (k: string) => {
        try {
          openEncrypted(core.dbFile, parseRecoveryKey(k), { driver: nodeDriver }).close();
          return true;
        } catch {
          return false;
        }
      };
      const openers = keys.slice(completed.value).filter(opensWith);
      expect(openers.length, `after kill ${i + 1}`).toBeGreaterThan(0);
    }
    expect(keys.length).toBeGreaterThan(2);
    expectOk(await core.invoke('auth:signIn', MANAGER));
    expect(core.app.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(verifyAuditChain(core.app.db).ok).toBe(true);
    expect((core.app.db.prepare('SELECT count(*) AS n FROM bulk').get() as { n: number }).n).toBe(
      6000,
    );
  }, 300_000);
});
