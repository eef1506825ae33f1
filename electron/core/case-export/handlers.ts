import type { caseExportChannels } from '../../shared/channels/case-export';
import type { FeatureHandlers } from '../app/handler-types';
import { exportCaseList } from './service';

export const caseExportHandlers: FeatureHandlers<typeof caseExportChannels> = {
  'cases:export': (input, { app }) => exportCaseList(app, input),
};
