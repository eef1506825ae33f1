import type { complaintChannels } from '../../shared/channels/complaints';
import type { FeatureHandlers } from '../app/handler-types';
import { requireBorrower } from '../cases/service';
import { complaintVisitOptions, listComplaints } from './repo';
import { closeComplaint, recordComplaintAction, registerComplaint } from './service';
import { branchToday } from '../settings/branch-clock';

export const complaintHandlers: FeatureHandlers<typeof complaintChannels> = {
  'complaints:list': (input, { app }) => {
    if (input.borrowerId !== undefined) requireBorrower(app.db, input.borrowerId);
    return listComplaints(app.db, input);
  },
  'complaints:register': (input, { app }) => registerComplaint(app, input),
  'complaints:update': (input, { app }) => recordComplaintAction(app, input),
  'complaints:close': (input, { app }) => closeComplaint(app, input),
  'complaints:visits': (input, { app }) => {
    requireBorrower(app.db, input.borrowerId);
    return complaintVisitOptions(app.db, input.borrowerId, branchToday(app.db, app.now()));
  },
};
