import type { planningChannels } from '../../shared/channels/planning';
import type { FeatureHandlers } from '../app/handler-types';
import { clearElderly, elderlyStatus, restoreElderly } from './elderly';
import { importRoster } from './import-roster';
import { importStaff } from './import-staff';
import { holidaysBetween, readRules, setBranchHoliday, updateRules } from './rules';
import { planRoute } from './route';
import {
  addCertificate,
  addLeave,
  createStaff,
  listStaff,
  removeLeave,
  updateStaff,
} from './staff';
import { getTargets, setTarget } from './targets';
import { calendar, dayRoute } from './visit-read';
import { approveVisit, cancelVisit, getVisit, recordNotice } from './visit-status';
import { checkDraft, planVisit, rescheduleVisit, updateVisit } from './visits';
import { worklist } from './worklist';

/** The spreadsheet a staff or roster import was sent, as the readers take it. */
const sheetOf = (input: { fileName: string; contentBase64: string }) => ({
  name: input.fileName,
  bytes: Buffer.from(input.contentBase64, 'base64'),
});

export const planningHandlers: FeatureHandlers<typeof planningChannels> = {
  'staff:list': (input, { app }) => listStaff(app, input?.includeInactive ?? false),
  'staff:create': (input, { app }) => createStaff(app, input),
  'staff:update': (input, { app }) => updateStaff(app, input),
  'staff:addCertificate': (input, { app }) => addCertificate(app, input),
  'staff:addLeave': (input, { app }) => addLeave(app, input),
  'staff:removeLeave': (input, { app }) => removeLeave(app, input),
  'staff:import': (input, { app }) => importStaff(app, sheetOf(input), input.mode),

  'visits:check': (input, { app }) => checkDraft(app, input),
  'visits:plan': (input, { app }) => planVisit(app, input),
  'visits:get': (input, { app }) => getVisit(app, input.id),
  'visits:update': (input, { app }) => updateVisit(app, input),
  'visits:reschedule': (input, { app }) => rescheduleVisit(app, input),
  'visits:cancel': (input, { app }) => cancelVisit(app, input),
  'visits:approve': (input, { app }) => approveVisit(app, input),
  'visits:recordNotice': (input, { app }) => recordNotice(app, input),
  'visits:calendar': (input, { app }) => calendar(app.db, input),
  'visits:dayRoute': (input, { app }) => dayRoute(app.db, input.date, input.staffIds),
  'visits:planRoute': (input, { app }) => planRoute(app, input),
  'visits:worklist': (input, { app }) => worklist(app, input ?? { limit: 50 }),
  'visits:importRoster': (input, { app }) => importRoster(app, sheetOf(input), input.mode),

  'planning:rules': (_input, { app }) => readRules(app.db),
  'planning:updateRules': (input, { app }) => updateRules(app, input),
  'planning:holidays': (input, { app }) => holidaysBetween(app.db, input.from, input.to),
  'planning:setHoliday': (input, { app }) => setBranchHoliday(app, input),
  'planning:elderly': (input, { app }) => elderlyStatus(app, input.borrowerId),
  'planning:clearElderly': (input, { app }) => clearElderly(app, input),
  'planning:restoreElderly': (input, { app }) => restoreElderly(app, input),

  'targets:get': (input, { app }) => getTargets(app, input.month),
  'targets:set': (input, { app }) => setTarget(app, input),
};
