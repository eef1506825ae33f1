import type { recordChannels } from '../../shared/channels/records';
import type { FeatureHandlers } from '../app/handler-types';
import { cashDue, cashHolders, handInCash, handInRow, listHandIns, signOffHandIn } from './cash';
import { evaluateDue } from './evaluate';
import { approvePlan, listPlans, rejectPlan } from './plans';
import { listPromises, recordDraft } from './queries';
import { receiptRow, recordHistory, recordHistoryForVisit } from './read';
import { borrowerRecordViolations } from './recheck';
import { amendVisitRecord, recordVisitOutcome } from './record';
import { previewPlan } from './schedule';
import { loadRecordsSettings, saveRecordsSettings } from './settings';
import { officerTasks } from './tasks';
import { awaitingResults } from './awaiting';

export const recordHandlers: FeatureHandlers<typeof recordChannels> = {
  'records:draft': (input, { app }) => recordDraft(app.engine.db, input.visitId),
  'records:record': (input, { app }) => recordVisitOutcome(app, input),
  'records:amend': (input, { app }) => amendVisitRecord(app, input),
  'records:get': (input, { app }) =>
    'id' in input
      ? recordHistory(app.engine.db, input.id)
      : recordHistoryForVisit(app.engine.db, input.visitId),
  'records:tasks': (input, { app }) => officerTasks(app, input ?? { daysAhead: 7 }),
  'records:awaiting': (input, { app }) => awaitingResults(app, input ?? { limit: 200 }),
  'records:violations': (input, { app }) =>
    borrowerRecordViolations(app.engine.db, input.borrowerId),

  'records:promises': (input, { app }) => listPromises(app.engine.db, input ?? { limit: 100 }),
  'records:evaluatePromises': (input, { app }) => evaluateDue(app, input?.asOf),

  'records:previewPlan': (input, { app }) => previewPlan(app.engine.db, input.borrowerId, input),
  'records:approvePlan': (input, { app }) => approvePlan(app, input),
  'records:rejectPlan': (input, { app }) => rejectPlan(app, input),
  'records:plans': (input, { app }) => listPlans(app.engine.db, input ?? { limit: 100 }),

  'records:receipt': (input, { app }) => receiptRow(app.engine.db, input),

  'records:cashDue': (input, { app }) => cashDue(app, input),
  'records:cashHolders': (_input, { app }) => cashHolders(app),
  'records:handIn': (input, { app }) => handInCash(app, input),
  'records:signOffHandIn': (input, { app }) => signOffHandIn(app, input),
  'records:handIns': (input, { app }) => listHandIns(app, input),
  'records:handInSheet': (input, { app }) => handInRow(app.engine.db, input.id),

  'records:settings': (_input, { app }) => loadRecordsSettings(app.engine.db),
  'records:saveSettings': (input, { app }) => saveRecordsSettings(app, input),
};
