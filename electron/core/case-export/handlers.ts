import type { HandlerMap } from '../app/handler-types';
import { exportCaseList } from './service';

export const caseExportHandlers: Pick<HandlerMap, 'cases:export'> = {
  'cases:export': (input, { app }) => exportCaseList(app, input),
};
