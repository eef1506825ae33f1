import type { jobChannels } from '../../shared/channels/jobs';
import type { FeatureHandlers } from '../app/handler-types';

export const jobHandlers: FeatureHandlers<typeof jobChannels> = {
  'jobs:cancel': ({ jobId }, { app }) => ({ cancelled: app.cancelJob(jobId) }),
};
