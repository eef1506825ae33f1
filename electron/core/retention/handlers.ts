import type { retentionChannels } from '../../shared/channels/retention';
import type { FeatureHandlers } from '../app/handler-types';
import { anonymisationCandidates, anonymiseClosedCases, retentionCutoff } from './anonymise';

export const retentionHandlers: FeatureHandlers<typeof retentionChannels> = {
  'retention:preview': async ({ years }, { app }) => {
    const cutoff = retentionCutoff(app.now(), years);
    return { cutoff, candidates: await anonymisationCandidates(app.engine.db, cutoff) };
  },
  'retention:anonymise': ({ years, borrowerIds }, { app }) =>
    anonymiseClosedCases(app, years, borrowerIds),
};
