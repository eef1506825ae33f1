import type { HandlerMap } from '../app/handler-types';
import { rotateDatabaseKey } from './rotation';

export const keyHandlers: Pick<HandlerMap, 'keys:rotate'> = {
  'keys:rotate': (input, { app }) => rotateDatabaseKey(app, input.passphrase),
};
