import type { assignmentChannels } from '../../shared/channels/assignments';
import type { FeatureHandlers } from '../app/handler-types';
import { loadBorrower } from '../cases/service';
import { loadBranchToday } from '../settings/branch-clock';
import { loadImportOfficerRule, setImportOfficerRule } from './import-rule';
import { loadAssignmentHistory, rebalanceVillages, reassignCases } from './service';
import { officerWorkload } from './workload';

export const assignmentHandlers: FeatureHandlers<typeof assignmentChannels> = {
  'assignments:reassign': (input, { app }) => reassignCases(app, input),
  'assignments:rebalance': (input, { app }) => rebalanceVillages(app, input),
  'assignments:history': async (input, { app }) => {
    const db = app.engine.db;
    await loadBorrower(db, input.borrowerId);
    return loadAssignmentHistory(db, input.borrowerId);
  },
  'assignments:workload': async (input, { app }) => {
    const db = app.engine.db;
    return officerWorkload(db, await loadBranchToday(db, app.now()), input?.month);
  },
  'assignments:importRule': async (_input, { app }) => ({
    wins: await loadImportOfficerRule(app.engine.db),
  }),
  'assignments:setImportRule': (input, { app }) => setImportOfficerRule(app, input.wins),
};
