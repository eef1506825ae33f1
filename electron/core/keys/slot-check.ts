import type { Visitdesk } from '../app/visitdesk';
import { checkSlots, readSlotFile, signUnsigned, writeSlotFile } from '../db/keyslots';

/**
 * At each sign-in, with the database key in hand: every key slot's MAC is checked. A slot
 * whose MAC fails (a public key or KDF setting changed by someone who could write the key file
 * but does not hold the database key) is audited at every sign-in until the manager resets
 * that account's passphrase, and a key rotation refuses to seal to it (keyslots.sealNextKey).
 * Slots from a key file written before slots carried a MAC are signed now, once, and audited:
 * from then on they are checked like the rest.
 */
export async function checkKeySlotsAtSignIn(app: Visitdesk): Promise<void> {
  const file = readSlotFile(app.files.keys);
  const { forged, unsigned } = app.withKey((key) => checkSlots(file, key));
  // The key file is written first, as before, and outside the audit's write.
  if (unsigned.length) {
    writeSlotFile(
      app.files.keys,
      app.withKey((key) => signUnsigned(file, key)),
    );
  }
  if (!forged.length && !unsigned.length) return;
  await app.write(async (tx) => {
    if (forged.length) {
      await app.record(tx, {
        action: 'keys.slotForged',
        entity: 'keyslots',
        success: false,
        after: { usernames: forged },
      });
    }
    if (unsigned.length) {
      await app.record(tx, {
        action: 'keys.slotsSigned',
        entity: 'keyslots',
        after: { usernames: unsigned },
      });
    }
  });
}
