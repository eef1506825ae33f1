import type { printChannels } from '../../shared/channels/print';
import type { FeatureHandlers } from '../app/handler-types';

export const printHandlers: FeatureHandlers<typeof printChannels> = {
  'print:stage': (input, { app }) => ({ jobId: app.printJobs.stage(input.documents) }),
  'print:job': (input, { app }) => ({ documents: app.printJobs.get(input.jobId) }),
};
