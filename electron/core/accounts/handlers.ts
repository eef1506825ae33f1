import type { accountChannels } from '../../shared/channels/accounts';
import type { FeatureHandlers } from '../app/handler-types';
import { createAccount, disableAccount, listAccounts, resetPassphrase } from './service';

export const accountHandlers: FeatureHandlers<typeof accountChannels> = {
  'accounts:list': (_input, { app }) => listAccounts(app),
  'accounts:create': (input, { app }) => createAccount(app, input),
  'accounts:disable': (input, { app }) => disableAccount(app, input.staffId),
  'accounts:resetPassphrase': async (input, { app }) => {
    await resetPassphrase(app, input);
    return null;
  },
};
