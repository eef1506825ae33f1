import type { HandlerMap } from '../app/handler-types';
import { anonymisationCandidates, anonymiseClosedCases, retentionCutoff } from './anonymise';

export const retentionHandlers: Pick<HandlerMap, 'retention:preview' | 'retention:anonymise'> = {
  'retention:preview': ({ years }, { app }) => {
    const cutoff = retentionCutoff(app.now(), years);
    return { cutoff, candidates: anonymisationCandidates(app.db, cutoff) };
  },
  'retention:anonymise': ({ years, borrowerIds }, { app }) =>
    anonymiseClosedCases(app, years, borrowerIds),
};
