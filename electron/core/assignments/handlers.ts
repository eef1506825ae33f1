import type { assignmentChannels } from '../../shared/channels/assignments';
import type { FeatureHandlers } from '../app/handler-types';
import { requireBorrower } from '../cases/service';
import { branchToday } from '../settings/branch-clock';
import { readImportOfficerRule, setImportOfficerRule } from './import-rule';
import { assignmentHistory, rebalanceVillages, reassignCases } from './service';
import { officerWorkload } from './workload';

export const assignmentHandlers: FeatureHandlers<typeof assignmentChannels> = {
  'assignments:reassign': (input, { app }) => reassignCases(app, input),
  'assignments:rebalance': (input, { app }) => rebalanceVillages(app, input),
  'assignments:history': (input, { app }) => {
    requireBorrower(app.db, input.borrowerId);
    return assignmentHistory(app.db, input.borrowerId);
  },
  'assignments:workload': (input, { app }) => {
    const today = branchToday(app.db, app.now());
    return officerWorkload(app.db, today, input?.month);
  },
  'assignments:importRule': (_input, { app }) => ({ wins: readImportOfficerRule(app.db) }),
  'assignments:setImportRule': (input, { app }) => setImportOfficerRule(app, input.wins),
};
