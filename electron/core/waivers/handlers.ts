import type { waiverChannels } from '../../shared/channels/waivers';
import type { FeatureHandlers } from '../app/handler-types';
import { requireSession } from '../app/handler-types';
import { waiverAgreementDocument } from './print';
import { waiverListFor } from './queries';
import { approveWaiver, proposeWaiver, rejectWaiver, withdrawWaiver } from './service';
import { loadWaiverSettings, saveWaiverSettings } from './settings';

export const waiverHandlers: FeatureHandlers<typeof waiverChannels> = {
  'waivers:list': (input, ctx) => waiverListFor(ctx.app, input ?? {}, requireSession(ctx)),
  'waivers:awaitingMe': (_input, ctx) => waiverListFor(ctx.app, 'awaiting', requireSession(ctx)),
  'waivers:propose': (input, { app }) => proposeWaiver(app, input),
  'waivers:approve': (input, { app }) => approveWaiver(app, input),
  'waivers:reject': (input, { app }) => rejectWaiver(app, input),
  'waivers:withdraw': (input, { app }) => withdrawWaiver(app, input),
  'waivers:stageAgreement': async (input, { app }) => ({
    jobId: app.printJobs.stage([await waiverAgreementDocument(app, input.id, input.lang)]),
  }),
  'waivers:settings': (_input, { app }) => loadWaiverSettings(app.engine.db),
  'waivers:saveSettings': (input, { app }) => saveWaiverSettings(app, input),
};
