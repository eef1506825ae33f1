import type { HandlerMap } from '../app/handler-types';

export const printHandlers: Pick<HandlerMap, 'print:stage' | 'print:job'> = {
  'print:stage': (input, { app }) => ({ jobId: app.printJobs.stage(input.documents) }),
  'print:job': (input, { app }) => ({ documents: app.printJobs.get(input.jobId) }),
};
