import { AppFailure } from '../../shared/result';
import type { Visitdesk } from '../app/visitdesk';
import { notOnServer } from '../app/server-desk';
import {
  dropNextKey,
  formatRecoveryKey,
  newDatabaseKey,
  promoteNextKey,
  readSlotFile,
  sealNextKey,
  writeSlotFile,
} from '../db/keyslots';

/**
 * Rotates the database key. Crash-safe in three steps, each atomic on its own:
 *   1. the new key is sealed into every account's slot beside the current one (key file);
 *   2. a copy of the file is rekeyed and renamed over it (the rename is atomic);
 *   3. the new key becomes the current one in the key file.
 * Killed before the rename, the file still has the old key; after it, sign-in finds the new
 * key in the slot and finishes step 3. Never neither. (An in-place PRAGMA rekey was tried
 * first: killed midway, its journal opened with neither key.) The old recovery key stops working at step 2; the
 * new one is returned to be printed.
 */
export async function rotateDatabaseKey(
  app: Visitdesk,
  managerPassphrase: string,
  /** Called with the new recovery key before the file is rekeyed (crash tests record it). */
  onNewKey: (recoveryKey: string) => void = () => {},
): Promise<{ recoveryKey: string }> {
  const session = app.session;
  if (!session) throw new AppFailure('UNAUTHENTICATED', 'sign in first');
  // A server desk's key is checked by the server's database; rotating it is not this desk's.
  if (app.server) throw notOnServer('key rotation');
  // A sensitive action: the manager confirms with the passphrase.
  const confirmed = app.unlock(session.username, managerPassphrase);
  confirmed.current.fill(0);
  confirmed.next?.fill(0);
  await app.settle();
  const next = newDatabaseKey();
  try {
    const slots = dropNextKey(readSlotFile(app.files.keys));
    writeSlotFile(
      app.files.keys,
      app.withKey((current) => sealNextKey(slots, next, current)),
    );
    onNewKey(formatRecoveryKey(next));
    app.rekeyOpenDatabase(next);
    const promoted = promoteNextKey(readSlotFile(app.files.keys), next);
    writeSlotFile(app.files.keys, promoted);
    // On the engine of the rekeyed connection (app.engine follows the connection).
    await app.write((tx) =>
      app.record(tx, {
        action: 'keys.rotate',
        entity: 'database',
        after: { slots: promoted.slots.length },
      }),
    );
    return { recoveryKey: formatRecoveryKey(next) };
  } finally {
    next.fill(0);
  }
}
