import type { HandlerMap } from '../app/handler-types';
import { createAccount, disableAccount, listAccounts, resetPassphrase } from './service';

export const accountHandlers: Pick<
  HandlerMap,
  'accounts:list' | 'accounts:create' | 'accounts:disable' | 'accounts:resetPassphrase'
> = {
  'accounts:list': (_input, { app }) => listAccounts(app),
  'accounts:create': (input, { app }) => createAccount(app, input),
  'accounts:disable': (input, { app }) => disableAccount(app, input.staffId),
  'accounts:resetPassphrase': (input, { app }) => {
    resetPassphrase(app, input);
    return null;
  },
};
