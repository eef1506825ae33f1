import { z } from 'zod';
import { channel } from '../channel';

/** Long work in the worker thread: whoever started a job may cancel it. */
export const jobChannels = {
  'jobs:cancel': channel(
    z.object({ jobId: z.number().int().positive() }),
    z.object({ cancelled: z.boolean() }),
    'session',
  ),
} as const;
