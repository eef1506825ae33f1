import type { printChannels } from '../../shared/channels/print';
import type { FeatureHandlers } from '../app/handler-types';
import { requireSession } from '../app/handler-types';
import { monthlyReportDocument } from '../reports/print';
import { handInSheetDocument } from '../records/cash-print';

export const printHandlers: FeatureHandlers<typeof printChannels> = {
  'print:stage': (input, { app }) => ({ jobId: app.printJobs.stage(input.documents) }),
  'print:stageReport': async (input, ctx) => {
    const session = requireSession(ctx);
    const doc = await monthlyReportDocument(ctx.app, input.month, input.lang, session);
    return { jobId: ctx.app.printJobs.stage([doc]) };
  },
  'print:stageHandIn': async (input, ctx) => {
    const session = requireSession(ctx);
    const doc = await handInSheetDocument(ctx.app, input.handInId, input.lang, session);
    return { jobId: ctx.app.printJobs.stage([doc]) };
  },
  'print:job': (input, { app }) => ({ documents: app.printJobs.get(input.jobId) }),
};
