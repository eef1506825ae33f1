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
export function checkKeySlotsAtSignIn(app: Visitdesk): void {
  const file = readSlotFile(app.files.keys);
  const { forged, unsigned } = app.withKey((key) => checkSlots(file, key));
  if (unsigned.length) {
    writeSlotFile(
      app.files.keys,
      app.withKey((key) => signUnsigned(file, key)),
    );
  }
  if (!forged.length && !unsigned.length) return;
  app.db.transaction(() => {
    if (forged.length) {
      app.audit({
        action: 'keys.slotForged',
        entity: 'keyslots',
        success: false,
        after: { usernames: forged },
      });
    }
    if (unsigned.length) {
      app.audit({ action: 'keys.slotsSigned', entity: 'keyslots', after: { usernames: unsigned } });
    }
  })();
}
