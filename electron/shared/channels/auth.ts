import { channel, none } from '../channel';
import {
  appStateSchema,
  backupInfo,
  changePassphraseInput,
  emptyInput,
  recoverInput,
  sessionSchema,
  setupInput,
  setupOutput,
  signInInput,
} from '../schemas/foundation';

/**
 * Setting up, signing in and out: the only channels open before sign-in ('public'), with the
 * passphrase change. Restoring the latest backup signs in with it, so it is here too.
 */
export const authChannels = {
  'auth:state': channel(emptyInput, appStateSchema, 'public'),
  'auth:setup': channel(setupInput, setupOutput, 'public'),
  'auth:recover': channel(recoverInput, none, 'public'),
  'auth:restoreLatestBackup': channel(signInInput, backupInfo, 'public'),
  'auth:signIn': channel(signInInput, sessionSchema, 'public'),
  'auth:signOut': channel(emptyInput, none, 'session'),
  'auth:changePassphrase': channel(changePassphraseInput, none, 'self.account'),
} as const;
