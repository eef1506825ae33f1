import type { complaintChannels } from '../../shared/channels/complaints';
import type { FeatureHandlers } from '../app/handler-types';
import { loadBorrower } from '../cases/service';
import { complaintVisitOptions, loadComplaints } from './repo';
import { closeComplaint, recordComplaintAction, registerComplaint } from './service';
import { loadBranchToday } from '../settings/branch-clock';

export const complaintHandlers: FeatureHandlers<typeof complaintChannels> = {
  'complaints:list': async (input, { app }) => {
    const db = app.engine.db;
    if (input.borrowerId !== undefined) await loadBorrower(db, input.borrowerId);
    return loadComplaints(db, input);
  },
  'complaints:register': (input, { app }) => registerComplaint(app, input),
  'complaints:update': (input, { app }) => recordComplaintAction(app, input),
  'complaints:close': (input, { app }) => closeComplaint(app, input),
  'complaints:visits': async (input, { app }) => {
    const db = app.engine.db;
    await loadBorrower(db, input.borrowerId);
    return complaintVisitOptions(db, input.borrowerId, await loadBranchToday(db, app.now()));
  },
};
