import type { caseChannels } from '../../shared/channels/cases';
import type { FeatureHandlers } from '../app/handler-types';
import { getCasePage, paymentViews } from './case-page';
import { loadDemoBranch } from './demo';
import { childDivisions } from './divisions';
import { listCases } from './list';
import { loadOfficerOptions } from './repo';
import { createBorrower, loadBorrower, updateBorrower } from './service';
import { logContactEvent } from './contact-rules';
import { addAssessment, addContact, addNote, revealField } from './history';
import { loadBranchToday } from '../settings/branch-clock';
import { exitCase, reopenCase } from './exits';
import { readAtOneInstant } from '../db/postgres/snapshot';

export const caseHandlers: FeatureHandlers<typeof caseChannels> = {
  'cases:list': async (input, { app }) =>
    listCases(app, input, input.asOf ?? (await loadBranchToday(app.engine.db, app.now()))),
  // The page's parts are read side by side, at one instant (a payment being recorded at
  // another desk is on the loan and in the timeline, or in neither).
  'cases:get': (input, { app }) =>
    readAtOneInstant(app.engine, 4, async (db) =>
      getCasePage(db, input.borrowerId, input.asOf ?? (await loadBranchToday(db, app.now()))),
    ),
  'cases:create': (input, { app }) => createBorrower(app, input),
  'cases:update': (input, { app }) => updateBorrower(app, input),
  'cases:revealField': (input, { app }) => revealField(app, input),
  'cases:addNote': (input, { app }) => addNote(app, input),
  'cases:addContactEvent': (input, { app }) => logContactEvent(app, input),
  'cases:addContact': (input, { app }) => addContact(app, input),
  'cases:addAssessment': (input, { app }) => addAssessment(app, input),
  'cases:payments': async (input, { app }) => {
    const db = app.engine.db;
    await loadBorrower(db, input.borrowerId);
    return paymentViews(db, input.borrowerId);
  },
  'cases:officers': async (_input, { app }) =>
    (await loadOfficerOptions(app.engine.db, app.engine.kind)).map((o) => ({
      id: o.id,
      staffNo: o.staff_no,
      name: o.name,
      role: o.role,
      cases: Number(o.cases ?? 0),
    })),
  'cases:divisions': (input) => childDivisions(input.parentCode),
  'cases:exit': (input, { app }) => exitCase(app, input),
  'cases:reopen': (input, { app }) => reopenCase(app, input),
  'cases:loadDemo': (_input, { app }) => loadDemoBranch(app),
};
