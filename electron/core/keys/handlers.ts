import type { keyChannels } from '../../shared/channels/keys';
import type { FeatureHandlers } from '../app/handler-types';
import { rotateDatabaseKey } from './rotation';

export const keyHandlers: FeatureHandlers<typeof keyChannels> = {
  'keys:rotate': (input, { app }) => rotateDatabaseKey(app, input.passphrase),
};
